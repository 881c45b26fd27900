"""Throughput of ``POST /api/v1/feedback`` under gunicorn, as a ratio to a bare Flask endpoint
served the same way in the same run, on SQLite and on PostgreSQL.

Two more servers show where the gap to the bare endpoint lies. The *floor*
(bench/floor_feedback.py) writes the same rows with the same statement from a plain Flask
view through Flask-SQLAlchemy and does nothing else: floor/bare is the most an intake on
this stack can reach here, and app/floor is what the service's own work costs (validation,
routing, normalisation, idempotency, error shape, OpenAPI). On PostgreSQL the *raw floor*
(bench/floor_raw_feedback.py) sends that statement straight through psycopg, prepared, in
autocommit: a bare request plus PostgreSQL's own work for the rows, the most any intake
that writes them can reach on this machine.

    .venv/bin/python -m bench.feedback [--seconds 5] [--rounds 3] [--connections 16]

PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
thongtin_bench_feedback, a throwaway database dropped and re-created). Needs Debian's ``wrk``
(``make bench`` installs it). All servers use gunicorn.conf.py with the same workers and
threads; rounds alternate between the servers and medians are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

from bench.common import GUNICORN, ROOT, free_port, have_wrk, median, start, stop, wrk

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thongtin_bench_feedback"
COMMUNE = "19753"


def prepare(url: str) -> None:
    """Migrate and seed the directory (Huế, a category, offices)."""
    from flask_migrate import upgrade

    from core import create_app, directory
    from core.db import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "CELERY_BROKER_URL": None})
    with app.app_context():
        upgrade(directory=os.path.join(ROOT, "migrations"))
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


SERVERS = {"bare": "bench.bare_feedback:app", "raw floor": "bench.floor_raw_feedback:app",
           "floor": "bench.floor_feedback:app", "app": "wsgi:app"}


def run(backend: str, args, tmp: str) -> tuple[dict[str, float], int]:
    """({server: median req/s}, errors) for one backend."""
    url = fresh_url(backend, tmp)
    prepare(url)
    env = {**os.environ, "WEB_CONCURRENCY": args.workers, "WEB_THREADS": args.threads,
           "DATABASE_URL": url, "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING",
           "UPLOAD_DIR": os.path.join(tmp, "uploads")}
    env.pop("CELERY_BROKER_URL", None)
    names = [name for name in SERVERS if backend == "postgresql" or name != "raw floor"]
    ports = {name: free_port() for name in names}
    servers = [start(GUNICORN + ["--bind", f"127.0.0.1:{ports[name]}", SERVERS[name]], env,
                     f"http://127.0.0.1:{ports[name]}/healthz") for name in names]
    rates: dict[str, list[float]] = {name: [] for name in names}
    errors = 0
    try:
        for _ in range(args.rounds):
            for name, port in ports.items():
                rate, failed = wrk(f"http://127.0.0.1:{port}/api/v1/feedback", args.seconds,
                                   args.connections,
                                   headers={"Content-Type": "application/json"},
                                   method="POST", body=BODY)
                rates[name].append(rate)
                errors += failed
    finally:
        for proc in servers:
            stop(proc)
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
    print(f"POST /api/v1/feedback vs bare Flask; gunicorn workers={args.workers} "
          f"threads={args.threads}; {args.rounds} rounds x {args.seconds}s, "
          f"{args.connections} connections")
    tmp = tempfile.mkdtemp()
    try:
        for backend in backends:
            rate, errors = run(backend, args, tmp)
            print(f"{backend:10}: app {rate['app']:8.1f} req/s   bare {rate['bare']:8.1f} req/s"
                  f"   ratio {rate['app'] / rate['bare']:.2f}   non-2xx {errors}")
            print(f"{'':12}floor {rate['floor']:8.1f} req/s   floor/bare "
                  f"{rate['floor'] / rate['bare']:.2f} (the same rows through Flask-SQLAlchemy)"
                  f"   app/floor {rate['app'] / rate['floor']:.2f}")
            if "raw floor" in rate:
                print(f"{'':12}raw floor {rate['raw floor']:4.1f} req/s   raw floor/bare "
                      f"{rate['raw floor'] / rate['bare']:.2f} (the same rows, psycopg alone)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
