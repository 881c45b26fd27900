"""Every Vietnamese string of the appointments domain: messages to citizens, errors, the
console page."""

STATUS_LABELS = {"pending": "Chờ xác nhận", "approved": "Đã xác nhận",
                 "rejected": "Không được chấp nhận", "called": "Đến lượt"}

# --- messages to the citizen (outbox kind ``appointment_status``) -----------------------------
APPROVED = ("Lịch làm việc ngày {date} tại bộ phận một cửa {unit} đã được xác nhận. "
            "Số thứ tự của bạn: {number}.")
REJECTED = ("Lịch làm việc ngày {date} tại bộ phận một cửa {unit} không được chấp nhận. "
            "Lý do: {reason}")
CALLED = ("Bộ phận một cửa {unit} đang phục vụ số {number}: đã đến lượt của bạn. "
          "Mời bạn đến quầy tiếp nhận.")

# --- errors -----------------------------------------------------------------------------------
DATE_INVALID = "Ngày làm việc không hợp lệ."
DATE_PAST = "Ngày làm việc phải từ hôm nay trở đi."
DATE_TOO_FAR = "Chỉ đặt lịch trước tối đa {days} ngày."
DATE_NOT_WORKING = ("Bộ phận một cửa không làm việc vào ngày này (thứ Bảy, Chủ nhật hoặc "
                    "ngày lễ). Vui lòng chọn ngày khác.")
DAY_FULL = "Ngày này đã hết số thứ tự, vui lòng chọn ngày khác."
ALREADY_BOOKED = ("Bạn đã có lịch làm việc ngày {date} (số thứ tự {number}). Vui lòng đến "
                  "theo lịch đã đặt.")
UNIT_NOT_COMMUNE = "Chỉ đặt lịch được với bộ phận một cửa của xã, phường."
PHONE_INVALID = "Số điện thoại không hợp lệ."
NOT_FOUND = "Không tìm thấy lịch hẹn."
NOT_PENDING = "Lịch hẹn này đã được xử lý."
REASON_REQUIRED = "Vui lòng nêu lý do từ chối."
NOT_ALLOWED = "Chỉ cán bộ, lãnh đạo của xã, phường mới xử lý lịch hẹn của xã, phường mình."
NONE_WAITING = "Không còn số thứ tự nào đã xác nhận đang chờ."

# --- console ----------------------------------------------------------------------------------
TITLE = "Lịch hẹn tại bộ phận một cửa"
DAY = "Ngày"
SHOW = "Xem"
SERVING = "Đang phục vụ số: {number}"
SERVING_NONE = "Chưa gọi số nào."
CALL_NEXT = "Gọi số tiếp theo"
EMPTY = "Không có lịch hẹn nào trong ngày này."
COL_NUMBER = "Số"
COL_NAME = "Họ và tên"
COL_PHONE = "Số điện thoại"
COL_CONTENT = "Nội dung làm việc"
COL_STATUS = "Trạng thái"
COL_ACTIONS = "Xử lý"
APPROVE = "Xác nhận"
REJECT = "Từ chối"
REASON = "Lý do từ chối"
DONE_APPROVED = "Đã xác nhận lịch hẹn số {number}; người dân sẽ được báo qua Zalo."
DONE_REJECTED = "Đã từ chối lịch hẹn số {number}; người dân sẽ được báo lý do qua Zalo."
DONE_CALLED = "Đang phục vụ số {number}; người dân sẽ được báo qua Zalo."
READ_ONLY = "Bạn chỉ được xem lịch hẹn."
