"""Security headers for every response, and the request id that ties logs together."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request
from flask.sessions import SecureCookieSessionInterface

# HTML pages: own scripts and styles only, no inline script, no framing.
HTML_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Everything else (JSON, XML, feeds, scripts): nothing may run from it.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
# The OpenAPI viewer: Swagger UI served by the app (core/docs.py), no inline script; its
# React components set inline styles.
DOCS_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
               "frame-ancestors 'none'")
HSTS = "max-age=31536000; includeSubDomains"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def base_headers(is_secure: bool) -> list[tuple[str, str]]:
    """Headers every response carries (also used by WSGI fast paths that bypass Flask)."""
    headers = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
    if is_secure:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


def _frame_ancestors(policy: str, allowed: list[str] | str | None) -> str:
    sources = " ".join(allowed) if isinstance(allowed, list) else (allowed or "'none'")
    parts = [p for p in policy.split(";") if p.strip() and
             not p.strip().startswith("frame-ancestors")]
    return "; ".join(p.strip() for p in parts) + f"; frame-ancestors {sources}"


def add_security_headers(response: Response) -> Response:
    """``after_request``: headers by kind of response; a view's own CSP is kept."""
    from flask import current_app

    for name, value in base_headers(request.is_secure):
        response.headers.setdefault(name, value)
    if request.path.startswith("/api/docs"):
        response.headers["Content-Security-Policy"] = DOCS_POLICY
    elif "Content-Security-Policy" not in response.headers:
        html = response.mimetype == "text/html"
        response.headers["Content-Security-Policy"] = HTML_POLICY if html else DATA_POLICY
    if request.path.startswith("/board/"):
        allowed = current_app.config["BOARD_FRAME_ANCESTORS"]
        response.headers["Content-Security-Policy"] = _frame_ancestors(
            response.headers["Content-Security-Policy"], allowed)
        if not allowed:
            response.headers.setdefault("X-Frame-Options", "DENY")
    else:
        response.headers.setdefault("X-Frame-Options", "DENY")
    if request.path == "/widget.js":
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    response.headers["X-Request-ID"] = g.get("request_id", "-")
    return response


def assign_request_id() -> None:
    """``before_request``: take a sane ``X-Request-ID`` from the proxy or make one."""
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, opening a request without a session cookie (every
    API call) as an empty session before building a signer for a cookie it does not have."""

    def open_session(self, app, request):  # noqa: D102 - documented by the base class
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    """Install the hooks and the session interface."""
    app.session_interface = CookieSessionInterface()
    app.before_request(assign_request_id)
    app.after_request(add_security_headers)
