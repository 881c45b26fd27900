"""Every Vietnamese string of the notices package (API, feeds, CAP, widget, board)."""

CATEGORY_LABELS = {
    "policy_law": "Chủ trương, chính sách, pháp luật",
    "local_programmes": "Chương trình, dự án tại địa phương",
    "economy_culture": "Kinh tế, văn hóa, xã hội",
    "security_order": "An ninh, trật tự, quốc phòng",
    "disaster_incident": "Thiên tai, cháy nổ, dịch bệnh, sự cố",
    "exemplary_people": "Gương người tốt, việc tốt",
    "local_products": "Sản phẩm, dịch vụ phục vụ đời sống",
    "authority_directions": "Chỉ đạo, điều hành của chính quyền",
    "official_clarification": "Thông tin chính thức / Bác bỏ tin sai",
}
PRIORITY_LABELS = {"normal": "Thông thường", "priority": "Ưu tiên", "emergency": "Khẩn cấp"}
RISK_LABELS = {
    1: "Cấp độ 1 – Rủi ro thiên tai nhỏ",
    2: "Cấp độ 2 – Rủi ro thiên tai trung bình",
    3: "Cấp độ 3 – Rủi ro thiên tai lớn",
    4: "Cấp độ 4 – Rủi ro thiên tai rất lớn",
    5: "Cấp độ 5 – Thảm họa",
}
STATUS_LABELS = {
    "draft": "Bản nháp",
    "submitted": "Chờ duyệt",
    "approved": "Đã duyệt, chờ đăng",
    "published": "Đang đăng",
    "expired": "Hết hạn",
    "withdrawn": "Đã thu hồi",
    "superseded": "Đã được đính chính",
}
ACTION_LABELS = {
    "update": "sửa", "submit": "gửi duyệt", "approve": "duyệt", "reject": "trả lại",
    "withdraw": "thu hồi", "correct": "đính chính", "add_image": "thêm ảnh",
}

NOT_FOUND = "Không tìm thấy thông báo."
TRANSITION_NOT_ALLOWED = "Không thể {action} khi thông báo đang ở trạng thái “{status}”."
READ_ONLY = "Vai trò của bạn chỉ được xem."
NOT_YOUR_UNIT = "Bạn chỉ được soạn thông báo cho đơn vị của mình."
TARGET_OUTSIDE = "Đơn vị nhận phải thuộc phạm vi của đơn vị đăng thông báo."
TARGET_UNKNOWN = "Không tìm thấy đơn vị nhận: {code}."
APPROVER_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được duyệt thông báo."
AUTHOR_CANNOT_APPROVE = "Người soạn không được tự duyệt thông báo của mình."
CONTRIBUTOR_CANNOT_APPROVE = ("Người đã soạn hoặc sửa nội dung thông báo này (ở bất kỳ phiên "
                              "bản nào) không được duyệt nó; cần một người khác duyệt.")
BACK_TO_DRAFT = ("Thông báo đã gửi duyệt hoặc đã được duyệt: sửa nội dung sẽ đưa thông báo về "
                 "bản nháp, cần gửi duyệt lại.")
WITHDRAW_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được thu hồi thông báo."
REASON_REQUIRED = "Vui lòng nêu lý do."
EXPIRY_BEFORE_PUBLISH = "Thời điểm hết hạn phải sau thời điểm đăng."
EXPIRY_PASSED = "Thời điểm hết hạn đã qua."
RISK_NEEDS_DISASTER = "Cấp độ rủi ro thiên tai chỉ dùng cho thông tin thiên tai, sự cố."
BODY_EMPTY = "Nội dung không được để trống."
TOO_MANY_IMAGES = "Tối đa {n} ảnh cho một thông báo."
IMAGE_TOO_LARGE = "Mỗi ảnh tối đa {mb} MB."
IMAGE_NOT_IMAGE = "Tệp không phải ảnh JPEG, PNG hoặc WebP."
IMAGE_REQUIRED = "Vui lòng chọn một ảnh (trường image)."
MULTIPART_REQUIRED = "Ảnh gửi bằng multipart/form-data."
BAD_PAGE = "Trang phải là số nguyên từ 1 trở lên."
BAD_PER_PAGE = "Số mục mỗi trang phải từ 1 đến {n}."
UNKNOWN_PARAM = "Tham số không được chấp nhận."

