"""With a REAL Celery worker on a Redis broker of its own and the fake Zalo on 127.0.0.1:
a signed chat becomes feedback, a notice fans out to 1,000 subscribers, and a worker killed
mid fan-out and started again leaves every subscriber messaged exactly once."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from core.models import Delivery
from feedback.models import Feedback
from integrations.zalo import fanout
from integrations.zalo.cli import build_event, sign
from integrations.zalo.models import ZaloOAState
from tests.conftest import make_app, seed
from tests.fakes.zalo import FakeServer, FakeZalo
from tests.integrations.zalo.conftest import APP_ID, zalo_config
from tests.integrations.zalo.helpers import received_counts, subscribe
from tests.procs import PROCESS_SECRET_KEY, RedisServer, Worker, wait_for

pytestmark = pytest.mark.slow

SEND_RATE = 150  # per second, shared by the worker processes through Redis


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    """ZALO_TEST_REDIS_URL if given, else a throwaway redis-server of this module's own (a
    shared Redis database would hand these tasks to whichever worker listens there)."""
    if os.environ.get("ZALO_TEST_REDIS_URL"):
        yield os.environ["ZALO_TEST_REDIS_URL"]
        return
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, app, broker):
    """Fake Zalo, an app on its own database with the Redis broker, and a worker."""
    fake = FakeZalo(APP_ID)
    server = FakeServer(fake).start()
    settings = {**zalo_config(server.url), "CELERY_BROKER_URL": broker,
                "ZALO_SEND_RATE_PER_SECOND": SEND_RATE}
    worker_app = make_app(tmp_path_factory, "_zaloworker", **settings)
    world = seed(worker_app)
    celery_app = worker_app.extensions["celery"]
    celery_app.control.purge()
    env = {**os.environ, "SECRET_KEY": PROCESS_SECRET_KEY,
           "DATABASE_URL": worker_app.config["SQLALCHEMY_DATABASE_URI"],
           "UPLOAD_DIR": worker_app.config["UPLOAD_DIR"],
           **{k: str(v) for k, v in settings.items()}}
    env.pop("TEST_DATABASE_URL", None)
    with worker_app.app_context():
        db.session.add(ZaloOAState(id=1, access_token=fake.issue_access_token(),
                                   refresh_token=fake.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(hours=25)))
        db.session.commit()
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    worker = Worker(env, log_path).start(celery_app)
    yield worker_app, fake, worker, world
    worker.stop()
    server.stop()
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()
    with worker_app.app_context():
        db.engine.dispose()


def _post_event(worker_app, body):
    raw, header = sign(body)
    with worker_app.test_client() as http:
        response = http.post("/integrations/zalo/webhook", data=raw, headers={
            "Content-Type": "application/json", "X-ZEvent-Signature": header})
    assert response.status_code == 200, response.json
    return response


def test_signed_conversation_becomes_feedback_with_a_reply(stack):
    worker_app, fake, _, world = stack
    user = "W-CHAT-1"
    image = f"{fake_url(stack)}/_fake/img/photo.jpg"

    def say(text=None, event="user_send_text", **kwargs):
        before = len(fake.texts_to(user))
        with worker_app.app_context():
            _post_event(worker_app, build_event(text, user, event, kwargs.get("image"),
                                                kwargs.get("location"), APP_ID))
        wait_for(lambda: len(fake.texts_to(user)) > before, what=f"a reply to {text or event}")
        time.sleep(0.2)  # let a second reply (if any) arrive
        return fake.texts_to(user)[before:]

    say("phan anh")
    say("Phu Xuan")
    say("2")
    say("Nắp cống vỡ trước chợ Đông Ba, rất nguy hiểm")
    assert say(event="user_send_image", image=image)[0].startswith("Đã nhận 1 ảnh")
    assert say(event="user_send_location", location=(16.47, 107.59))[0].startswith(
        "Đã nhận vị trí")
    say("xong")
    say("khong")
    say("gui")
    wait_for(lambda: any(t.startswith("Đã gửi phản ánh") for t in fake.texts_to(user)),
             what="the confirmation")
    with worker_app.app_context():
        item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_user_id == user))
        assert item is not None and item.channel == "zalo"
        assert item.unit_code == world.commune and item.category.code == "ha-tang"
        assert (item.lat, item.lng) == (16.47, 107.59)
        assert len(item.attachments) == 1
        code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    assert any(code in t for t in fake.texts_to(user) if t.startswith("Đã gửi phản ánh"))


def fake_url(stack) -> str:
    worker_app = stack[0]
    return worker_app.config["ZALO_OPENAPI_URL"]


def _publish(worker_app, notice_id, unit_code, text):
    with worker_app.app_context():
        result = fanout.fan_out(notice_id, unit_code, "normal", f"Thông báo {notice_id}", text)
        from core.db import commit

        commit()  # the drain task is queued on Redis after the commit
    return result


def test_notice_fans_out_to_1000_subscribers(stack):
    worker_app, fake, _, world = stack
    users = subscribe(worker_app, world.commune, 1000, "FAN-A-")
    text = "Cắt điện toàn phường từ 8h đến 11h ngày mai."
    assert _publish(worker_app, 9001, world.commune, text)["deliveries"] == 1000
    wait_for(lambda: len(received_counts(fake, users, text)) == 1000, timeout=300,
             interval=0.5, what="1,000 messages")
    time.sleep(1)
    received = received_counts(fake, users, text)
    assert set(received) == set(users)
    assert set(received.values()) == {1}
    with worker_app.app_context():
        assert fanout.counts(9001)["counts"] == {"sent": 1000}


def test_worker_killed_mid_fan_out_messages_everyone_exactly_once(stack):
    worker_app, fake, worker, world = stack
    unit = world.other_commune
    users = subscribe(worker_app, unit, 1000, "FAN-K-")
    text = "Lịch tiêm chủng mở rộng tại trạm y tế phường."
    # Zalo answers slowly, so the kill most likely lands while a message is in flight: the
    # fake records it, the dead worker never learns it was sent.
    fake.slow_seconds = 0.02
    assert _publish(worker_app, 9002, unit, text)["deliveries"] == 1000
    wait_for(lambda: len(received_counts(fake, users, text)) >= 250, timeout=300,
             interval=0.005, what="the fan-out to be under way")
    worker.kill()
    fake.slow_seconds = 0
    at_kill = len(received_counts(fake, users, text))
    assert at_kill < 1000, "the fan-out finished before the kill; nothing was tested"
    with worker_app.app_context():
        in_flight = db.session.scalar(sa.select(sa.func.count()).where(
            Delivery.subject_id == 9002, Delivery.status == "sending"))
        # The dead worker's claims lapse after the lease (5 minutes); let that time pass.
        db.session.execute(sa.update(Delivery).where(
            Delivery.subject_id == 9002, Delivery.status == "sending")
            .values(next_attempt_at=clock.now() - timedelta(seconds=1)))
        db.session.commit()
    celery_app = worker_app.extensions["celery"]
    worker.start(celery_app)
    celery_app.send_task("zalo.sweep")  # what beat does every 30 s
    wait_for(lambda: len(received_counts(fake, users, text)) == 1000, timeout=300,
             interval=0.5, what="every subscriber")
    time.sleep(1)
    received = received_counts(fake, users, text)
    assert set(received) == set(users)
    assert [u for u, n in received.items() if n != 1] == []
    with worker_app.app_context():
        assert fanout.counts(9002)["counts"] == {"sent": 1000}
    print(f"killed at {at_kill}/1000 messages, {in_flight} deliveries in flight")
