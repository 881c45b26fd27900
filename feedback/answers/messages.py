"""Every Vietnamese string of published answers (hỏi đáp), in one place."""

NOT_ANSWERED = "Chỉ công khai được phản ánh đã có câu trả lời."
NOT_PUBLISHED = "Phản ánh này chưa được công khai."
ANSWER_NOT_FOUND = "Không tìm thấy câu hỏi – trả lời."
PUBLISH_ROLE = "Chỉ lãnh đạo đơn vị hoặc quản trị tỉnh được công khai câu trả lời."
CONTAINS_PERSONAL_DATA = (
    "Nội dung công khai còn chứa thông tin cá nhân của người phản ánh "
    "(họ tên, số điện thoại, email hoặc mã Zalo)."
)

# Public Q&A pages (/answers/<unit>).
PAGE_TITLE = "Hỏi đáp – {unit}"
PAGE_DESCRIPTION = ("Câu hỏi, phản ánh của người dân và câu trả lời chính thức của {unit}. "
                    "Thông tin cá nhân đã được che.")
PAGE_INTRO = ("Các câu hỏi, phản ánh đã được {unit} trả lời và công khai. Thông tin cá nhân "
              "của người gửi đã được che.")
SEARCH_LABEL = "Tìm câu hỏi"
SEARCH_HINT = "Gõ có dấu hoặc không dấu, ví dụ: đường ngập nước"
SEARCH_BUTTON = "Tìm"
CATEGORY_LABEL = "Lĩnh vực"
CATEGORY_ALL = "Tất cả lĩnh vực"
RESULTS_FOR = "Kết quả tìm kiếm cho “{query}”"
RESULTS_FILTERED = "Kết quả theo lĩnh vực đã chọn"
LATEST = "Mới công khai"
NO_RESULTS = "Không tìm thấy câu hỏi – trả lời phù hợp. Bạn thử từ khóa khác."
NO_ANSWERS = "Chưa có câu trả lời nào được công khai."
CLEAR_SEARCH = "Xem tất cả câu hỏi – trả lời"
NEXT_PAGE = "Trang sau"
PREVIOUS_PAGE = "Trang trước"
PAGES = "Chuyển trang"
PUBLISHED_AT = "Công khai lúc {when}"
QUESTION = "Câu hỏi"
ANSWER = "Trả lời"
BACK_TO_LIST = "Tất cả câu hỏi – trả lời của {unit}"
NOT_FOUND_TITLE = "Không tìm thấy trang"
NOT_FOUND_TEXT = "Không tìm thấy câu hỏi – trả lời hoặc đơn vị hành chính này."
SEND_FEEDBACK = "Muốn gửi phản ánh? Dùng mục phản ánh trên trang của xã, phường hoặc Zalo OA."
