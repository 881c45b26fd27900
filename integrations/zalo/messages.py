"""Every Vietnamese string of the Zalo integration (chat bot, API errors, console), in one place."""

# --- API and webhook errors ------------------------------------------------------------------
DISABLED = "Kết nối Zalo chưa được bật trên hệ thống này."
BAD_SIGNATURE = "Chữ ký sự kiện Zalo không hợp lệ."
BAD_EVENT = "Sự kiện Zalo không đúng định dạng."
MINIAPP_TOKEN_INVALID = ("Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn, "
                         "vui lòng mở lại ứng dụng.")
MINIAPP_UNAVAILABLE = "Không kiểm tra được phiên đăng nhập Zalo lúc này, vui lòng thử lại sau."
PHONE_TOKEN_REQUIRED = "Thiếu mã cấp quyền số điện thoại."
PHONE_TOKEN_INVALID = "Không lấy được số điện thoại từ Zalo (mã đã hết hạn hoặc đã dùng)."
NOTICE_UNKNOWN = "Không có dữ liệu gửi tin cho thông báo này."

# --- console (flask zalo …) ------------------------------------------------------------------
CLI_CONNECTED = ("Đã kết nối Official Account: {name} (mã {oa_id}). "
                 "Mã truy cập hết hạn lúc {expires}.")
CLI_CONNECT_FAILED = "Không kết nối được Zalo: {error}"
CLI_SIMULATE_SENT = "Đã gửi sự kiện {event} (HTTP {status})."
CLI_STATUS = "Trạng thái Zalo: {status}"

# --- ZNS (template messages by phone): reasons kept in a delivery's history ---------------
ZNS_NO_TEMPLATE = "Chưa cấu hình mẫu tin ZNS cho loại tin “{kind}”."
ZNS_NOT_MOBILE = "Số điện thoại không nhận được tin ZNS (chỉ số di động Việt Nam)."
ZNS_NOT_CONNECTED = ("Zalo OA chưa kết nối hoặc mất mã truy cập (cần chạy "
                     "“flask zalo connect”); chuyển kênh khác.")
ZNS_NIGHT = "Zalo không gửi tin ZNS từ 22:00 đến 06:00; tin sẽ gửi lúc {until}."
ZNS_QUOTA = "Đã hết hạn mức tin ZNS trong ngày (Zalo {code}: {message}); chuyển kênh khác."
ZNS_QUOTA_SPENT = "Hạn mức tin ZNS hôm nay đã hết (đến {until}); chuyển kênh khác."
ZNS_UNREACHABLE = "Người nhận không nhận được tin ZNS (Zalo {code}: {message})."
ZNS_BAD_PHONE = "Zalo báo số điện thoại không hợp lệ (Zalo {code}: {message})."
ZNS_BAD_TEMPLATE = "Mẫu tin ZNS không hợp lệ hoặc chưa được duyệt (Zalo {code}: {message})."
ZNS_BAD_DATA = "Dữ liệu điền vào mẫu tin ZNS không hợp lệ (Zalo {code}: {message})."
ZNS_TOKEN = "Zalo từ chối mã truy cập OA (Zalo {code}: {message}); sẽ thử lại."
ZNS_TRANSIENT = "Lỗi tạm thời khi gửi tin ZNS (Zalo {code}: {message}); sẽ thử lại."
ZNS_REFUSED = "Zalo từ chối tin ZNS (Zalo {code}: {message})."

# --- readiness --------------------------------------------------------------------------------
READY_OFF = "off (chưa cấu hình ZALO_APP_ID)"
READY_NOT_CONNECTED = "not connected (chạy: flask zalo connect <refresh_token>)"
READY_REFRESH_FAILED = "error: làm mới mã truy cập thất bại, cần kết nối lại ({error})"
READY_OK = "ok"
READY_PAUSED = "paused until {until}"

ALERT_REFRESH_FAILED = (
    "Làm mới mã truy cập Zalo OA thất bại ({error}). Tin nhắn Zalo đang dừng. "
    "Quản trị viên cần lấy mã làm mới mới trong trang quản lý OA và chạy "
    "“flask zalo connect <refresh_token>”."
)

