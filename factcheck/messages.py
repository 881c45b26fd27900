"""Every Vietnamese string of the false-information reports (API, report page, messages to
reporters, console)."""

NAME = "Báo tin giả"
NOTICE_CATEGORY = "official_clarification"  # notices' "Thông tin chính thức / Bác bỏ tin sai"

STATUS_LABELS = {"open": "Đang xác minh", "clarifying": "Đang đăng thông tin chính thức",
                 "closed": "Đã có kết luận"}
VERDICT_LABELS = {"false": "Tin sai sự thật", "misleading": "Tin gây hiểu lầm",
                  "true": "Thông tin đúng", "not_ours": "Không thuộc thẩm quyền"}
PRIORITY_LABELS = {"normal": "Thông thường", "emergency": "Khẩn cấp"}
CHANNEL_LABELS = {"web": "Trang web", "widget": "Trang web của xã", "api": "Ứng dụng",
                  "zalo": "Zalo", "miniapp": "Zalo Mini App", "staff": "Qua điện thoại"}

# --- validation and errors -----------------------------------------------------------------
NOTHING_REPORTED = ("Vui lòng cho biết tin cần xác minh: dán đường dẫn, nội dung tin hoặc "
                    "gửi ảnh chụp màn hình.")
CONTENT_SHORT = "Nội dung quá ngắn, vui lòng ghi rõ hơn (ít nhất 5 ký tự)."
LINK_INVALID = "Đường dẫn không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."
SEEN_AT_FUTURE = "Thời điểm nhìn thấy tin không thể ở tương lai."
CONTACT_NEEDS_CONSENT = "Để nhận kết quả, vui lòng đồng ý cho sử dụng thông tin liên hệ."
NAME_NEEDS_CONTACT = "Vui lòng ghi số điện thoại hoặc email để nhận kết quả."
UNIT_UNKNOWN = "Không tìm thấy xã, phường này."
UNIT_NOT_COMMUNE = "Vui lòng chọn một xã, phường."
NO_OFFICE = "Xã, phường này chưa có cơ quan tiếp nhận tin báo."
ONE_IMAGE = "Chỉ gửi một ảnh chụp màn hình."
IMAGE_TOO_LARGE = "Ảnh quá lớn (tối đa {mb} MB)."
IMAGE_NOT_IMAGE = "Tệp gửi kèm phải là ảnh JPEG, PNG hoặc WebP."
NOT_FOUND = "Không tìm thấy tin báo này."
TITLE_IMAGE = "Ảnh chụp màn hình"
READ_ONLY_ROLE = "Tài khoản chỉ có quyền xem."
NOT_YOUR_UNIT = "Chỉ tiếp nhận tin báo cho đơn vị của mình."
CASE_CLOSED = "Vụ việc đã có kết luận."
VERDICT_EXISTS = "Vụ việc đã có kết luận, không thể ghi lại."
FORWARDED_TO_REQUIRED = "Vui lòng ghi cơ quan có thẩm quyền đã được chuyển tin."
NOTE_REQUIRED = "Vui lòng ghi nội dung kết luận để thông báo cho người báo tin."
CLARIFICATION_NOT_NEEDED = "Chỉ đăng thông tin chính thức cho tin sai sự thật hoặc gây hiểu lầm."
CLARIFICATION_EXISTS = "Vụ việc đã có thông tin chính thức."
CLARIFICATION_REQUIRED = "Tin sai sự thật hoặc gây hiểu lầm cần có thông tin chính thức để bác bỏ."
OFFICE_WRONG_UNIT = "Cơ quan này không thuộc đơn vị."

# --- what citizens read --------------------------------------------------------------------
RECEIPT = ("Đã tiếp nhận tin báo {code}. {unit} sẽ xác minh và báo kết quả cho bạn. "
           "Cảm ơn bạn đã góp phần ngăn chặn tin giả.")
