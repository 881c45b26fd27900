"""Citizens told by e-mail: the receipt, a status change and the answer reach a real SMTP
server with Vietnamese subjects and bodies in both parts, the right headers, nothing else."""

from __future__ import annotations

import re
from email.utils import parseaddr, parsedate_to_datetime

import sqlalchemy as sa

from core.clock import to_local
from core.db import db, transactional
from core.models import Delivery
from directory.auth import authenticate
from feedback import workflow
from feedback.models import Feedback
from tests.integrations.mail.helpers import parts, visible

# Each action a unit of work of its own, as in a request.
perform = transactional(workflow.perform)

CITIZEN = "nguyen.an@example.vn"
NAME = "Nguyễn Văn An"
HEADERS = {"subject", "from", "to", "date", "message-id", "auto-submitted", "mime-version",
           "content-type"}


def _submit_by_email(submit):
    response = submit(reporter={"name": NAME, "email": CITIZEN})
    assert response.status_code == 201, response.json
    code = response.json["tracking_code"]
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))
    return code, item


def test_receipt_reaches_the_citizen_by_email(use_mail, smtp, submit):
    use_mail(smtp)
    code, item = _submit_by_email(submit)
    [received] = smtp.received
    message = received.message
    assert received.rcpt_tos == [CITIZEN]
    assert received.mail_from == "noreply@phuxuan.hue.gov.vn"
    assert message["Subject"] == f"Phản ánh {code}: đã tiếp nhận"
    assert parseaddr(message["From"]) == ("UBND phường Phú Xuân", "noreply@phuxuan.hue.gov.vn")
    assert message["To"] == CITIZEN
    assert re.fullmatch(r"<[^<>@\s]+@phuxuan\.hue\.gov\.vn>", message["Message-ID"].strip())
    assert parsedate_to_datetime(message["Date"]).utcoffset().total_seconds() == 7 * 3600
    assert message["Auto-Submitted"] == "auto-generated"
    assert {key.lower() for key in message.keys()} == HEADERS
    assert message.get_content_type() == "multipart/alternative"
    plain, html = parts(message)
    due = to_local(item.due_at)
    for text in (plain, visible(html)):
        assert "Phản ánh của bạn đã được tiếp nhận." in text
        assert f"Mã tra cứu: {code}" in text
        assert "Cơ quan xử lý: Phòng Kinh tế, Hạ tầng và Đô thị" in text
        assert f"Hạn trả lời: {due:%d/%m/%Y}" in text
        assert "UBND phường Phú Xuân" in text
    assert '<html lang="vi">' in html
    delivery = db.session.scalar(sa.select(Delivery).where(Delivery.subject_id == item.id))
    assert (delivery.channel, delivery.status) == ("email", "sent")
    assert delivery.external_id == message["Message-ID"].strip()


def test_nothing_else_leaks_into_the_citizens_mail(use_mail, smtp, submit):
    use_mail(smtp)
    _submit_by_email(submit)
    [received] = smtp.received
    raw = received.message.as_string()
    plain, html = parts(received.message)
    for text in (plain, html, str(received.message["Subject"])):
        assert NAME not in text  # the citizen's name, the description, internal ids: none
        assert "ổ gà" not in text.lower()
        assert "tracking_code" not in text and "feedback_id" not in text
    for header in ("Cc", "Bcc", "Reply-To", "X-Mailer", "Received"):
        assert header not in received.message
    assert raw.count(CITIZEN) == 1  # in To only


def test_status_change_and_answer_by_email(use_mail, smtp, submit, world):
    use_mail(smtp)
    code, item = _submit_by_email(submit)
    officer = authenticate(world.tokens["officer"])
    perform(item.id, "accept", officer)
    accepted = smtp.received[-1].message
    assert accepted["Subject"] == f"Phản ánh {code}: đã thụ lý"
    plain, html = parts(accepted)
    assert f"Tình trạng xử lý phản ánh {code}: Đã thụ lý." in plain
    assert f"Tình trạng xử lý phản ánh {code}: Đã thụ lý." in visible(html)

    perform(item.id, "assign", officer)
    perform(item.id, "start", officer)
    answer = ("Đã vá ổ gà trên đường Lê Lợi ngày 20/11.\n\n"
              "Đơn vị thi công: Công ty <Công trình đô thị> & cộng sự. " + "Chi tiết. " * 120)
    perform(item.id, "answer", officer, answer=answer)
    answered = smtp.received[-1].message
    assert answered["Subject"] == f"Phản ánh {code}: đã có trả lời"
    plain, html = parts(answered)
    assert f"Phản ánh {code} đã được trả lời." in plain
    assert answer.strip() in plain  # the answer in full, not cut like an SMS
    assert "Công ty &lt;Công trình đô thị&gt; &amp; cộng sự." in html
    assert "<Công trình" not in html
    assert [r.message["Subject"] for r in smtp.received] == [
        f"Phản ánh {code}: đã tiếp nhận", f"Phản ánh {code}: đã thụ lý",
        f"Phản ánh {code}: đang xử lý",  # assigning inside the office is not news to them
        f"Phản ánh {code}: đã có trả lời"]
    assert len({r.message["Message-ID"] for r in smtp.received}) == 4


def test_info_request_and_extension_by_email(use_mail, smtp, submit, world):
    from datetime import timedelta

    use_mail(smtp)
    code, item = _submit_by_email(submit)
    leader = authenticate(world.tokens["leader"])
    perform(item.id, "accept", leader)
    perform(item.id, "request_info", leader, note="Ổ gà ở phía bên nào của đường?")
    asked = smtp.received[-1].message
    assert asked["Subject"] == f"Phản ánh {code}: đề nghị bổ sung thông tin"
    assert "Ổ gà ở phía bên nào của đường?" in parts(asked)[0]
    due = to_local(item.due_at + timedelta(days=7))
    perform(item.id, "request_extension", leader, reason="Chờ vật tư",
                     due_at=item.due_at + timedelta(days=7))
    perform(item.id, "approve_extension", leader)
    extended = smtp.received[-1].message
    assert extended["Subject"] == f"Phản ánh {code}: gia hạn trả lời đến ngày {due:%d/%m/%Y}"
    assert f"được gia hạn đến ngày {due:%d/%m/%Y}" in parts(extended)[0]
