"""Every Vietnamese string of the staff console, in one place (templates read them as ``m``)."""

APP_NAME = "Thông tin cơ sở — Bàn làm việc cán bộ"
SKIP_TO_CONTENT = "Bỏ qua, đến nội dung chính"
NAV_QUEUE = "Phản ánh"
NAV_ADMIN = "Tài khoản cán bộ"
NAV_PASSWORD = "Đổi mật khẩu"
LOGOUT = "Đăng xuất"
SIGNED_IN_AS = "Đang đăng nhập:"

# Sign-in
LOGIN_TITLE = "Đăng nhập"
USERNAME = "Tên đăng nhập"
PASSWORD = "Mật khẩu"
LOGIN_BUTTON = "Đăng nhập"
LOGIN_REQUIRED = "Vui lòng đăng nhập để tiếp tục."
SESSION_EXPIRED = "Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại."
LOGGED_OUT = "Bạn đã đăng xuất."
CSRF_FAILED = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại."
PASSWORD_TITLE = "Đổi mật khẩu"
PASSWORD_MUST_CHANGE = "Bạn đang dùng mật khẩu một lần. Vui lòng đặt mật khẩu mới để tiếp tục."
PASSWORD_CURRENT = "Mật khẩu hiện tại"
PASSWORD_NEW = "Mật khẩu mới (ít nhất 10 ký tự, có chữ và số)"
PASSWORD_CONFIRM = "Nhập lại mật khẩu mới"
PASSWORD_MISMATCH = "Hai lần nhập mật khẩu mới không khớp."
PASSWORD_WRONG = "Mật khẩu hiện tại không đúng."
PASSWORD_CHANGED = "Đã đổi mật khẩu."
SAVE = "Lưu"

# Queue
QUEUE_TITLE = "Danh sách phản ánh"
SCOPE_LABELS = {
    "province_admin": "Toàn tỉnh",
    "commune_leader": "Toàn xã, phường",
    "officer": "Cơ quan của tôi",
    "viewer": "Đơn vị của tôi (chỉ xem)",
}
FILTERS = "Bộ lọc"
FILTER_STATUS = "Trạng thái"
FILTER_OPEN = "Đang chờ xử lý"
FILTER_ALL = "Tất cả"
FILTER_CATEGORY = "Lĩnh vực"
FILTER_CHANNEL = "Kênh gửi"
FILTER_OFFICE = "Cơ quan"
FILTER_OVERDUE = "Quá hạn"
FILTER_DUE_WEEK = "Đến hạn trong tuần"
FILTER_SEARCH = "Tìm kiếm (gõ có dấu hoặc không dấu)"
FILTER_RECEIVED_FROM = "Tiếp nhận từ ngày"
FILTER_RECEIVED_TO = "Tiếp nhận đến ngày"
NAV_STATS = "Thống kê"
FILTER_APPLY = "Lọc"
FILTER_RESET = "Bỏ lọc"
FILTER_INVALID = "Bộ lọc không hợp lệ, đã hiển thị danh sách mặc định."
COUNTS = "Số lượng theo trạng thái"
TOTAL = "Tổng"
EMPTY_QUEUE = "Không có phản ánh nào phù hợp."
NEXT_PAGE = "Trang sau"
FIRST_PAGE = "Về trang đầu"
COL_CODE = "Mã"
COL_TITLE = "Nội dung"
COL_CATEGORY = "Lĩnh vực"
COL_OFFICE = "Cơ quan"
COL_STATUS = "Trạng thái"
COL_DUE = "Hạn xử lý"
BADGE_OVERDUE = "Quá hạn"
BADGE_DUE_SOON = "Sắp đến hạn"
BADGE_MERGED = "Đã gộp"
CHANNEL_LABELS = {
    "web": "Trang web", "widget": "Tiện ích trên cổng xã", "api": "API", "zalo": "Zalo OA",
    "miniapp": "Zalo Mini App", "open311": "Open311", "staff": "Cán bộ nhập",
}

