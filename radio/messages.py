"""Every Vietnamese string of the radio package (staff API, spoken text, programme)."""

AUDIO_STATUS_LABELS = {
    "pending": "Đang chờ chuyển thành giọng nói",
    "working": "Đang chuyển thành giọng nói",
    "ready": "Đã có bản âm thanh",
    "failed": "Chuyển giọng nói không thành công",
}
PLAY_LABELS = {
    "immediately": "Phát ngay (khẩn cấp)",
    "ahead": "Phát trước trong chương trình (ưu tiên)",
    "scheduled": "Phát theo lịch của xã (thông thường)",
}
SPOKEN_EMERGENCY = "Thông báo khẩn cấp."
SPOKEN_PRIORITY = "Thông báo."

NOT_PUBLISHED = "Chỉ tạo bản âm thanh cho thông báo đang đăng."
READ_ONLY = "Tài khoản chỉ có quyền xem, không tạo được bản âm thanh."
AUDIO_NOT_FOUND = "Thông báo này chưa có bản âm thanh."
AUDIO_NOT_READY = "Bản âm thanh chưa sẵn sàng."
NO_ENGINE = "Chưa cấu hình bộ chuyển văn bản thành giọng nói."
BAD_DATE = "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
UNKNOWN_PARAM = "Tham số không được hỗ trợ."
NOT_YOUR_UNIT = "Đơn vị này nằm ngoài phạm vi của tài khoản."
PROGRAMME_TITLE = "Chương trình phát thanh {unit}, ngày {day}"

# Provincial source information system (Hệ thống thông tin nguồn).
SOURCE_OFF = "Chưa bật kết nối với Hệ thống thông tin nguồn."
SOURCE_SYSTEM_ACCOUNT = "Hệ thống thông tin nguồn"
SOURCE_TARGET_UNKNOWN = "Không có đơn vị với mã {code} trong tỉnh."
SOURCE_EXPIRED = "Tin đã hết hiệu lực."
SOURCE_RECEIVED_NOTE = "Nhận từ Hệ thống thông tin nguồn: {issuer}, mã tin {source_id}"
