"""Several machines: two web processes (gunicorn) and two Celery workers plus exactly one
beat, against one PostgreSQL and one Redis. Nothing is duplicated: scheduled notices are
published once (one publication, one CAP alert, one Zalo broadcast or one message per
follower), each receipt is sent once, and a submission retried on the other web process
is stored once.

At the publication moment the test also queues extra rounds of every periodic task at once
(as when ticks pile up behind a slow broker), so both workers run them concurrently.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from notices.models import CapAlert, Notice, NoticeEvent
from tests.integrations.zalo.conftest import zalo_config
from tests.integrations.zalo.helpers import received_counts, subscribe
from tests.procs import Beat, Gunicorn, RedisServer, Worker, boot, service_env, wait_for
from tests.reliability import load
from tests.reliability.conftest import StaffApi, connect_oa
from tests.reliability.receiver import URL_VARIABLE, Receiver

pytestmark = [pytest.mark.slow, pytest.mark.no_db_transaction]

FOLLOWERS = 100
SUBMISSIONS = 30  # per web process
SHARED_KEYS = 10  # submissions sent to both web processes with one Idempotency-Key
TICK_SECONDS = 1  # beat: notices schedule, outbox sweep, Zalo sweep
PUBLISH_IN_SECONDS = 8
PILED_UP_ROUNDS = 6
PERIODIC = ("notices.run_schedule", "core.sweep_outbox", "zalo.sweep")


@pytest.fixture(scope="module")
def stack(seeded_app, zalo_fake, tmp_path_factory):
    fake, fake_url = zalo_fake
    tmp = tmp_path_factory.mktemp("machines")
    redis_server = RedisServer(tmp).start()
    receiver = Receiver()
    settings = {**zalo_config(fake_url), "CELERY_BROKER_URL": redis_server.url,
                "NOTICES_SCHEDULE_SECONDS": TICK_SECONDS, "OUTBOX_SWEEP_SECONDS": TICK_SECONDS,
                "ZALO_SWEEP_SECONDS": TICK_SECONDS}
    app = seeded_app("_machines", **settings)
    connect_oa(app, fake)
    env = service_env({**settings, "OUTBOX_SENDERS": {"sms": "tests.reliability.receiver:send"},
                       URL_VARIABLE: receiver.url},
                      app.config["SQLALCHEMY_DATABASE_URI"], str(tmp / "uploads"))
    webs = [Gunicorn(env, tmp / f"web{n}.log", workers=1, threads=4) for n in (1, 2)]
    workers = [Worker(env, tmp / f"worker{n}.log", name=f"w{n}") for n in (1, 2)]
    beat = Beat(env, tmp / "beat.log", tmp)
    try:
        boot(app.extensions["celery"], *webs, *workers, beat)
        yield app, fake, receiver, webs, workers, beat
    finally:
        for process in [*webs, *workers, beat]:
            process.stop()
        redis_server.stop()
        receiver.stop()


def _submit(url: str, commune: str, marker: str, key: str | None = None) -> httpx.Response:
    return httpx.post(url + "/api/v1/feedback", json=load.body(commune, marker), timeout=30,
                      headers={"Idempotency-Key": key} if key else {})


def test_two_webs_two_workers_one_beat_duplicate_nothing(stack):
    app, fake, receiver, (web_a, web_b), workers, beat = stack
    world = app.config["WORLD"]
    commune = world.commune
    run_id = "M" + uuid.uuid4().hex[:8]
    followers = subscribe(app, commune, FOLLOWERS, "MULTI-F-")
    at = (datetime.now(UTC) + timedelta(seconds=PUBLISH_IN_SECONDS)).isoformat()
    normal_summary = "Tiêm chủng mở rộng tại trạm y tế phường sáng thứ bảy."
    normal = StaffApi(web_a.url, world).publish(summary=normal_summary,
                                                approve={"publish_at": at})
    emergency = StaffApi(web_b.url, world).publish(
        title="Cảnh báo lũ quét", summary="Người dân khu vực ven sông di chuyển đến nơi an toàn.",
        priority="emergency", category="disaster_incident", approve={"publish_at": at})
    assert normal["status"] == emergency["status"] == "approved"

    with ThreadPoolExecutor(8) as pool:
        singles = list(pool.map(
            lambda n: _submit((web_a, web_b)[n % 2].url, commune, f"{run_id}-s{n}"),
            range(2 * SUBMISSIONS)))
        shared = list(pool.map(
            lambda n, web: _submit(web.url, commune, f"{run_id}-k{n // 2}",
                                   f"{run_id}-key{n // 2}"),
            range(2 * SHARED_KEYS), [web_a, web_b] * SHARED_KEYS))
    assert {r.status_code for r in singles + shared} == {201}
    for n in range(SHARED_KEYS):  # both web processes gave the same answer
        assert shared[2 * n].json() == shared[2 * n + 1].json()

    celery_app = app.extensions["celery"]
    due = datetime.fromisoformat(at)
    time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()))
    for _ in range(PILED_UP_ROUNDS):
        for task in PERIODIC:
            celery_app.send_task(task)

    def published() -> bool:
        with app.app_context():
            statuses = set(db.session.scalars(sa.select(Notice.status).where(
                Notice.id.in_((normal["id"], emergency["id"])))))
            db.session.remove()
        return statuses == {"published"}

    wait_for(published, 60, 0.2, "both notices to be published at their time")
    wait_for(lambda: len(received_counts(fake, followers, normal_summary)) == FOLLOWERS
             and fake.state()["broadcasts"] >= 1, 120, 0.5, "the Zalo fan-out and broadcast")
    expected_receipts = 2 * SUBMISSIONS + SHARED_KEYS
    wait_for(lambda: len(receiver.snapshot()) >= expected_receipts, 120, 0.5,
             "every receipt")
    time.sleep(5 * TICK_SECONDS)  # more beat ticks: nothing may be sent again
    stats = celery_app.control.inspect(timeout=2).stats() or {}
    ran = {name.split("@")[0]: stat.get("total", {}) for name, stat in stats.items()}

    with app.app_context():
        publications = db.session.execute(
            sa.select(NoticeEvent.notice_id, sa.func.count()).where(NoticeEvent.kind == "publish")
            .group_by(NoticeEvent.notice_id)).all()
        alerts = db.session.execute(sa.select(CapAlert.notice_id, CapAlert.msg_type)).all()
        receipts = dict(db.session.execute(sa.select(Delivery.idempotency_key, Delivery.status)
                                           .where(Delivery.channel == "sms")).all())
        zalo = db.session.execute(sa.select(Delivery.kind, Delivery.status, sa.func.count())
                                  .where(Delivery.channel == "zalo")
                                  .group_by(Delivery.kind, Delivery.status)).all()
        db.session.remove()
    per_marker, _ = load.stored(app, run_id)
    per_follower = received_counts(fake, followers, normal_summary)
    received = receiver.snapshot()
    state = fake.state()
    print(f"\ntwo webs, two workers, one beat: publications {dict(publications)}, CAP alerts "
          f"{alerts}, Zalo {zalo}, broadcasts {state['broadcasts']}, articles "
          f"{state['articles']}, follower messages {sum(per_follower.values())}/{FOLLOWERS}, "
          f"receipts {sum(received.values())} for {len(receipts)} deliveries, feedback rows "
          f"{sum(per_marker.values())} for {len(per_marker)} submissions; tasks run per "
          f"worker {ran}")

    assert dict(publications) == {normal["id"]: 1, emergency["id"]: 1}
    assert alerts == [(emergency["id"], "Alert")]
    assert state["broadcasts"] == 1 and state["articles"] == 1
    assert len(per_follower) == FOLLOWERS and set(per_follower.values()) == {1}
    assert {status for _, status, _ in zalo} == {"sent"}
    assert len(receipts) == expected_receipts and set(receipts.values()) == {"sent"}
    assert set(received) == set(receipts) and set(received.values()) == {1}
    assert len(per_marker) == 2 * SUBMISSIONS + SHARED_KEYS
    assert set(per_marker.values()) == {1}
    assert set(ran) == {"w1", "w2"} and all(ran.values()), "both workers should have worked"
    assert all(p.running() for p in (web_a, web_b, *workers, beat))