RECEIPT_SUBJECT = "Tin báo {code}: đã tiếp nhận"
OUTCOME_SUBJECT = "Tin báo {code}: {verdict}"
OUTCOME = {
    "false": "Kết quả xác minh tin báo {code}: đây là TIN SAI SỰ THẬT. {note}",
    "misleading": "Kết quả xác minh tin báo {code}: đây là TIN GÂY HIỂU LẦM. {note}",
    "true": "Kết quả xác minh tin báo {code}: thông tin bạn báo là ĐÚNG. {note}",
    "not_ours": ("Tin báo {code} không thuộc thẩm quyền của {unit}; đã chuyển đến "
                 "{forwarded_to}. {note}"),
}
OUTCOME_LINK = "Thông tin chính thức: {link}"

# --- the public report page ----------------------------------------------------------------
PAGE = {
    "title": "Báo tin giả, tin sai sự thật",
    "lead": ("Bạn thấy tin đồn, ảnh giả mạo văn bản của chính quyền hoặc thông tin đáng ngờ "
             "trên mạng? Gửi cho {unit} để xác minh. Cán bộ sẽ kiểm tra và đăng thông tin "
             "chính thức nếu tin sai."),
    "link": "Đường dẫn đến tin (nếu có)",
    "link_hint": "Ví dụ: https://www.facebook.com/…",
    "content": "Nội dung tin (dán hoặc chép lại)",
    "image": "Ảnh chụp màn hình (nếu có)",
    "image_hint": "Một ảnh JPEG, PNG hoặc WebP, tối đa {mb} MB.",
    "seen_where": "Bạn thấy tin ở đâu?",
    "seen_where_hint": "Ví dụ: nhóm Zalo của khu phố, trang Facebook…",
    "seen_at": "Bạn thấy tin lúc nào?",
    "contact": "Nhận kết quả xác minh (không bắt buộc)",
    "contact_hint": ("Để lại số điện thoại hoặc email nếu bạn muốn được báo kết quả. Thông tin "
                     "này chỉ cán bộ xử lý được xem."),
    "name": "Họ và tên",
    "phone": "Số điện thoại",
    "email": "Email",
    "consent": ("Tôi đồng ý cho {unit} sử dụng thông tin liên hệ trên để báo kết quả xác minh "
                "tin này."),
    "policy": "Chính sách bảo vệ dữ liệu cá nhân",
    "send": "Gửi tin báo",
    "sent": "Đã gửi tin báo.",
    "code": "Mã tin báo của bạn:",
    "sent_hint": "Hãy ghi lại mã này. Cán bộ sẽ xác minh trong vòng {hours} giờ.",
    "errors": "Chưa gửi được tin báo, vui lòng kiểm tra:",
    "another": "Báo tin khác",
    "required_hint": "Cần ít nhất một trong ba: đường dẫn, nội dung hoặc ảnh.",
}
CONSENT_PURPOSE = "Báo kết quả xác minh tin báo tin giả"

# --- console ------------------------------------------------------------------------------
EVENT_LABELS = {"created": "Tiếp nhận", "joined": "Thêm tin báo trùng", "verdict": "Kết luận",
                "clarification": "Soạn thông tin chính thức", "clarified":
                "Đã đăng thông tin chính thức", "priority": "Đổi mức ưu tiên",
                "closed": "Kết thúc", "overdue": "Quá hạn"}

# --- the Zalo chat ("báo tin giả") ---------------------------------------------------------
# Folded keywords that start a report, in every state.
KW_REPORT = ("bao tin gia", "baotingia", "bao tin sai")
KW_SEND = ("xong", "gui", "gui di", "xong roi", "ok")
CHAT_ASK_UNIT = "Tin này lan truyền ở xã, phường nào? Nhắn tên xã, phường (ví dụ: Phú Xuân)."
CHAT_ASK_CONTENT = (
    "Báo tin giả cho {unit}: hãy chuyển tiếp tin, dán đường dẫn hoặc gửi ảnh chụp màn hình "
    "(có thể ghi thêm bạn thấy tin ở đâu, lúc nào). Nhắn “xong” khi đã gửi đủ, “hủy” để "
    "thôi.")
