"""CORS for the widget: only GET notices, GET categories, GET published answers (search and
one answer, the "Hỏi đáp" tab), GET the privacy notice in force and POST feedback, only from
``WIDGET_ALLOWED_ORIGINS`` (a list of origins, or "*"), including the preflight of a JSON
POST carrying an ``Idempotency-Key``. Every other endpoint stays same-origin."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

# endpoint → the one method a page of another origin may use on it
ENDPOINTS = {
    "notices_public.unit_notices": "GET",
    "units.unit_categories": "GET",
    "answers.search": "GET",
    "answers.detail": "GET",
    "feedback.submit": "POST",
    "privacy.notice_current": "GET",  # the widget's consent text and policy version
}
ALLOWED_HEADERS = frozenset({"content-type", "idempotency-key"})


def _allowed_origins() -> tuple[bool, set[str]]:
    setting = current_app.config["WIDGET_ALLOWED_ORIGINS"]
    if isinstance(setting, str):
        setting = [setting]
    origins = {o.strip().rstrip("/").lower() for o in setting or [] if o.strip()}
    return "*" in origins, origins


def simple_headers(origin: str, method: str, config) -> list[tuple[str, str]]:
    """CORS headers for a non-preflight ``method`` request from ``origin`` (empty: refused)."""
    setting = config["WIDGET_ALLOWED_ORIGINS"]
    if isinstance(setting, str):
        setting = [setting]
    origins = {o.strip().rstrip("/").lower() for o in setting or [] if o.strip()}
    anyone = "*" in origins
    if not anyone and origin.rstrip("/").lower() not in origins:
        return []
    headers = [("Access-Control-Allow-Origin", "*" if anyone else origin)]
    if not anyone:
        headers.append(("Vary", "Origin"))
    if method == "GET":
        headers.append(("Access-Control-Expose-Headers", "ETag, Last-Modified"))
    return headers


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


def add_cors_headers(response: Response) -> Response:
    """``after_request``: answer preflights and tag allowed cross-origin responses."""
    origin = request.headers.get("Origin")
    endpoint = request.endpoint or ""
    if origin and request.method == "OPTIONS":
        endpoint = _preflight_endpoint() or endpoint
    method = ENDPOINTS.get(endpoint)
    if not origin or method is None:
        return response
    anyone, origins = _allowed_origins()
    if not anyone and origin.rstrip("/").lower() not in origins:
        return response
    if request.method == "OPTIONS":
        if request.headers.get("Access-Control-Request-Method") != method:
            return response
        asked = {h.strip().lower() for h in
                 request.headers.get("Access-Control-Request-Headers", "").split(",")
                 if h.strip()}
        if not asked <= ALLOWED_HEADERS:
            return response
        response.headers["Access-Control-Allow-Methods"] = method
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Idempotency-Key"
        response.headers["Access-Control-Max-Age"] = "600"
    elif request.method != method and not (method == "GET" and request.method == "HEAD"):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*" if anyone else origin
    if not anyone:
        response.vary.add("Origin")
    if method == "GET":
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def init_app(app: Flask) -> None:
    """Install the CORS hook."""
    app.after_request(add_cors_headers)
