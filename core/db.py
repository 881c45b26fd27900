"""Database base class, column types, and the unit of work: the one owner of every transaction."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.orm import DeclarativeBase, Session
from werkzeug.exceptions import NotFound as HttpNotFound
from werkzeug.routing import IntegerConverter, UnicodeConverter

from core.text import is_xml_safe

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ID = 2**31 - 1  # ids are INTEGER columns (PostgreSQL's is 32-bit)


class IdConverter(IntegerConverter):
    """``<int:…>`` in URLs: a number no id can reach is a plain 404.

    Installed as the app's ``int`` converter: an unbounded number would otherwise reach
    the database and overflow its integer type (a 500). It answers 404 itself rather than
    failing the match, which werkzeug would turn into a 405 when another method's rule
    has the same path.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> int:  # noqa: D102 - documented by the base class
        number = int(value)
        if number > self.max:
            raise HttpNotFound()
        return number


class TextConverter(UnicodeConverter):
    """``<code>`` and other text in URLs: a segment holding a character XML forbids (a NUL,
    which PostgreSQL refuses in text, or another control character) is a plain 404 before
    any query. Installed as the app's ``default`` and ``string`` converters."""

    def to_python(self, value: str) -> str:  # noqa: D102 - documented by the base class
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

    def process_bind_param(self, value: datetime | None, dialect):  # noqa: D102 - documented by the base class
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):  # noqa: D102 - documented by the base class
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


def after_fork(app) -> None:
    """In a process forked from one that built ``app`` (gunicorn's preloaded master):
    forget the inherited connection pools without closing their sockets, so this process
    opens its own connections and never shares one with its parent or siblings."""
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return  # not this app's database layer (a benchmark's bare app)
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


# --- unit of work -------------------------------------------------------------------------
# One owner of every transaction. A unit of work commits once, at its end, and rolls back on
# any error; its after-commit callbacks (the outbox's dispatch) run only after the commit.
# Requests (UnitOfWorkFlask), jobs and CLI commands (transactional) open units; helpers and
# services only flush. ``commit()`` and ``rollback()`` live here alone (tests/test_unit_of_work.py).
_AFTER_COMMIT = "after_commit_callbacks"
_AFTER_ROLLBACK = "after_rollback_callbacks"
_OPEN = "unit_of_work_open"


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the current transaction has committed (dropped on rollback)."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def after_rollback(callback: Callable[[], None]) -> None:
    """Run ``callback`` if the current unit of work rolls back (dropped when it commits):
    undo what is outside the database (an image file stored for a submission)."""
    db.session.info.setdefault(_AFTER_ROLLBACK, []).append(callback)


