"""Every Vietnamese string the core shows to citizens and staff, in one place."""

HTTP_MESSAGES: dict[int, str] = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập hoặc mã truy cập hợp lệ.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy nội dung yêu cầu.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
    406: "Không thể trả về định dạng được yêu cầu.",
    408: "Yêu cầu quá thời gian chờ.",
    409: "Yêu cầu xung đột với dữ liệu hiện có.",
    410: "Nội dung không còn tồn tại.",
    411: "Thiếu độ dài nội dung (Content-Length).",
    412: "Điều kiện của yêu cầu không được đáp ứng.",
    413: "Dữ liệu gửi lên quá lớn.",
    414: "Địa chỉ yêu cầu quá dài.",
    415: "Định dạng dữ liệu không được hỗ trợ.",
    416: "Khoảng dữ liệu yêu cầu không hợp lệ.",
    417: "Không đáp ứng được yêu cầu Expect.",
    418: "Yêu cầu không được phục vụ.",
    421: "Yêu cầu gửi nhầm máy chủ.",
    422: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.",
    423: "Nội dung đang bị khóa.",
    424: "Thao tác phụ thuộc không thành công.",
    428: "Yêu cầu cần có điều kiện kèm theo.",
    429: "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút.",
    431: "Phần đầu yêu cầu quá lớn.",
    451: "Nội dung không được phép cung cấp.",
    500: "Hệ thống gặp sự cố, vui lòng thử lại sau.",
    501: "Chức năng chưa được hỗ trợ.",
    502: "Hệ thống liên kết không phản hồi đúng.",
    503: "Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại sau.",
    504: "Hệ thống liên kết phản hồi quá chậm.",
    505: "Phiên bản HTTP không được hỗ trợ.",
}
DEFAULT_CLIENT_ERROR = "Yêu cầu không hợp lệ."

INVALID_JSON = "Dữ liệu JSON không hợp lệ."
JSON_TOO_DEEP = "Dữ liệu JSON lồng nhau quá sâu (tối đa {n} cấp)."
INVALID_TEXT = "Văn bản chứa ký tự không hợp lệ."
DATE_OUT_OF_RANGE = "Ngày phải nằm trong khoảng năm {lo} đến năm {hi}."
UNSUPPORTED_CONTENT_TYPE = "Vui lòng gửi dữ liệu dạng JSON hoặc multipart/form-data."
DATABASE_UNAVAILABLE = "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau."

# Field validation (marshmallow), by error key.
FIELD_REQUIRED = "Thiếu thông tin bắt buộc."
FIELD_NULL = "Không được để trống."
FIELD_UNKNOWN = "Trường này không được chấp nhận."
FIELD_TYPE_SCHEMA = "Dữ liệu phải là một đối tượng JSON."
FIELD_INVALID = {
    "String": "Phải là chuỗi ký tự.",
    "Integer": "Phải là số nguyên.",
    "Float": "Phải là số.",
    "Number": "Phải là số.",
    "Decimal": "Phải là số.",
    "Boolean": "Phải là true hoặc false.",
    "Email": "Địa chỉ email không hợp lệ.",
    "DateTime": "Thời gian không hợp lệ (định dạng ISO 8601).",
    "Date": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "Nested": "Phải là một đối tượng.",
    "List": "Phải là một danh sách.",
    "Dict": "Phải là một đối tượng.",
    "Url": "Địa chỉ URL không hợp lệ.",
    "UUID": "Mã UUID không hợp lệ.",
}
FIELD_INVALID_DEFAULT = "Giá trị không hợp lệ."
FIELD_TOO_LARGE = "Số quá lớn."
FIELD_NOT_FINITE = "Phải là số hữu hạn."


def length_between(lo: int | None, hi: int | None, unit: str = "ký tự") -> str:
    """Length rule message (``unit``: "ký tự", or "mục" for lists)."""
    if lo is not None and lo == hi:
        return f"Phải có đúng {lo} {unit}."
    if lo is None or lo == 0:
        return at_most(hi, unit) if hi is not None else FIELD_INVALID_DEFAULT
    if hi is None:
        return f"Cần ít nhất {lo} {unit}."
    return f"Độ dài phải từ {lo} đến {hi} {unit}."


def at_most(hi: int, unit: str = "ký tự") -> str:
    """Maximum length message."""
    return f"Tối đa {hi} {unit}."


def range_between(lo, hi) -> str:
    """Numeric range message (either bound may be missing)."""
    if hi is None:
        return f"Giá trị phải từ {lo} trở lên."
    if lo is None:
        return f"Giá trị tối đa là {hi}."
    return f"Giá trị phải từ {lo} đến {hi}."


ONE_OF = "Giá trị phải là một trong: {choices}."
REGEXP_MISMATCH = "Giá trị không đúng định dạng."
LENGTH_UNIT_TEXT = "ký tự"
LENGTH_UNIT_ITEMS = "mục"

# Directory (units, offices, categories)
UNIT_NOT_FOUND = "Không tìm thấy đơn vị hành chính."
OFFICE_NOT_FOUND = "Không tìm thấy cơ quan xử lý."
CATEGORY_NOT_FOUND = "Không tìm thấy lĩnh vực."
CATEGORY_EXISTS = "Mã lĩnh vực đã tồn tại."
OFFICE_WRONG_UNIT = "Cơ quan không thuộc đơn vị đã chọn."
NO_OFFICE_FOR_UNIT = "Đơn vị chưa có cơ quan tiếp nhận phản ánh."