CHAT_GOT = "Đã nhận. Gửi thêm nếu cần, hoặc nhắn “xong” để gửi tin báo."
CHAT_ONE_IMAGE = "Chỉ nhận một ảnh chụp màn hình cho mỗi tin báo; ảnh đầu tiên được giữ."
CHAT_NOTHING = "Bạn chưa gửi nội dung tin. Hãy chuyển tiếp tin, dán đường dẫn hoặc gửi ảnh."
CHAT_TOO_LONG = "Nội dung quá dài (tối đa {n} ký tự); phần thêm không được giữ."
CHAT_SENT = ("Đã tiếp nhận tin báo {code}. {unit} sẽ xác minh và nhắn kết quả cho bạn tại "
             "đây. Cảm ơn bạn!")
CHAT_FAILED = "Chưa gửi được tin báo: {reason}"

# --- the staff console -----------------------------------------------------------------------
CONSOLE = {
    "nav": "Tin giả",
    "title": "Tin báo tin giả",
    "lead": "Khẩn cấp trước, rồi theo hạn xác minh (tính bằng giờ).",
    "filter": "Hiển thị",
    "filters": {"open": "Đang xử lý", "clarifying": "Chờ đăng thông tin chính thức",
                "closed": "Đã kết luận", "all": "Tất cả"},
    "show": "Xem",
    "new": "Ghi tin báo nhận qua điện thoại",
    "empty": "Không có vụ việc nào.",
    "col_case": "Vụ việc", "col_reports": "Số tin báo", "col_priority": "Mức ưu tiên",
    "col_due": "Hạn xác minh", "col_status": "Trạng thái", "col_verdict": "Kết luận",
    "overdue": "Quá hạn",
    "case": "Vụ việc #{id}",
    "office": "Cơ quan xử lý",
    "reports": "Các tin báo ({n})",
    "reported_at": "Nhận lúc",
    "channel": "Kênh",
    "link": "Đường dẫn",
    "content": "Nội dung",
    "seen": "Nơi, lúc thấy tin",
    "image": "Ảnh chụp màn hình",
    "image_alt": "Ảnh chụp màn hình của tin báo {code}",
    "can_be_told": "Người báo tin nhận được kết quả",
    "told": "Đã báo kết quả",
    "verdict": "Ghi kết luận",
    "verdict_field": "Kết luận",
    "note": "Nội dung kết luận (gửi cho người báo tin)",
    "forwarded_to": "Cơ quan có thẩm quyền đã chuyển tin (khi không thuộc thẩm quyền)",
    "save_verdict": "Lưu kết luận",
    "clarification": "Soạn thông tin chính thức bác bỏ tin sai",
    "clarification_hint": ("Thông tin được gửi lãnh đạo khác duyệt như mọi thông báo; khi được "
                           "đăng, mọi người báo tin được nhắn kết quả kèm đường dẫn."),
    "c_title": "Tiêu đề", "c_summary": "Tóm tắt", "c_body": "Nội dung",
    "submit_clarification": "Trình duyệt thông tin chính thức",
    "notice": "Thông tin chính thức",
    "open_notice": "Xem thông báo #{id}",
    "priority": "Mức ưu tiên",
    "make_emergency": "Đánh dấu khẩn cấp",
    "make_normal": "Bỏ khẩn cấp",
    "timeline": "Diễn biến",
    "read_only": "Tài khoản chỉ có quyền xem.",
    "done_verdict": "Đã lưu kết luận.",
    "done_clarification": "Đã trình duyệt thông tin chính thức.",
    "done_priority": "Đã đổi mức ưu tiên.",
    "done_report": "Đã ghi tin báo {code}.",
    "new_title": "Ghi tin báo nhận qua điện thoại",
    "unit": "Xã, phường",
    "consent_given": "Người báo tin đồng ý cho sử dụng số điện thoại, email để báo kết quả",
    "save_report": "Ghi tin báo",
    "errors": "Chưa lưu được:",
}