# Feeds and CAP
FEED_TITLE = "Thông tin thiết yếu – {unit}"
FEED_SUBTITLE = "Thông báo của chính quyền gửi tới người dân {unit}."
CAP_FEED_TITLE = "Cảnh báo khẩn cấp (CAP) – {unit}"
CAP_SENDER_NAME = "Hệ thống thông tin cơ sở"
CAP_CANCEL_HEADLINE = "Hủy bỏ: {title}"
CAP_CANCEL_DESCRIPTION = "Thông báo đã được thu hồi. Lý do: {reason}"
CAP_UPDATE_NOTE = "Đính chính thông báo trước"
CAP_RISK_PARAMETER = "Cấp độ rủi ro thiên tai"
DOCUMENT_INVALID = "Tài liệu tạo ra không hợp lệ; lỗi đã được ghi lại để khắc phục."
CAP_INVALID = ("Không thể phát hành cảnh báo CAP: nội dung tạo ra không đúng chuẩn CAP 1.2. "
               "Cảnh báo chưa được lưu; vui lòng kiểm tra lại nội dung thông báo.")
CORRECTED = "Đã đính chính"

# Widget (sent to the browser as JSON) and board
WIDGET = {
    "title": "Thông tin từ chính quyền",
    "notices": "Thông báo",
    "none": "Hiện chưa có thông báo.",
    "emergency": "KHẨN CẤP",
    "priority": "Ưu tiên",
    "until": "Hiệu lực đến",
    "published": "Đăng lúc",
    "code": "Mã xác minh",
    "sep": " · ",
    "more": "Xem tiếp",
    "less": "Thu gọn",
    "loadError": "Không tải được thông báo. Vui lòng thử lại sau.",
    "formTitle": "Gửi phản ánh, kiến nghị",
    "category": "Lĩnh vực",
    "choose": "– Chọn lĩnh vực –",
    "subject": "Tiêu đề (không bắt buộc)",
    "description": "Nội dung phản ánh",
    "contactHint": "Để lại họ tên và số điện thoại hoặc email nếu bạn muốn nhận trả lời "
                   "(không bắt buộc; bỏ trống để gửi ẩn danh).",
    "name": "Họ và tên",
    "phone": "Số điện thoại",
    "email": "Email",
    "notifyVia": "Nhận thông báo qua",
    "notifyZalo": "Zalo (tin nhắn đến số điện thoại)",
    "notifySms": "Tin nhắn SMS",
    "notifyEmail": "Email",
    "notifyNeedsPhone": "Vui lòng nhập số điện thoại để nhận thông báo qua Zalo hoặc SMS.",
    "notifyNeedsEmail": "Vui lòng nhập email để nhận thông báo qua email.",
    # The consent sentence itself comes from the privacy notice in force (/privacy).
    "consentLoading": "Đang tải nội dung xin đồng ý…",
    "consentUnavailable": "Chưa tải được thông báo xử lý dữ liệu cá nhân; bạn vẫn có thể "
                          "gửi phản ánh ẩn danh.",
    "policyLink": "Đọc thông báo xử lý dữ liệu cá nhân",
    "consentPurpose": "Tiếp nhận, xử lý và trả lời phản ánh",
    "consentNeeded": "Vui lòng đánh dấu đồng ý để gửi kèm thông tin liên hệ, "
                     "hoặc bỏ trống họ tên, số điện thoại và email để gửi ẩn danh.",
    "nameNeeded": "Vui lòng nhập họ tên cùng số điện thoại hoặc email, hoặc bỏ trống cả "
                  "để gửi ẩn danh.",
    "descriptionNeeded": "Vui lòng nhập nội dung phản ánh (ít nhất 5 ký tự).",
    "categoryNeeded": "Vui lòng chọn lĩnh vực.",
    "send": "Gửi phản ánh",
    "sending": "Đang gửi…",
    "sent": "Đã gửi phản ánh. Mã tra cứu của bạn:",
    "token": "Mã bí mật để tra cứu (hãy lưu lại):",
    "due": "Hạn trả lời:",
    "sendError": "Chưa gửi được phản ánh.",
    "network": "Không kết nối được máy chủ. Vui lòng thử lại.",
    "another": "Gửi phản ánh khác",
    # tabs
    "sections": "Các mục",
    "tabFeedback": "Gửi phản ánh",
    "tabQa": "Hỏi đáp",
    "dtTab": "Góp ý dự thảo",
    "tabTrack": "Tra cứu",
    "tabFactcheck": "Báo tin giả",
    "follow": "Theo dõi phản ánh này",
    "photos": "Ảnh kèm theo (không bắt buộc, tối đa {n} ảnh; ảnh được thu nhỏ trước khi gửi)",
    "photosTooMany": "Chỉ gửi được tối đa {n} ảnh. Vui lòng chọn lại.",
    "photosPreparing": "Đang thu nhỏ ảnh…",
    "photoUnreadable": "Không đọc được ảnh này. Vui lòng chọn ảnh JPEG, PNG hoặc WebP.",
}
# The widget's second part (widget-more.js): tracking, Q&A, drafts.
WIDGET_MORE = {
    # "Báo tin giả": a report of suspected false information (factcheck/)
    "fcTitle": "Báo tin giả, tin sai sự thật",
    "fcLead": "Thấy tin đồn, ảnh giả mạo văn bản của chính quyền hoặc thông tin đáng ngờ? "
              "Gửi để cán bộ xác minh. Cần ít nhất một trong ba: đường dẫn, nội dung hoặc ảnh.",
    "fcLink": "Đường dẫn đến tin (nếu có)",
    "fcContent": "Nội dung tin (dán hoặc chép lại)",
    "fcImage": "Ảnh chụp màn hình (nếu có)",
    "fcWhere": "Bạn thấy tin ở đâu, lúc nào?",
    "fcContactHint": "Để lại số điện thoại hoặc email nếu muốn được báo kết quả xác minh "
                     "(không bắt buộc).",
    "fcPhone": "Số điện thoại",
    "fcEmail": "Email",
    "fcConsent": "Tôi đồng ý cho chính quyền sử dụng thông tin liên hệ trên để báo kết quả "
                 "xác minh tin này.",
    "fcConsentPurpose": "Báo kết quả xác minh tin báo tin giả",
    "fcConsentNeeded": "Vui lòng đánh dấu đồng ý để nhận kết quả, hoặc bỏ trống số điện "
                       "thoại và email.",
    "fcNothing": "Vui lòng dán đường dẫn, nội dung tin (ít nhất 5 ký tự) hoặc chọn ảnh chụp "
                 "màn hình.",
    "fcSend": "Gửi tin báo",
    "fcError": "Chưa gửi được tin báo.",
    "fcSent": "Đã gửi tin báo. Mã tin báo của bạn:",
    "fcSentHint": "Cán bộ sẽ xác minh và đăng thông tin chính thức nếu tin sai.",
    # tracking: status look-up and rating by the owner
    "trTitle": "Tra cứu phản ánh đã gửi",
    "trCode": "Mã tra cứu",
    "trProofHint": "Nhập số điện thoại đã dùng khi gửi, hoặc mã bí mật để tra cứu "
                   "(có trong thông báo sau khi gửi).",
    "trPhone": "Số điện thoại đã dùng khi gửi",
    "trToken": "Mã bí mật để tra cứu",
    "trSearch": "Tra cứu",
    "trCodeNeeded": "Vui lòng nhập mã tra cứu.",
    "trProofNeeded": "Vui lòng nhập số điện thoại đã dùng khi gửi hoặc mã bí mật để tra cứu.",
    "trError": "Chưa tra cứu được.",
    "trCodeShown": "Phản ánh",
    "trStatus": "Tình trạng:",
    "trSent": "Gửi lúc",
    "trMerged": "Phản ánh này được gộp vào phản ánh",
    "trAnswer": "Trả lời của cơ quan",
    "trTimeline": "Quá trình xử lý",
    "trRate": "Đánh giá câu trả lời",
    "trStars": "{n} sao",
    "trComment": "Góp ý thêm (không bắt buộc)",
    "trRateSend": "Gửi đánh giá",
    "trRateNeeded": "Vui lòng chọn số sao.",
    "trRateError": "Chưa gửi được đánh giá.",
    "trRated": "Bạn đã đánh giá câu trả lời: {n}/5 sao. Cảm ơn bạn!",
    # Q&A (published answers of the commune)
    "qaLabel": "Tìm trong các câu hỏi đã được trả lời (gõ có dấu hoặc không dấu)",
    "qaSearch": "Tìm",
    "qaSearching": "Đang tìm…",
    "qaLatest": "Các câu trả lời mới nhất:",
    "qaFound": "Các câu trả lời phù hợp nhất:",
    "qaNone": "Không tìm thấy câu trả lời phù hợp. Hãy thử từ khóa khác.",
    "qaEmpty": "Chưa có câu trả lời nào được công khai.",
    "qaError": "Không tải được hỏi đáp. Vui lòng thử lại sau.",
    "qaResults": "Kết quả hỏi đáp",
    "qaMore": "Xem thêm kết quả",
    "qaBack": "Quay lại danh sách",
    "qaPublished": "công khai lúc",
    "qaQuestion": "Câu hỏi",
    "qaAnswer": "Trả lời",
    "qaAsk": "Chưa thấy câu trả lời bạn cần?",
    "qaAskButton": "Gửi câu hỏi, phản ánh mới",
    # drafts open for comment (consultations package; comments masked by the server)
    "dtList": "Dự thảo lấy ý kiến người dân",
    "dtNone": "Hiện không có dự thảo nào lấy ý kiến người dân.",
    "dtError": "Không tải được dự thảo. Vui lòng thử lại sau.",
    "dtWindow": "Góp ý từ",
    "dtTo": "đến",
    "dtOffice": "Cơ quan chủ trì:",
    "dtBack": "Quay lại danh sách dự thảo",
    "dtComments": "ý kiến",
    "dtWhole": "Toàn bộ dự thảo",
    "dtSections": "Nội dung dự thảo",
    "dtFiles": "Tệp dự thảo",
    "dtSummary": "Kết quả tiếp thu ý kiến",
    "dtPlanned": "Chưa đến thời gian góp ý.",
    "dtClosed": "Đã hết thời gian góp ý.",
    "dtPublished": "Ý kiến người dân",
    "dtNoComments": "Chưa có ý kiến nào.",
    "dtResponse": "Trả lời",
    "dtFormTitle": "Gửi góp ý",
    "dtTarget": "Góp ý cho",
    "dtBody": "Nội dung góp ý",
    "dtContactHint": "Ý kiến được công khai không kèm tên. Để lại họ tên và số điện thoại nếu "
                     "bạn muốn nhận kết quả tiếp thu (không bắt buộc).",
    "dtName": "Họ và tên người góp ý",
    "dtPhone": "Số điện thoại người góp ý",
    "dtConsent": "Tôi đồng ý để chính quyền dùng họ tên và số điện thoại này chỉ để liên hệ "
                 "và gửi kết quả tiếp thu ý kiến về dự thảo.",
    "dtConsentPurpose": "Liên hệ và gửi kết quả tiếp thu ý kiến dự thảo",
    "dtSend": "Gửi góp ý",
    "dtSent": "Cảm ơn bạn đã góp ý! Ý kiến đã được ghi nhận.",
    "dtSendError": "Chưa gửi được góp ý.",
    "dtBodyNeeded": "Vui lòng nhập nội dung góp ý (ít nhất 5 ký tự).",
}

