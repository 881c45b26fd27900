"""Zalo benchmark: webhook acknowledgement latency in the embedded default (``make run``'s
server, SQLite, its own worker, Zalo unreachable) and under gunicorn with the Redis broker at
a steady request rate, and the notice fan-out rate through a real Celery worker against the
fake Zalo server.

    .venv/bin/python -m bench.zalo [--rate 50] [--seconds 20] [--subscribers 1000]
                                   [--database postgresql|sqlite]
                                   [--broker redis://127.0.0.1:6379/3] [--events 200]

PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
thongtin_bench_zalo, a throwaway database dropped and re-created); Redis as the broker.

Ratios are measured in the same run against baselines: ``GET /healthz`` on the same
gunicorn at the same rate (latency), and the same number of messages sent straight through
the client from one thread, with no outbox or worker (fan-out).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx

from bench.common import GUNICORN, free_port, percentile, quiet, start, stop

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "bench-app"
EXTRA = os.environ.get("BENCH_SERVE_EXTRA", "").split()


def steady_load(make_request, rate: float, seconds: float) -> list[float]:
    """Open loop: request i is due at start + i/rate; latency counts from when it was due."""
    total = int(rate * seconds)
    latencies: list[float] = []
    lock = threading.Lock()
    start = time.perf_counter() + 0.2

    def one(i: int) -> None:
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        make_request(i)
        with lock:
            latencies.append(time.perf_counter() - due)

    with ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(one, range(total)))
    return latencies


def fresh_database(backend: str, tmp: str) -> str:
    """An empty database of the backend."""
    from tests.dbutil import fresh_database as fresh

    saved = os.environ.pop("TEST_DATABASE_URL", None)
    try:
        if backend == "postgresql":
            os.environ["TEST_DATABASE_URL"] = os.environ.get(
                "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/thongtin_bench_zalo")
        return fresh(tmp, "_bench")
    finally:
        os.environ.pop("TEST_DATABASE_URL", None)
        if saved is not None:
            os.environ["TEST_DATABASE_URL"] = saved


def embedded_ack(events: int, port: int) -> None:
    """``flask serve`` as ``make run`` starts it (SQLite, embedded broker, worker and beat)
    with every Zalo host unreachable; ``events`` signed events sent one after another, and
    as many ``GET /healthz`` on the same server as the baseline."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-zalo-embedded-"))
    nowhere = f"http://127.0.0.1:{free_port()}"  # nobody listens: connections are refused
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CELERY_", "TEST_DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp / 'thongtin.db'}", UPLOAD_DIR=str(tmp / "up"),
               ZALO_APP_ID=APP_ID, ZALO_APP_SECRET="fake-app-secret",
               ZALO_OA_SECRET_KEY="fake-oa-secret", ZALO_OPENAPI_URL=nowhere,
               ZALO_OAUTH_URL=nowhere, ZALO_GRAPH_URL=nowhere, ZALO_BUSINESS_URL=nowhere,
               LOG_LEVEL="WARNING", RATELIMIT_ENABLED="false",
               SECRET_KEY="bench-embedded-" + secrets.token_urlsafe(32))
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["units", "import", "--province", "46"]):
        subprocess.run(flask + command, cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    setup = ("from datetime import timedelta\nfrom app import create_app\n"
             "from core import clock\nfrom core.db import db\n"
             "from integrations.zalo.models import ZaloOAState\n"
             "app = create_app()\nwith app.app_context():\n"
             "    db.session.add(ZaloOAState(id=1, access_token='t', refresh_token='r',"
             " access_expires_at=clock.now() + timedelta(hours=25)))\n"
             "    db.session.commit()\n")
    subprocess.run([sys.executable, "-c", setup], cwd=ROOT, env=env, check=True)
    base = f"http://127.0.0.1:{port}"
    server = start(flask + ["serve", "--port", str(port)] + EXTRA, env, base + "/healthz")
    try:
        os.environ["ZALO_OA_SECRET_KEY"] = "fake-oa-secret"
        from app import create_app
        from integrations.zalo.cli import build_event, sign

        signer = create_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
                             "ZALO_OA_SECRET_KEY": "fake-oa-secret"})
        with signer.app_context():
            bodies = [sign(build_event(f"tin nhắn {i}", f"EU{i % 50}", "user_send_text", None,
                                       None, APP_ID)) for i in range(events + 20)]
        http = httpx.Client(timeout=30)
        baseline, hook, statuses = [], [], []
        for i in range(events + 20):
            started = time.perf_counter()
            http.get(base + "/healthz")
            if i >= 20:
                baseline.append(time.perf_counter() - started)
            raw, header = bodies[i]
            started = time.perf_counter()
            statuses.append(http.post(base + "/integrations/zalo/webhook", content=raw, headers={
                "Content-Type": "application/json", "X-ZEvent-Signature": header}).status_code)
            if i >= 20:  # the first are warm-up
                hook.append(time.perf_counter() - started)
    finally:
        stop(server)
    b50, b99 = percentile(baseline, 50), percentile(baseline, 99)
    h50, h99 = percentile(hook, 50), percentile(hook, 99)
    bad = [s for s in statuses if s != 200]
    print("embedded default (flask serve as make run starts it: SQLite, SQLite broker, its "
          "worker and beat; every Zalo host refuses connections):")
    print(f"  {events} signed events one after another ({len(bad)} non-200); goal p99 < 50 ms")
    print(f"  GET /healthz (baseline)  p50 {b50 * 1000:7.2f} ms   p99 {b99 * 1000:7.2f} ms")
    print(f"  POST webhook             p50 {h50 * 1000:7.2f} ms   p99 {h99 * 1000:7.2f} ms")
    print(f"  ratio webhook/baseline   p50 {h50 / b50:7.2f}x     p99 {h99 / b99:7.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=50.0, help="webhook requests per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--send-rate", type=int, default=0,
                        help="ZALO_SEND_RATE_PER_SECOND for the fan-out (0: no limit)")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--events", type=int, default=200,
                        help="sequential events sent to the embedded default")
    args = parser.parse_args(argv)
    quiet()
    embedded_ack(args.events, args.port + 1)

    from tests.fakes.zalo import FakeServer, FakeZalo

    tmp = Path(tempfile.mkdtemp(prefix="bench-zalo-"))
    fake = FakeZalo(APP_ID)
    fake_server = FakeServer(fake).start()
    url = fake_server.url
    settings = {
        "DATABASE_URL": fresh_database(args.database, str(tmp)),
        "UPLOAD_DIR": str(tmp / "uploads"), "CELERY_BROKER_URL": args.broker,
        "ZALO_APP_ID": APP_ID, "ZALO_APP_SECRET": "fake-app-secret",
        "ZALO_OA_SECRET_KEY": "fake-oa-secret", "ZALO_OPENAPI_URL": url,
        "ZALO_OAUTH_URL": url, "ZALO_GRAPH_URL": url, "ZALO_BUSINESS_URL": url,
        "ZALO_SEND_RATE_PER_SECOND": str(args.send_rate), "LOG_LEVEL": "WARNING",
        "RATELIMIT_ENABLED": "false",
    }
    os.environ.update(settings)
    env = {**os.environ}

    from flask_migrate import upgrade

    import directory
    from app import create_app
    from core import clock
    from core.db import commit, db
    from integrations.zalo import client, fanout
    from integrations.zalo.cli import build_event, sign
    from integrations.zalo.models import ZaloOAState, ZaloSubscription, ZaloUser

    app = create_app()
    celery_app = app.extensions["celery"]
    celery_app.control.purge()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        directory.import_province("46")
        db.session.add(ZaloOAState(id=1, access_token=fake.issue_access_token(),
                                   refresh_token=fake.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(hours=25)))
        db.session.commit()
        commune = directory.list_units("46")[0].code

    # --- 1. webhook acknowledgement latency ---------------------------------------------------
    base = f"http://127.0.0.1:{args.port}"
    gunicorn = start(GUNICORN + ["--bind", f"127.0.0.1:{args.port}", "wsgi:app"],
                     {**env, "WEB_CONCURRENCY": "2"}, base + "/healthz")
    try:
        http = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=64))
        for _ in range(50):  # warm up both paths
            http.get(base + "/healthz")
        bodies = []
        with app.app_context():
            for i in range(int(args.rate * args.seconds) + 50):
                bodies.append(sign(build_event(f"tin nhắn {i}", f"BU{i % 200}",
                                               "user_send_text", None, None, APP_ID)))
        for raw, header in bodies[-50:]:
            http.post(base + "/integrations/zalo/webhook", content=raw, headers={
                "Content-Type": "application/json", "X-ZEvent-Signature": header})
        statuses: list[int] = []

        def healthz(_i: int) -> None:
            statuses.append(http.get(base + "/healthz").status_code)

        def webhook(i: int) -> None:
            raw, header = bodies[i]
            statuses.append(http.post(base + "/integrations/zalo/webhook", content=raw, headers={
                "Content-Type": "application/json", "X-ZEvent-Signature": header}).status_code)

        baseline = steady_load(healthz, args.rate, args.seconds)
        hook = steady_load(webhook, args.rate, args.seconds)
        bad = [s for s in statuses if s != 200]
    finally:
        stop(gunicorn)
        celery_app.control.purge()  # the events' processing tasks are not part of this run

    b50, b99 = percentile(baseline, 50), percentile(baseline, 99)
    h50, h99 = percentile(hook, 50), percentile(hook, 99)
    print(f"with the broker (Redis): database {args.database}, "
          "gunicorn as shipped (gunicorn.conf.py), 2 workers")
    print(f"webhook ack at {args.rate:.0f} req/s for {args.seconds:.0f} s "
          f"({len(hook)} signed events, {len(bad)} non-200):")
    print(f"  GET /healthz (baseline)  p50 {b50 * 1000:7.2f} ms   p99 {b99 * 1000:7.2f} ms")
    print(f"  POST webhook             p50 {h50 * 1000:7.2f} ms   p99 {h99 * 1000:7.2f} ms   "
          f"mean {statistics.mean(hook) * 1000:.2f} ms")
    print(f"  ratio webhook/baseline   p50 {h50 / b50:7.2f}x     p99 {h99 / b99:7.2f}x")

    # --- 2. fan-out rate ----------------------------------------------------------------------
    n = args.subscribers
    with app.app_context():
        client.forget_cached_token()
        started = time.perf_counter()
        for i in range(n):
            client.send_text(f"BASE{i}", "baseline")
        direct_rate = n / (time.perf_counter() - started)
        moment = clock.now()
        prefix = f"BF{int(time.time())}-"
        users = [f"{prefix}{i:05d}" for i in range(n)]
        db.session.execute(sa_insert(ZaloUser), [dict(
            user_id=u, is_follower=True, state="idle", data={}, state_at=moment,
            last_interaction_at=moment, created_at=moment) for u in users])
        db.session.execute(sa_insert(ZaloSubscription), [dict(
            user_id=u, unit_code=commune, created_at=moment) for u in users])
        db.session.commit()
    worker = subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "celery_app", "worker", "--loglevel", "WARNING",
         "--concurrency", "2", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=0.5):
            if time.monotonic() > deadline:
                raise RuntimeError("worker did not start")
        text = f"Thông báo thử tải {prefix}"
        notice_id = int(time.time()) % 1_000_000_000
        before = fake.state()["messages"]
        with app.app_context():
            started = time.perf_counter()
            fanout.fan_out(notice_id, commune, "normal", "Thử tải", text)
            commit()
        while fake.state()["messages"] - before < n:
            time.sleep(0.05)
            if time.perf_counter() - started > 600:
                raise RuntimeError("fan-out did not finish")
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        fake_server.stop()
    rate = n / elapsed
    limit = f"{args.send_rate}/s" if args.send_rate else "none"
    print(f"notice fan-out to {n} subscribers (worker concurrency 2, send-rate limit {limit}):")
    print(f"  direct client, 1 thread, no outbox (baseline)  {direct_rate:8.1f} msg/s")
    print(f"  outbox + Celery worker                         {rate:8.1f} msg/s "
          f"({elapsed:.1f} s)")
    print(f"  ratio fan-out/baseline                         {rate / direct_rate:8.2f}x")


def sa_insert(model):
    import sqlalchemy as sa

    return sa.insert(model)


if __name__ == "__main__":
    sys.exit(main())
