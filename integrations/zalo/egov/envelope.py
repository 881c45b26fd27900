"""The template's answer shape, ``{"err": 0, "message": "…", "data": …}``, for every answer
of the facade, errors included (``err`` non-zero, no ``data``).

``err`` is -115 for a missing or refused Zalo token (the template then fetches a new one),
-117 for the daily search limit (it shows its own message), otherwise minus the HTTP status
(-400, -404, -409, -413, -415, -422, -429, -500, -503). The HTTP status is kept as well.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy.exc
from flask import Blueprint, Response, current_app, jsonify
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from core import messages as core_messages
from core.errors import AppError
from integrations.zalo.egov import messages

log = logging.getLogger(__name__)

UNAUTHORIZED = -115
SEARCH_LIMIT = -117


class SearchLimited(AppError):
    """The user's daily dossier look-ups are spent (429, ``err`` -117)."""

    status_code = 429
    err = SEARCH_LIMIT


def ok(data: Any, message: str = messages.OK) -> Response:
    """A successful answer."""
    return jsonify({"err": 0, "message": message, "data": data})


def failure(status: int, message: str | None, err: int | None = None,
            headers: dict[str, str] | None = None) -> Response:
    """An error answer: ``err`` from the status unless given, no ``data``."""
    if err is None:
        err = UNAUTHORIZED if status == 401 else -status
    response = jsonify({"err": err, "message": message or core_messages.HTTP_MESSAGES.get(
        status, core_messages.DEFAULT_CLIENT_ERROR)})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _first_message(errors: Any) -> str | None:
    """The first field message of a (nested) marshmallow error dict."""
    if isinstance(errors, dict):
        for value in errors.values():
            found = _first_message(value)
            if found:
                return found
    elif isinstance(errors, list):
        for value in errors:
            found = _first_message(value)
            if found:
                return found
    elif isinstance(errors, str):
        return errors
    return None


def _app_error(exc: AppError) -> Response:
    message = exc.message
    if exc.status_code == 422 and exc.errors:
        message = _first_message(exc.errors) or message
    return failure(exc.status_code, message, getattr(exc, "err", None), exc.headers)


def _validation_error(exc: ValidationError) -> Response:
    return failure(422, _first_message(exc.messages) or core_messages.HTTP_MESSAGES[422])


def _http_error(exc: HTTPException) -> Response:
    headers = {name: value for name, value in exc.get_headers()
               if name.lower() not in ("content-type", "content-length")}
    return failure(exc.code or 500, None, headers=headers)


def _database_down(exc: Exception) -> Response:
    log.error("database unavailable: %s", type(exc).__name__)
    from core.db import end_failed_transaction

    try:
        end_failed_transaction()  # the unit of work has rolled back; an error outside one
    except Exception:  # noqa: BLE001 - the connection is already broken
        pass
    return failure(503, core_messages.DATABASE_UNAVAILABLE, headers={"Retry-After": "5"})


def _unexpected(exc: Exception) -> Response:
    if current_app.testing and not current_app.config.get("TESTING_CATCH_ERRORS"):
        raise exc
    log.exception("unhandled error in the Mini App facade")
    return failure(500, None)


def register(bp: Blueprint) -> None:
    """Answer every error of the blueprint's routes in the envelope."""
    bp.register_error_handler(AppError, _app_error)
    bp.register_error_handler(ValidationError, _validation_error)
    bp.register_error_handler(HTTPException, _http_error)
    bp.register_error_handler(sqlalchemy.exc.OperationalError, _database_down)
    bp.register_error_handler(sqlalchemy.exc.InterfaceError, _database_down)
    bp.register_error_handler(Exception, _unexpected)
