"""What citizens read on the service's home page (the public directory of communes)."""

HOME_TITLE = "Thông tin cơ sở"
HOME_INTRO = ("Cổng thông tin cơ sở của chính quyền xã, phường: thông báo thiết yếu, "
              "trả lời phản ánh, kiến nghị của người dân, và kiểm tra thông tin chính thức.")
HOME_CHECK_HEADING = "Kiểm tra một thông báo"
HOME_CHECK_TEXT = ("Nhận được tin nhắn, tờ rơi hay bài đăng nhân danh chính quyền? Nhập mã "
                   "xác minh hoặc dán nội dung để biết đó có phải thông báo chính thức.")
HOME_CHECK_LINK = "Xác minh thông báo"
HOME_SEND_HEADING = "Gửi phản ánh, kiến nghị"
HOME_SEND_TEXT = ("Gửi qua Zalo Official Account hoặc Zalo Mini App của xã, phường, hoặc "
                  "qua mục “Phản ánh” trên trang web của xã, phường. Mỗi phản ánh được cấp "
                  "mã tra cứu ngay và được trả lời qua kênh bạn chọn.")
HOME_UNITS_HEADING = "Xã, phường"
HOME_NO_UNITS = "Chưa có xã, phường nào được cấu hình."
LINK_ANSWERS = "Hỏi đáp"
LINK_BOARD = "Bảng tin"
LINK_REPORT = "Báo tin giả"
LINK_FEED = "Atom"
LINKS_OF = "Trang của {unit}"
HOME_MORE_HEADING = "Khác"
LINK_PRIVACY = "Chính sách bảo vệ dữ liệu cá nhân"
LINK_CONSOLE = "Đăng nhập cho cán bộ"
LINK_API = "Tài liệu API (cho nhà phát triển)"
