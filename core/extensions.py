"""Extensions, created unbound; ``create_app`` binds them."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api as _Api

from core.db import db
from core.schemas import ErrorSchema


class Api(_Api):
    """flask-smorest documenting our one error shape."""

    ERROR_SCHEMA = ErrorSchema


migrate = Migrate()
api = Api()
limiter = Limiter(key_func=get_remote_address)

__all__ = ["api", "db", "limiter", "migrate"]
