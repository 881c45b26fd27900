"""Every Vietnamese string of the consultations package (API, notice, deliveries, widget)."""

STATUS_LABELS = {
    "planned": "Sắp lấy ý kiến",
    "open": "Đang lấy ý kiến",
    "closed": "Đã hết hạn góp ý, đang tổng hợp",
    "summary_published": "Đã công bố kết quả tiếp thu",
}
DECISION_LABELS = {
    "accepted": "Tiếp thu",
    "partly_accepted": "Tiếp thu một phần",
    "not_accepted": "Không tiếp thu",
    "explained": "Giải trình",
}
CHANNEL_LABELS = {
    "web": "Trang thông tin điện tử",
    "widget": "Tiện ích trên trang của xã",
    "api": "Ứng dụng khác (API)",
    "miniapp": "Zalo Mini App",
    "zalo": "Zalo OA (trò chuyện)",
}
WHOLE_DRAFT = "Toàn bộ dự thảo"
SECTION_LABEL = "Điều {n}"

# --- errors ----------------------------------------------------------------------------------
NOT_FOUND = "Không tìm thấy dự thảo lấy ý kiến."
COMMENT_NOT_FOUND = "Không tìm thấy ý kiến góp ý."
ATTACHMENT_NOT_FOUND = "Không tìm thấy tệp đính kèm."
READ_ONLY = "Vai trò của bạn chỉ được xem."
NOT_YOUR_UNIT = "Bạn chỉ được lấy ý kiến cho đơn vị của mình."
SUMMARY_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được công bố kết quả tiếp thu."
TARGET_OUTSIDE = "Đơn vị được lấy ý kiến phải thuộc phạm vi của đơn vị chủ trì."
TARGET_UNKNOWN = "Không tìm thấy đơn vị: {code}."
OFFICE_WRONG_UNIT = "Cơ quan chủ trì phải thuộc đơn vị lấy ý kiến."
CLOSES_BEFORE_OPENS = "Thời điểm kết thúc góp ý phải sau thời điểm bắt đầu."
WINDOW_PASSED = "Thời hạn góp ý đã qua, không thể thông báo lấy ý kiến."
SECTIONS_REQUIRED = "Dự thảo cần ít nhất một điều, mục."
ALREADY_ANNOUNCED = "Dự thảo đã được thông báo lấy ý kiến, không sửa được nữa."
ANNOUNCE_TWICE = "Dự thảo đã được gửi thông báo lấy ý kiến."
REASON_REQUIRED = "Vui lòng nêu lý do ẩn ý kiến."
ALREADY_HIDDEN = "Ý kiến này đã bị ẩn."
NOT_HIDDEN = "Ý kiến này đang hiển thị."
COMMENTS_REQUIRED = "Chọn ít nhất một ý kiến để trả lời."
COMMENTS_OTHER = "Có ý kiến không thuộc dự thảo này: {ids}."
SUMMARY_NOT_CLOSED = "Chỉ công bố kết quả tiếp thu sau khi hết thời gian góp ý."
SUMMARY_DONE = "Kết quả tiếp thu đã được công bố."
SUMMARY_EMPTY = "Vui lòng nhập nội dung kết quả tiếp thu."
TAG_INVALID = "Nhãn gồm 1–40 ký tự."
ATTACHMENT_TYPE = "Tệp đính kèm phải là PDF, DOCX, JPEG, PNG hoặc WebP."
ATTACHMENT_TOO_LARGE = "Mỗi tệp tối đa {mb} MB."
ATTACHMENT_REQUIRED = "Vui lòng chọn một tệp (trường file)."
MULTIPART_REQUIRED = "Tệp gửi bằng multipart/form-data."
TOO_MANY_ATTACHMENTS = "Tối đa {n} tệp cho một dự thảo."
BAD_PAGE = "Tham số phân trang không hợp lệ."

# Comments: the window and the rules shared with feedback (identity, consent).
NOT_OPEN_YET = ("Dự thảo chưa mở góp ý. Thời gian góp ý từ {opens} đến {closes}.")
WINDOW_CLOSED = ("Đã hết thời gian góp ý cho dự thảo này (kết thúc lúc {closes}). "
                 "Cảm ơn bạn đã quan tâm; kết quả tiếp thu sẽ được công bố công khai.")
SECTION_UNKNOWN = "Dự thảo không có điều, mục số {n}."
ANONYMOUS_WITH_CONTACT = "Góp ý ẩn danh không kèm thông tin liên hệ."
CONTACT_REQUIRED = "Vui lòng cho biết họ tên và số điện thoại hoặc email, hoặc chọn gửi ẩn danh."
NAME_REQUIRED = "Vui lòng cho biết họ tên."
CONSENT_REQUIRED = (
    "Cần sự đồng ý xử lý dữ liệu cá nhân (mục đích và phiên bản chính sách) "
    "khi gửi thông tin liên hệ."
)
PHONE_INVALID = "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc +84 912 345 678."
COMMENT_THANKS = ("Cảm ơn bạn đã góp ý. Ý kiến đã được ghi nhận và sẽ được tổng hợp, "
                  "trả lời khi công bố kết quả tiếp thu.")

# --- the announcement notice ---------------------------------------------------------------------
NOTICE_TITLE = "Lấy ý kiến người dân: {title}"
NOTICE_SUMMARY = "Mời người dân góp ý dự thảo “{title}” từ {opens} đến {closes}."
NOTICE_WINDOW = "Thời gian góp ý: từ {opens} đến {closes}."
NOTICE_OFFICE = "Cơ quan chủ trì: {office}."
NOTICE_SECTIONS = "Dự thảo gồm:"
NOTICE_HOW = (
    "Cách góp ý: tại mục “Góp ý dự thảo” trên trang thông tin điện tử của xã, phường; "
    "trên Zalo Mini App; hoặc nhắn “góp ý dự thảo” tới Zalo OA của chính quyền. "
    "Có thể góp ý cho cả dự thảo hoặc cho từng điều."
)

# --- the summary, sent to every commenter on their channel --------------------------------------
SUMMARY_MESSAGE = ("Kết quả tiếp thu ý kiến về dự thảo “{title}”: {summary}\n"
                   "Cảm ơn bạn đã góp ý. Xem đầy đủ: {url}")

# The widget's "Góp ý dự thảo" tab is part of the notices widget: its strings live with the
# widget's in ``notices.messages.WIDGET`` (keys ``dt…``).
