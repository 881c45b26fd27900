"""A fake SMS provider's HTTP API (werkzeug, threaded, 127.0.0.1): it records every request
and answers what the test queued (status, JSON body, headers, an optional delay), else a
success in the shape many Vietnamese brandname APIs use (``{"CodeResult": "100",
"SMSID": …}``).

    with FakeSmsProvider() as provider:
        provider.reply(503, headers={"Retry-After": "120"})
        ...  # SMS_HTTP_URL = provider.url + "/send"
        provider.requests[0].json
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.live import LiveServer


@dataclass
class Recorded:
    """One request as received."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any


@dataclass
class Reply:
    """What to answer one request with."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] | None = None
    delay: float = 0.0


class FakeSmsProvider:
    """The WSGI app, its server, and what it received (``requests``)."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._replies: list[Reply] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server: LiveServer | None = None

    @property
    def url(self) -> str:
        """Base address of the running server."""
        assert self._server is not None, "not started"
        return self._server.url

    def start(self) -> FakeSmsProvider:
        """Serve in a background thread."""
        self._release.clear()
        self._server = LiveServer(self).start()
        return self

    def stop(self) -> None:
        """Release delayed replies and stop serving."""
        self._release.set()
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> FakeSmsProvider:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget requests and queued replies; let delayed replies finish."""
        self._release.set()
        with self._lock:
            self.requests.clear()
            self._replies.clear()
        self._release = threading.Event()

    def reply(self, status: int = 200, body: Any = None, headers: dict[str, str] | None = None,
              delay: float = 0.0, count: int = 1) -> None:
        """Answer the next ``count`` requests so (``body`` as JSON, or a text if a str)."""
        with self._lock:
            self._replies.extend(Reply(status, body, headers, delay) for _ in range(count))

    def __call__(self, environ, start_response):
        request = Request(environ)
        with self._lock:
            self.requests.append(Recorded(request.method, request.path,
                                          dict(request.headers),
                                          request.get_json(silent=True)))
            reply = self._replies.pop(0) if self._replies else Reply(
                200, {"CodeResult": "100", "SMSID": f"sms-{next(self._ids)}"})
            release = self._release
        if reply.delay:
            release.wait(reply.delay)
        if isinstance(reply.body, str):
            response = Response(reply.body, reply.status, reply.headers, mimetype="text/plain")
        else:
            response = Response(json.dumps(reply.body if reply.body is not None else {}),
                                reply.status, reply.headers, mimetype="application/json")
        return response(environ, start_response)
