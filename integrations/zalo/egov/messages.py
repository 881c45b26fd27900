"""Every Vietnamese string of the e-government Mini App facade: answers and errors the app
shows, and the consent wording recorded with a submission."""

OK = "Thành công"
NO_SCHEDULE = "Bạn chưa có lịch hẹn."
UNKNOWN_MINI_APP = "Mini App này chưa được kết nối với đơn vị nào trên hệ thống."
ORGANIZATION_REQUIRED = "Thiếu mã đơn vị (x-organization-id)."
UNKNOWN_ORGANIZATION = "Đơn vị không được phục vụ qua Mini App này."
SEARCH_LIMIT = "Bạn đã đạt giới hạn tìm kiếm trong ngày"
UNKNOWN_TYPE = "Loại phản ánh không có ở đơn vị này."
IMAGE_UNKNOWN = ("Ảnh đính kèm không do hệ thống cấp, đã dùng hoặc đã hết hạn; "
                 "vui lòng chọn lại ảnh.")
TOO_MANY_IMAGES = "Chỉ gửi kèm tối đa {n} ảnh."
NO_IMAGE = "Không nhận được ảnh nào."
DATE_FORMAT = "Ngày phải có dạng tháng-ngày-năm (mm-dd-yyyy)."
INVALID_JSON = "Nội dung gửi lên không phải JSON hợp lệ."

# Consent recorded with a Mini App submission that carries the phone Zalo verified: the
# template shows Zalo's own permission prompt for the phone and a "Gửi phản ánh" button.
CONSENT_PURPOSE = "Tiếp nhận, xử lý và trả lời phản ánh gửi qua Zalo Mini App"
CONSENT_TEXT = ("Người dùng gửi phản ánh trong Zalo Mini App dịch vụ công của đơn vị và đã cho "
                "phép Zalo chia sẻ số điện thoại của mình với ứng dụng; số điện thoại được dùng "
                "để báo kết quả xử lý phản ánh.")
REPORTER_NAME = "Người dùng Zalo"
