"""The broker (Redis) down: submissions are still accepted, their deliveries wait in the
outbox, and once the broker is back a real worker (fed by beat's outbox sweep) delivers
every one of them exactly once.

Gunicorn, a Celery worker and beat run as subprocesses against a throwaway redis-server of
this test's own (never the machine's shared one). Receipts go out on channel ``sms``
through a test sender registered with the ``OUTBOX_SENDERS`` setting; the fake gateway it
posts to counts what it receives.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from tests.procs import Beat, Gunicorn, RedisServer, Worker, boot, service_env, wait_for
from tests.reliability import load
from tests.reliability.receiver import URL_VARIABLE, Receiver

pytestmark = [pytest.mark.slow, pytest.mark.no_db_transaction]

BEFORE, DURING = 10, 40  # submissions with the broker up, then down
SWEEP_SECONDS = 2
DELIVERY_LIMIT_SECONDS = 90  # every delivery out within this once the broker is back
HANG_SECONDS = 10


@pytest.fixture(scope="module")
def stack(seeded_app, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("broker")
    redis_server = RedisServer(tmp).start()
    receiver = Receiver()
    app = seeded_app("_broker", CELERY_BROKER_URL=redis_server.url)
    settings = {"CELERY_BROKER_URL": redis_server.url, "OUTBOX_SWEEP_SECONDS": SWEEP_SECONDS,
                "OUTBOX_SENDERS": {"sms": "tests.reliability.receiver:send"},
                URL_VARIABLE: receiver.url}
    env = service_env(settings, app.config["SQLALCHEMY_DATABASE_URI"], str(tmp / "uploads"))
    processes = [Gunicorn(env, tmp / "gunicorn.log", workers=1, threads=4),
                 Worker(env, tmp / "worker.log"), Beat(env, tmp / "beat.log", tmp)]
    try:
        boot(app.extensions["celery"], *processes)
        yield app, redis_server, receiver, processes
    finally:
        for process in processes:
            process.stop()
        redis_server.stop()
        receiver.stop()


def _submit(url: str, commune: str, run_id: str, n: int) -> list[tuple[int, float, str]]:
    """``n`` submissions from 5 clients: (status, seconds, tracking code or error)."""

    def one(i):
        begin = time.monotonic()
        response = httpx.post(url + "/api/v1/feedback", json=load.body(commune, f"{run_id}-{i}"),
                              timeout=HANG_SECONDS)
        data = response.json()
        return (response.status_code, time.monotonic() - begin,
                data.get("tracking_code") or data.get("message"))

    with ThreadPoolExecutor(5) as pool:
        return list(pool.map(one, range(n)))


def _deliveries(app) -> dict[str, str]:
    """Receipt deliveries in the database: key -> status."""
    with app.app_context():
        rows = db.session.execute(sa.select(Delivery.idempotency_key, Delivery.status)
                                  .where(Delivery.channel == "sms")).all()
        db.session.remove()
    return dict(rows)


def test_broker_down_submissions_accepted_then_delivered_once(stack):
    app, redis_server, receiver, (web, worker, beat) = stack
    commune = app.config["WORLD"].commune
    run_id = "B" + uuid.uuid4().hex[:8]

    before = _submit(web.url, commune, run_id + "-up", BEFORE)
    assert {status for status, _, _ in before} == {201}, before
    wait_for(lambda: len(receiver.snapshot()) == BEFORE, 60, 0.2,
             "the receipts sent while the broker is up")

    redis_server.stop()
    down_at = time.monotonic()
    during = _submit(web.url, commune, run_id + "-down", DURING)
    time.sleep(2 * SWEEP_SECONDS)  # beat's sweeps fail too while the broker is down
    held = _deliveries(app)
    assert {status for status, _, _ in during} == {201}, during
    assert len(receiver.snapshot()) == BEFORE, "something was delivered without a broker"
    assert sum(1 for s in held.values() if s == "pending") == DURING, held
    latencies = sorted(seconds for _, seconds, _ in during)

    redis_server.start()
    up_at = time.monotonic()
    wait_for(lambda: len(receiver.snapshot()) == BEFORE + DURING, DELIVERY_LIMIT_SECONDS, 0.2,
             "every receipt once the broker is back")
    delivered_after = time.monotonic() - up_at
    time.sleep(3 * SWEEP_SECONDS)  # later sweeps must not send anything again
    received = receiver.snapshot()
    stored = _deliveries(app)
    print(f"\nbroker down for {up_at - down_at:.1f} s: {DURING} submissions accepted "
          f"(p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, max "
          f"{latencies[-1] * 1000:.0f} ms), {len(held)} deliveries held; all "
          f"{len(received)} delivered {delivered_after:.1f} s after the broker returned; "
          f"most received per delivery: {max(received.values())}")
    assert set(received) == set(stored)
    assert [key for key, n in received.items() if n != 1] == []
    assert set(stored.values()) == {"sent"}
    assert worker.running() and beat.running() and web.running()
