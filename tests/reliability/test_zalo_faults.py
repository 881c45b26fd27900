"""Zalo answering slowly, with HTTP 5xx and with rate-limit errors (-32): the web process
stays responsive, and the deliveries back off and finish, each exactly once.

Staff publish a notice through gunicorn (the fan-out is written by the web process); a real
Celery worker sends through the fake Zalo; beat re-drains what backed off. Per-citizen
messages go through the outbox's own task too.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid

import httpx
import pytest
import sqlalchemy as sa

from core import outbox
from core.db import commit, db
from core.models import Delivery
from tests.integrations.zalo.conftest import zalo_config
from tests.integrations.zalo.helpers import received_counts, subscribe
from tests.procs import Beat, Gunicorn, RedisServer, Worker, boot, service_env, wait_for
from tests.reliability import load
from tests.reliability.conftest import StaffApi, connect_oa

pytestmark = [pytest.mark.slow, pytest.mark.no_db_transaction]

FOLLOWERS = 60  # messaged one by one for a normal notice
CITIZENS = 20  # one outbox message each (like receipts to Zalo chat users)
SLOW_SECONDS = 0.2  # every Zalo call
RATE_LIMIT = 4  # per second; more gets error -32
FAILURES = [500] * 6 + [502] * 6 + [503] * 6  # the next sends answer HTTP 5xx
SWEEP_SECONDS = 2
FINISH_LIMIT_SECONDS = 150
HANG_SECONDS = 5  # a /healthz slower than this counts as a hang


@pytest.fixture(scope="module")
def stack(seeded_app, zalo_fake, tmp_path_factory):
    fake, fake_url = zalo_fake
    tmp = tmp_path_factory.mktemp("zalofaults")
    redis_server = RedisServer(tmp).start()
    settings = {**zalo_config(fake_url), "CELERY_BROKER_URL": redis_server.url,
                "ZALO_SWEEP_SECONDS": SWEEP_SECONDS, "OUTBOX_SWEEP_SECONDS": SWEEP_SECONDS}
    app = seeded_app("_zalofaults", **settings)
    connect_oa(app, fake)
    env = service_env(settings, app.config["SQLALCHEMY_DATABASE_URI"], str(tmp / "uploads"))
    processes = [Gunicorn(env, tmp / "gunicorn.log", workers=1, threads=4),
                 Worker(env, tmp / "worker.log"), Beat(env, tmp / "beat.log", tmp)]
    try:
        boot(app.extensions["celery"], *processes)
        yield app, fake, processes
    finally:
        for process in processes:
            process.stop()
        redis_server.stop()


class Prober(threading.Thread):
    """Asks the web process for /healthz every 100 ms and submits feedback every second."""

    def __init__(self, url: str, commune: str):
        super().__init__(daemon=True)
        self.url, self.commune = url, commune
        self.health: list[tuple[int | None, float]] = []
        self.submissions: list[int | None] = []
        self.halt = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=HANG_SECONDS) as http:
            n = 0
            while not self.halt.is_set():
                n += 1
                begin = time.monotonic()
                try:
                    status = http.get(self.url + "/healthz").status_code
                except httpx.HTTPError:
                    status = None
                self.health.append((status, time.monotonic() - begin))
                if n % 10 == 0:
                    try:
                        self.submissions.append(http.post(
                            self.url + "/api/v1/feedback",
                            json=load.body(self.commune, f"probe-{uuid.uuid4().hex}")
                        ).status_code)
                    except httpx.HTTPError:
                        self.submissions.append(None)
                self.halt.wait(0.1)

    def summary(self) -> str:
        times = sorted(t for _, t in self.health)
        return (f"{len(times)} /healthz: p50 {statistics.median(times) * 1000:.0f} ms, p99 "
                f"{times[int(0.99 * (len(times) - 1))] * 1000:.0f} ms, max "
                f"{times[-1] * 1000:.0f} ms")


def test_struggling_zalo_backs_off_and_finishes_while_the_web_stays_responsive(stack):
    app, fake, (web, worker, beat) = stack
    world = app.config["WORLD"]
    followers = subscribe(app, world.commune, FOLLOWERS, "SLOW-F-")
    citizens = [f"SLOW-C-{i:03d}" for i in range(CITIZENS)]

    baseline = Prober(web.url, world.commune)
    baseline.start()
    time.sleep(3)
    baseline.halt.set()
    baseline.join()

    with fake.lock:
        fake.slow_seconds = SLOW_SECONDS
        fake.rate_limit_per_second = RATE_LIMIT
        fake.fail_next = list(FAILURES)
    prober = Prober(web.url, world.commune)
    prober.start()
    started = time.monotonic()
    summary = "Mất nước sinh hoạt khu vực phường do sửa chữa đường ống."
    notice = StaffApi(web.url, world).publish(summary=summary)
    with app.app_context():
        for user in citizens:
            outbox.queue("zalo", user, "feedback_answer", {"text": f"Trả lời phản ánh {user}"},
                         key=f"reliability:zalo:{user}")
        commit()  # each is handed to the worker after the commit
        db.session.remove()

    def finished() -> bool:
        return (len(received_counts(fake, followers, summary)) == FOLLOWERS
                and all(fake.texts_to(user) for user in citizens))

    try:
        wait_for(finished, FINISH_LIMIT_SECONDS, 0.5, "every delivery despite the faults")
        took = time.monotonic() - started
        time.sleep(2 * SWEEP_SECONDS)  # nothing more may arrive
    finally:
        prober.halt.set()
        prober.join()
    with app.app_context():
        rows = db.session.execute(sa.select(Delivery.recipient, Delivery.status,
                                            Delivery.attempts)
                                  .where(Delivery.channel == "zalo")).all()
        db.session.remove()
    calls = fake.state()["calls"].get("/v3.0/oa/message/cs", 0)
    per_follower = received_counts(fake, followers, summary)
    per_citizen = {user: len(fake.texts_to(user)) for user in citizens}
    retried = [r for r in rows if r.attempts > 1]
    print(f"\nZalo slow ({SLOW_SECONDS} s a call), {RATE_LIMIT}/s then -32, {len(FAILURES)} "
          f"HTTP 5xx: {len(rows)} deliveries finished in {took:.1f} s with {calls} send calls, "
          f"{len(retried)} backed off and retried (most attempts "
          f"{max(r.attempts for r in rows)}); web meanwhile {prober.summary()} "
          f"(before: {baseline.summary()}); submissions {prober.submissions}")

    assert notice["status"] == "published"
    assert set(per_follower.values()) == {1} and len(per_follower) == FOLLOWERS
    assert set(per_citizen.values()) == {1}, per_citizen
    assert {r.status for r in rows} == {"sent"}
    assert len(rows) == FOLLOWERS + CITIZENS
    assert retried, "no delivery backed off: the faults were not met"
    assert calls > FOLLOWERS + CITIZENS  # failed calls were made and retried
    assert {status for status, _ in prober.health} == {200}
    assert max(t for _, t in prober.health) < HANG_SECONDS
    assert prober.submissions and set(prober.submissions) == {201}, prober.submissions
    assert worker.running() and beat.running() and web.running()
