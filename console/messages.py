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
SESSION_EXPIRED = "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."
SESSION_ENDED = "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại."
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
BADGE_EXTENSION = "Chờ duyệt gia hạn"
EXTENSIONS_WAITING = "Có {n} đề nghị gia hạn đang chờ bạn duyệt — xem danh sách"
EXTENSION_FILTER_ON = "Đang xem các phản ánh có đề nghị gia hạn chờ duyệt."
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
ASSIGN_HELP = ("Giao cho một cán bộ của {office}. Đây là việc nội bộ, người dân không nhận "
               "thông báo; để chuyển sang cơ quan khác, dùng “Chuyển cơ quan khác”.")
ASSIGN_OFFICER = "Cán bộ xử lý"
ASSIGN_NOBODY = "— Chưa chọn cán bộ (cơ quan tự phân công) —"
ASSIGNEE = "Cán bộ được giao"
TRANSFER = "Chuyển cơ quan khác"
TRANSFER_OFFICE = "Chuyển đến"
REASON = "Lý do"
START = "Bắt đầu xử lý"
PROGRESS_NOTE = "Ghi chú tiến độ (người dân xem được)"
PROGRESS = "Cập nhật tiến độ"
EXTENSION = "Đề nghị gia hạn"
EXTENSION_DATE = "Hạn mới"
EXTENSION_WAITING = "Đang chờ lãnh đạo xã, phường duyệt."
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
ADMIN_UNLOCK = "Mở khóa đăng nhập"
ADMIN_UNLOCK_HELP = ("Đăng nhập sai nhiều lần chỉ làm chậm thiết bị đã nhập sai; mở khóa để "
                     "người dùng thử lại ngay từ mọi thiết bị.")
ADMIN_UNLOCKED = "Đã mở khóa đăng nhập cho {username}."
ADMIN_SESSIONS = "Phiên đăng nhập đang mở"
ADMIN_SESSION_STARTED = "Đăng nhập lúc"
ADMIN_SESSION_SEEN = "Hoạt động gần nhất"
ADMIN_SESSION_EXPIRES = "Hết hạn lúc"
ADMIN_NO_SESSIONS = "Không có phiên đăng nhập nào đang mở."
ADMIN_END_SESSIONS = "Kết thúc mọi phiên đăng nhập"
ADMIN_SESSIONS_ENDED = "Đã kết thúc {n} phiên đăng nhập."
ADMIN_DISABLE = "Khóa tài khoản"
ADMIN_ENABLE = "Mở lại tài khoản"
ADMIN_DISABLED = ("Đã khóa tài khoản {username}: các phiên đăng nhập đã kết thúc, mã truy cập "
                  "API ngừng hoạt động.")
ADMIN_ENABLED = "Đã mở lại tài khoản {username}."
ADMIN_INACTIVE = "Tài khoản đang bị khóa"
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
NAV_APPOINTMENTS = "Lịch hẹn một cửa"
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
COMMENT_CONTACT_HIDDEN = "(chỉ cán bộ xử lý và lãnh đạo được xem)"
COMMENT_CONTACT_ERASED_MARK = "đã xóa theo quy định bảo vệ dữ liệu cá nhân"
COMMENT_ERASE = "Xóa thông tin liên hệ (theo yêu cầu của người góp ý)"
COMMENT_ERASE_CONFIRM = ("Tôi đã xác minh người yêu cầu; xóa thông tin liên hệ ở ý kiến này và "
                         "các ý kiến khác cùng số điện thoại, thư điện tử, tài khoản Zalo.")
COMMENT_CONTACT_ERASED = "Đã xóa thông tin liên hệ ở {n} ý kiến."
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
LOG_COMMENT = "Ý kiến góp ý #{id}"
LOG_SURFACE = "Nơi xem"
LOG_AT = "Thời điểm"
LOG_EMPTY = "Chưa có lượt xem nào."
LOG_OLDER = "Cũ hơn →"
LOG_FILTER_ITEM = "Lọc theo phản ánh"