# Detail
BACK_TO_QUEUE = "← Danh sách"
DESCRIPTION = "Nội dung phản ánh"
IMAGES = "Hình ảnh"
IMAGE_ALT = "Ảnh người dân gửi kèm"
LOCATION = "Vị trí"
COORDINATES = "Tọa độ"
OPEN_MAP = "Xem trên bản đồ (OpenStreetMap)"
ADDRESS = "Địa chỉ"
NO_LOCATION = "Người dân không gửi vị trí."
CONTACT = "Người phản ánh"
CONTACT_NAME = "Họ tên"
CONTACT_PHONE = "Điện thoại"
CONTACT_EMAIL = "Email"
CONTACT_ANONYMOUS = "Phản ánh ẩn danh."
CONTACT_HIDDEN = "Vai trò của bạn không được xem thông tin liên hệ."
DETAILS = "Thông tin"
CATEGORY = "Lĩnh vực"
OFFICE = "Cơ quan xử lý"
UNIT = "Đơn vị"
CHANNEL = "Kênh gửi"
STATUS = "Trạng thái"
RECEIVED_AT = "Tiếp nhận lúc"
DUE_AT = "Hạn xử lý"
MERGED_INTO = "Đã gộp vào phản ánh"
PUBLIC_ANSWER = "Câu trả lời công khai"
RATING = "Đánh giá của người dân"
EXTENSION_PENDING = "Đề nghị gia hạn đến {due}: {reason}"
TIMELINE = "Diễn biến xử lý"
INTERNAL = "nội bộ"
SYSTEM_ACTOR = "hệ thống"
CITIZEN_ACTOR = "người dân"
ACTIONS = "Xử lý"
NO_ACTIONS = "Không có thao tác nào cho trạng thái hiện tại hoặc vai trò của bạn."
DONE = "Đã cập nhật: {action}."

# Action forms
ACCEPT = "Thụ lý"
REFUSE = "Không thụ lý"
REFUSE_REASON = "Lý do (chọn mẫu hoặc tự nhập)"
REFUSE_CUSTOM = "Lý do khác"
CHOOSE = "— Chọn —"
ASSIGN = "Giao xử lý"
ASSIGN_OFFICE = "Giao cho cơ quan"
KEEP_OFFICE = "Giữ cơ quan hiện tại"
TRANSFER = "Chuyển cơ quan khác"
TRANSFER_OFFICE = "Chuyển đến"
REASON = "Lý do"
START = "Bắt đầu xử lý"
PROGRESS_NOTE = "Ghi chú tiến độ (người dân xem được)"
PROGRESS = "Cập nhật tiến độ"
EXTENSION = "Đề nghị gia hạn"
EXTENSION_DATE = "Hạn mới"
EXTENSION_APPROVE = "Duyệt gia hạn"
EXTENSION_REJECT = "Không duyệt gia hạn"
ANSWER = "Trả lời"
ANSWER_TEMPLATE = "Mẫu trả lời"
ANSWER_TEXT = "Nội dung trả lời công khai"
INTERNAL_NOTE = "Ghi chú nội bộ (không công khai)"
PREVIEW = "Xem trước"
PREVIEW_TITLE = "Xem trước câu trả lời (đã che thông tin cá nhân)"
PREVIEW_HELP = "Người dân và các kênh công khai sẽ thấy đúng nội dung dưới đây."
PUBLISH = "Gửi câu trả lời"
EDIT = "Sửa lại"
CLOSE = "Kết thúc"
REOPEN = "Mở lại"
MERGE = "Gộp vào phản ánh khác"
MERGE_TARGET = "Mã phản ánh gộp vào (ví dụ ABCD-EFGH)"
BAD_DATE = "Ngày không hợp lệ."

# Built-in refusal reasons (added to the database templates of kind "refuse").
REFUSE_REASONS = (
    "Nội dung không thuộc thẩm quyền giải quyết của cấp xã; đề nghị gửi đến cơ quan có "
    "thẩm quyền.",
    "Nội dung phản ánh không rõ ràng, không đủ thông tin để xác minh.",
    "Nội dung đã được giải quyết trước đây, không có tình tiết mới.",
    "Nội dung không phải là phản ánh, kiến nghị về hành chính.",
)

