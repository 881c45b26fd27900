"""A fake message gateway for the outbox: a sender (run inside workers) and the receiving
HTTP server (run by the test) that counts every message it is handed.

Workers load the sender through the ``OUTBOX_SENDERS`` setting, e.g.
``OUTBOX_SENDERS='{"sms": "tests.reliability.receiver:send"}'``, and find the receiver at
``RELIABILITY_RECEIVER_URL``. The sender is a test double, so it reads that variable itself.
"""

from __future__ import annotations

import os
import threading
from collections import Counter

import httpx
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from core.outbox import SendResult, TransientError
from tests.fakes.zalo import QuietHandler

URL_VARIABLE = "RELIABILITY_RECEIVER_URL"


def send(delivery) -> SendResult:
    """Outbox sender: hand the delivery to the receiver (a 5xx or timeout is transient)."""
    try:
        response = httpx.post(os.environ[URL_VARIABLE] + "/messages", timeout=5, json={
            "key": delivery.idempotency_key, "recipient": delivery.recipient,
            "text": (delivery.payload or {}).get("text")})
    except httpx.HTTPError as exc:
        raise TransientError(f"gateway: {type(exc).__name__}") from None
    if response.status_code >= 500:
        raise TransientError(f"gateway: HTTP {response.status_code}")
    return SendResult("sent")


class Receiver:
    """The gateway: ``url``, ``counts`` (messages per delivery key), ``stop()``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        app = Flask("fake_gateway")

        @app.post("/messages")
        def messages():
            key = (request.get_json(silent=True) or {}).get("key")
            with self.lock:
                self.counts[key] += 1
            return jsonify(ok=True)

        self._server = make_server("127.0.0.1", 0, app, threaded=True,
                                   request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def snapshot(self) -> Counter[str]:
        with self.lock:
            return Counter(self.counts)

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)