# Notices (thông tin thiết yếu): list, form, detail. Labels of statuses, categories,
# priorities and risk levels, and the service's refusals, are notices.messages'.
NAV_NOTICES = "Thông báo"
NAV_FACTCHECK = "Tin giả"
NOTICES_TITLE = "Thông tin thiết yếu"
NOTICES_EMPTY = "Không có thông báo nào phù hợp."
NOTICE_NEW = "Soạn thông báo mới"
NOTICE_NEW_TITLE = "Soạn thông báo mới (bản nháp)"
NOTICE_EDIT_TITLE = "Sửa bản nháp"
NOTICE_CORRECT_TITLE = "Đính chính thông báo đang đăng"
NOTICE_CORRECT_HELP = ("Bản đính chính là một phiên bản mới, bắt đầu là bản nháp và cần được "
                       "duyệt. Bản đang đăng giữ nguyên cho đến khi bản đính chính được đăng; "
                       "sau đó cán bộ vẫn xem được bản cũ.")
BACK_TO_NOTICES = "← Danh sách thông báo"
BACK_TO_NOTICE = "← Quay lại thông báo"
NOTICE_UNIT = "Đơn vị đăng"
NOTICE_TITLE = "Tiêu đề"
NOTICE_SUMMARY = "Tóm tắt (hiện trên bảng tin, tiện ích và Zalo)"
NOTICE_BODY = "Nội dung"
NOTICE_BODY_HELP = ("Gõ như văn bản thường: để một dòng trống giữa hai đoạn văn; xuống dòng "
                    "được giữ nguyên; dòng bắt đầu bằng dấu gạch ngang và dấu cách (“- ”) là "
                    "một ý trong danh sách. Bấm “Xem trước nội dung” để xem nội dung sẽ hiện "
                    "ra thế nào trước khi lưu.")
NOTICE_PREVIEW = "Xem trước nội dung"
NOTICE_PREVIEW_TITLE = "Xem trước: nội dung sẽ hiện như sau"
NOTICE_PREVIEW_EMPTY = "Chưa có nội dung để xem trước."
NOTICE_PREVIEW_NOT_SAVED = "Bản xem trước chưa được lưu. Bấm “{save}” để lưu."
NOTICE_CATEGORY = "Loại thông tin"
NOTICE_PRIORITY = "Mức độ"
NOTICE_PRIORITY_HELP = ("Thông báo khẩn cấp được hiển thị nổi bật, chiếm toàn màn hình bảng "
                        "tin và phát cảnh báo CAP.")
NOTICE_RISK = "Cấp độ rủi ro thiên tai"
NOTICE_RISK_NONE = "— Không —"
NOTICE_RISK_HELP = "Chỉ dùng cho loại “Thiên tai, cháy nổ, dịch bệnh, sự cố”."
NOTICE_TARGETS = "Đơn vị nhận"
NOTICE_TARGETS_HELP = ("Để trống: gửi cho chính đơn vị đăng (thông báo của tỉnh đến mọi xã, "
                       "phường của tỉnh). Thông báo của xã, phường chỉ gửi cho xã, phường đó.")
