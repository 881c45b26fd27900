"""Every Vietnamese string of the feedback package, in one place."""

STATUS_LABELS = {
    "received": "Đã tiếp nhận",
    "accepted": "Đã thụ lý",
    "assigned": "Đã giao xử lý",
    "in_progress": "Đang xử lý",
    "answered": "Đã trả lời",
    "closed": "Đã kết thúc",
    "refused": "Không thụ lý",
    "reopened": "Mở lại để xử lý tiếp",
}

EVENT_LABELS = {
    "created": "Tiếp nhận phản ánh",
    "accept": "Thụ lý phản ánh",
    "refuse": "Không thụ lý phản ánh",
    "assign": "Giao xử lý",
    "transfer": "Chuyển cơ quan xử lý",
    "start": "Bắt đầu xử lý",
    "progress": "Cập nhật tiến độ",
    "answer": "Trả lời phản ánh",
    "close": "Kết thúc phản ánh",
    "reopen": "Mở lại phản ánh",
    "info_requested": "Đề nghị người phản ánh bổ sung thông tin",
    "extension_requested": "Đề nghị gia hạn",
    "extension_approved": "Gia hạn thời hạn xử lý",
    "extension_rejected": "Không chấp thuận gia hạn",
    "extension_closed": "Khép lại đề nghị gia hạn vì đã trả lời",
    "rated": "Người dân đánh giá",
    "overdue": "Quá hạn xử lý",
    "merge": "Gộp vào phản ánh cùng nội dung",
    "merged_in": "Nhận phản ánh trùng được gộp vào",
    "personal_data": "Dữ liệu cá nhân",
}

ANONYMOUS_WITH_CONTACT = "Phản ánh ẩn danh không kèm thông tin liên hệ."
CONTACT_REQUIRED = "Vui lòng cho biết họ tên và số điện thoại hoặc email, hoặc chọn gửi ẩn danh."
NAME_REQUIRED = "Vui lòng cho biết họ tên."
CONSENT_REQUIRED = (
    "Cần sự đồng ý xử lý dữ liệu cá nhân (mục đích và phiên bản chính sách) "
    "khi gửi thông tin liên hệ."
)
NOTIFY_NEEDS_PHONE = "Để nhận thông báo qua SMS, vui lòng cho biết số điện thoại."
NOTIFY_NEEDS_EMAIL = "Để nhận thông báo qua email, vui lòng cho biết địa chỉ email."
NOTIFY_NEEDS_ZALO = "Để nhận thông báo qua Zalo, vui lòng cho biết số điện thoại dùng Zalo."
PHONE_INVALID = "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc +84 912 345 678."
UNIT_NOT_COMMUNE = "Vui lòng chọn xã, phường hoặc đặc khu."
CATEGORY_NOT_AVAILABLE = "Lĩnh vực không có ở đơn vị đã chọn."
LOCATION_PAIR = "Cần cả vĩ độ (lat) và kinh độ (lng)."
TOO_MANY_IMAGES = "Tối đa {n} ảnh."
IMAGE_TOO_LARGE = "Mỗi ảnh tối đa {mb} MB."
IMAGE_NOT_IMAGE = "Tệp không phải ảnh JPEG, PNG hoặc WebP."
IMAGES_ONLY_MULTIPART = "Ảnh chỉ gửi được bằng multipart/form-data."
NOT_FOUND = "Không tìm thấy phản ánh với mã và thông tin đã cung cấp."
# Lookup (and rating) by the owner: the two proofs named as the widget names them, "Mã tra
# cứu" with "Số điện thoại", or "Mã bí mật để tra cứu".
OWNERSHIP_REQUIRED = ("Vui lòng nhập mã tra cứu kèm số điện thoại đã dùng khi gửi phản ánh, "
                      "hoặc mã bí mật để tra cứu.")
