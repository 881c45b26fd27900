"""The embedded default on one machine: ``flask serve`` runs the web server and, beside it,
one Celery worker with beat inside it, on the SQLite broker (``core/celery.py``).

Why Celery over kombu's SQLAlchemy transport rather than another mechanism: the same tasks
and the same beat schedule run in both runtimes (production swaps the broker URL for Redis
and nothing else), the transport is part of kombu (already a Celery dependency), and it
needs no server. A request that queues work writes one row into the broker file; the
worker polls it every second.

The worker is a child process. It watches its parent and stops when the parent is gone, so
``Ctrl-C`` (or a killed ``make run``) never leaves a worker behind. The transport keeps
consumed messages (``visible = false``); :func:`prune_broker` deletes them periodically.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import click
import sqlalchemy as sa
from celery import shared_task
from flask import Flask, current_app
from flask.cli import with_appcontext

from core.celery import embedded_broker_path as broker_path
from core.celery import is_embedded

log = logging.getLogger(__name__)

PRUNE_AFTER = timedelta(hours=1)


def beat_schedule_path(app: Flask) -> str:
    """Where the embedded beat keeps the time each periodic task last ran."""
    stem, _ = os.path.splitext(broker_path(app))
    return f"{stem}-beat"


@shared_task(name="core.prune_broker", ignore_result=True)
def prune_broker() -> int:
    """Delete messages the embedded broker has handed out (it never deletes them itself)."""
    app = current_app
    if not is_embedded(app) or not os.path.exists(broker_path(app)):
        return 0
    engine = sa.create_engine("sqlite:///" + broker_path(app))
    cutoff = (datetime.now(UTC) - PRUNE_AFTER).replace(tzinfo=None)
    try:
        with engine.begin() as conn:
            tables = sa.inspect(conn).get_table_names()
            if "kombu_message" not in tables:
                return 0
            return conn.execute(sa.text(
                "DELETE FROM kombu_message WHERE visible = 0 AND "
                "(sent_at IS NULL OR sent_at < :cutoff)"), {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()


def worker_argv(app: Flask) -> list[str]:
    """The command line of the embedded worker (with beat inside it)."""
    return [sys.executable, "-m", "core.embedded", "--parent", str(os.getpid()),
            "--concurrency", str(app.config["EMBEDDED_WORKER_CONCURRENCY"]),
            "--schedule", beat_schedule_path(app),
            "--factory", f"{app.import_name}:create_app"]  # the composition root


def start_worker(app: Flask) -> subprocess.Popen:
    """Start the embedded worker beside this process."""
    return subprocess.Popen(worker_argv(app), start_new_session=True)


def stop_worker(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Warm shutdown (SIGTERM: finish the running tasks), then kill."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")),
              show_default="PORT or 5000")
@click.option("--worker/--no-worker", default=True,
              help="Chạy kèm tiến trình xử lý nền (Celery worker và beat).")
@with_appcontext
def serve(host: str, port: int, worker: bool) -> None:
    """Chạy dịch vụ trên một máy: máy chủ web và tiến trình xử lý nền."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    proc = None
    if worker and is_embedded(app) and not app.config.get("CELERY_TASK_ALWAYS_EAGER"):
        proc = start_worker(app)
        click.echo(f"Tiến trình xử lý nền: pid {proc.pid} (hàng đợi {broker_path(app)})")
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        if proc is not None:
            stop_worker(proc)


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone."""
    while True:
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(10)
            os._exit(0)
        time.sleep(1)


def main(argv: list[str] | None = None) -> None:
    """``python -m core.embedded --parent PID``: the embedded worker with beat inside."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parent", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--schedule", required=True)
    parser.add_argument("--loglevel", default="WARNING")
    parser.add_argument("--factory", required=True, help="module:function building the app")
    args = parser.parse_args(argv)
    threading.Thread(target=_watch_parent, args=(args.parent,), daemon=True).start()

    import importlib

    module, _, function = args.factory.partition(":")
    app = getattr(importlib.import_module(module), function)()
    if app.config["EMBEDDED_WORKER_NICE"]:
        os.nice(int(app.config["EMBEDDED_WORKER_NICE"]))  # requests first, background after
    celery_app = app.extensions["celery"]
    celery_app.worker_main(["worker", "--beat", "--pool", "threads",
                            "--concurrency", str(args.concurrency), "--schedule", args.schedule,
                            "--loglevel", args.loglevel, "--without-gossip",
                            "--without-mingle", "--hostname", f"embedded@{os.uname().nodename}"])


if __name__ == "__main__":
    main()