# Auth
AUTH_REQUIRED = "Cần mã truy cập của cán bộ (Authorization: Bearer …)."
AUTH_INVALID = "Mã truy cập không hợp lệ hoặc đã bị thu hồi."
LOGIN_INVALID = "Tên đăng nhập hoặc mật khẩu không đúng."
PASSWORD_TOO_SHORT = "Mật khẩu cần ít nhất {n} ký tự."
PASSWORD_TOO_SIMPLE = "Mật khẩu cần có cả chữ và số."
PASSWORD_SAME_AS_USERNAME = "Mật khẩu không được trùng tên đăng nhập."
ROLE_INVALID = "Vai trò không hợp lệ."
OFFICE_REQUIRED = "Cán bộ xử lý cần thuộc một cơ quan."
USERNAME_TAKEN = "Tên đăng nhập đã tồn tại."
USERNAME_INVALID = ("Tên đăng nhập gồm 3–80 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, "
                    "gạch ngang.")
STAFF_NOT_FOUND = "Không tìm thấy tài khoản."
NOT_ADMIN_OF_UNIT = "Chỉ quản trị của tỉnh được quản lý tài khoản thuộc đơn vị này."

# Idempotency
IDEMPOTENCY_MISMATCH = (
    "Khóa Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác."
)
IDEMPOTENCY_KEY_INVALID = "Khóa Idempotency-Key phải dài từ 1 đến 200 ký tự."

# Outbox (shown to staff with a delivery that did not reach its recipient).
NO_SENDER = "Chưa cấu hình kênh gửi {channel}."

# The session-signing key (core/secret_key.py): shown to whoever starts the service.
SECRET_KEY_MISSING = "chưa có SECRET_KEY"
SECRET_KEY_KNOWN = "SECRET_KEY là một giá trị đã công khai hoặc dễ đoán"
SECRET_KEY_SHORT = "SECRET_KEY ngắn hơn {n} byte"
SECRET_KEY_REFUSED = (
    "Không khởi động: {reason}. Đặt biến môi trường SECRET_KEY (ít nhất 32 byte ngẫu nhiên, "
    "ví dụ: python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
    "hoặc chạy `make run` (tạo khóa một lần vào {path}).")
SECRET_KEY_WRITTEN = "Đã tạo khóa bí mật mới: {path}"
SECRET_KEY_KEPT = "Giữ nguyên khóa bí mật đã có: {path}"

# Rate-limit counters in several web processes (core/ratelimits.py).
RATELIMIT_PER_PROCESS_REFUSED = (
    "Không khởi động: {n} tiến trình web, mỗi tiến trình tự đếm giới hạn truy cập "
    "(RATELIMIT_STORAGE_URI=memory://), nên giới hạn thực tế gấp {n} lần. Đặt "
    "RATELIMIT_STORAGE_URI (hoặc CELERY_BROKER_URL) là một Redis dùng chung, "
    "hoặc RATELIMIT_ALLOW_PER_PROCESS=true nếu chấp nhận điều đó.")
RATELIMIT_PER_PROCESS_WARNING = (
    "giới hạn truy cập được đếm riêng trong từng tiến trình ({n} tiến trình web): "
    "giới hạn thực tế có thể gấp {n} lần")

# Console sign-in throttle and account administration (core/auth.py, core/signin_throttle.py).
LOGIN_THROTTLED = ("Đăng nhập sai nhiều lần từ thiết bị này. Vui lòng thử lại sau {minutes} "
                   "phút, hoặc nhờ quản trị mở khóa đăng nhập.")
DISABLE_SELF = "Không thể tự khóa tài khoản của mình."

# Demo data (flask demo load, make run): what is printed, all in Vietnamese.
DEMO_ACCOUNT = ("  tài khoản {username} — {role}, {place}: mật khẩu dùng một lần {password}, "
                "mã API {token}")
DEMO_LOADED = "Dữ liệu mẫu: {label} — xong."

# Settings from the environment that do not have their declared type (core/config.py).
CONFIG_REFUSED = "Không khởi động: biến môi trường {name} {problem}."
CONFIG_NOT_INT = "phải là một số nguyên (ví dụ 30), nhưng đang là «{value}»"
CONFIG_NOT_FLOAT = "phải là một số (ví dụ 10 hoặc 2.5), nhưng đang là «{value}»"
CONFIG_NOT_BOOL = ("phải là true hoặc false (cũng nhận 1/0, yes/no, on/off), "
                   "nhưng đang là «{value}»")
CONFIG_NOT_OBJECT = "phải là một đối tượng JSON, ví dụ {{\"khóa\": \"giá trị\"}}"
CONFIG_NOT_LIST = "phải là một danh sách JSON, ví dụ [\"giá trị 1\", \"giá trị 2\"]"
CONFIG_BAD_ITEM = "có phần tử không phải {kind}"
CONFIG_KINDS = {str: "chuỗi", int: "số nguyên", float: "số", bool: "true/false",
                dict: "đối tượng JSON", list: "danh sách JSON"}
