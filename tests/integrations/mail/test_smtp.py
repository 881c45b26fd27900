"""What the SMTP server answers, and what the outbox does about it: refusals fail the route
(and move to the next), an unreachable or busy server is retried, logins and TLS."""

from __future__ import annotations

import socket
import threading

import pytest

from core import clock, outbox
from core.db import commit, db
from core.models import Delivery
from tests.integrations.mail.conftest import PASSWORD, USERNAME
from tests.procs import free_port

CITIZEN = "tran.binh@example.vn"
RECEIPT = {"tracking_code": "BA32PECF", "code": "BA32-PECF", "status": "received",
           "status_label": "Đã tiếp nhận", "office": "UBND phường Phú Xuân",
           "due": "05/12/2026", "text": "Phản ánh của bạn đã được tiếp nhận."}


def _send(routes, key="mail-smtp-1"):
    if isinstance(routes, str):
        routes = [outbox.Route("email", routes)]
    delivery_id = outbox.queue(routes, None, "feedback_receipt", RECEIPT, key=key)
    commit()  # eager: sent inside the commit
    return db.session.get(Delivery, delivery_id, populate_existing=True)


# --- refusals: this route is done ------------------------------------------------------------
def test_a_refused_recipient_fails_the_route_without_naming_the_address(use_mail, smtp):
    use_mail(smtp)
    smtp.recorder.refuse_rcpt[CITIZEN] = (
        f"550 5.1.1 <{CITIZEN}>: Recipient address rejected: User unknown")
    delivery = _send(CITIZEN)
    assert delivery.status == "failed"
    assert delivery.last_error == ("Máy chủ thư từ chối người nhận (550 5.1.1 <***>: "
                                   "Recipient address rejected: User unknown).")
    assert delivery.attempts == 1
    assert smtp.received == []


def test_a_refused_recipient_moves_on_to_the_next_route(use_mail, smtp):
    use_mail(smtp)
    smtp.recorder.refuse_rcpt[CITIZEN] = "550 5.1.1 User unknown"
    delivery = _send([outbox.Route("email", CITIZEN),
                      outbox.Route("email", "binh.tran@example.vn")])
    assert (delivery.status, delivery.recipient) == ("sent", "binh.tran@example.vn")
    assert [h["outcome"] for h in delivery.history] == ["failed", "sent"]
    assert delivery.history[0]["reason"].startswith("Máy chủ thư từ chối người nhận (550")
    [received] = smtp.received
    assert received.rcpt_tos == ["binh.tran@example.vn"]


def test_refused_content_fails(use_mail, smtp):
    use_mail(smtp)
    smtp.recorder.data_reply = "554 5.6.0 Message rejected as spam"
    delivery = _send(CITIZEN)
    assert delivery.status == "failed"
    assert delivery.last_error == ("Máy chủ thư từ chối nội dung thư "
                                   "(554 5.6.0 Message rejected as spam).")


# --- temporary trouble: retried on the same route ---------------------------------------------
def test_smtp_down_is_retried_with_back_off(use_mail, smtp):
    use_mail(smtp, MAIL_PORT=free_port())  # nobody listens there
    before = clock.now()
    delivery = _send(CITIZEN)
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.next_attempt_at > before
    assert delivery.last_error == "Không kết nối được máy chủ thư (ConnectionRefusedError)."
    assert [h["outcome"] for h in delivery.history] == ["retry"]


def test_a_busy_server_is_retried(use_mail, smtp):
    use_mail(smtp)
    smtp.recorder.data_reply = "451 4.3.0 Hệ thống đang bận, thử lại sau"
    busy = _send(CITIZEN, key="mail-smtp-busy-1")
    assert busy.status == "pending"
    assert busy.last_error.startswith("Máy chủ thư từ chối nội dung thư (451 4.3.0")
    smtp.recorder.reset()
    smtp.recorder.refuse_rcpt[CITIZEN] = "450 4.2.1 Mailbox busy"
    greylisted = _send(CITIZEN, key="mail-smtp-busy-2")
    assert greylisted.status == "pending"
    assert greylisted.last_error == "Máy chủ thư từ chối người nhận (450 4.2.1 Mailbox busy)."


