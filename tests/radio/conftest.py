"""Radio tests: the notices helpers, a fake provincial source system on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.notices.conftest import (  # noqa: F401 - shared fixtures
    frozen,
    notice_body,
    notices_api,
    second_admin,
)

SECRET = "bí-mật-thử-nghiệm-0123456789"
KEY_ID = "hue-test"


class FakeSourceSystem:
    """The province's side of the documented exchange, written independently of our client:
    it checks every request's HMAC-SHA256 signature and timestamp, records what it got, and
    answers with the statuses it is told to."""

    def __init__(self, secret: str = SECRET, key_id: str = KEY_ID, window: int = 300):
        self.secret, self.key_id, self.window = secret, key_id, window
        self.received: list[dict] = []  # accepted requests
        self.refused: list[tuple[str, str]] = []  # (path, reason)
        self.statuses: list[int] = []  # next answers (default 200)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                reason = fake.check(self.command, self.path, self.headers, body)
                if reason:
                    fake.refused.append((self.path, reason))
                    return self._answer(401, {"error": reason})
                status = fake.statuses.pop(0) if fake.statuses else 200
                if status < 300:
                    fake.received.append({"path": self.path, "headers": dict(self.headers),
                                          "json": json.loads(body)})
                self._answer(status, {"ok": status < 300})

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def check(self, method: str, path: str, headers, body: bytes) -> str | None:
        """Why a request is refused, or None."""
        if headers.get("X-Source-Key-Id") != self.key_id:
            return "key"
        stamp = headers.get("X-Source-Timestamp", "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > self.window:
            return "timestamp"
        if not headers.get("X-Source-Message-Id"):
            return "message-id"
        text = f"{stamp}\n{method}\n{path}\n{hashlib.sha256(body).hexdigest()}"
        expected = "v1=" + hmac.new(self.secret.encode(), text.encode(),
                                    hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers.get("X-Source-Signature", "")):
            return "signature"
        return None

    def sign(self, method: str, path: str, body: bytes, stamp: int | None = None,
             secret: str | None = None) -> dict[str, str]:
        """Headers the province puts on a request to us."""
        stamp = str(int(time.time()) if stamp is None else stamp)
        text = f"{stamp}\n{method}\n{path}\n{hashlib.sha256(body).hexdigest()}"
        mac = hmac.new((secret or self.secret).encode(), text.encode(), hashlib.sha256)
        return {"X-Source-Key-Id": self.key_id, "X-Source-Timestamp": stamp,
                "X-Source-Message-Id": f"msg-{stamp}-{len(body)}",
                "X-Source-Signature": "v1=" + mac.hexdigest(),
                "Content-Type": "application/json"}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def fake_source():
    """A fake provincial source system on 127.0.0.1 for the whole session."""
    server = FakeSourceSystem().start()
    yield server
    server.stop()


@pytest.fixture
def source_on(app, world, fake_source, monkeypatch):
    """The json-hmac adapter switched on for Huế, pointing at the fake (reset per test)."""
    for key, value in {"SOURCE_SYSTEM_ADAPTER": "json-hmac",
                       "SOURCE_SYSTEM_PROVINCE": world.province,
                       "SOURCE_SYSTEM_URL": fake_source.url,
                       "SOURCE_SYSTEM_KEY_ID": KEY_ID,
                       "SOURCE_SYSTEM_SECRET": SECRET,
                       "PUBLIC_BASE_URL": "https://thongtin.example.vn"}.items():
        monkeypatch.setitem(app.config, key, value)
    fake_source.received.clear()
    fake_source.refused.clear()
    fake_source.statuses.clear()
    return fake_source