BOARD = {
    "title": "Bảng tin điện tử – {unit}",
    "none": "Hiện chưa có thông báo.",
    "emergency": "THÔNG BÁO KHẨN CẤP",
    "offline": "Mất kết nối – đang hiển thị nội dung đã lưu.",
    "updated": "Cập nhật lần cuối",
    "until": "Hiệu lực đến",
    "page": "Thông báo {i}/{n}",
    "page_emergency": "Khẩn cấp {i}/{n} · Tổng số {total} thông báo đang có hiệu lực",
    "others": "Thông báo khác {i}/{n}",
    "others_label": "Các thông báo khác đang có hiệu lực",
    "code": "Mã xác minh",
}
BOARD_NOT_FOUND_TITLE = "Không tìm thấy bảng tin"
BOARD_NOT_FOUND = ("Không có xã, phường hoặc tỉnh nào mang mã “{code}”, nên chưa thể hiển thị "
                   "bảng tin.")
BOARD_CHECK_ADDRESS = ("Vui lòng kiểm tra lại địa chỉ bảng tin: /board/ và mã đơn vị hành chính "
                       "(mã xã, phường gồm 5 chữ số; mã tỉnh, thành phố gồm 2 chữ số).")
BOARD_BAD_ADDRESS_TITLE = "Địa chỉ bảng tin chưa đúng"
BOARD_BAD_SECONDS = "Số giây phải từ {lo} đến {hi}."
VERIFICATION_CODE = "Mã xác minh"