# --- chat bot --------------------------------------------------------------------------------
WELCOME = (
    "Chào bạn! Đây là kênh tiếp nhận phản ánh, kiến nghị và thông tin thiết yếu của chính "
    "quyền xã, phường.\n"
    "• Nhắn “phản ánh” để gửi phản ánh.\n"
    "• Nhắn “tra cứu <mã>” để xem tình trạng phản ánh.\n"
    "• Nhắn “đánh giá <mã> <1–5>” để đánh giá câu trả lời.\n"
    "• Nhắn “đăng ký <tên xã>” để nhận thông báo của xã, phường.\n"
    "• Nhắn “góp ý dự thảo” để góp ý các dự thảo đang lấy ý kiến người dân.\n"
    "• Nhắn “báo tin giả” để báo tin đồn, tin sai sự thật cần chính quyền xác minh."
)
HELP = (
    "Mình chưa hiểu tin nhắn này. Bạn có thể:\n"
    "• Nhắn “phản ánh” để gửi phản ánh mới.\n"
    "• Nhắn “tra cứu <mã>”, ví dụ “tra cứu ABCD-EFGH”.\n"
    "• Nhắn “xác minh <mã>” (mã in trên thông báo) hoặc chuyển tiếp tin nhắn để biết đó có "
    "phải thông báo chính thức.\n"
    "• Nhắn “đánh giá <mã> <1–5>” để đánh giá câu trả lời, ví dụ “đánh giá ABCD-EFGH 5”.\n"
    "• Nhắn “đăng ký <tên xã>” để nhận thông báo, “hủy đăng ký” để thôi nhận.\n"
    "• Nhắn “góp ý dự thảo” để góp ý dự thảo đang lấy ý kiến.\n"
    "• Nhắn “báo tin giả” để báo tin sai sự thật cần xác minh.\n"
    "• Nhắn “hủy” để dừng cuộc trò chuyện đang dở."
)
EXPIRED = "Cuộc trò chuyện trước đã quá 30 phút không có trả lời nên đã được hủy."
CANCELLED = "Đã hủy. Khi cần, bạn nhắn “phản ánh” để bắt đầu lại."
NOTHING_TO_CANCEL = "Không có cuộc trò chuyện nào đang dở."

ASK_UNIT = "Bạn muốn phản ánh đến xã, phường nào? Nhập tên xã, phường (ví dụ: Phú Xuân)."
UNIT_REMEMBERED = "Phản ánh sẽ gửi đến {unit}. (Nhắn “đổi xã” để chọn nơi khác.)"
UNIT_NOT_FOUND = "Không tìm thấy xã, phường “{text}”. Vui lòng nhập lại tên xã, phường."
UNIT_AMBIGUOUS = "Có nhiều nơi tên như vậy. Vui lòng nhắn số thứ tự:\n{choices}"
UNIT_CHOICE = "{n}. {name} ({province})"

ASK_CATEGORY = "Phản ánh thuộc lĩnh vực nào? Nhắn số thứ tự:\n{choices}"
CATEGORY_CHOICE = "{n}. {name}"
CATEGORY_INVALID = "Vui lòng nhắn một số từ 1 đến {n} để chọn lĩnh vực."
NO_CATEGORY = "Xã, phường này chưa nhận phản ánh qua Zalo. Vui lòng liên hệ trực tiếp UBND."

ASK_DESCRIPTION = "Bạn mô tả sự việc: ở đâu, khi nào, như thế nào (ít nhất vài từ)."
DESCRIPTION_SHORT = "Nội dung hơi ngắn, bạn mô tả rõ hơn giúp mình nhé."
DESCRIPTION_LONG = "Nội dung dài quá {n} ký tự, bạn rút gọn giúp mình nhé."

