"""Every Vietnamese string of the source-system integration."""

SIGNATURE_INVALID = "Chữ ký của yêu cầu không hợp lệ."
SIGNATURE_STALE = "Yêu cầu đã quá hạn (thời điểm ký lệch quá thời gian cho phép)."
SIGNATURE_MISSING = "Thiếu chữ ký hoặc mã khóa của yêu cầu."
SOURCE_OFF = "Chưa bật kết nối với Hệ thống thông tin nguồn."
BAD_JSON = "Nội dung yêu cầu phải là JSON hợp lệ."
