"""A real HTTP server (werkzeug, threaded) around an app, on 127.0.0.1 and a free port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import make_server


class LiveServer:
    """A running server: ``url`` is its base address."""

    def __init__(self, app, port: int = 0):
        self.app = app
        self._server = make_server("127.0.0.1", port, app, threaded=True)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._thread.join(timeout=5)


@contextmanager
def serve(app, port: int = 0) -> Iterator[LiveServer]:
    """Serve ``app`` for the duration of the block."""
    server = LiveServer(app, port).start()
    try:
        yield server
    finally:
        server.stop()
