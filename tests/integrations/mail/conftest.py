"""E-mail fixtures: real SMTP servers (aiosmtpd) on 127.0.0.1 that record what they receive,
the settings pointing an app at one, and the session app sending through it.

Servers: ``smtp_server`` (plain, accepts an optional login), ``tls_smtp`` (STARTTLS
required, login required) and ``smtps_server`` (TLS from the first byte); the TLS ones use a
test CA made with the ``openssl`` command and trusted through ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import email.policy
import shutil
import ssl
import subprocess
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from core import outbox
from tests.procs import free_port

SENDER = "UBND phường Phú Xuân <noreply@phuxuan.hue.gov.vn>"
USERNAME, PASSWORD = "noreply@phuxuan.hue.gov.vn", "mat-khau-smtp"


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    login: str | None


@dataclass
class Recorder:
    """The aiosmtpd handler: records messages, refuses what a test asks it to."""

    received: list[Received] = field(default_factory=list)
    refuse_rcpt: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply
    data_reply: str | None = None  # answer DATA with this instead of accepting

    def reset(self) -> None:
        self.received.clear()
        self.refuse_rcpt.clear()
        self.data_reply = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        message = BytesParser(policy=email.policy.default).parsebytes(envelope.content)
        login = session.auth_data.login.decode() if session.authenticated else None
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,
                                      login))
        return "250 Message accepted for delivery"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USERNAME.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False, auth_data=auth_data)  # 535 when not ok


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 and a free port, with its recorder."""

    def __init__(self, **controller_options: Any):
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port,
                                     server_hostname="smtp.test", **controller_options)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.recorder.received

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """App settings that send through this server."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_USE_TLS": False,
                "MAIL_USE_SSL": False, "MAIL_USERNAME": None, "MAIL_PASSWORD": None,
                "MAIL_DEFAULT_SENDER": SENDER, "MAIL_TIMEOUT_SECONDS": 5.0,
                "MAIL_ADMIN_RECIPIENTS": [], **overrides}


@pytest.fixture(scope="session")
def smtp_server():
    """A plain SMTP server for the session (a login is offered, not required)."""
    server = SmtpServer(authenticator=_authenticate, auth_require_tls=False).start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server):
    """The plain server, emptied."""
    smtp_server.recorder.reset()
    return smtp_server


# --- TLS ---------------------------------------------------------------------------------------
def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory) -> dict[str, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    tmp = tmp_path_factory.mktemp("mail_tls")
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=Thongtin test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=tmp)
    _openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-addext", "basicConstraints=critical,CA:FALSE",
             "-addext", "keyUsage=critical,digitalSignature",
             "-addext", "extendedKeyUsage=serverAuth", cwd=tmp)
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2",
             "-copy_extensions", "copyall", cwd=tmp)
    return {"ca": tmp / "ca.pem", "cert": tmp / "server.pem", "key": tmp / "server.key"}


def _server_context(ca: dict[str, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(ca["cert"], ca["key"])
    return context


@pytest.fixture(scope="session")
def tls_smtp_server(test_ca):
    """STARTTLS required before anything, and a login required (over TLS)."""
    server = SmtpServer(tls_context=_server_context(test_ca), require_starttls=True,
                        authenticator=_authenticate, auth_required=True).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtps_server(test_ca):
    """SMTPS: TLS from the first byte."""
    server = SmtpServer(ssl_context=_server_context(test_ca)).start()
    yield server
    server.stop()


@pytest.fixture
def trust_test_ca(test_ca, monkeypatch):
    """Clients verify server certificates against the test CA (as against a real one)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(test_ca["ca"]))


# --- the session app sending through a server -------------------------------------------------
@pytest.fixture
def use_mail(app, ctx):
    """``use_mail(server, **overrides)``: the session app sends e-mail through ``server``
    (its settings and senders are put back afterwards)."""
    from integrations.mail import CHANNELS, register_senders

    app.extensions["celery"].set_current()  # eager tasks run in this app
    app.extensions["celery"].set_default()
    saved: dict[str, Any] = {}

    def _use(server: SmtpServer, **overrides: Any) -> SmtpServer:
        settings = server.settings(**overrides)
        for key in settings:
            saved.setdefault(key, app.config.get(key))
        app.config.update(settings)
        register_senders(app)
        server.recorder.reset()
        return server

    yield _use
    app.config.update(saved)
    for channel in CHANNELS:
        outbox.unregister_sender(app, channel)