NOTICE_PUBLISH_AT = "Thời điểm đăng"
NOTICE_PUBLISH_AT_HELP = "Để trống: đăng ngay khi được duyệt."
NOTICE_EXPIRES_AT = "Hết hiệu lực lúc"
NOTICE_EXPIRES_AT_HELP = "Để trống: không tự hết hiệu lực."
NOTICE_SAVE_DRAFT = "Lưu bản nháp"
NOTICE_SAVE_CORRECTION = "Tạo bản đính chính"
NOTICE_FORM_INVALID = "Vui lòng sửa các mục được đánh dấu bên dưới."
NOTICE_CREATED = "Đã lưu bản nháp."
NOTICE_SAVED = "Đã lưu thay đổi."
NOTICE_CORRECTION_CREATED = "Đã tạo bản đính chính (phiên bản {version}), đang là bản nháp."
NOTICE_DONE = "Đã {action} thông báo."
NOTICE_COL_UNIT = "Đơn vị"
NOTICE_COL_PUBLISH = "Đăng lúc"
NOTICE_VERSION = "Phiên bản {n}"
NOTICE_OLD_VERSION = "Bạn đang xem một phiên bản cũ. Phiên bản mới nhất:"
NOTICE_IMAGES = "Hình ảnh"
NOTICE_IMAGE_ADD = "Thêm ảnh (JPEG, PNG hoặc WebP)"
NOTICE_IMAGE_ALT = "Mô tả ảnh (cho người khiếm thị)"
NOTICE_IMAGE_UPLOAD = "Tải ảnh lên"
NOTICE_IMAGE_ADDED = "Đã thêm ảnh."
NOTICE_DETAILS = "Thông tin"
NOTICE_AUTHOR = "Người soạn"
NOTICE_APPROVER = "Người duyệt"
NOTICE_CREATED_AT = "Soạn lúc"
NOTICE_SUBMITTED_AT = "Gửi duyệt lúc"
NOTICE_APPROVED_AT = "Duyệt lúc"
NOTICE_PUBLISHED_AT = "Đã đăng lúc"
NOTICE_VERIFICATION_CODE = "Mã xác minh"
NOTICE_PRINTABLE = "Trang in A4 (PDF, có mã QR)"
NOTICE_ENDED_AT = "Kết thúc lúc"
NOTICE_WITHDRAW_REASON = "Lý do thu hồi"
NOTICE_NOT_SET = "Chưa đặt"
NOTICE_ACTIONS = "Thao tác"
NOTICE_NO_ACTIONS = "Không có thao tác nào cho trạng thái hiện tại hoặc vai trò của bạn."
NOTICE_EDIT = "Sửa bản nháp"
NOTICE_SUBMIT = "Gửi duyệt"
NOTICE_APPROVE = "Duyệt"
NOTICE_APPROVE_AT = "Hẹn giờ đăng (để trống: theo giờ đã đặt, hoặc đăng ngay)"
NOTICE_REJECT = "Trả lại người soạn"
NOTICE_REJECT_REASON = "Lý do trả lại (bắt buộc)"
NOTICE_WITHDRAW = "Thu hồi"
NOTICE_WITHDRAW_REASON_FIELD = "Lý do thu hồi (bắt buộc, được lưu lại)"
NOTICE_CORRECT = "Đính chính"
NOTICE_VERSIONS = "Các phiên bản"
NOTICE_CURRENT = "đang xem"
NOTICE_HISTORY = "Lịch sử"
NOTICE_EVENT_LABELS = {
    "create": "Soạn bản nháp", "update": "Sửa bản nháp", "add_image": "Thêm ảnh",
    "submit": "Gửi duyệt", "reject": "Trả lại người soạn", "approve": "Duyệt",
    "publish": "Đăng", "withdraw": "Thu hồi", "expire": "Hết hiệu lực",
    "correct": "Tạo bản đính chính", "superseded": "Được thay bằng bản đính chính",
    "receive": "Nhận từ hệ thống thông tin nguồn",
}
NOTICE_DELIVERIES = "Đã gửi đi đâu"
NOTICE_DELIVERIES_EMPTY = "Chưa có lượt gửi nào qua các kênh (Zalo, hệ thống thông tin nguồn…)."
NOTICE_DELIVERIES_TOTAL = "Tổng số lượt gửi: {n}"
NOTICE_DELIVERY_CHANNEL = "Kênh"
NOTICE_DELIVERY_STATUS = "Trạng thái"
NOTICE_DELIVERY_COUNT = "Số lượt"
NOTICE_DELIVERY_CHANNELS = {
    "zalo": "Zalo OA",
    "source_system": "Hệ thống thông tin nguồn",
}
NOTICE_SURFACES = "Hiển thị công khai"
NOTICE_SURFACES_HELP = ("Khi đang đăng, thông báo hiện trên tiện ích của cổng thông tin, bảng "
                        "tin điện tử và nguồn tin Atom của các đơn vị nhận:")
NOTICE_SURFACE_BOARD = "Bảng tin"
NOTICE_SURFACE_FEED = "Nguồn tin Atom"
NOTICE_CAP_ALERTS = "Cảnh báo CAP đã phát"
NOTICE_CAP_TYPES = {"Alert": "Cảnh báo", "Update": "Cập nhật", "Cancel": "Hủy bỏ"}
NOTICE_IMAGE_REQUIRED = "Vui lòng chọn một ảnh."

# Messages to citizens and staff (outbox deliveries)
NAV_UNDELIVERED = "Tin chưa đến người dân"
NAV_REMINDERS = "Nhắc việc"
UNDELIVERED_TITLE = "Tin nhắn chưa đến được người dân"
UNDELIVERED_HELP = ("Các tin (biên nhận, cập nhật, trả lời) đã thử mọi cách liên lạc người dân "
                    "chọn mà không gửi được. Hãy liên hệ người dân bằng cách khác nếu cần.")