ASK_MEDIA = (
    "Bạn có thể gửi ảnh (tối đa {n} ảnh) và chia sẻ vị trí sự việc. "
    "Xong thì nhắn “xong”; không có thì nhắn “bỏ qua”."
)
PHOTO_SAVED = "Đã nhận {count} ảnh. Gửi thêm, chia sẻ vị trí, hoặc nhắn “xong”."
PHOTO_LIMIT = "Đã đủ {n} ảnh, ảnh thêm không được nhận. Nhắn “xong” để tiếp tục."
PHOTO_FAILED = "Không tải được ảnh vừa gửi (ảnh phải là JPEG, PNG hoặc WebP, tối đa {mb} MB)."
LOCATION_SAVED = "Đã nhận vị trí. Gửi thêm ảnh, hoặc nhắn “xong”."
FILE_NOT_ACCEPTED = "Hiện chỉ nhận ảnh và vị trí, chưa nhận tệp. Bạn gửi ảnh chụp giúp mình nhé."
MEDIA_HINT = "Bạn gửi ảnh, chia sẻ vị trí, hoặc nhắn “xong” để tiếp tục."
MEDIA_NOT_NOW = "Mình chưa cần ảnh hay vị trí lúc này. Nhắn “phản ánh” để bắt đầu gửi phản ánh."

ASK_CONTACT = (
    "Bạn có muốn để lại họ tên và số điện thoại để cán bộ liên hệ khi cần không? "
    "Thông tin chỉ dùng để xử lý phản ánh này và không công khai. Nhắn “có” hoặc “không”."
)
CONTACT_QUESTION_SHORT = "Nhắn “có” để để lại họ tên, số điện thoại, hoặc “không” để bỏ qua."
CONTACT_REQUEST_TITLE = "Chia sẻ thông tin liên hệ"
CONTACT_REQUEST_SUBTITLE = "Để cán bộ xã, phường liên hệ về phản ánh của bạn."
CONTACT_WAIT = "Bạn bấm “Chia sẻ thông tin” trong tin nhắn trên, hoặc nhắn “bỏ qua”."
CONTACT_RECEIVED = "Đã nhận thông tin liên hệ."
CONTACT_UNASKED = (
    "Bạn vừa chia sẻ thông tin liên hệ. Bạn đồng ý để chính quyền dùng họ tên và số điện "
    "thoại này để liên hệ về phản ánh không? Nhắn “có” hoặc “không”."
)
CONTACT_DISCARDED = "Đã bỏ thông tin liên hệ, phản ánh sẽ gửi không kèm số điện thoại."
CONSENT_PURPOSE = "Liên hệ với người phản ánh để xử lý phản ánh gửi qua Zalo"

CONFIRM = (
    "Bạn kiểm tra lại phản ánh:\n"
    "• Nơi nhận: {unit}\n"
    "• Lĩnh vực: {category}\n"
    "• Nội dung: {description}\n"
    "• Ảnh: {photos} · Vị trí: {location}\n"
    "• Liên hệ: {contact}\n"
    "Nhắn “gửi” để gửi, “hủy” để bỏ."
)
CONFIRM_HINT = "Nhắn “gửi” để gửi phản ánh, hoặc “hủy” để bỏ."
YES = "có"
NO = "không"
NONE = "không"
CONTACT_NONE = "không để lại"
SUBMITTED = (
    "Đã gửi phản ánh. Mã tra cứu: {code}. Cơ quan xử lý: {office}, hạn trả lời: {due}. "
    "Nhắn “tra cứu {code}” để xem tình trạng."
)
SUBMIT_FAILED = "Chưa gửi được phản ánh: {reason} Nhắn “phản ánh” để thử lại."

LOOKUP_ASK = "Bạn nhắn “tra cứu” kèm mã, ví dụ “tra cứu ABCD-EFGH”."
LOOKUP_NOT_FOUND = "Không tìm thấy phản ánh mã {code} do bạn gửi qua Zalo."
LOOKUP_RESULT = "Phản ánh {code}: {status}. Hạn trả lời: {due}."
LOOKUP_ANSWER = "Trả lời: {answer}"

