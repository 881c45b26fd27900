"""Wiring: e-mail is off without ``MAIL_SERVER``; an app configured for a server registers
the three channels, says so on ``/readyz``, and a citizen who gave only an e-mail address
gets the receipt of their feedback by e-mail, end to end."""

from __future__ import annotations

import sqlalchemy as sa

from core import outbox
from core.db import db
from core.models import Delivery
from integrations.mail import CHANNELS
from tests.conftest import dispose, make_app, seed
from tests.integrations.mail.helpers import parts

CITIZEN = "le.thi.hoa@example.vn"


def test_without_mail_server_no_sender_is_registered_and_readyz_says_off(app, client, ctx):
    assert not app.config["MAIL_SERVER"]
    assert not any(outbox.has_sender(channel) for channel in CHANNELS)
    assert client.get("/readyz").json["checks"]["mail"] == "off"


def test_readyz_names_the_server(use_mail, smtp, client):
    use_mail(smtp)
    assert client.get("/readyz").json["checks"]["mail"] == f"127.0.0.1:{smtp.port}"


def test_readyz_reports_a_missing_sender_address(use_mail, smtp, client):
    use_mail(smtp, MAIL_DEFAULT_SENDER=None)
    assert client.get("/readyz").json["checks"]["mail"] == "error: thiếu MAIL_DEFAULT_SENDER"


def test_feedback_with_only_an_email_gets_its_receipt_by_email(tmp_path_factory, app,
                                                               smtp_server):
    smtp_server.recorder.reset()
    mail_app = make_app(tmp_path_factory, "_mail", **smtp_server.settings())
    try:
        world = seed(mail_app)
        http = mail_app.test_client()
        assert http.get("/readyz").json["checks"]["mail"] == f"127.0.0.1:{smtp_server.port}"
        response = http.post("/api/v1/feedback", json={
            "unit_code": world.commune, "category_code": "ha-tang",
            "title": "Đèn đường hỏng", "description": "Đèn đường kiệt 12 Lê Lợi hỏng ba hôm nay.",
            "reporter": {"name": "Lê Thị Hoa", "email": CITIZEN},
            "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}})
        assert response.status_code == 201, response.json
        code = response.json["tracking_code"]
        [received] = smtp_server.received
        assert received.rcpt_tos == [CITIZEN]
        assert received.message["Subject"] == f"Phản ánh {code}: đã tiếp nhận"
        plain, html = parts(received.message)
        assert f"Mã tra cứu: {code}" in plain and f"Mã tra cứu: {code}" in html
        with mail_app.app_context():
            assert all(outbox.has_sender(channel) for channel in CHANNELS)
            [delivery] = db.session.scalars(sa.select(Delivery)).all()
            assert (delivery.channel, delivery.recipient, delivery.kind, delivery.status) == (
                "email", CITIZEN, "feedback_receipt", "sent")
            assert delivery.external_id == received.message["Message-ID"].strip()
    finally:
        app.extensions["celery"].set_current()  # the session app's Celery again
        app.extensions["celery"].set_default()
        dispose(mail_app)