UNDELIVERED_TOTAL = "Tổng cộng: {n} tin."
UNDELIVERED_EMPTY = "Không có tin nào bị lỗi gửi."
REMINDERS_TITLE = "Nhắc việc"
REMINDERS_HELP = "Nhắc hạn xử lý, phản ánh quá hạn và báo cáo tháng gửi cho bạn."
REMINDERS_EMPTY = "Chưa có nhắc việc nào."
REMINDER_EMAIL = "Email"
DELIVERIES = "Tin nhắn gửi người dân"
DELIVERIES_EMPTY = "Chưa có tin nhắn nào."
DELIVERY_REASON = "Lý do"
DELIVERY_ATTEMPTS = "Các lần gửi"
DELIVERY_ITEM = "Phản ánh"
PREVIOUS_PAGE = "← Trang trước"
NEXT_PAGE = "Trang sau →"
DELIVERY_KIND_LABELS = {
    "feedback_receipt": "Biên nhận", "feedback_status": "Cập nhật trạng thái",
    "feedback_answer": "Trả lời", "feedback_extension": "Gia hạn",
    "feedback_info_request": "Đề nghị bổ sung thông tin",
    "privacy_request": "Yêu cầu về dữ liệu cá nhân", "feedback_overdue": "Phản ánh quá hạn",
    "feedback_reminder": "Nhắc hạn xử lý", "monthly_report": "Báo cáo thống kê tháng",
    "chat_reply": "Trả lời trong Zalo",
}
DELIVERY_CHANNEL_LABELS = {
    "zalo": "Zalo OA", "zns": "Tin Zalo (ZNS)", "sms": "SMS", "email": "Email",
    "staff_email": "Email cán bộ", "admin": "Email quản trị",
}
DELIVERY_STATUS_LABELS = {
    "pending": "Đang chờ gửi", "sending": "Đang gửi", "sent": "Đã gửi",
    "delivered": "Đã đến người nhận", "failed": "Không gửi được",
    "unreachable": "Không liên lạc được", "cancelled": "Đã hủy",
}
DELIVERY_OUTCOME_LABELS = {
    "sent": "Đã gửi", "delivered": "Đã đến người nhận", "failed": "Lỗi",
    "unreachable": "Không nhận được", "retry": "Lỗi tạm thời, sẽ thử lại",
    "deferred": "Hoãn gửi",
}
INFO_REQUEST = "Đề nghị người dân bổ sung"
INFO_REQUEST_NOTE = "Thông tin cần người dân bổ sung (người dân sẽ nhận được nội dung này)"

# Receiving feedback by phone, in person or on paper (console/reception.py)
NAV_RECEIVE = "Tiếp nhận phản ánh"
RECEIVE_TITLE = "Tiếp nhận phản ánh"
RECEIVE_HELP = ("Nhập phản ánh người dân gửi qua điện thoại, trực tiếp tại cơ quan hoặc bằng đơn, "
                "thư. Phản ánh được chuyển đến cơ quan xử lý như mọi kênh khác; bạn được ghi là "
                "người tiếp nhận.")
RECEIVE_VIA = "Hình thức tiếp nhận"
RECEIVE_SUBJECT = "Tiêu đề (không bắt buộc)"
RECEIVE_CONTACT_HELP = ("Để trống nếu người phản ánh không muốn cho biết (ẩn danh). Nếu ghi "
                        "thông tin liên hệ, hãy đọc cho người phản ánh nghe mục đích xử lý dữ "
                        "liệu và hỏi sự đồng ý của họ.")
RECEIVE_CONSENT = ("Người phản ánh đã đồng ý bằng lời cho cơ quan nhà nước xử lý họ tên và "
                   "thông tin liên hệ để tiếp nhận, xử lý và trả lời phản ánh.")
RECEIVE_NOTIFY = "Báo kết quả cho người phản ánh qua"
RECEIVE_NOTIFY_DEFAULT = "— Theo thông tin liên hệ đã ghi —"
NOTIFY_LABELS = {"zalo": "Zalo", "sms": "Tin nhắn SMS", "email": "Email"}
RECEIVE_SUBMIT = "Ghi nhận phản ánh"
RECEIVE_DONE_TITLE = "Đã ghi nhận phản ánh"
RECEIVE_DONE_HELP = "Vui lòng đọc cho người phản ánh mã tra cứu dưới đây để theo dõi kết quả."
RECEIVE_CODE = "Mã tra cứu"
RECEIVE_TOKEN = "Mã bí mật để tra cứu"
RECEIVE_TOKEN_HELP = ("Người phản ánh không để lại số điện thoại: đưa họ mã bí mật này; mã chỉ "
                      "hiện một lần.")