# Administration
ADMIN_TITLE = "Tài khoản cán bộ"
ADMIN_CREATE = "Tạo tài khoản"
ADMIN_ROLE = "Vai trò"
ADMIN_UNIT = "Đơn vị (mã)"
ADMIN_OFFICE = "Cơ quan (với cán bộ xử lý)"
ADMIN_NO_OFFICE = "— Không —"
ADMIN_FULL_NAME = "Họ tên"
ADMIN_CREATED = "Đã tạo tài khoản {username}."
ADMIN_ONE_TIME = "Mật khẩu dùng một lần của {username} (chỉ hiện một lần, hãy trao trực tiếp):"
ADMIN_RESET = "Đặt lại mật khẩu"
ADMIN_RESET_DONE = "Đã đặt lại mật khẩu của {username}."
ADMIN_TOKENS = "Mã truy cập API"
ADMIN_TOKEN_CREATED = "Tạo lúc"
ADMIN_TOKEN_REVOKED = "Thu hồi lúc"
ADMIN_TOKEN_ACTIVE = "Đang dùng"
ADMIN_REVOKE = "Thu hồi"
ADMIN_REVOKE_ALL = "Thu hồi tất cả"
ADMIN_REVOKED = "Đã thu hồi {n} mã truy cập."
ADMIN_NO_TOKENS = "Chưa có mã truy cập."
ADMIN_LOCKED = "Tạm khóa đến {until}"
ADMIN_LAST_LOGIN = "Đăng nhập gần nhất"
ADMIN_NEVER = "Chưa đăng nhập"
ADMIN_ONLY = "Chỉ quản trị tỉnh được quản lý tài khoản."
ROLE_LABELS = {
    "province_admin": "Quản trị tỉnh",
    "commune_leader": "Lãnh đạo xã, phường",
    "officer": "Cán bộ xử lý",
    "viewer": "Người xem",
}

# Error pages
ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền",
    404: "Không tìm thấy",
    429: "Quá nhiều yêu cầu",
}
ERROR_TEXT = {
    400: "Yêu cầu không hợp lệ.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy nội dung, hoặc nội dung không thuộc phạm vi của bạn.",
    429: "Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.",
}

# Consultations on drafts (moderation pages)
NAV_CONSULTATIONS = "Góp ý dự thảo"
CONSULTATIONS_TITLE = "Dự thảo lấy ý kiến"
CONSULTATIONS_EMPTY = "Chưa có dự thảo nào trong phạm vi của bạn."
CONSULTATION_WINDOW = "Góp ý từ {opens} đến {closes}"
CONSULTATION_COMMENTS = "{n} ý kiến"
CONSULTATION_NOT_ANNOUNCED = "Chưa công khai (thông báo lấy ý kiến chưa được duyệt, đăng)"
BACK_TO_CONSULTATIONS = "← Danh sách dự thảo"
COMMENTS_TITLE = "Ý kiến người dân"
COMMENTS_EMPTY = "Chưa có ý kiến nào."
COMMENT_ON = "Góp ý cho"
COMMENT_PUBLIC_TEXT = "Bản công khai (đã che thông tin cá nhân)"
COMMENT_CONTACT = "Liên hệ"
COMMENT_ANONYMOUS = "Ẩn danh"
COMMENT_HIDDEN = "Đã ẩn"
COMMENT_HIDDEN_BY = "Ẩn bởi {by} lúc {at}. Lý do: {reason}"
COMMENT_HIDE = "Ẩn ý kiến"
COMMENT_HIDE_REASON = "Lý do ẩn (bắt buộc, được lưu lại)"
COMMENT_RESTORE = "Hiển thị lại"
COMMENT_TAGS = "Nhãn (cách nhau bằng dấu phẩy)"
COMMENT_TAGS_SAVE = "Lưu nhãn"
COMMENT_HIDDEN_DONE = "Đã ẩn ý kiến."
COMMENT_RESTORED_DONE = "Đã hiển thị lại ý kiến."
COMMENT_TAGS_DONE = "Đã lưu nhãn."
CHANNEL_LABEL = "Kênh"
# Personal data (rights requests, contact-access log)
NAV_PRIVACY = "Yêu cầu dữ liệu cá nhân"
NAV_ACCESS_LOG = "Nhật ký xem liên hệ"
CONTACT_RESTRICTED = ("Người phản ánh đã yêu cầu hạn chế xử lý: thông tin liên hệ không được "
                      "hiển thị hay sử dụng.")
