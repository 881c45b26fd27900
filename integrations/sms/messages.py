"""Every Vietnamese string of the SMS channel: the short texts sent per delivery kind, the
reasons recorded on deliveries, and the start-up errors, in one place.

The texts are written with diacritics; unless ``SMS_UNICODE`` is on they are folded to plain
letters when sent (``gsm.to_gsm``). Each template about a feedback item carries its code.
"""

# --- texts sent, by delivery kind --------------------------------------------------------------
# ``head`` always goes out whole; ``body`` (a long citizen-facing text) is cut with "…" when
# the message would exceed SMS_MAX_SEGMENTS, and then ``hint`` is added; ``tail`` always ends
# the message.
TEMPLATES: dict[str, dict[str, str]] = {
    "feedback_receipt": {
        "head": "Đã tiếp nhận phản ánh, mã tra cứu {code}. Cơ quan xử lý: {office}. "
                "Hạn trả lời: {due}.",
    },
    "feedback_status": {"head": "Phản ánh {code}: {status_label}."},
    "feedback_merged": {
        "head": "Phản ánh {code} được gộp vào phản ánh {target} để xử lý chung; "
                "kết quả sẽ trả lời theo mã {target}.",
    },
    "feedback_answer": {"head": "Phản ánh {code} đã có trả lời: ", "body": "{answer}"},
    "feedback_answer_merged": {
        "head": "Phản ánh {code} (gộp vào {target}) đã có trả lời: ", "body": "{answer}",
    },
    "feedback_extension": {"head": "Phản ánh {code} được gia hạn trả lời đến ngày {due}."},
    "feedback_info_request": {
        "head": "Phản ánh {code}: cơ quan xử lý đề nghị bổ sung thông tin: ",
        "body": "{question}",
        "tail": " Vui lòng trả lời qua kênh đã gửi phản ánh hoặc liên hệ UBND.",
    },
}
# Added when a body was cut: where to read all of it.
HINT = " Xem đầy đủ: tra cứu mã {code}."

# --- reasons recorded on a delivery ------------------------------------------------------------
NO_PHONE = "Số điện thoại người nhận không hợp lệ cho SMS."
EMPTY_TEXT = "Tin nhắn SMS không có nội dung."
SMPP_STATUS = "SMPP 0x{status:02X}: {label}"
SMPP_LABELS = {
    0x08: "lỗi hệ thống của tổng đài",
    0x0A: "tên định danh (địa chỉ nguồn) không hợp lệ",
    0x0B: "số nhận không hợp lệ",
    0x0C: "mã tin nhắn không hợp lệ",
    0x0D: "đăng nhập tổng đài thất bại",
    0x0E: "sai mật khẩu SMPP",
    0x0F: "sai tài khoản SMPP",
    0x14: "hàng đợi của tổng đài đã đầy",
    0x45: "tổng đài từ chối tin nhắn",
    0x48: "loại địa chỉ nguồn (TON) không hợp lệ",
    0x49: "địa chỉ nguồn (NPI) không hợp lệ",
    0x50: "loại số nhận (TON) không hợp lệ",
    0x51: "số nhận (NPI) không hợp lệ",
    0x58: "gửi vượt tốc độ cho phép",
    0x62: "hết hạn mức gửi",
    0x64: "lỗi tạm thời của tổng đài",
}
SMPP_UNKNOWN = "lỗi khác của tổng đài"
SMPP_CONNECTION = "Mất kết nối SMPP tới tổng đài ({error})."
SMPP_BIND_FAILED = "Không đăng nhập được tổng đài SMPP ({error})."
SMPP_NO_ANSWER = "Tổng đài SMPP không trả lời trong thời gian chờ."
HTTP_TIMEOUT = "Nhà cung cấp SMS không trả lời trong thời gian chờ."
HTTP_TRANSPORT = "Không kết nối được nhà cung cấp SMS ({error})."
HTTP_STATUS = "Nhà cung cấp SMS trả lời HTTP {status}."
HTTP_NOT_SUCCESS = "Nhà cung cấp SMS báo không gửi được ({field} = {value})."
HTTP_BAD_REPLY = "Câu trả lời của nhà cung cấp SMS không đọc được (cần JSON)."

# --- readiness and start-up ---------------------------------------------------------------------
READY_OFF = "off"
CONFIG_UNKNOWN_ADAPTER = "SMS_ADAPTER phải là “smpp” hoặc “http” (đang là “{value}”)."
CONFIG_MISSING = "SMS_ADAPTER={adapter} cần đặt thêm: {names}."
CONFIG_INVALID = "Cấu hình SMS không hợp lệ: {detail}"
CONFIG_SOURCE_TOO_LONG = "tên định danh SMS_SOURCE_ADDR dài tối đa 11 ký tự"
CONFIG_SOURCE_NOT_GSM = "tên định danh SMS_SOURCE_ADDR chỉ gồm chữ không dấu, số và dấu cách"
CONFIG_SYSTEM_ID_TOO_LONG = "SMPP_SYSTEM_ID dài tối đa 15 ký tự"
CONFIG_PASSWORD_TOO_LONG = "SMPP_PASSWORD dài tối đa 8 ký tự (SMPP 3.4)"
CONFIG_NOT_DICT = "{name} phải là một đối tượng JSON"
CONFIG_SUCCESS_SHAPE = "SMS_HTTP_SUCCESS phải có dạng {{\"field\": \"…\", \"value\": …}}"
CONFIG_MAX_SEGMENTS = "SMS_MAX_SEGMENTS phải từ 1 đến 10"
