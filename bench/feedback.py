"""Throughput of ``POST /api/v1/feedback`` under gunicorn as shipped (``gunicorn.conf.py``),
as ratios to baselines served the same way in the same run, on SQLite and on PostgreSQL.

The baselines, from the highest to the lowest:

- *bare* (bench/bare_feedback.py): parses the body, answers 201, writes nothing;
- *write floor* (bench/floor_write_feedback.py, PostgreSQL): stores the posted JSON as one
  row in the same PostgreSQL, one INSERT and one COMMIT through psycopg: the least any
  durable intake does on this machine. The goal is intake/write floor >= 0.5;
- *raw floor* (bench/floor_raw_feedback.py, PostgreSQL): the four rows a submission writes
  (item, consent, event, receipt), the service's own statement through psycopg, prepared,
  in autocommit;
- *floor* (bench/floor_feedback.py): those rows through Flask-SQLAlchemy in one
  transaction, nothing else (no validation, routing, normalisation, idempotency, hooks).

The app runs as deployed: on PostgreSQL with the Redis broker of the Procfile
(``BENCH_BROKER_URL``, default redis://127.0.0.1:6379/3: each receipt is handed to Celery
after the commit; the bench removes its queued tasks afterwards), on SQLite as ``make run``
runs it (the embedded SQLite broker). Per-address rate limits are off (every request comes
from one address).

    .venv/bin/python -m bench.feedback [--seconds 5] [--rounds 3] [--connections 16]

PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
thongtin_bench_feedback, a throwaway database dropped and re-created). Needs Debian's ``wrk``
(``make bench`` installs it). Rounds alternate between the servers; medians are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

from bench.common import GUNICORN, ROOT, free_port, have_wrk, median, quiet, start, stop, wrk

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thongtin_bench_feedback"
COMMUNE = "19753"


def prepare(url: str) -> None:
    """Migrate and seed the directory (Huế, a category, offices)."""
    from flask_migrate import upgrade

    import directory
    from app import create_app
    from core.db import db, unit_of_work

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "CELERY_BROKER_URL": None})
    quiet()
    with app.app_context():
        upgrade(directory=os.path.join(ROOT, "migrations"))
        with unit_of_work():
            directory.import_province("46")
            directory.create_category("ha-tang", "Hạ tầng, giao thông", None, 10)
            office = directory.create_office(COMMUNE, "Phòng Kinh tế, Hạ tầng và Đô thị")
            directory.set_route("ha-tang", COMMUNE, office.id)
        db.engine.dispose()


def fresh_url(backend: str, tmp: str) -> str:
    """An empty database of the backend."""
    from tests.dbutil import fresh_database

    if backend == "sqlite":
        os.environ.pop("TEST_DATABASE_URL", None)
        return fresh_database(tmp, "_bench")
    os.environ["TEST_DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)
    try:
        return fresh_database(tmp)
    finally:
        os.environ.pop("TEST_DATABASE_URL")


BODY = json.dumps({
    "unit_code": COMMUNE, "category_code": "ha-tang", "title": "Ổ gà trên đường Lê Lợi",
    "description": "Đoạn trước số 12 có ổ gà sâu, rất nguy hiểm khi trời mưa.",
    "reporter": {"name": "Nguyễn Văn An", "phone": "0912345678"},
    "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"},
}, ensure_ascii=True)


SERVERS = {"bare": "bench.bare_feedback:app", "write floor": "bench.floor_write_feedback:app",
           "raw floor": "bench.floor_raw_feedback:app", "floor": "bench.floor_feedback:app",
           "app": "wsgi:app"}
POSTGRESQL_ONLY = ("write floor", "raw floor")
DEFAULT_BROKER = "redis://127.0.0.1:6379/3"


def purge(broker: str) -> None:
    """Drop the tasks this run queued (receipts nobody will send: no worker runs)."""
    import redis

    client = redis.Redis.from_url(broker)
    client.delete("celery")
    client.close()


def run(backend: str, args, tmp: str) -> tuple[dict[str, float], dict[str, int]]:
    """({server: median req/s}, {server: non-2xx answers}) for one backend."""
    url = fresh_url(backend, tmp)
    prepare(url)
    env = {**os.environ, "WEB_CONCURRENCY": args.workers, "WEB_THREADS": args.threads,
           "DATABASE_URL": url, "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING",
           "UPLOAD_DIR": os.path.join(tmp, "uploads")}
    env.pop("CELERY_BROKER_URL", None)
    broker = None
    if backend == "postgresql":
        broker = env["CELERY_BROKER_URL"] = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
        purge(broker)
    names = [name for name in SERVERS if backend == "postgresql" or name not in POSTGRESQL_ONLY]
    ports = {name: free_port() for name in names}
    servers = [start(GUNICORN + ["--bind", f"127.0.0.1:{ports[name]}", SERVERS[name]], env,
                     f"http://127.0.0.1:{ports[name]}/healthz") for name in names]
    rates: dict[str, list[float]] = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    try:
        for port in ports.values():  # warm-up, not counted: every thread's connection
            wrk(f"http://127.0.0.1:{port}/api/v1/feedback", 1, args.connections,
                headers={"Content-Type": "application/json"}, method="POST", body=BODY)
        for _ in range(args.rounds):
            for name, port in ports.items():
                rate, failed = wrk(f"http://127.0.0.1:{port}/api/v1/feedback", args.seconds,
                                   args.connections,
                                   headers={"Content-Type": "application/json"},
                                   method="POST", body=BODY)
                rates[name].append(rate)
                errors[name] += failed
    finally:
        for proc in servers:
            stop(proc)
        if broker:
            purge(broker)
    return {name: median(values) for name, values in rates.items()}, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--threads", default="4")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    sys.path.insert(0, ROOT)
    if not have_wrk():
        raise SystemExit("wrk is needed: apt-get install wrk (make bench installs it)")
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(f"POST /api/v1/feedback, shipped gunicorn.conf.py, workers={args.workers} "
          f"threads={args.threads}; {args.rounds} rounds x {args.seconds}s, "
          f"{args.connections} connections")
    tmp = tempfile.mkdtemp()
    try:
        for backend in backends:
            rate, errors = run(backend, args, tmp)
            print(f"{backend}:")
            for name in SERVERS:
                if name in rate:
                    print(f"  {name:12} {rate[name]:8.1f} req/s   /bare "
                          f"{rate[name] / rate['bare']:.2f}   non-2xx {errors[name]}")
            if "write floor" in rate:
                print(f"  intake/write floor {rate['app'] / rate['write floor']:.2f} (goal >= 0.5)"
                      f"   intake/bare {rate['app'] / rate['bare']:.2f}"
                      f"   intake/floor {rate['app'] / rate['floor']:.2f}")
            else:
                print(f"  intake/bare {rate['app'] / rate['bare']:.2f}"
                      f"   intake/floor {rate['app'] / rate['floor']:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
