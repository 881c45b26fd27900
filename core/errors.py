"""One JSON error shape for every error: ``{code, status, message, errors?}``.

``message`` is Vietnamese a citizen can read; ``status`` is the stable HTTP reason phrase;
``errors`` maps a field to its messages where fields are at fault.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import sqlalchemy.exc
from flask import Flask, Response, current_app, jsonify
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from core import messages

log = logging.getLogger(__name__)


class AppError(Exception):
    """Base of the errors services raise; the handler turns them into the error shape."""

    status_code = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.headers = headers


class UserValueError(AppError):
    """The request is understood but its values are not acceptable (422)."""

    status_code = 422


class NotFound(AppError):
    """The thing does not exist, or the caller may not know it exists (404)."""

    status_code = 404


class Conflict(AppError):
    """The request conflicts with the current state (409)."""

    status_code = 409


class Unauthorized(AppError):
    """Authentication is missing or wrong (401)."""

    status_code = 401


class Forbidden(AppError):
    """Authenticated, but not allowed (403)."""

    status_code = 403


class TooManyRequests(AppError):
    """Too many attempts at something (wrong proofs, codes asked for); wait (429)."""

    status_code = 429


class ServiceUnavailable(AppError):
    """A dependency (the database) is down; the client should retry (503)."""

    status_code = 503


def error_response(status_code: int, message: str | None = None,
                   errors: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """Build the one error response."""
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        phrase = "Error"
    body: dict[str, Any] = {
        "code": status_code,
        "status": phrase,
        "message": message or messages.HTTP_MESSAGES.get(
            status_code, messages.DEFAULT_CLIENT_ERROR),
    }
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status_code
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten_webargs(messages_by_location: Any) -> dict[str, Any] | None:
    """Webargs nests messages by location (``{"json": {...}}``); keep the field level."""
    if not isinstance(messages_by_location, dict):
        return None
    if len(messages_by_location) == 1:
        (inner,) = messages_by_location.values()
        if isinstance(inner, dict):
            return inner
    merged: dict[str, Any] = {}
    for inner in messages_by_location.values():
        if isinstance(inner, dict):
            merged.update(inner)
    return merged or None


def handle_http_exception(exc: HTTPException) -> Response:
    """Every werkzeug HTTP exception (and flask-smorest's ``abort``) in the error shape."""
    data = getattr(exc, "data", None) or {}
    errors = _flatten_webargs(data.get("messages")) if isinstance(data, dict) else None
    headers = {}
    for name, value in exc.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            headers[name] = value
    message = data.get("message") if isinstance(data, dict) else None
    status_code = exc.code or 500
    if status_code == 422 and errors is None and message is None:
        message = messages.HTTP_MESSAGES[422]
    return error_response(status_code, message, errors, headers)


def handle_app_error(exc: AppError) -> Response:
    """Errors raised by our services."""
    return error_response(exc.status_code, exc.message, exc.errors, exc.headers)


def handle_validation_error(exc: ValidationError) -> Response:
    """A marshmallow error that escaped a schema load outside webargs."""
    errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    return error_response(422, messages.HTTP_MESSAGES[422], errors)


def handle_database_unavailable(exc: sqlalchemy.exc.OperationalError) -> Response:
    """The database cannot be reached: fail fast with 503 so clients retry."""
    log.error("database unavailable: %s", type(exc.orig).__name__ if exc.orig else exc)
    from core.db import end_failed_transaction

    try:
        end_failed_transaction()  # the unit of work has rolled back; an error outside one
    except Exception:  # noqa: BLE001 - the connection is already broken
        pass
    return error_response(503, messages.DATABASE_UNAVAILABLE, headers={"Retry-After": "5"})


def handle_unexpected(exc: Exception) -> Response:
    """Log and answer 500 in the error shape; in tests, let the error through."""
    if current_app.testing and not current_app.config.get("TESTING_CATCH_ERRORS"):
        raise exc
    log.exception("unhandled error")
    return error_response(500)


def register_error_handlers(app: Flask) -> None:
    """Install the handlers; called after flask-smorest so ours win."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(sqlalchemy.exc.OperationalError, handle_database_unavailable)
    app.register_error_handler(sqlalchemy.exc.InterfaceError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
