"""In-process profile of ``POST /api/v1/feedback`` on PostgreSQL: the app as bench.feedback
serves it (Redis broker, rate limits off), called through WSGI without a server.

    .venv/bin/python -m bench.profile_feedback [--requests 3000] [--batches 10] [--top 40]

Prints the process's CPU per request (lowest and median of the batches: the publisher
thread handing receipts to the broker is counted; CPU time, not wall time, so a busy machine
matters less), the SQL statements per request (BEGIN and COMMIT, which psycopg sends by
itself, are not counted), and, under cProfile with the publisher left out, the Python
function calls per request (a count that does not depend on the machine's load) and the
``--top`` functions by cumulative time. The database is BENCH_DATABASE_URL's (default
postgresql://postgres@127.0.0.1:5432/thongtin_bench_profile, dropped and re-created); the
broker BENCH_BROKER_URL's, whose queued tasks are removed afterwards.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time

from bench.feedback import BODY, DEFAULT_BROKER, fresh_url, prepare, purge

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thongtin_bench_profile"


def _environ(body: bytes) -> dict:
    return {"REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/feedback", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000",
            "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
            "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
            "wsgi.version": (1, 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("SECRET_KEY", "bench-profile-" + secrets.token_urlsafe(32))
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_PG)
    url = fresh_url("postgresql", tmp)
    prepare(url)
    broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
    os.environ.update(DATABASE_URL=url, RATELIMIT_ENABLED="false", LOG_LEVEL="WARNING",
                      UPLOAD_DIR=os.path.join(tmp, "uploads"), CELERY_BROKER_URL=broker)
    purge(broker)

    import sqlalchemy as sa

    from app import create_app
    from core import outbox
    from core.db import db
    from core.warmup import warm_up

    app = create_app()
    warm_up(app)
    statements: list[str] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute",
                        lambda conn, cursor, statement, *rest: statements.append(statement))
    body = BODY.encode()
    failed: list[str] = []

    def start_response(status, headers, exc_info=None):
        if not status.startswith("201"):
            failed.append(status)

    def one() -> None:
        answer = app(_environ(body), start_response)
        b"".join(answer)
        answer.close()

    for _ in range(200):  # warm-up: the pool's connection, prepared statements
        one()
    statements.clear()
    per_batch = args.requests // args.batches
    cpu = []
    for _ in range(args.batches):
        started = time.process_time()
        for _ in range(per_batch):
            one()
        time.sleep(0.05)  # let the publisher thread hand this batch's receipts over
        cpu.append((time.process_time() - started) / per_batch * 1000)
    count = per_batch * args.batches
    print(f"CPU per request: lowest {min(cpu):.3f} ms, median {statistics.median(cpu):.3f} ms"
          f" ({args.batches} batches of {per_batch})")
    print(f"SQL statements per request: {len(statements) / count:.2f}")

    class _Dropped:
        def put(self, _delivery_id: int) -> None:
            pass

    # The publisher runs in its own thread, whose calls cProfile would mix with the request's.
    outbox._publisher_queue = lambda _app: _Dropped()  # type: ignore[assignment]
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(count):
        one()
    profile.disable()
    stats = pstats.Stats(profile)
    print(f"Python function calls per request (publisher left out): "
          f"{stats.total_calls / count:.0f}")
    if args.top:
        stats.sort_stats("cumulative").print_stats(args.top)
    purge(broker)
    if failed:
        raise SystemExit(f"{len(failed)} requests failed, e.g. {failed[0]}")


if __name__ == "__main__":
    main()