def in_unit_of_work() -> bool:
    """Whether a unit of work is open on the current session."""
    return bool(db.session.info.get(_OPEN))


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One unit of work: commit once at the end, roll back on any error (and re-raise).

    Inside an open unit it is part of that unit: only the outermost commits. After the
    commit the after-commit callbacks run (outside the unit, so a task they run in the
    process opens a unit of its own); after a rollback they are dropped and the
    :func:`after_rollback` callbacks run instead.
    """
    session = db.session
    if session.info.get(_OPEN):
        yield session
        return
    session.info[_OPEN] = True
    try:
        yield session
        # A unit that began no transaction (no statement, no object added or loaded; the
        # before_request hooks of most requests) has nothing to commit: committing would
        # begin an empty one and end it again.
        current = session()  # the scoped session's Session for this context
        if current.in_transaction() or current.identity_map:
            session.commit()
    except BaseException:
        session.info.pop(_OPEN, None)
        _rollback_after_error()
        raise
    finally:
        session.info.pop(_OPEN, None)
    session.info.pop(_AFTER_ROLLBACK, None)
    _run_after_commit()


def transactional(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` in one :func:`unit_of_work` (Celery tasks and CLI commands)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with unit_of_work():
            return function(*args, **kwargs)

    return wrapper


class UnitOfWorkFlask(Flask):
    """The app's class: each request's ``before_request`` hooks run in one unit of work and
    its view in another, so an error anywhere in the view leaves nothing of it saved.

    Two units, not one: what the hooks write (a console session's last activity, or its end
    when it ran out) stands even when the view fails or is never reached (a redirect)."""

    def preprocess_request(self):
        """The ``before_request`` hooks, in a unit of work."""
        with unit_of_work():
            return super().preprocess_request()

    def dispatch_request(self):
        """The view, in a unit of work."""
        with unit_of_work():
            return super().dispatch_request()


@contextmanager
def savepoint() -> Iterator[None]:
    """A part of the unit of work undone alone when it raises (a SAVEPOINT); the error still
    propagates, and the rest of the unit goes on (a console form showing the refusal, a
    retry with another code after a unique-key collision). Its after-commit callbacks are
    dropped with it and its after-rollback callbacks run."""
    session = db.session
    callbacks = session.info.setdefault(_AFTER_COMMIT, [])
    kept = len(callbacks)
    on_rollback = session.info.setdefault(_AFTER_ROLLBACK, [])
    kept_on_rollback = len(on_rollback)
    try:
        with session.begin_nested():
            yield
    except BaseException:
        del callbacks[kept:]
        undone, on_rollback[kept_on_rollback:] = on_rollback[kept_on_rollback:], []
        _run_after_rollback(undone)
        raise


def flush() -> None:
    """End a helper's or service's writes: send them to the database (constraints are
    checked, ids assigned) and expire what the session holds, so later reads in the unit
    see the database as a commit would have shown it. Only the unit of work commits."""
    db.session.flush()
    db.session.expire_all()


def write_even_on_rollback(write: Callable[[], None]) -> None:
    """Do ``write`` in the current unit and keep it even if the unit rolls back: then it is
    done again, alone, in a unit of work of its own right after the rollback.

    For records that must outlive the work they describe (the contact-access log: staff
    were shown the data, whatever became of the request). Not a second connection: on
    SQLite the caller's transaction holds the write lock, which a second connection would
    wait for until the caller ends, i.e. forever.
    """
    write()

    def again() -> None:
        if in_unit_of_work():  # a savepoint undid it: written again, and kept as before
            write_even_on_rollback(write)
            return
        with unit_of_work():
            write()

    after_rollback(again)


@contextmanager
def independent_unit_of_work() -> Iterator[Session]:
    """A unit of work that must commit on its own whatever its caller does later (the Zalo
    token refresh: the partner has already replaced the token pair, so the new pair must be
    stored even if the job that asked for it fails).

    It may not run inside another unit (that one would decide its fate), nor with changes
    waiting in the session; a read-only transaction the caller still holds is ended first,
    so no transaction (SQLite's write lock) is held across the partner's HTTP call either.
    """
    session = db.session
    if session.info.get(_OPEN):
        raise RuntimeError("an independent unit of work cannot run inside another unit")
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("an independent unit of work started with unsaved changes")
    commit()
    with unit_of_work():
        yield session


def end_failed_transaction() -> None:
    """Roll back a transaction a failed statement left broken, and carry on (the readiness
    probe reports the failure instead of raising it). A dead connection is discarded."""
    try:
        db.session.rollback()
    except sa.exc.DBAPIError:
        db.session.invalidate()
    db.session.info.pop(_AFTER_COMMIT, None)


def commit() -> None:
    """Commit, then run the after-commit callbacks: the end of a unit of work (tests).

    A failing callback is logged and does not undo the commit: whatever it was meant to
    start (a delivery, say) is picked up again by the periodic sweep.
    """
    db.session.commit()
    _run_after_commit()


def rollback() -> None:
    """Roll back and forget the after-commit callbacks: the end of a failed unit (tests)."""
    db.session.rollback()
    db.session.info.pop(_AFTER_COMMIT, None)
    db.session.info.pop(_AFTER_ROLLBACK, None)


def _run_after_commit() -> None:
    callbacks = db.session.info.pop(_AFTER_COMMIT, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # after commit nothing may undo the commit
            log.exception("after-commit callback failed")


def _rollback_after_error() -> None:
    """Roll back a failed unit, then run its after-rollback callbacks. A connection that
    died under the unit is discarded (the original error is the one that propagates)."""
    callbacks = db.session.info.pop(_AFTER_ROLLBACK, [])
    try:
        rollback()
    except sa.exc.DBAPIError as exc:
        log.warning("rollback failed: %s", type(exc.orig).__name__ if exc.orig else exc)
        try:
            db.session.invalidate()
        except Exception:  # noqa: BLE001 - it is already broken
            pass
        db.session.info.pop(_AFTER_COMMIT, None)
    _run_after_rollback(callbacks)


def _run_after_rollback(callbacks: list[Callable[[], None]]) -> None:
    for callback in callbacks:
        try:
            callback()
        except Exception:  # the original error is the one to raise
            log.exception("after-rollback callback failed")


@event.listens_for(Session, "after_soft_rollback")
def _forget_callbacks(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(_AFTER_COMMIT, None)
