"""Cross-origin access (Flask-CORS) for the few endpoints pages of other sites call: the
widget's (notices, categories, answers, the privacy notice, feedback intake, look-up and
rating) and the consultations'.

Domains name those endpoints on the app in their ``init_app`` with :func:`allow` (one method
each, e.g. ``GET``); every other endpoint stays same-origin. Origins come from
``WIDGET_ALLOWED_ORIGINS`` (a list of origins, or ``"*"``), read at each request. A preflight
is answered only for the endpoint's method and the ``Content-Type`` and ``Idempotency-Key``
headers (a JSON POST with its idempotency key); anything else gets no CORS header at all.
Flask-CORS matches the origin and writes the headers; this module decides which endpoint
and method a request is about (a GET and a POST may share one path).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, request
from flask_cors.core import get_cors_headers, get_cors_options, set_cors_headers
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from core.cache import get_cache, register

_EXTENSION = "cors_endpoints"
OPTIONS_CACHE = "cors.options"
ALLOWED_HEADERS = ("Content-Type", "Idempotency-Key")
EXPOSED_HEADERS = ("ETag", "Last-Modified")  # GET answers: the widget revalidates
MAX_AGE = 600


def allow(app: Flask, endpoint: str, method: str) -> None:
    """Let pages of the allowed origins call ``endpoint`` with ``method`` in ``app``."""
    endpoints(app)[endpoint] = method.upper()


def endpoints(app: Flask) -> dict[str, str]:
    """The app's cross-origin endpoints: endpoint name → the one method allowed."""
    return app.extensions.setdefault(_EXTENSION, {})


def _origins(config: Mapping[str, Any]) -> tuple[str, ...]:
    setting = config["WIDGET_ALLOWED_ORIGINS"]
    if isinstance(setting, str):
        setting = [setting]
    cleaned = {o.strip().rstrip("/").lower() for o in setting or [] if o.strip()}
    return ("*",) if "*" in cleaned else tuple(sorted(cleaned))


def _options(app: Flask, method: str):
    """Flask-CORS options for one method under the current origins setting (in the app's
    cache: the setting rarely changes, the compiled options are reused)."""
    origins = _origins(app.config)
    key = (origins, method)
    cached = get_cache(OPTIONS_CACHE, app)
    options = cached.get(key)
    if options is None:
        options = get_cors_options(app, {
            "origins": list(origins) or [], "methods": [method],
            "allow_headers": list(ALLOWED_HEADERS),
            "expose_headers": list(EXPOSED_HEADERS) if method == "GET" else None,
            "max_age": MAX_AGE, "send_wildcard": True, "vary_header": True,
            "supports_credentials": False})
        cached.put(key, options)
    return options


def _varies_by_origin(headers: Headers) -> bool:
    return any(v.strip().lower() == "origin"
               for line in headers.getlist("Vary") for v in line.split(","))


def simple_headers(app: Flask, origin: str, method: str) -> list[tuple[str, str]]:
    """CORS headers of a non-preflight ``method`` answer to ``origin`` (empty: refused),
    for WSGI fast paths that answer before Flask builds a request."""
    if not _origins(app.config):
        return []
    headers = Headers(get_cors_headers(_options(app, method), Headers({"Origin": origin}),
                                       method))
    allowed = headers.get("Access-Control-Allow-Origin")
    if allowed and allowed != "*" and not _varies_by_origin(headers):
        headers.add("Vary", "Origin")
    return list(headers.items())


def _preflight_endpoint() -> str | None:
    """The endpoint a preflight asks about: the rule for the requested method (a GET and a
    POST may share one path, and OPTIONS alone matches whichever rule comes first)."""
    asked = request.headers.get("Access-Control-Request-Method")
    if not asked:
        return None
    try:
        rule, _ = current_app.url_map.bind_to_environ(request.environ).match(
            method=asked, return_rule=True)
    except HTTPException:
        return None
    return rule.endpoint


def _acceptable_preflight(method: str) -> bool:
    if request.headers.get("Access-Control-Request-Method") != method:
        return False
    asked = {h.strip().lower() for h in
             request.headers.get("Access-Control-Request-Headers", "").split(",") if h.strip()}
    return asked <= {h.lower() for h in ALLOWED_HEADERS}


def add_cors_headers(response: Response) -> Response:
    """``after_request``: answer preflights and tag allowed cross-origin answers."""
    origin = request.headers.get("Origin")
    if not origin:
        return response
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    preflight = request.method == "OPTIONS"
    endpoint = (_preflight_endpoint() if preflight else None) or request.endpoint or ""
    method = endpoints(app).get(endpoint)
    if method is None or not _origins(app.config):
        return response
    if preflight:
        if not _acceptable_preflight(method):
            return response
    elif request.method != method and not (method == "GET" and request.method == "HEAD"):
        return response
    set_cors_headers(response, _options(app, method))
    if preflight and "Access-Control-Allow-Origin" in response.headers:
        # The allowed list, not Flask-CORS's echo of the requested names.
        response.headers["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
    allowed = response.headers.get("Access-Control-Allow-Origin")
    if allowed and allowed != "*" and not _varies_by_origin(response.headers):
        # An answer naming one origin varies by Origin (Flask-CORS adds it only when
        # several origins are configured).
        response.vary.add("Origin")
    return response


def init_app(app: Flask) -> None:
    """Give the app its (empty) list of cross-origin endpoints, its options cache, and
    install the hook."""
    endpoints(app)
    register(app, OPTIONS_CACHE, max_entries=64)
    app.after_request(add_cors_headers)