LOOKUP_NOT_FOUND = ("Không tìm thấy phản ánh. Vui lòng kiểm tra mã tra cứu và số điện thoại "
                    "đã dùng khi gửi phản ánh, hoặc mã bí mật để tra cứu.")
OWNERSHIP_CONTACT_REQUIRED = "Vui lòng cho biết số điện thoại hoặc email đã dùng khi gửi phản ánh."
STRONG_PROOF_REQUIRED = ("Để bảo vệ dữ liệu cá nhân, yêu cầu này cần mã bí mật để tra cứu, "
                         "hoặc mã xác nhận gửi đến Zalo, điện thoại hoặc email của bạn "
                         "(bấm “Gửi mã xác nhận”). Số điện thoại thôi chưa đủ.")
PROOFS_THROTTLED = ("Phản ánh này đã bị thử sai thông tin xác minh quá nhiều lần. Vui lòng "
                    "thử lại sau một giờ, hoặc dùng mã bí mật để tra cứu.")
CODES_THROTTLED = "Đã gửi mã xác nhận nhiều lần. Vui lòng dùng mã đã nhận hoặc thử lại sau."
CODE_SENT = ("Nếu thông tin khớp với phản ánh, mã xác nhận đã được gửi đến Zalo, tin nhắn "
             "hoặc email của bạn. Mã có hiệu lực {minutes} phút.")
OWNERSHIP_CODE_SUBJECT = "Mã xác nhận cho phản ánh {code}"
OWNERSHIP_CODE_TEXT = ("Mã xác nhận cho phản ánh {code}: {otp}. Mã có hiệu lực {minutes} phút, "
                       "chỉ dùng để gửi yêu cầu về dữ liệu cá nhân. Không đưa mã này cho ai.")
RATING_NOT_ALLOWED = "Chỉ đánh giá được sau khi phản ánh đã được trả lời."
RATING_DONE = "Phản ánh này đã được đánh giá."
TRANSITION_NOT_ALLOWED = "Không thể {action} khi phản ánh đang ở trạng thái “{status}”."
REASON_REQUIRED = "Vui lòng nêu lý do."
ANSWER_REQUIRED = "Vui lòng nhập nội dung trả lời."
SAME_OFFICE = "Phản ánh đã thuộc cơ quan này."
ASSIGN_OTHER_OFFICE = ("Giao xử lý chỉ trong cơ quan đang giữ phản ánh; để chuyển sang cơ quan "
                       "khác, dùng “Chuyển cơ quan xử lý”.")
ASSIGNEE_INVALID = "Chỉ giao được cho cán bộ đang làm việc tại cơ quan đang giữ phản ánh."
ASSIGNED_TO = "Giao cho {name}"
DUE_NOT_LATER = "Thời hạn mới phải sau thời hạn hiện tại."
NO_EXTENSION = "Không có đề nghị gia hạn đang chờ."
EXTENSION_PENDING = "Đã có đề nghị gia hạn đang chờ duyệt."
BAD_CURSOR = "Con trỏ phân trang không hợp lệ."
READ_ONLY_ROLE = "Vai trò của bạn chỉ được xem."
TEMPLATE_ROLE = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được quản lý mẫu câu trả lời."
TEMPLATE_NOT_YOUR_UNIT = "Bạn chỉ quản lý mẫu của đơn vị thuộc phạm vi của mình."
TEMPLATE_NOT_FOUND = "Không tìm thấy mẫu câu trả lời."
TEMPLATE_SHARED = "Mẫu dùng chung cho mọi đơn vị, không sửa được ở đây."
RECEIVE_NOT_YOUR_UNIT = "Bạn chỉ tiếp nhận phản ánh cho xã, phường thuộc phạm vi của mình."
CONSENT_NOT_CONFIRMED = ("Vui lòng xác nhận người phản ánh đã đồng ý cho cơ quan xử lý thông tin "
                         "liên hệ, hoặc để trống thông tin liên hệ (ẩn danh).")
