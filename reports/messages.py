"""Every Vietnamese string of the reports package (API errors, exports, CLI, dashboard)."""

from feedback.messages import STATUS_LABELS  # noqa: F401 - re-exported for the exports
from notices.messages import CATEGORY_LABELS as NOTICE_CATEGORY_LABELS  # noqa: F401 - re-exported: the labels reports show
from notices.messages import PRIORITY_LABELS  # noqa: F401 - re-exported: the labels reports show

# --- API errors --------------------------------------------------------------------------------
OFFICER_NO_STATS = ("Thống kê dành cho lãnh đạo xã, quản trị tỉnh và người xem; cán bộ xử lý "
                    "theo dõi hàng đợi của cơ quan mình.")
UNIT_OUT_OF_SCOPE = "Bạn không có quyền xem thống kê của đơn vị này."
RANGE_REVERSED = "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
RANGE_TOO_LONG = "Khoảng thời gian tối đa {days} ngày."
EXPORT_TOO_LARGE = ("Khoảng thời gian có {count} phản ánh, vượt giới hạn {limit} dòng của "
                    "bản tải về trực tuyến. Vui lòng chọn khoảng ngắn hơn hoặc dùng lệnh "
                    "flask reports export.")

CHANNEL_LABELS = {
    "web": "Trang web", "widget": "Tiện ích trên cổng xã", "api": "API", "zalo": "Zalo OA",
    "miniapp": "Zalo Mini App", "open311": "Open311", "staff": "Cán bộ nhập",
}
DELIVERY_STATUS_LABELS = {"sent": "Đã gửi", "delivered": "Đã đến người nhận",
                          "unreachable": "Không liên lạc được", "failed": "Gửi lỗi",
                          "pending": "Đang chờ gửi"}
MESSAGE_CHANNEL_LABELS = {"zalo": "Zalo OA", "zns": "Tin Zalo (ZNS)", "sms": "SMS",
                          "email": "Email"}
SECTION_MESSAGES = "Tin gửi người phản ánh"
FIG_MESSAGES_UNDELIVERED = "Tin không đến được người dân"
AGE_LABELS = {"lt3": "0–2 ngày", "3to7": "3–6 ngày", "7to14": "7–13 ngày",
              "14to30": "14–29 ngày", "ge30": "Từ 30 ngày trở lên"}
LEVEL_LABELS = {"province": "Tỉnh, thành phố", "commune": "Xã, phường"}

# --- exports ---------------------------------------------------------------------------------
REPORT_TITLE = "BÁO CÁO THÔNG TIN CƠ SỞ"
REPORT_SUBTITLE = "Tiếp nhận, xử lý phản ánh, kiến nghị và thông tin thiết yếu"
UNIT = "Đơn vị"
PERIOD = "Kỳ báo cáo"
PERIOD_VALUE = "Từ ngày {first} đến ngày {last}"
AS_OF = "Số liệu tính đến"
PERIOD_NOTE = ("Phản ánh tính theo thời điểm tiếp nhận (giờ Việt Nam) trong kỳ; trạng thái, "
               "quá hạn và đánh giá tính đến thời điểm lập báo cáo.")

SHEET_SUMMARY = "Tổng hợp"
SHEET_CHANNELS = "Theo kênh"
SHEET_CATEGORIES = "Theo lĩnh vực"
SHEET_OFFICES = "Theo cơ quan"
SHEET_COMMUNES = "Theo xã, phường"
SHEET_WEEKLY = "Theo tuần"
SHEET_NOTICES = "Thông tin thiết yếu"
SHEET_DETAIL = "Chi tiết phản ánh"

SECTION_FEEDBACK = "Phản ánh, kiến nghị"
SECTION_OUTCOMES = "Kết quả xử lý"
SECTION_TIMES = "Thời gian xử lý (giờ)"
SECTION_SATISFACTION = "Mức độ hài lòng"
SECTION_AGE = "Phản ánh chưa xử lý xong theo thời gian tồn đọng"
SECTION_STATUS = "Theo trạng thái"
SECTION_NOTICES = "Thông tin thiết yếu đã đăng"
SECTION_DELIVERIES = "Gửi thông tin thiết yếu"

COL_SECTION = "Phần"
COL_INDICATOR = "Chỉ tiêu"
COL_VALUE = "Giá trị"
COL_CHANNEL = "Kênh"
COL_CATEGORY = "Lĩnh vực"
COL_OFFICE = "Cơ quan xử lý"
COL_COMMUNE = "Xã, phường"
COL_CODE = "Mã"
COL_WEEK = "Tuần bắt đầu"
COL_COUNT = "Số lượng"
COL_TOTAL = "Tổng"
COL_PRIORITY = "Mức độ"