RECEIVE_OPEN_ITEM = "Mở phản ánh"
RECEIVE_ANOTHER = "Tiếp nhận phản ánh khác"

# Answer templates (console/response_templates.py)
NAV_TEMPLATES = "Mẫu câu trả lời"
TEMPLATES_TITLE = "Mẫu câu trả lời"
TEMPLATES_HELP = ("Mẫu trả lời và mẫu lý do không thụ lý theo từng đơn vị và lĩnh vực. Cán bộ chọn "
                  "mẫu khi trả lời rồi sửa cho phù hợp; mẫu đã ngừng dùng không còn hiện khi trả "
                  "lời. Lãnh đạo xã, phường và quản trị tỉnh thêm, sửa và ngừng dùng mẫu.")
TEMPLATES_LIST = "Các mẫu hiện có"
TEMPLATES_EMPTY = "Chưa có mẫu nào."
TEMPLATE_NEW = "Thêm mẫu mới"
TEMPLATE_EDIT = "Sửa mẫu"
TEMPLATE_KIND = "Loại mẫu"
TEMPLATE_KINDS = {"answer": "Trả lời", "refuse": "Lý do không thụ lý"}
TEMPLATE_ALL_CATEGORIES = "Mọi lĩnh vực"
TEMPLATE_SHARED = "Dùng chung"
TEMPLATE_NAME = "Tên mẫu"
TEMPLATE_BODY = "Nội dung"
TEMPLATE_ADD = "Thêm mẫu"
TEMPLATE_ACTIVE = "Đang dùng"
TEMPLATE_RETIRED_LABEL = "Đã ngừng dùng"
TEMPLATE_EDIT_LINK = "Sửa"
TEMPLATE_RETIRE = "Ngừng dùng"
TEMPLATE_RESTORE = "Dùng lại"
TEMPLATE_CREATED = "Đã thêm mẫu."
TEMPLATE_SAVED = "Đã lưu mẫu."
TEMPLATE_RETIRED = "Đã ngừng dùng mẫu."
TEMPLATE_RESTORED = "Đã dùng lại mẫu."
CANCEL = "Hủy"

# Publishing an answered item as a public question and answer (console/publication.py)
QA_TITLE = "Đăng lên hỏi đáp"
QA_BACK = "← Về phản ánh"
QA_CARD = "Hỏi đáp công khai"
QA_OPEN = "Đăng lên hỏi đáp…"
QA_OPEN_PUBLISHED = "Xem, sửa hoặc gỡ bản hỏi đáp…"
QA_IS_PUBLISHED = "Đã đăng trên trang hỏi đáp từ {when}."
QA_NOT_PUBLISHED = "Chưa đăng trên trang hỏi đáp."
QA_PREVIEW_TITLE = "Xem trước: người dân sẽ thấy đúng nội dung này"
QA_SHOWN_TITLE = "Nội dung công khai (đã che thông tin cá nhân)"
QA_MASKED_HELP = ("Họ tên, số điện thoại, email và số nhà của người phản ánh đã được che. Bạn có "
                  "thể sửa lời văn; hệ thống không nhận bản có thông tin liên hệ của người phản "
                  "ánh.")
QA_EDIT_TITLE = "Sửa trước khi đăng"
QA_HEADING = "Tiêu đề"
QA_QUESTION = "Câu hỏi"
QA_ANSWER = "Câu trả lời"
QA_EXACT_LOCATION = "Công khai đúng vị trí đã phản ánh (mặc định: làm tròn khoảng 100 m)"
QA_PREVIEW = "Xem trước"
QA_PUBLISH = "Đăng lên hỏi đáp"
QA_REPUBLISH = "Cập nhật bản đã đăng"
QA_UNPUBLISH = "Gỡ khỏi trang hỏi đáp"
QA_PUBLISHED = "Đã đăng lên trang hỏi đáp."
QA_UNPUBLISHED = "Đã gỡ khỏi trang hỏi đáp."
QA_NOT_ANSWERED = "Chỉ đăng được phản ánh đã có câu trả lời."
QA_LEADERS_ONLY = "Lãnh đạo xã, phường hoặc quản trị tỉnh quyết định đăng lên hỏi đáp."
