"""The outbox sender for Zalo: receipts and answers, unreachable users, back-off, pauses,
the send rate, and no second send after an interrupted one."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core import clock, outbox
from core.db import commit, db, transactional, unit_of_work
from core.models import Delivery
from feedback import workflow
from feedback.models import Feedback
from integrations.zalo import delivery as zalo_delivery
from integrations.zalo import messages as zalo_messages
from integrations.zalo import ratelimit
from integrations.zalo.models import ZaloOAState

# Each action a unit of work of its own, as in a request.
perform = transactional(workflow.perform)


def _queue(user="U1", text="Xin chào", key="t1"):
    delivery_id = outbox.queue("zalo", user, "chat_reply", {"text": text}, key=key)
    commit()  # eager: sent after the commit
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def test_receipt_and_answer_reach_a_zalo_citizen(zalo, send_event, world, staff_headers,
                                                 http_client):
    from directory.auth import authenticate
    from feedback import service
    from feedback.service import Identity

    with unit_of_work():
        _, answer = service.submit({"unit_code": world.commune, "category_code": "ha-tang",
                                    "description": "Đèn đường hỏng ở kiệt 5"},
                                   identity=Identity(zalo_user_id="U7"), channel="zalo")
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_user_id == "U7"))
    [receipt] = zalo.texts_to("U7")
    assert answer["tracking_code"] in receipt
    officer = authenticate(world.tokens["officer"])
    for action, args in (("accept", {}), ("assign", {}), ("start", {}),
                         ("answer", {"answer": "Đã thay bóng đèn."})):
        perform(item.id, action, officer, **args)
    texts = zalo.texts_to("U7")
    # the answer, and in the chat an invitation to rate it by replying
    assert texts[-1] == (f"Phản ánh {answer['tracking_code']} đã được trả lời: Đã thay bóng "
                         f"đèn.\n\n{zalo_messages.RATE_INVITE}")
    listing = http_client.get(f"/api/v1/staff/zalo/feedback/{item.id}/deliveries",
                              headers=staff_headers("officer")).json
    # accepted, in progress (assigning inside the office is not news to the citizen)
    assert [d["kind"] for d in listing["deliveries"]] == [
        "feedback_receipt", "feedback_status", "feedback_status", "feedback_answer"]
    assert {d["status"] for d in listing["deliveries"]} == {"sent"}
    other = http_client.get(f"/api/v1/staff/zalo/feedback/{item.id}/deliveries",
                            headers=staff_headers("other_officer"))
    assert other.status_code == 404


def test_outside_the_window_is_unreachable_not_retried(zalo):
    zalo.stale_users = {"U1"}
    delivery = _queue()
    assert delivery.status == "unreachable"
    assert delivery.last_error.startswith("zalo -230")
    assert delivery.attempts == 1
    assert outbox.due_ids() == []


def test_rate_limit_error_backs_off_with_jitter(zalo):
    zalo.fail_next = [-32]
    before = clock.now()
    delivery = _queue()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "zalo -32" in delivery.last_error
    wait = (delivery.next_attempt_at - before).total_seconds()
    assert 2.4 <= wait <= 7.6  # 5 s × (0.5 … 1.5)
    assert zalo.texts_to("U1") == []


def test_server_error_backs_off_then_succeeds(zalo):
    zalo.fail_next = [503]
    delivery = _queue()
    assert delivery.status == "pending"
    delivery.next_attempt_at = clock.now()
    commit()
    assert outbox.send(delivery.id) == "sent"
    assert zalo.texts_to("U1") == ["Xin chào"]


def test_quota_error_pauses_all_sending_and_resumes(zalo, http_client):
    zalo.fail_next = [-144]
    first = _queue(key="q1")
    assert first.status == "pending" and first.attempts == 0  # the pause costs no attempt
    state = db.session.get(ZaloOAState, 1, populate_existing=True)
    assert state.paused_until > clock.now() + timedelta(minutes=14)
    assert http_client.get("/readyz").json["checks"]["zalo"].startswith("paused until")
    calls = zalo.calls["/v3.0/oa/message/cs"]
    second = _queue(user="U2", key="q2")
    assert second.status == "pending" and second.attempts == 0
    assert zalo.calls["/v3.0/oa/message/cs"] == calls  # not even tried while paused
    # The pause ends: both go out.
    state.paused_until = clock.now() - timedelta(seconds=1)
    for d in (first, second):
        d.next_attempt_at = clock.now()
    commit()
    zalo_delivery.forget_pause()  # other processes notice within 2 s
    assert outbox.send(first.id) == "sent" and outbox.send(second.id) == "sent"


def test_permanent_error_fails_without_retry(zalo):
    zalo.fail_next = [-201]
    delivery = _queue()
    assert delivery.status == "failed" and "-201" in delivery.last_error


def test_interrupted_send_is_not_sent_twice(zalo):
    """A worker died after Zalo accepted the message but before recording it."""
    delivery = _queue(text="Thông báo cúp điện")
    assert zalo.texts_to("U1") == ["Thông báo cúp điện"]
    delivery.status, delivery.sent_at = "sending", None  # as the crash left it
    delivery.next_attempt_at = clock.now() - timedelta(seconds=1)  # the claim lapsed
    commit()
    assert outbox.send(delivery.id) == "sent"
    assert zalo.texts_to("U1") == ["Thông báo cúp điện"]
    assert "interrupted" in db.session.get(Delivery, delivery.id).last_error


def test_send_rate_is_respected(app, ctx, monkeypatch):
    """Acquire 12 slots at 5 per second: never more than 5 in one second of (virtual) time."""
    virtual = [1000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: virtual[0])
    monkeypatch.setattr(ratelimit.time, "sleep", lambda s: virtual.__setitem__(0, virtual[0] + s))
    app.config["ZALO_SEND_RATE_PER_SECOND"] = 5
    try:
        seconds = []
        for _ in range(12):
            ratelimit.acquire("test")
            seconds.append(int(virtual[0]))
    finally:
        app.config["ZALO_SEND_RATE_PER_SECOND"] = 0
    assert max(seconds.count(s) for s in set(seconds)) == 5
    assert seconds[-1] - seconds[0] == 2


def test_send_rate_falls_back_to_this_process_when_redis_is_down(app, ctx, monkeypatch):
    """No Redis answering at the broker's address: slots are counted in this process."""
    monkeypatch.setitem(app.config, "CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setitem(app.config, "ZALO_SEND_RATE_PER_SECOND", 1000)
    for _ in range(3):
        ratelimit.acquire("fallback-test")
    shared, local = app.extensions["zalo_send_limiters"]["redis://127.0.0.1:9/0"]
    item = ratelimit.RateLimitItemPerSecond(1000, 1, namespace="zalo")
    assert local.get_window_stats(item, "fallback-test").remaining == 997
