"""Throughput of ``GET /api/v1/units/<code>/notices`` (200 and 304) under gunicorn as
shipped (``gunicorn.conf.py``), as a ratio to a bare Flask app returning the same bytes,
measured in the same run, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.notices [--seconds 5] [--rounds 3] [--connections 32]
                                      [--backend sqlite|postgresql|both]

PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
thongtin_bench_notices: a throwaway database, dropped and re-created). Needs ``wrk``
(Debian's; ``make bench-notices`` installs it), else a small httpx/threads load generator.
Both servers use gunicorn.conf.py with the same workers and threads; the load runs from
a separate process; rounds alternate between the two servers and the medians are compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta

import httpx

from bench.common import GUNICORN, ROOT, free_port, quiet, start, stop, wrk

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/thongtin_bench_notices"
COMMUNE = "19753"


def prepare_database(url: str | None, tmp: str) -> str:
    """Fresh database (PostgreSQL at ``url``, else a SQLite file in ``tmp``), migrated, with
    Huế, two staff accounts and 12 published notices; returns its URL."""
    from flask_migrate import upgrade

    import directory
    from app import create_app
    from core import clock
    from core.db import db, unit_of_work
    from directory import auth
    from notices import service
    from tests.dbutil import fresh_database

    saved = os.environ.pop("TEST_DATABASE_URL", None)
    if url:
        os.environ["TEST_DATABASE_URL"] = url
    try:
        db_url = fresh_database(tmp, "" if url else "_notices")
    finally:
        os.environ.pop("TEST_DATABASE_URL", None)
        if saved is not None:
            os.environ["TEST_DATABASE_URL"] = saved
    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "CELERY_BROKER_URL": None})
    quiet()
    with app.app_context():
        upgrade(directory=os.path.join(ROOT, "migrations"))
        with unit_of_work():
            directory.import_province("46")
            author = auth.create_staff("bench_author", "officer", COMMUNE,
                                       directory.create_office(COMMUNE, "UBND", "ubnd").id)
            leader = auth.create_staff("bench_leader", "commune_leader", COMMUNE)
            for i in range(12):
                emergency = i == 5
                notice = service.create({
                    "title": f"Thông báo số {i + 1} của phường",
                    "summary": "Tóm tắt nội dung thông báo gửi tới bà con trong phường.",
                    "body": "<p>Nội dung chi tiết của thông báo, có <strong>nhấn mạnh</strong> "
                            "và danh sách:</p><ul><li>Mục một</li><li>Mục hai</li></ul>" * 3,
                    "category": "disaster_incident" if emergency else "local_programmes",
                    "priority": "emergency" if emergency else "normal",
                    "risk_level": 3 if emergency else None,
                    "expires_at": clock.now() + timedelta(days=30)}, author)
                service.submit(notice.id, author)
                service.approve(notice.id, leader)
        db.engine.dispose()
    return db_url


def load_wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> float:
    rate, errors = wrk(url, seconds, connections, headers)
    if errors:
        raise SystemExit(f"{errors} errors during the run")
    return rate


def load_threads(url: str, headers: dict[str, str], seconds: int, connections: int) -> float:
    count = [0]
    lock = threading.Lock()
    stop_at = time.time() + seconds

    def worker():
        done = 0
        with httpx.Client(headers=headers, timeout=10) as client:
            while time.time() < stop_at:
                client.get(url).raise_for_status() if False else client.get(url)
                done += 1
        with lock:
            count[0] += done

    threads = [threading.Thread(target=worker) for _ in range(min(connections, 16))]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / (time.time() - started)


def measure(backend: str, args, tmp: str) -> None:
    """Serve the app and the bare baseline on one database and print the ratios."""
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB) if backend == "postgresql" else None
    db_url = prepare_database(url, tmp)
    env = {**os.environ, "WEB_CONCURRENCY": args.workers, "WEB_THREADS": args.threads,
           "DATABASE_URL": db_url, "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING"}
    env.pop("CELERY_BROKER_URL", None)
    app_port, bare_port = free_port(), free_port()
    path = f"/api/v1/units/{COMMUNE}/notices"
    app_proc = start(GUNICORN + ["--bind", f"127.0.0.1:{app_port}", "wsgi:app"], env,
                     f"http://127.0.0.1:{app_port}{path}")
    try:
        first = httpx.get(f"http://127.0.0.1:{app_port}{path}")
        body_file = os.path.join(tmp, f"body-{backend}.json")
        with open(body_file, "wb") as fh:
            fh.write(first.content)
        bare_env = {**env, "BENCH_BODY_FILE": body_file, "BENCH_ETAG": first.headers["ETag"],
                    "BENCH_LAST_MODIFIED": first.headers["Last-Modified"],
                    "BENCH_CACHE_CONTROL": first.headers["Cache-Control"]}
        bare_proc = start(GUNICORN + ["--bind", f"127.0.0.1:{bare_port}",
                                      "bench.bare_notices:app"], bare_env,
                          f"http://127.0.0.1:{bare_port}{path}")
        try:
            bare = httpx.get(f"http://127.0.0.1:{bare_port}{path}")
            assert bare.content == first.content, "baseline must return the same bytes"
            load = load_wrk if shutil.which("wrk") else load_threads
            results: dict[tuple[str, str], list[float]] = {}
            cases = {"200": {}, "304": {"If-None-Match": first.headers["ETag"]}}
            for port in (bare_port, app_port):  # warm-up, not counted
                load(f"http://127.0.0.1:{port}{path}", {}, 1, args.connections)
            for _ in range(args.rounds):
                for kind, headers in cases.items():
                    for name, port in (("bare", bare_port), ("app", app_port)):
                        rate = load(f"http://127.0.0.1:{port}{path}", headers, args.seconds,
                                    args.connections)
                        results.setdefault((kind, name), []).append(rate)
            print(f"{backend} (body {len(first.content)} bytes):")
            for kind in cases:
                app_rate = statistics.median(results[(kind, "app")])
                bare_rate = statistics.median(results[(kind, "bare")])
                print(f"  {kind}: app {app_rate:9.1f} req/s   bare {bare_rate:9.1f} req/s   "
                      f"notices/bare {app_rate / bare_rate:.2f} (goal >= 0.95)   (app rounds "
                      f"{', '.join(f'{r:.0f}' for r in results[(kind, 'app')])}; bare rounds "
                      f"{', '.join(f'{r:.0f}' for r in results[(kind, 'bare')])})")
        finally:
            stop(bare_proc)
    finally:
        stop(app_proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--threads", default="4")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    sys.path.insert(0, ROOT)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(f"GET /api/v1/units/{COMMUNE}/notices, shipped gunicorn.conf.py, "
          f"workers={args.workers} threads={args.threads}; load generator "
          f"{'wrk' if shutil.which('wrk') else 'httpx threads'}; {args.rounds} rounds x "
          f"{args.seconds}s, {args.connections} connections")
    tmp = tempfile.mkdtemp()
    try:
        for backend in backends:
            measure(backend, args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