# Rating the answer in the chat: after the answer message a number 1–5 is enough; "đánh giá
# <mã> <số> [nhận xét]" works at any time.
RATE_INVITE = ("Bạn hài lòng với câu trả lời này không? Nhắn một số từ 1 (không hài lòng) "
               "đến 5 (rất hài lòng) để đánh giá, có thể kèm nhận xét, ví dụ “5 cảm ơn cán bộ”.")
RATE_HINT = "Nhắn “đánh giá {code} <1–5>” để đánh giá câu trả lời."
RATE_ASK = ("Bạn nhắn “đánh giá” kèm mã phản ánh và một số từ 1 đến 5, ví dụ "
            "“đánh giá ABCD-EFGH 5”.")
RATE_NOTHING = "Bạn chưa có phản ánh nào đã được trả lời để đánh giá."
RATED = "Cảm ơn bạn đã đánh giá câu trả lời cho phản ánh {code}: {rating}/5."
RATE_FAILED = "Phản ánh {code}: {reason}"

SUBSCRIBE_ASK = "Bạn nhắn “đăng ký” kèm tên xã, phường, ví dụ “đăng ký Phú Xuân”."
SUBSCRIBED = "Đã đăng ký nhận thông báo của {unit}. Nhắn “hủy đăng ký” để thôi nhận."
ALREADY_SUBSCRIBED = "Bạn đã đăng ký nhận thông báo của {unit} rồi."
SUBSCRIBE_AMBIGUOUS = "Có nhiều nơi tên như vậy, bạn nhắn lại theo mã:\n{choices}"
SUBSCRIBE_CHOICE = "• “đăng ký {code}”: {name} ({province})"
UNSUBSCRIBED = "Đã hủy đăng ký nhận thông báo của: {units}."
NOT_SUBSCRIBED = "Bạn chưa đăng ký nhận thông báo nào."

# --- comments on drafts ("góp ý dự thảo") ------------------------------------------------------
CONSULT_ASK_UNIT = ("Bạn muốn góp ý dự thảo của xã, phường nào? "
                    "Nhập tên xã, phường (ví dụ: Phú Xuân).")
CONSULT_NONE = "{unit} hiện không có dự thảo nào đang lấy ý kiến."
CONSULT_PICK = "Các dự thảo của {unit} đang lấy ý kiến. Nhắn số thứ tự để chọn:\n{choices}"
CONSULT_CHOICE = "{n}. {title} (đến {closes})"
CONSULT_PICK_INVALID = "Vui lòng nhắn một số từ 1 đến {n} để chọn dự thảo."
CONSULT_ASK_SECTION = (
    "Dự thảo “{title}” nhận góp ý đến {closes}.\n"
    "Bạn góp ý cho phần nào? Nhắn số thứ tự:\n{choices}"
)
CONSULT_SECTION_CHOICE = "{n}. {label}. {title}"
CONSULT_WHOLE_CHOICE = "0. Toàn bộ dự thảo"
CONSULT_SECTION_INVALID = "Vui lòng nhắn một số từ 0 đến {n} để chọn phần góp ý."
CONSULT_ASK_TEXT = "Bạn nhắn nội dung góp ý cho {target}."
CONSULT_TEXT_SHORT = "Nội dung góp ý hơi ngắn, bạn viết rõ hơn giúp mình nhé."
CONSULT_TEXT_LONG = "Nội dung dài quá {n} ký tự, bạn rút gọn giúp mình nhé."
CONSULT_CONFIRM = (
    "Bạn kiểm tra lại góp ý:\n"
    "• Dự thảo: {title}\n"
    "• Góp ý cho: {target}\n"
    "• Nội dung: {body}\n"
    "Ý kiến được công khai không kèm tên bạn; kết quả tiếp thu sẽ được gửi cho bạn qua Zalo. "
    "Nhắn “gửi” để gửi, “hủy” để bỏ."
)
CONSULT_CONFIRM_HINT = "Nhắn “gửi” để gửi góp ý, hoặc “hủy” để bỏ."
CONSULT_SENT = ("Đã gửi góp ý cho dự thảo “{title}”. Cảm ơn bạn! "
                "Kết quả tiếp thu sẽ được gửi cho bạn qua Zalo.")