CONTACT_ERASED = "Thông tin liên hệ đã được xóa ({when})."
CONTACT_LOGGED = "Việc xem thông tin liên hệ được ghi vào nhật ký."
PRIVACY_TITLE = "Yêu cầu về dữ liệu cá nhân"
PRIVACY_EMPTY = "Không có yêu cầu nào phù hợp."
PRIVACY_OPEN = "Đang chờ thực hiện"
PRIVACY_FEEDBACK = "Phản ánh"
PRIVACY_KIND = "Loại yêu cầu"
PRIVACY_CHANNEL = "Nhận qua"
PRIVACY_RECEIVED = "Nhận lúc"
PRIVACY_ACK_DUE = "Hạn xác nhận"
PRIVACY_DUE = "Hạn thực hiện"
PRIVACY_ACKNOWLEDGED = "Đã xác nhận lúc"
PRIVACY_COMPLETED = "Kết thúc lúc"
PRIVACY_EXTENDED = "Đã gia hạn: {reason}"
PRIVACY_REFUSED = "Lý do không thực hiện: {reason}"
PRIVACY_NOTE = "Ghi chú của người yêu cầu"
PRIVACY_CORRECTION = "Thông tin mới người dân đề nghị"
PRIVACY_CURRENT = "Thông tin hiện có"
PRIVACY_REDACT = "Xóa cả ảnh đính kèm"
PRIVACY_RESULT = "Kết quả"
PRIVACY_BADGES = {"overdue": "Quá hạn thực hiện", "ack_overdue": "Quá hạn xác nhận"}
PRIVACY_EFFECTS = {
    "access": "Cho phép người dân xem dữ liệu bằng mã yêu cầu và mã bí mật.",
    "export": "Cho phép người dân tải bản sao dữ liệu (JSON) bằng mã yêu cầu và mã bí mật.",
    "correct": "Thay thông tin liên hệ bằng thông tin mới ở trên.",
    "restrict": "Ẩn và ngừng sử dụng thông tin liên hệ (không gọi, không nhắn tin).",
    "withdraw": "Xóa họ tên, số điện thoại, email đã cho theo sự đồng ý; giữ bằng chứng "
                "đồng ý.",
    "delete": "Xóa vĩnh viễn họ tên, số điện thoại, email, mã Zalo và các chỗ chúng xuất hiện "
              "trong nội dung, chỉ mục tìm kiếm và câu trả lời công khai. Không thể hoàn tác.",
}
PRIVACY_ACKNOWLEDGE = "Xác nhận đã nhận yêu cầu"
PRIVACY_COMPLETE = "Thực hiện yêu cầu"
PRIVACY_REFUSE = "Không thực hiện (nêu lý do)"
PRIVACY_EXTEND = "Gia hạn một lần (15 ngày, nêu lý do)"
PRIVACY_CONFIRM_DELETE = "Tôi hiểu việc xóa là vĩnh viễn"
PRIVACY_CONFIRM_NEEDED = "Vui lòng đánh dấu xác nhận trước khi xóa dữ liệu."
PRIVACY_NEW = "Ghi nhận yêu cầu về dữ liệu cá nhân (người dân đến trực tiếp, đã xác minh)"
PRIVACY_NEW_BUTTON = "Ghi nhận yêu cầu"
PRIVACY_CREATED = ("Đã ghi nhận yêu cầu {code}. Mã bí mật để người dân theo dõi (chỉ hiện một "
                   "lần): {token}")
PRIVACY_LOOKUP = "Mã tra cứu mới của phản ánh (trao cho người dân, chỉ hiện một lần): {token}"
LOG_TITLE = "Nhật ký xem thông tin liên hệ"
LOG_STAFF = "Cán bộ"
LOG_ITEM = "Phản ánh"
LOG_SURFACE = "Nơi xem"
LOG_AT = "Thời điểm"
LOG_EMPTY = "Chưa có lượt xem nào."
LOG_OLDER = "Cũ hơn →"
LOG_FILTER_ITEM = "Lọc theo phản ánh"