FIG_RECEIVED = "Số phản ánh tiếp nhận"
FIG_ANSWERED = "Đã trả lời"
FIG_ON_TIME = "Trả lời đúng hạn"
FIG_LATE = "Trả lời quá hạn"
FIG_ON_TIME_PERCENT = "Tỷ lệ trả lời đúng hạn (%)"
FIG_OPEN = "Đang xử lý"
FIG_OPEN_OVERDUE = "Đang xử lý, đã quá hạn"
FIG_REFUSED = "Không thụ lý"
FIG_CLOSED_UNANSWERED = "Kết thúc không cần trả lời (gộp)"
FIG_FIRST_COUNT = "Số phản ánh đã được phản hồi lần đầu"
FIG_FIRST_MEDIAN = "Thời gian phản hồi lần đầu – trung vị"
FIG_FIRST_P90 = "Thời gian phản hồi lần đầu – phân vị 90"
FIG_ANSWER_COUNT = "Số phản ánh đã được trả lời"
FIG_ANSWER_MEDIAN = "Thời gian trả lời – trung vị"
FIG_ANSWER_P90 = "Thời gian trả lời – phân vị 90"
FIG_RATINGS = "Số lượt đánh giá"
FIG_RATING_AVERAGE = "Điểm đánh giá trung bình (1–5)"
FIG_RATING_STARS = "Đánh giá {stars} sao"
FIG_NOTICES_PUBLISHED = "Số thông tin đã đăng"
FIG_NOTICES_CORRECTIONS = "Số lần đính chính"

DETAIL_COLUMNS = ("Mã phản ánh", "Ngày tiếp nhận", "Kênh", "Xã, phường", "Lĩnh vực",
                  "Cơ quan xử lý", "Trạng thái", "Hạn xử lý", "Phản hồi lần đầu",
                  "Ngày trả lời", "Kết quả", "Đánh giá")
RESULT_ON_TIME = "Đúng hạn"
RESULT_LATE = "Quá hạn"
RESULT_OPEN = "Đang xử lý"
RESULT_OPEN_OVERDUE = "Đang xử lý, quá hạn"
RESULT_REFUSED = "Không thụ lý"
RESULT_CLOSED = "Đã kết thúc"

# --- console dashboard -----------------------------------------------------------------------
DASH_TITLE = "Thống kê"
DASH_UNIT = "Đơn vị"
DASH_FROM = "Từ ngày"
DASH_TO = "Đến ngày"
DASH_APPLY = "Xem"
DASH_EXPORT_XLSX = "Tải báo cáo XLSX"
DASH_EXPORT_CSV = "Tải số liệu CSV"
DASH_EXPORT_DETAIL = "Tải chi tiết CSV"
DASH_PERIOD = "Phản ánh tiếp nhận từ {first} đến {last}; số liệu tính đến {as_of}."
DASH_WEEKLY = "Phản ánh tiếp nhận theo tuần và kênh"
DASH_WEEK_OF = "Tuần {first}–{last}"
DASH_ON_TIME = "Tỷ lệ trả lời đúng hạn theo cơ quan"
DASH_ON_TIME_NOTE = "{on_time}/{answered} đúng hạn ({percent})"
DASH_AGES = "Phản ánh đang xử lý theo thời gian tồn đọng"
DASH_CATEGORIES = "Phản ánh theo lĩnh vực"
DASH_COMMUNES = "So sánh các xã, phường"
DASH_COMMUNE_NOTE = "{received} phản ánh · đúng hạn {percent} · quá hạn {overdue}"
DASH_QUIET = "{count} xã, phường không có phản ánh trong kỳ."
# The median answer time in plain words: half of the items were answered within it.
DASH_MEDIAN_ANSWER = "Một nửa số phản ánh được trả lời trong khoảng thời gian này"
DASH_DAYS = "{days} ngày"
DASH_HOURS = "{hours} giờ"
DASH_DRILL_HINT = "Bấm vào một cột để mở danh sách phản ánh tương ứng."
DASH_TABLE = "Bảng số liệu"
DASH_BAD_FILTER = "Bộ lọc thống kê không hợp lệ; đang hiển thị mặc định."

# --- CLI -------------------------------------------------------------------------------------
CLI_HELP = "Thống kê và báo cáo định kỳ."
CLI_EXPORT_HELP = "Xuất báo cáo định kỳ (XLSX hoặc CSV) của một đơn vị trong một khoảng ngày."
CLI_PROGRESS = "Đang ghi chi tiết phản ánh"
CLI_DONE = "Đã ghi {path}: {count} phản ánh trong kỳ."
CLI_BAD_DATE = "Ngày không hợp lệ (định dạng YYYY-MM-DD hoặc dd/mm/yyyy): {value}"
CLI_ROLLUP_HELP = "Tính lại số liệu tổng hợp theo tháng (các tháng có phản ánh thay đổi)."
CLI_ROLLUP_DONE = "Đã tính lại {count} tháng."

# The monthly report e-mailed to leaders (reports/monthly.py).
MONTHLY_SUBJECT = "Báo cáo thống kê tháng {month} — {unit}"
MONTHLY_TEXT = ("Kính gửi lãnh đạo {unit},\n\nĐính kèm là báo cáo thống kê phản ánh, kiến nghị "
                "và thông tin thiết yếu của tháng {month} (tệp Excel), do hệ thống thông tin cơ "
                "sở lập tự động. Số liệu chi tiết xem trong mục Thống kê của bàn làm việc cán bộ.")