# Feedback received by staff (feedback/reception.py): the consent read to the caller.
STAFF_CONSENT_PURPOSE = "Tiếp nhận và trả lời phản ánh"
STAFF_CONSENT_TEXT = ("Người phản ánh đồng ý bằng lời (qua cán bộ tiếp nhận) cho cơ quan nhà nước "
                      "xử lý họ tên và thông tin liên hệ để tiếp nhận, xử lý và trả lời phản ánh.")
RECEIVED_VIA_LABELS = {
    "phone": "Tiếp nhận qua điện thoại",
    "in_person": "Tiếp nhận trực tiếp tại cơ quan",
    "paper": "Tiếp nhận đơn, thư giấy",
}
LEADER_ONLY = "Chỉ lãnh đạo xã, phường hoặc quản trị tỉnh được duyệt gia hạn."
MERGE_TARGET_REQUIRED = "Vui lòng nhập mã phản ánh cần gộp vào."
MERGE_TARGET_NOT_FOUND = "Không tìm thấy phản ánh này trong phạm vi của bạn."
MERGE_TARGET_SELF = "Không thể gộp phản ánh vào chính nó."
MERGE_TARGET_INVALID = "Chỉ gộp được vào một phản ánh cùng xã, phường, chưa bị gộp hay từ chối."

ACTION_LABELS = {
    "accept": "thụ lý",
    "refuse": "từ chối",
    "assign": "giao xử lý",
    "transfer": "chuyển cơ quan",
    "start": "bắt đầu xử lý",
    "progress": "cập nhật tiến độ",
    "answer": "trả lời",
    "close": "kết thúc",
    "reopen": "mở lại",
    "request_extension": "đề nghị gia hạn",
    "approve_extension": "duyệt gia hạn",
    "reject_extension": "từ chối gia hạn",
    "merge": "gộp phản ánh",
    "request_info": "đề nghị bổ sung thông tin",
}

# Messages to citizens (outbox payloads; the channel's sender formats them).
RECEIPT = (
    "Phản ánh của bạn đã được tiếp nhận. Mã tra cứu: {code}. "
    "Cơ quan xử lý: {office}. Hạn trả lời: {due}."
)
STATUS_CHANGED = "Phản ánh {code}: {status}."
# A transfer to another office (assigning within an office tells the citizen nothing).
TRANSFERRED = "Phản ánh {code} đã được chuyển đến {office} để xử lý."
TRANSFERRED_LABEL = "Đã chuyển đến {office} để xử lý"
ANSWERED = "Phản ánh {code} đã được trả lời: {answer}"
ANSWERED_MERGED = ("Phản ánh {code} đã được gộp vào phản ánh {target}, nay đã được trả lời: "
                   "{answer}")
INFO_REQUESTED = ("Phản ánh {code}: cơ quan xử lý đề nghị bạn bổ sung thông tin: {question} "
                  "Vui lòng trả lời qua kênh bạn đã gửi phản ánh hoặc liên hệ UBND.")
EXTENDED = "Phản ánh {code} được gia hạn thời hạn trả lời đến ngày {due}."
MERGED = ("Phản ánh {code} có cùng nội dung với phản ánh {target} nên được gộp để xử lý chung; "
          "kết quả sẽ được trả lời theo phản ánh {target}.")

# Messages to staff (outbox payloads).
OVERDUE_SUBJECT = "Phản ánh {code} đã quá hạn xử lý"
REMINDER_SUBJECT = "Nhắc hạn: phản ánh {code} sắp đến hạn trả lời"
REMINDER_TO_OFFICER = ("Phản ánh {code} ({title}) do {office} xử lý sẽ đến hạn trả lời vào ngày "
                       "{due}. Vui lòng trả lời người dân trước hạn hoặc đề nghị gia hạn.")
OVERDUE_TO_LEADER = "Phản ánh {code} ({office}) đã quá hạn xử lý từ {due}."