def test_after_the_last_attempt_a_busy_server_fails_the_route(use_mail, smtp, app):
    use_mail(smtp)
    smtp.recorder.data_reply = "451 4.3.0 Try again later"
    delivery = _send(CITIZEN)
    delivery.attempts = app.config["OUTBOX_MAX_ATTEMPTS"] - 1
    delivery.next_attempt_at = clock.now()
    commit()
    outbox.send(delivery.id)
    db.session.refresh(delivery)
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Máy chủ thư từ chối nội dung thư (451")


class _SilentServer:
    """Accepts connections, then hangs up at once (``hang_up``) or never says anything."""

    def __init__(self, hang_up: bool):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.hang_up = hang_up
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        held = []
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            if self.hang_up:
                connection.close()
            else:
                held.append(connection)
        for connection in held:
            connection.close()

    def close(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.mark.parametrize("hang_up, reason", [
    (True, "Máy chủ thư ngắt kết nối giữa chừng."),
    (False, "Máy chủ thư không trả lời trong 0.5 giây."),
])
def test_a_server_that_hangs_up_or_stays_silent_is_retried(use_mail, smtp, hang_up, reason):
    silent = _SilentServer(hang_up)
    try:
        use_mail(smtp, MAIL_PORT=silent.port, MAIL_TIMEOUT_SECONDS=0.5)
        delivery = _send(CITIZEN)
    finally:
        silent.close()
    assert delivery.status == "pending"
    assert delivery.last_error == reason


# --- logins and TLS ---------------------------------------------------------------------------
def test_login_with_the_configured_account(use_mail, smtp):
    use_mail(smtp, MAIL_USERNAME=USERNAME, MAIL_PASSWORD=PASSWORD)
    assert _send(CITIZEN).status == "sent"
    assert smtp.received[0].login == USERNAME


def test_a_refused_login_fails_and_says_so(use_mail, smtp):
    use_mail(smtp, MAIL_USERNAME=USERNAME, MAIL_PASSWORD="sai-mat-khau")
    delivery = _send(CITIZEN)
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Máy chủ thư từ chối đăng nhập (535")
    assert "sai-mat-khau" not in delivery.last_error and USERNAME not in delivery.last_error
    assert smtp.received == []


def test_starttls_and_login(use_mail, tls_smtp_server, trust_test_ca):
    use_mail(tls_smtp_server, MAIL_USE_TLS=True, MAIL_PORT=tls_smtp_server.port,
             MAIL_USERNAME=USERNAME, MAIL_PASSWORD=PASSWORD)
    delivery = _send(CITIZEN)
    assert delivery.status == "sent", delivery.last_error
    [received] = tls_smtp_server.received
    assert received.login == USERNAME
    assert received.message["Subject"] == "Phản ánh BA32-PECF: đã tiếp nhận"


def test_a_server_requiring_tls_refuses_a_plain_send(use_mail, tls_smtp_server, trust_test_ca):
    use_mail(tls_smtp_server)  # MAIL_USE_TLS off
    delivery = _send(CITIZEN)
    assert delivery.status == "failed"
    assert "530" in delivery.last_error


def test_a_certificate_that_does_not_verify_fails(use_mail, tls_smtp_server):
    use_mail(tls_smtp_server, MAIL_USE_TLS=True, MAIL_USERNAME=USERNAME,
             MAIL_PASSWORD=PASSWORD)  # the test CA is not trusted here
    delivery = _send(CITIZEN)
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Lỗi bảo mật TLS với máy chủ thư")
    assert tls_smtp_server.received == []


def test_smtps(use_mail, smtps_server, trust_test_ca):
    use_mail(smtps_server, MAIL_USE_SSL=True)
    assert _send(CITIZEN).status == "sent"
    assert smtps_server.received[0].rcpt_tos == [CITIZEN]
