"""Database base class, column types and the unit-of-work helper."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.orm import DeclarativeBase, Session
from werkzeug.exceptions import NotFound as HttpNotFound
from werkzeug.routing import IntegerConverter, UnicodeConverter

from core.text import is_xml_safe

log = logging.getLogger(__name__)

MAX_ID = 2**31 - 1  # ids are INTEGER columns (PostgreSQL's is 32-bit)


class IdConverter(IntegerConverter):
    """``<int:…>`` in URLs: a number no id can reach is a plain 404.

    Installed as the app's ``int`` converter: an unbounded number would otherwise reach
    the database and overflow its integer type (a 500). It answers 404 itself rather than
    failing the match, which werkzeug would turn into a 405 when another method's rule
    has the same path.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> int:  # noqa: D102
        number = int(value)
        if number > self.max:
            raise HttpNotFound()
        return number


class TextConverter(UnicodeConverter):
    """``<code>`` and other text in URLs: a segment holding a character XML forbids (a NUL,
    which PostgreSQL refuses in text, or another control character) is a plain 404 before
    any query. Installed as the app's ``default`` and ``string`` converters."""

    def to_python(self, value: str) -> str:  # noqa: D102
        if not is_xml_safe(value):
            raise HttpNotFound()
        return value


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with named constraints, so migrations can drop them."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


class UTCDateTime(sa.types.TypeDecorator):
    """A timezone-aware UTC datetime on every database (SQLite stores it naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # noqa: D102
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):  # noqa: D102
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


SQLITE_LOCK_WAIT_SECONDS = 30.0  # how long a transaction waits for SQLite's write lock


def configure_sqlite(engine: sa.Engine) -> None:
    """WAL, foreign keys, and ``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing.

    pysqlite's own transaction handling is switched off (SQLAlchemy's documented recipe),
    which also makes SAVEPOINTs work.

    Waiting for the write lock is ours, not SQLite's: its busy handler sleeps in growing
    steps (up to 100 ms), so a web request waiting behind the embedded worker's short
    transactions kept missing the free moments and waited half a second. Every transaction
    takes the lock at its start (``BEGIN IMMEDIATE``), so only that statement can find the
    database busy; it is retried every millisecond or so, with jitter, for up to
    ``SQLITE_LOCK_WAIT_SECONDS``.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=0")  # waiting for the lock: see _begin
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        _begin_immediate(conn.connection.driver_connection)


def _begin_immediate(dbapi_connection) -> None:
    retry_locked(lambda: dbapi_connection.execute("BEGIN IMMEDIATE"))


def retry_locked(statement: Callable[[], Any], may_retry: Callable[[], bool] = lambda: True,
                 wait: float = SQLITE_LOCK_WAIT_SECONDS) -> Any:
    """Run a SQLite statement, trying again every millisecond or so (with jitter) while the
    database is locked by another connection, for up to ``wait`` seconds."""
    import random
    import sqlite3
    import time

    deadline = time.monotonic() + wait
    pause = 0.0005
    while True:
        try:
            return statement()
        except sqlite3.OperationalError as exc:
            locked = "locked" in str(exc) or "busy" in str(exc)
            if not locked or not may_retry() or time.monotonic() > deadline:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 1.5, 0.003)


def remove_session(_exc: BaseException | None = None) -> None:
    """End the request's session; a connection that died under it (the database restarted)
    is discarded, instead of the failed rollback turning a finished response into a 500.

    Registered after Flask-SQLAlchemy, so it runs before that extension's own teardown.
    """
    try:
        db.session.remove()
    except sa.exc.DBAPIError as exc:
        log.warning("discarded a broken database connection: %s",
                    type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        try:
            db.session.invalidate()
        except Exception:  # noqa: BLE001 - it is already broken
            pass
        db.session.registry.clear()


# --- unit of work -------------------------------------------------------------------------
_AFTER_COMMIT = "after_commit_callbacks"


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the current transaction has committed (dropped on rollback)."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def commit() -> None:
    """Commit the unit of work, then run its after-commit callbacks.

    A failing callback is logged and does not undo the commit: whatever it was meant to
    start (a delivery, say) is picked up again by the periodic sweep.
    """
    db.session.commit()
    callbacks = db.session.info.pop(_AFTER_COMMIT, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # noqa: BLE001 - after commit nothing may undo the commit
            log.exception("after-commit callback failed")


def rollback() -> None:
    """Roll back the unit of work and forget its after-commit callbacks."""
    db.session.rollback()
    db.session.info.pop(_AFTER_COMMIT, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_callbacks(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(_AFTER_COMMIT, None)
