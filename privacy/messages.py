"""Every Vietnamese string of personal-data protection (notice pages, rights requests, API
errors), in one place. The notice texts themselves are data (table ``privacy_notices``)."""

KIND_LABELS = {
    "access": "Xem dữ liệu cá nhân",
    "export": "Nhận bản sao dữ liệu (tệp JSON)",
    "correct": "Chỉnh sửa dữ liệu cá nhân",
    "restrict": "Hạn chế xử lý dữ liệu cá nhân",
    "withdraw": "Rút lại sự đồng ý",
    "delete": "Xóa dữ liệu cá nhân",
}
STATUS_LABELS = {
    "received": "Đã nhận yêu cầu",
    "acknowledged": "Đã xác nhận, đang thực hiện",
    "completed": "Đã thực hiện xong",
    "refused": "Không thực hiện được",
}
EVENT_LABELS = {
    "received": "Nhận yêu cầu",
    "acknowledge": "Xác nhận đã nhận yêu cầu",
    "extend": "Gia hạn thời hạn thực hiện",
    "complete": "Thực hiện xong yêu cầu",
    "refuse": "Không thực hiện được yêu cầu",
}
ACTION_LABELS = {
    "acknowledge": "xác nhận đã nhận",
    "complete": "thực hiện",
    "refuse": "từ chối",
    "extend": "gia hạn",
}
SURFACE_LABELS = {
    "api_list": "API: danh sách",
    "api_detail": "API: chi tiết",
    "api_action": "API: sau thao tác",
    "console_detail": "Bàn làm việc: chi tiết phản ánh",
    "console_request": "Bàn làm việc: yêu cầu dữ liệu cá nhân",
    "api_comments": "API: ý kiến góp ý dự thảo",
    "api_comment_action": "API: ý kiến góp ý, sau thao tác",
    "console_consultation": "Bàn làm việc: ý kiến góp ý dự thảo",
}

# --- errors ------------------------------------------------------------------------------
NOTICE_NOT_FOUND = "Không tìm thấy phiên bản thông báo xử lý dữ liệu cá nhân này."
NOTICE_NONE = "Chưa có thông báo xử lý dữ liệu cá nhân."
NOTICE_EXISTS = "Phiên bản {version} đã có; mỗi phiên bản không được sửa, hãy tạo phiên bản mới."
POLICY_VERSION_UNKNOWN = (
    "Phiên bản chính sách không có trong hệ thống. Vui lòng tải lại trang và đánh dấu đồng ý "
    "lại."
)
REQUEST_NOT_FOUND = "Không tìm thấy yêu cầu với mã và thông tin đã cung cấp."
REQUEST_TOKEN_REQUIRED = "Vui lòng cung cấp mã bí mật của yêu cầu."
CORRECTION_REQUIRED = "Vui lòng cho biết thông tin cần sửa (họ tên, số điện thoại hoặc email)."
CORRECTION_ONLY = "Chỉ yêu cầu chỉnh sửa mới kèm thông tin cần sửa."
REDACT_ONLY_DELETE = "Chỉ yêu cầu xóa dữ liệu mới kèm lựa chọn xóa ảnh."
ALREADY_ERASED = "Dữ liệu cá nhân của phản ánh này đã được xóa."
NO_CONTACT = "Phản ánh này không còn thông tin liên hệ để {what}."
ALREADY_RESTRICTED = "Dữ liệu của phản ánh này đã bị hạn chế xử lý."
NO_CONSENT = "Phản ánh này không có sự đồng ý nào còn hiệu lực để rút lại."
REQUEST_PENDING = "Đã có yêu cầu cùng loại đang được thực hiện cho phản ánh này (mã {code})."
REQUEST_CLOSED = "Yêu cầu đã kết thúc, không thể {action}."
REQUEST_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được xử lý yêu cầu về dữ liệu cá nhân."
LOG_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được xem nhật ký truy cập."
REASON_REQUIRED = "Vui lòng nêu lý do."
EXTENDED_ALREADY = "Yêu cầu chỉ được gia hạn một lần."
NOT_READY = "Yêu cầu chưa được thực hiện xong."
NOT_EXPORT = "Chỉ yêu cầu nhận bản sao mới có tệp JSON."

# --- citizen messages (outbox) -------------------------------------------------------------
MSG_ACKNOWLEDGED = (
    "Đã nhận yêu cầu “{kind}” (mã {code}) về phản ánh {item}. Hạn thực hiện: {due}."
)
MSG_COMPLETED = "Yêu cầu “{kind}” (mã {code}) đã được thực hiện."
MSG_REFUSED = "Yêu cầu “{kind}” (mã {code}) không thực hiện được. Lý do: {reason}"

# --- internal events on the feedback item ------------------------------------------------
ITEM_EVENT_NOTES = {
    "access": "Đã cung cấp dữ liệu cá nhân cho người phản ánh (yêu cầu {code}).",
    "export": "Đã cung cấp bản sao dữ liệu cá nhân (yêu cầu {code}).",
    "correct": "Đã chỉnh sửa thông tin liên hệ theo yêu cầu {code}: {fields}.",
    "restrict": "Đã hạn chế xử lý thông tin liên hệ theo yêu cầu {code}.",
    "withdraw": "Người phản ánh rút lại sự đồng ý (yêu cầu {code}); đã xóa thông tin liên hệ.",
    "delete": "Đã xóa dữ liệu cá nhân theo yêu cầu {code}{photos}.",
    "retention": "Đã xóa thông tin liên hệ do hết thời hạn lưu trữ ({days} ngày sau khi kết thúc).",
}
PHOTOS_REDACTED = " và {n} ảnh"
FIELD_LABELS = {"name": "họ tên", "phone": "số điện thoại", "email": "email"}

# --- public notice page ------------------------------------------------------------------
PAGE_VERSION = "Phiên bản {version}, áp dụng từ {date}"
PAGE_OLDER = "Các phiên bản trước"
PAGE_CURRENT = "Phiên bản hiện hành"
PAGE_CONSENT = "Câu hỏi xin đồng ý hiển thị trên biểu mẫu"
PAGE_JSON = "Dạng dữ liệu (JSON)"

# --- CLI ---------------------------------------------------------------------------------
CLI_RETENTION = "Đã xóa thông tin liên hệ của {n} phản ánh (mốc: kết thúc trước {cutoff})."
CLI_NOTICE_ADDED = "Đã thêm thông báo phiên bản {version}, áp dụng từ {date}."

# --- consent and corrections (the same words as the forms') --------------------------------
CONSENT_REQUIRED = (
    "Cần sự đồng ý xử lý dữ liệu cá nhân (mục đích và phiên bản chính sách) "
    "khi gửi thông tin liên hệ."
)
PHONE_INVALID = "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc +84 912 345 678."
