"""Composing messages: subjects and bodies by kind, fallbacks for other kinds and older
payloads, one-line subjects, escaped HTML, the sender read from the settings."""

from __future__ import annotations

import pytest

from core import outbox
from core.db import commit, db
from core.models import Delivery
from integrations.mail import compose, smtp
from tests.integrations.mail.conftest import SENDER

IDENTITY = compose.Identity.from_config({"MAIL_DEFAULT_SENDER": SENDER,
                                         "API_TITLE": "Thông tin cơ sở"})
FEEDBACK = {"tracking_code": "BA32PECF", "code": "BA32-PECF", "status": "closed",
            "status_label": "Đã kết thúc", "text": "Phản ánh BA32-PECF: Đã kết thúc."}


def _letter(kind, **payload):
    return compose.citizen_letter(kind, payload, IDENTITY)


@pytest.mark.parametrize("kind, payload, subject, body", [
    ("feedback_status", FEEDBACK, "Phản ánh BA32-PECF: đã kết thúc",
     "Tình trạng xử lý phản ánh BA32-PECF: Đã kết thúc."),
    ("feedback_status", {**FEEDBACK, "target": "QX7K-M2NB"},
     "Phản ánh BA32-PECF: được gộp vào phản ánh QX7K-M2NB",
     "Kết quả sẽ được trả lời theo phản ánh QX7K-M2NB."),
    ("feedback_answer", {**FEEDBACK, "answer": "Đã sửa.", "target": "QX7K-M2NB"},
     "Phản ánh BA32-PECF: đã có trả lời",
     "Phản ánh BA32-PECF đã được gộp vào phản ánh QX7K-M2NB, nay đã được trả lời."),
    ("privacy_request", {"request_code": "YC7K-M2NB", "code": "BA32-PECF",
                         "status": "completed",
                         "text": "Yêu cầu “Xóa dữ liệu cá nhân” (mã YC7K-M2NB) đã được thực hiện."},
     "Yêu cầu YC7K-M2NB về dữ liệu cá nhân: đã thực hiện xong",
     "Yêu cầu “Xóa dữ liệu cá nhân” (mã YC7K-M2NB) đã được thực hiện."),
    ("consultation_summary", {"consultation_id": 3, "text": "Kết quả tiếp thu ý kiến: …"},
     "Kết quả tiếp thu ý kiến góp ý dự thảo", "Kết quả tiếp thu ý kiến: …"),
])
def test_subjects_and_bodies_by_kind(kind, payload, subject, body):
    letter = _letter(kind, **payload)
    assert letter.subject == subject
    assert body in letter.paragraphs


def test_other_kinds_and_older_payloads_say_what_their_text_says():
    other = _letter("notice_digest", subject="Thông báo mới của phường",
                    text="Đoạn một.\n\nĐoạn hai.")
    assert (other.subject, other.paragraphs) == ("Thông báo mới của phường",
                                                 ["Đoạn một.", "Đoạn hai."])
    older = _letter("feedback_receipt", text="Phản ánh của bạn đã được tiếp nhận. Mã: BA32-PECF.")
    assert older.subject == "Thông báo từ UBND phường Phú Xuân"
    assert older.paragraphs == ["Phản ánh của bạn đã được tiếp nhận. Mã: BA32-PECF."]


def test_a_subject_stays_on_one_line_and_html_is_escaped():
    letter = compose.generic_letter(
        {"subject": "Báo cáo\r\nBcc: ai-do@example.vn", "text": "<script>alert(1)</script> & <b>"},
        "Mặc định")
    message = compose.build(letter, ["a@example.vn"], IDENTITY)
    assert message["Subject"] == "Báo cáo Bcc: ai-do@example.vn"
    assert "Bcc" not in message
    html = message.get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "<script>" not in html and "<b>" not in html


def test_the_sender_is_read_from_the_settings():
    pair = compose.Identity.from_config({"MAIL_DEFAULT_SENDER": ["UBND xã A", "a@xa.gov.vn"],
                                         "API_TITLE": "Thông tin cơ sở"})
    assert (pair.name, pair.address, pair.domain) == ("UBND xã A", "a@xa.gov.vn", "xa.gov.vn")
    bare = compose.Identity.from_config({"MAIL_DEFAULT_SENDER": "a@xa.gov.vn",
                                         "API_TITLE": "Thông tin cơ sở"})
    assert bare.unit == "Thông tin cơ sở"  # no display name: the service's name in the layout
    assert compose.Identity.from_config({"MAIL_DEFAULT_SENDER": None}) is None
    assert compose.Identity.from_config({"MAIL_DEFAULT_SENDER": "UBND"}) is None


def test_flags_from_the_environment_read_as_booleans():
    settings = smtp.Settings.from_config({"MAIL_SERVER": "smtp.hue.gov.vn", "MAIL_PORT": "587",
                                          "MAIL_USE_TLS": "false", "MAIL_USE_SSL": "0"})
    assert (settings.port, settings.use_tls, settings.use_ssl) == (587, False, False)
    assert smtp.Settings.from_config({"MAIL_SERVER": "x", "MAIL_USE_TLS": "true"}).use_tls


def test_without_a_sender_address_deliveries_fail_with_the_reason(use_mail, smtp):
    use_mail(smtp, MAIL_DEFAULT_SENDER=None)
    delivery_id = outbox.queue("email", "a@example.vn", "feedback_status", FEEDBACK, key="c-1")
    commit()
    delivery = db.session.get(Delivery, delivery_id, populate_existing=True)
    assert delivery.status == "failed"
    assert delivery.last_error == "Chưa cấu hình địa chỉ gửi thư (MAIL_DEFAULT_SENDER)."
    assert smtp.received == []


def test_a_message_without_text_is_not_sent(use_mail, smtp, world):
    use_mail(smtp, MAIL_ADMIN_RECIPIENTS=["it@hue.gov.vn"])
    delivery_id = outbox.queue("admin", "administrators", "x", {"subject": "Trống"}, key="c-2")
    commit()
    delivery = db.session.get(Delivery, delivery_id, populate_existing=True)
    assert (delivery.status, delivery.last_error) == ("failed", "Thư không có nội dung, không gửi.")
    assert smtp.received == []