CONSULT_FAILED = "Chưa gửi được góp ý: {reason}"
PRIVACY_MENU = (
    "Bạn có thể yêu cầu về dữ liệu cá nhân trong phản ánh đã gửi qua Zalo. "
    "Nhắn “dữ liệu <số> <mã phản ánh>”:\n"
    "1. Xem dữ liệu\n"
    "2. Nhận bản sao (tệp JSON)\n"
    "3. Sửa họ tên hoặc số điện thoại (ghi thông tin mới ở cuối)\n"
    "4. Hạn chế xử lý\n"
    "5. Rút lại sự đồng ý\n"
    "6. Xóa dữ liệu cá nhân (thêm “kèm ảnh” để xóa cả ảnh)\n"
    "Ví dụ: “dữ liệu 6 ABCD-EFGH”."
)
PRIVACY_NOTICE_LINK = "Thông báo về xử lý dữ liệu cá nhân: {url}"
PRIVACY_CREATED = (
    "Đã nhận yêu cầu “{kind}” (mã {code}) cho phản ánh {item}. Mã bí mật để theo dõi "
    "yêu cầu: {token} (hãy lưu lại). Chúng tôi xác nhận trong 2 ngày làm việc và thực "
    "hiện xong trước ngày {due}."
)
PRIVACY_NOT_FOUND = "Không tìm thấy phản ánh mã {code} do bạn gửi qua Zalo."
PRIVACY_FAILED = "Chưa ghi nhận được yêu cầu: {reason}"
PRIVACY_CORRECTION_ASK = (
    "Bạn ghi thông tin mới ở cuối tin nhắn, ví dụ “dữ liệu 3 ABCD-EFGH 0912 345 678” "
    "hoặc “dữ liệu 3 ABCD-EFGH Nguyễn Văn An”."
)

NOTICE_TEXT = "[{label}] {title}\n{text}"
CORRECTION_LABEL = "ĐÍNH CHÍNH · {label}"
PRIORITY_LABELS = {"emergency": "KHẨN CẤP", "priority": "ƯU TIÊN", "normal": "Thông báo"}

# --- keywords (compared after folding: no diacritics, lower case) ----------------------------
KW_START = ("phan anh", "gui phan anh", "bat dau", "kien nghi", "phananh")
KW_CANCEL = ("huy", "huy bo", "thoi", "dung lai")
KW_UNSUBSCRIBE = ("huy dang ky", "huy dang ki", "bo dang ky", "ngung nhan")
KW_SUBSCRIBE = ("dang ky", "dang ki")
KW_LOOKUP = ("tra cuu", "tracuu", "tra")
KW_VERIFY = ("xac minh", "xacminh", "kiem tra tin")  # notices/verification
FORWARDED_MIN_WORDS = 12  # a longer text that is no command is checked as forwarded news
KW_RATE = ("danh gia", "danhgia", "cham diem")
KW_CONSULT = ("gop y du thao", "gop y", "du thao", "gopy du thao", "y kien du thao",
              "lay y kien")
KW_PRIVACY = ("du lieu ca nhan", "du lieu", "quyen du lieu")
KW_WITH_PHOTOS = ("kem anh", "ca anh")
KW_HELP = ("help", "tro giup", "huong dan", "menu", "?")
KW_CHANGE_UNIT = ("doi xa", "doi phuong", "chon xa khac")
KW_DONE = ("xong", "tiep", "tiep tuc", "bo qua", "khong co", "ok", "xong roi")
KW_SKIP = ("bo qua", "khong", "ko", "k")
KW_YES = ("co", "dong y", "yes", "ok", "u", "uh", "vang", "da")
KW_NO = ("khong", "ko", "k", "no", "khong dong y")
KW_SEND = ("gui", "dong y", "ok", "co", "xac nhan", "gui di")
UNIT_PREFIXES = ("phuong", "xa", "thi tran", "dac khu", "p.", "p", "x.")
STALE_EVENT = "Sự kiện đã quá hạn hoặc bị gửi lại."
