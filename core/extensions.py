"""Extensions, created unbound; ``create_app`` binds them."""

from __future__ import annotations

from flask import current_app, has_request_context
from flask_limiter import Limiter as _Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api as _Api

from core.db import db
from core.schemas import ErrorSchema


class Api(_Api):
    """flask-smorest documenting our one error shape."""

    ERROR_SCHEMA = ErrorSchema


class Limiter(_Limiter):
    """Flask-Limiter keeps its settings on the extension object, so one app decides for
    every app of the process (a test app with limits on would throttle the others). Here
    the app serving the request decides whether limits apply (``RATELIMIT_ENABLED``) and
    whether a failing storage is logged instead of failing the request
    (``RATELIMIT_SWALLOW_ERRORS``, which ``core.ratelimits`` sets with a shared storage)."""

    @property
    def enabled(self) -> bool:
        if has_request_context():
            return bool(current_app.config.get("RATELIMIT_ENABLED", self._enabled))
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = value

    @property
    def _swallow_errors(self) -> bool | None:
        if has_request_context():
            return bool(current_app.config.get("RATELIMIT_SWALLOW_ERRORS", self._swallow))
        return self._swallow

    @_swallow_errors.setter
    def _swallow_errors(self, value: bool | None) -> None:
        self._swallow = value


migrate = Migrate()
api = Api()
limiter = Limiter(key_func=get_remote_address)

__all__ = ["api", "db", "limiter", "migrate"]
