"""Everything citizens and staff read about verification, in Vietnamese."""

from __future__ import annotations

CODE_LABEL = "Mã xác minh"
CODE_LINE = "Mã xác minh: {code} (kiểm tra tại {url})"
CODE_SPOKEN = "Mã xác minh của thông báo này là: {letters}."

# Check page and API.
PAGE_TITLE = "Xác minh thông báo chính thức"
PAGE_INTRO = ("Nhập mã xác minh in trên thông báo, hoặc dán nội dung bạn nhận được (tin nhắn, "
              "bài đăng), để biết đó có phải thông báo chính thức của chính quyền hay không.")
FIELD_CODE = "Mã xác minh (6 ký tự, ví dụ ABC-234)"
FIELD_TEXT = "Hoặc dán nội dung cần kiểm tra"
FIELD_UNIT = "Xã, phường (nếu biết)"
ANY_UNIT = "Không rõ"
SUBMIT = "Kiểm tra"
RESULT_HEADING = "Kết quả"
NEED_INPUT = "Hãy nhập mã xác minh hoặc dán nội dung cần kiểm tra."
CODE_INVALID = ("Mã xác minh gồm 6 ký tự (chữ và số, không có O, I, L, U, 0, 1), ví dụ "
                "ABC-234.")
TEXT_TOO_SHORT = "Nội dung quá ngắn để so sánh: hãy dán ít nhất một câu (từ {n} từ trở lên)."
TEXT_TOO_LONG = "Nội dung quá dài: tối đa {n} ký tự."
UNIT_UNKNOWN = "Không có xã, phường với mã này."
CODE_NOT_FOUND = ("Không có thông báo nào mang mã xác minh {code}. Mã này không do chính "
                  "quyền cấp: hãy cẩn trọng với nội dung đi kèm.")
TEXT_NOT_FOUND_UNIT = ("Không có thông báo nào của {unit} có nội dung này. Đây không phải "
                       "thông báo chính thức của {unit}.")
TEXT_NOT_FOUND = ("Không có thông báo chính thức nào trong hệ thống có nội dung này. Hãy chọn "
                  "xã, phường để kiểm tra kỹ hơn.")
REPORT_LINK = "Báo tin giả cho {unit}"
FOUND_CODE = "Đây là thông báo chính thức của {unit}."
FOUND_EXACT = "Nội dung này khớp với thông báo chính thức của {unit}."
FOUND_SIMILAR = ("Nội dung bạn dán gần giống thông báo chính thức của {unit} nhưng có chỗ "
                 "khác. Hãy tin theo bản chính thức dưới đây.")
DIFFERENCES = "Những chữ khác với bản chính thức"
STATE_CURRENT = "Thông báo đang có hiệu lực."
STATE_EXPIRED = "Thông báo này đã hết hiệu lực từ {date}."
STATE_WITHDRAWN = "Thông báo này đã bị thu hồi ngày {date}: nội dung không còn giá trị."
STATE_SUPERSEDED = ("Thông báo này đã được đính chính ngày {date}: xem bản mới nhất (mã "
                    "{code}).")
SIGNATURE_VALID = "Chữ ký số hợp lệ (khóa {key})."
SIGNATURE_INVALID = "Chữ ký số không hợp lệ."
PUBLISHED = "Đăng ngày"
EXPIRES = "Hiệu lực đến"
ISSUER = "Cơ quan ban hành"
PRINT = "In trang A4 (PDF)"
QR_ALT = "Mã QR mở trang xác minh của thông báo {code}"
NOT_FOUND_PAGE = "Không tìm thấy thông báo"

# Printable page.
PDF_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
PDF_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PDF_NOTICE = "THÔNG BÁO"
PDF_DATE = "{place}, ngày {day:02d} tháng {month:02d} năm {year}"
PDF_CHECK = ("Kiểm tra thông báo này là thật: quét mã QR, hoặc vào {url} và nhập mã xác "
             "minh {code}.")
PDF_VERSION = "Phiên bản {version} (đính chính)"
PDF_EXPIRES = "Hiệu lực đến {date}."

# Zalo chat.
ZALO_ASK = ("Gửi \"xác minh\" kèm mã in trên thông báo (ví dụ: xác minh ABC-234), hoặc "
            "chuyển tiếp nguyên văn tin nhắn bạn nhận được để kiểm tra.")
ZALO_FOUND = "✅ {verdict}\n{title}\n{state}\nMã xác minh: {code}\nXem bản chính thức: {url}"
ZALO_SIMILAR = ("⚠️ {verdict}\nBản chính thức: {title}\n{state}\nMã xác minh: {code}\n"
                "Xem: {url}")
ZALO_NOT_FOUND = ("❌ {verdict}\nNếu tin này đang lan truyền, hãy gửi \"báo tin giả\" để báo "
                  "cho chính quyền.")
ZALO_NOT_FOUND_URL = ("❌ {verdict}\nNếu tin này đang lan truyền, hãy gửi \"báo tin giả\" hoặc "
                      "báo tại {url}")

# CLI.
CLI_KEY_CREATED = "Đã tạo khóa ký {key} (hiệu lực đến {expires})."
CLI_KEY_EXISTS = "Đã có khóa ký {key}; dùng \"rotate\" để thay khóa."
CLI_KEY_EXPIRED = "Khóa {key} đã hết hiệu lực từ bây giờ."
CLI_KEY_UNKNOWN = "Không có khóa {key}."
CLI_KEY_LINE = "{key}  ký: {signs}  hết hạn: {expires}"
CLI_SIGNS_NOW = "đang ký"
CLI_FILE_VALID = "HỢP LỆ: thông báo #{id} (mã {code}) được ký bằng khóa {key}."
CLI_FILE_INVALID = "KHÔNG HỢP LỆ: {reason}."
CLI_FILE_UNREADABLE = "Không đọc được tệp JSON: {error}"
CLI_SIGNED = "Đã ký {n} thông báo chưa có chữ ký."
REASONS = {
    "valid": "chữ ký hợp lệ",
    "unsigned": "thông báo không có chữ ký",
    "unknown_key": "khóa ký không có trong danh sách khóa công bố",
    "key_expired": "khóa ký đã hết hiệu lực",
    "key_not_yet_valid": "khóa ký chưa có hiệu lực",
    "bad_signature": "chữ ký không khớp với nội dung (nội dung đã bị sửa)",
}
