"""Every Vietnamese string of published answers (hỏi đáp), in one place."""

NOT_ANSWERED = "Chỉ công khai được phản ánh đã có câu trả lời."
NOT_PUBLISHED = "Phản ánh này chưa được công khai."
ANSWER_NOT_FOUND = "Không tìm thấy câu hỏi – trả lời."
PUBLISH_ROLE = "Chỉ lãnh đạo đơn vị hoặc quản trị tỉnh được công khai câu trả lời."
CONTAINS_PERSONAL_DATA = (
    "Nội dung công khai còn chứa thông tin cá nhân của người phản ánh "
    "(họ tên, số điện thoại, email hoặc mã Zalo)."
)
