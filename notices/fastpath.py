"""WSGI fast path for the public list: a fresh cached rendering is answered before Flask
builds a request (no context, no hooks, no database). Anything else (a miss, an entry due
for its version check, a bad parameter) goes through the Flask view, which refreshes the
cache. Same bytes and headers as the view; CORS follows ``core.cors``."""

from __future__ import annotations

import time

from core import clock, cors, security
from notices import cache

PREFIX, SUFFIX = "/api/v1/units/", "/notices"


class PublicListFastPath:
    """Wraps ``app.wsgi_app``."""

    def __init__(self, app, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        """Answer a GET of a unit's public list from a fresh cache entry, else pass it on to
        the wrapped application."""
        path = environ.get("PATH_INFO", "")
        if (environ.get("REQUEST_METHOD") == "GET" and path.startswith(PREFIX)
                and path.endswith(SUFFIX)):
            code = path[len(PREFIX):-len(SUFFIX)]
            entry = cache.get((code, environ.get("QUERY_STRING", ""),
                               environ.get("HTTP_HOST", ""),
                               environ.get("wsgi.url_scheme", "http")), self.app)
            if entry is not None and self._fresh(entry):
                return self._answer(entry, environ, start_response)
        return self.wsgi_app(environ, start_response)

    def _fresh(self, entry: cache.Entry) -> bool:
        if time.monotonic() - entry.checked_at >= self.app.config["NOTICES_CACHE_CHECK_SECONDS"]:
            return False
        return entry.valid_until is None or clock.now() < entry.valid_until

    def _answer(self, entry: cache.Entry, environ, start_response):
        headers = list(entry.headers.items()) + security.base_headers(
            environ.get("wsgi.url_scheme") == "https") + [
            ("Content-Security-Policy", security.DATA_POLICY), ("X-Frame-Options", "DENY")]
        origin = environ.get("HTTP_ORIGIN")
        if origin:
            headers += cors.simple_headers(self.app, origin, "GET")
        match = environ.get("HTTP_IF_NONE_MATCH")
        if match is not None:
            fresh = match == entry.etag or entry.etag in {
                t.strip().removeprefix("W/") for t in match.split(",")} or match.strip() == "*"
        else:
            fresh = False
            if environ.get("HTTP_IF_MODIFIED_SINCE"):
                return self.wsgi_app(environ, start_response)  # rare: let the view decide
        if fresh:
            start_response("304 NOT MODIFIED", headers)
            return [b""]
        start_response("200 OK", headers + [("Content-Type", "application/json"),
                                            ("Content-Length", str(len(entry.body)))])
        return [entry.body]
