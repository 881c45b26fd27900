"""Celery bound to the Flask app (Flask's documented pattern), in both runtimes.

- Production: ``CELERY_BROKER_URL`` names Redis; ``worker`` and ``beat`` are processes of
  their own (Procfile).
- Embedded default (no ``CELERY_BROKER_URL``): the broker is kombu's SQLAlchemy transport on
  a SQLite file beside the database (``instance/thongtin-broker.sqlite``), so there is no
  server to install. ``make run`` starts one worker with beat inside it beside the web
  process (``core/embedded.py``). A request only writes a row into that file (a couple of
  milliseconds); the work runs outside the request.
- ``CELERY_TASK_ALWAYS_EAGER`` runs tasks in the caller instead (the test suite).

Periodic tasks are kept on the app (``app.extensions["periodic"]``); packages add theirs with
:func:`add_periodic` in their ``init_app``, and the beat schedule is read from there.
"""

from __future__ import annotations

import os

from celery import Celery, Task
from flask import Flask


def add_periodic(app: Flask, name: str, task: str, seconds: float) -> None:
    """Schedule ``task`` every ``seconds`` under beat."""
    app.extensions.setdefault("periodic", {})[name] = (task, float(seconds))


def embedded_broker_path(app: Flask) -> str:
    """The embedded broker's SQLite file: beside a SQLite database (so two databases never
    share a queue), else in the instance folder."""
    url = app.config["SQLALCHEMY_DATABASE_URI"] or ""
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        stem, _ = os.path.splitext(url[len("sqlite:///"):])
        return f"{stem}-broker.sqlite"
    return os.path.join(app.instance_path, "celery-broker.sqlite")


def embedded_broker_url(app: Flask) -> str:
    """The SQLite broker of the embedded default."""
    return "sqla+sqlite:///" + embedded_broker_path(app)


def is_embedded(app: Flask) -> bool:
    """True when the app runs on the embedded broker (no ``CELERY_BROKER_URL``)."""
    return not app.config.get("CELERY_BROKER_URL")


def _sqlite_broker_connection(path: str):
    """Connections to the embedded broker's file (kombu passes transport options to
    ``create_engine``): WAL, so the worker's polling never blocks a request that publishes;
    no fsync per message (a message lost in a power cut is found again by the periodic
    sweeps); and waiting for the write lock in steps of a millisecond or so (SQLite's own
    busy handler sleeps up to 100 ms at a time: measured, it put 70 ms on a webhook's p99).
    Statements run in autocommit except kombu's own ``BEGIN IMMEDIATE``, so a statement
    that found the database locked is simply tried again."""
    import sqlite3

    from core.db import retry_locked

    class Cursor(sqlite3.Cursor):
        def execute(self, sql, parameters=()):
            return retry_locked(lambda: super(Cursor, self).execute(sql, parameters),
                                may_retry=lambda: not self.connection.in_transaction
                                or sql.lstrip()[:5].upper() == "BEGIN")

    class Connection(sqlite3.Connection):
        def cursor(self, factory=Cursor):
            return super().cursor(factory)

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=30, check_same_thread=False,
                                     isolation_level=None, factory=Connection)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=0")
        return connection

    return connect


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app whose tasks run inside a Flask app context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config.get("CELERY_BROKER_URL") or embedded_broker_url(app)
    eager = bool(app.config.get("CELERY_TASK_ALWAYS_EAGER"))
    celery_app = Celery(app.name, task_cls=FlaskTask)
    if broker.startswith(("redis", "rediss")):
        transport_options = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 1}
    elif broker.startswith("sqla+sqlite:///"):
        transport_options = {"creator": _sqlite_broker_connection(broker[len("sqla+sqlite:///"):])}
    else:
        transport_options = {}
    celery_app.conf.update(
        broker_url=broker,
        result_backend=app.config["CELERY_RESULT_BACKEND"],
        task_always_eager=eager,
        task_eager_propagates=False,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=4,
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options,
        broker_connection_timeout=2,
        worker_hijack_root_logger=False,
        timezone="UTC",
        beat_schedule={name: {"task": task, "schedule": seconds}
                       for name, (task, seconds)
                       in app.extensions.get("periodic", {}).items()},
    )
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
