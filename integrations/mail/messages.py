"""Every Vietnamese string of the e-mail integration: subjects and bodies of the messages by
kind, the footer, the reasons a send fails, readiness."""

# --- messages to citizens, by delivery kind ---------------------------------------------------
# Each kind has a subject and body paragraphs, formatted with the payload's fields. A kind
# whose fields are missing (an older row) falls back to the generic message: the payload's
# ready-made ``text`` under a generic subject.
CITIZEN = {
    "feedback_receipt": (
        "Phản ánh {code}: đã tiếp nhận",
        ["Phản ánh của bạn đã được tiếp nhận.",
         "Mã tra cứu: {code}\nCơ quan xử lý: {office}\nHạn trả lời: {due}",
         "Vui lòng giữ mã tra cứu để theo dõi kết quả xử lý phản ánh."],
    ),
    "feedback_status": (
        "Phản ánh {code}: {status_lower}",
        ["Tình trạng xử lý phản ánh {code}: {status_label}."],
    ),
    "feedback_status_merged": (
        "Phản ánh {code}: được gộp vào phản ánh {target}",
        ["Phản ánh {code} có cùng nội dung với phản ánh {target} nên được gộp để xử lý chung.",
         "Kết quả sẽ được trả lời theo phản ánh {target}."],
    ),
    "feedback_answer": (
        "Phản ánh {code}: đã có trả lời",
        ["Phản ánh {code} đã được trả lời.", "Nội dung trả lời:\n{answer}"],
    ),
    "feedback_answer_merged": (
        "Phản ánh {code}: đã có trả lời",
        ["Phản ánh {code} đã được gộp vào phản ánh {target}, nay đã được trả lời.",
         "Nội dung trả lời:\n{answer}"],
    ),
    "feedback_extension": (
        "Phản ánh {code}: gia hạn trả lời đến ngày {due}",
        ["Thời hạn trả lời phản ánh {code} được gia hạn đến ngày {due}."],
    ),
    "feedback_info_request": (
        "Phản ánh {code}: đề nghị bổ sung thông tin",
        ["Cơ quan xử lý đề nghị bạn bổ sung thông tin cho phản ánh {code}:", "{question}",
         "Vui lòng trả lời qua kênh bạn đã gửi phản ánh hoặc liên hệ UBND."],
    ),
    "privacy_request": (
        "Yêu cầu {request_code} về dữ liệu cá nhân: {status_lower}",
        ["{text}"],
    ),
    "consultation_summary": (
        "Kết quả tiếp thu ý kiến góp ý dự thảo",
        ["{text}"],
    ),
}
PRIVACY_STATUS = {
    "received": "đã nhận yêu cầu",
    "acknowledged": "đã xác nhận, đang thực hiện",
    "completed": "đã thực hiện xong",
    "refused": "không thực hiện được",
}
GENERIC_SUBJECT = "Thông báo từ {unit}"

# --- messages to staff and administrators --------------------------------------------------
STAFF_SUBJECTS = {  # subjects by kind when the payload names none
    "feedback_overdue": "Phản ánh {code} đã quá hạn xử lý",
    "zalo_token_failed": "Kết nối Zalo OA bị gián đoạn, cần xử lý",
}
STAFF_SUBJECT = "Thông báo từ hệ thống {service}"

# --- layout ------------------------------------------------------------------------------------
FOOTER = ("Thư này được gửi tự động từ hệ thống {service} của {unit}. "
          "Vui lòng không trả lời thư này.")

# --- why a send failed (recorded on the delivery; staff read them) -----------------------------
EMPTY = "Thư không có nội dung, không gửi."
NO_DEFAULT_SENDER = "Chưa cấu hình địa chỉ gửi thư (MAIL_DEFAULT_SENDER)."
STAFF_RECIPIENT_INVALID = "Người nhận không phải tài khoản cán bộ (staff:<mã số>)."
STAFF_NOT_FOUND = "Không tìm thấy tài khoản cán bộ nhận thư."
STAFF_INACTIVE = "Tài khoản cán bộ {username} đã ngừng hoạt động, không gửi thư."
STAFF_NO_EMAIL = ("Cán bộ {username} chưa có địa chỉ email "
                  "(đặt bằng lệnh: flask staff email {username} <địa chỉ>).")
NO_ADMIN_RECIPIENTS = ("Chưa có địa chỉ email quản trị: đặt MAIL_ADMIN_RECIPIENTS hoặc email "
                       "của tài khoản quản trị tỉnh.")
ATTACHMENT_MISSING = "Không tìm thấy tệp đính kèm “{filename}”."
CONNECT_FAILED = "Không kết nối được máy chủ thư ({error})."
DISCONNECTED = "Máy chủ thư ngắt kết nối giữa chừng."
TIMED_OUT = "Máy chủ thư không trả lời trong {seconds:g} giây."
TLS_FAILED = "Lỗi bảo mật TLS với máy chủ thư ({error})."
AUTH_FAILED = "Máy chủ thư từ chối đăng nhập ({code} {reply})."
AUTH_UNSUPPORTED = "Máy chủ thư không hỗ trợ đăng nhập (AUTH) theo cấu hình."
STARTTLS_UNSUPPORTED = "Máy chủ thư không hỗ trợ STARTTLS."
NOT_SUPPORTED = "Máy chủ thư không hỗ trợ yêu cầu: {error}"
SENDER_REFUSED = "Máy chủ thư từ chối địa chỉ gửi ({code} {reply})."
RECIPIENT_REFUSED = "Máy chủ thư từ chối người nhận ({code} {reply})."
DATA_REFUSED = "Máy chủ thư từ chối nội dung thư ({code} {reply})."
SERVER_REPLY = "Máy chủ thư trả lời lỗi ({code} {reply})."
SMTP_ERROR = "Lỗi giao tiếp với máy chủ thư ({error})."

# --- readiness ---------------------------------------------------------------------------------
READY_OFF = "off"
READY_NO_SENDER = "error: thiếu MAIL_DEFAULT_SENDER"
