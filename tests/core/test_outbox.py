"""Outbox: rows written with the change, sent after commit, retried, never sent twice."""

import pytest

from core import outbox
from core.db import commit, db
from core.models import Delivery


def _recording_sender(calls, outcomes):
    def sender(delivery):
        calls.append(delivery.id)
        outcome = outcomes.pop(0) if outcomes else outbox.SendResult()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome
    return sender


@pytest.fixture
def sent(ctx, app):
    calls = []
    outcomes = []
    outbox.register_sender(app, "test", _recording_sender(calls, outcomes))
    yield calls, outcomes
    outbox.unregister_sender(app, "test")


@pytest.fixture
def second(ctx, app):
    """A second channel, ``test2``, for fallback routes."""
    calls = []
    outcomes = []
    outbox.register_sender(app, "test2", _recording_sender(calls, outcomes))
    yield calls, outcomes
    outbox.unregister_sender(app, "test2")


def _queue(key):
    return db.session.get(Delivery, outbox.queue("test", "người nhận", "kind",
                                                 {"text": "xin chào"}, key=key))


def test_sent_after_commit_not_before(sent):
    calls, _ = sent
    delivery = _queue("a")
    assert calls == []  # nothing leaves before the commit
    commit()
    assert calls == [delivery.id]
    db.session.refresh(delivery)
    assert delivery.status == "sent" and delivery.sent_at and delivery.attempts == 1


def test_rolled_back_change_sends_nothing(sent):
    calls, _ = sent
    _queue("b")
    db.session.rollback()
    assert calls == []


def test_transient_error_backs_off_then_sends(sent, monkeypatch):
    calls, outcomes = sent
    outcomes.append(outbox.TransientError("máy chủ bận"))
    delivery = _queue("c")
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "pending" and delivery.last_error == "máy chủ bận"
    assert delivery.next_attempt_at > delivery.created_at
    assert outbox.due_ids() == []  # not due yet
    later = delivery.next_attempt_at
    monkeypatch.setattr("core.outbox.now", lambda: later)
    assert outbox.due_ids() == [delivery.id]
    assert outbox.send(delivery.id) == "sent"
    assert calls == [delivery.id, delivery.id]


def test_unreachable_is_final(sent):
    calls, outcomes = sent
    outcomes.append(outbox.SendResult("unreachable", "ngoài thời hạn tương tác"))
    delivery = _queue("d")
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "unreachable"
    assert delivery.last_error == "ngoài thời hạn tương tác"
    assert calls == [delivery.id]
    assert outbox.send(delivery.id) == "unreachable"  # final: not tried again
    assert calls == [delivery.id]


def _queue_routes(key, *routes):
    return db.session.get(Delivery, outbox.queue(
        [outbox.Route(channel, recipient) for channel, recipient in routes], None, "kind",
        {"text": "xin chào"}, key=key))


def test_a_route_that_fails_for_good_moves_to_the_next(sent, second):
    calls, outcomes = sent
    calls2, _ = second
    outcomes.append(outbox.SendResult("unreachable", "hết hạn mức"))
    delivery = _queue_routes("r1", ("test", "A"), ("test2", "B"))
    commit()
    db.session.refresh(delivery)
    assert (delivery.status, delivery.channel, delivery.recipient) == ("sent", "test2", "B")
    assert calls == [delivery.id] and calls2 == [delivery.id]
    assert [(h["channel"], h["outcome"]) for h in delivery.history] == [
        ("test", "unreachable"), ("test2", "sent")]
    assert delivery.history[0]["reason"] == "hết hạn mức"
    assert delivery.routes is None


def test_when_every_route_fails_the_delivery_fails_with_the_last_reason(sent, second):
    _, outcomes = sent
    _, outcomes2 = second
    outcomes.append(outbox.SendResult("failed", "số không hợp lệ"))
    outcomes2.append(outbox.SendResult("failed", "hộp thư không tồn tại"))
    delivery = _queue_routes("r2", ("test", "A"), ("test2", "B"))
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "failed" and delivery.last_error == "hộp thư không tồn tại"
    assert len(delivery.history) == 2


def test_a_channel_without_sender_fails_at_once_with_its_reason(ctx):
    delivery_id = outbox.queue("sms", "+84912345678", "kind", {}, key="g")
    commit()
    delivery = db.session.get(Delivery, delivery_id)
    assert delivery.status == "failed"
    assert delivery.last_error == "Chưa cấu hình kênh gửi sms."
    assert delivery.history[0]["outcome"] == "failed"


def test_a_channel_without_sender_falls_back_to_the_next_route(second):
    calls2, _ = second
    delivery = _queue_routes("r3", ("no-such-channel", "A"), ("test2", "B"))
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "sent" and delivery.channel == "test2"
    assert calls2 == [delivery.id]


def test_the_sweep_fails_what_no_sender_will_ever_send(ctx, monkeypatch, runner):
    monkeypatch.setattr("core.outbox.enqueue", lambda delivery_id: None)  # broker down
    delivery_id = outbox.queue("email", "a@example.vn", "kind", {}, key="r4")
    commit()
    assert db.session.get(Delivery, delivery_id).status == "pending"
    runner.invoke(args=["outbox", "sweep"])
    db.session.expire_all()
    assert db.session.get(Delivery, delivery_id).status == "failed"


def test_deferred_waits_without_spending_an_attempt(sent, monkeypatch):
    calls, outcomes = sent
    from datetime import timedelta

    from core.clock import now
    until = now() + timedelta(hours=3)
    outcomes.append(outbox.Deferred("ban đêm", until))
    delivery = _queue("r5")
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "pending" and delivery.attempts == 0
    assert abs((delivery.next_attempt_at - until).total_seconds()) < 0.001
    assert outbox.due_ids() == []
    monkeypatch.setattr("core.outbox.now", lambda: until)
    assert outbox.send(delivery.id) == "sent"
    assert calls == [delivery.id, delivery.id]
    assert [h["outcome"] for h in db.session.get(Delivery, delivery.id).history] == [
        "deferred", "sent"]


def test_a_confirmed_receipt_marks_the_delivery_delivered(sent):
    _, outcomes = sent
    outcomes.append(outbox.SendResult("sent", external_id="msg-1"))
    delivery = _queue("r6")
    commit()
    assert outbox.mark_delivered("test", "msg-1") is True
    assert outbox.mark_delivered("test", "unknown") is False
    commit()
    db.session.refresh(delivery)
    assert delivery.status == "delivered" and delivery.delivered_at is not None


def test_gives_up_after_max_attempts(sent, app, monkeypatch):
    calls, outcomes = sent
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    try:
        outcomes.extend([outbox.TransientError("lỗi 1"), outbox.TransientError("lỗi 2")])
        delivery = _queue("e")
        commit()
        db.session.refresh(delivery)
        monkeypatch.setattr("core.outbox.now", lambda: delivery.next_attempt_at)
        assert outbox.send(delivery.id) == "failed"
    finally:
        app.config["OUTBOX_MAX_ATTEMPTS"] = 8


def test_claimed_delivery_is_not_sent_twice(sent):
    calls, _ = sent
    delivery = _queue("f")
    delivery.status = "sending"  # another worker has it
    delivery.next_attempt_at = delivery.created_at.replace(year=delivery.created_at.year + 1)
    commit()
    assert outbox.send(delivery.id) is None
    assert calls == []


def test_sweep_command_sends_what_is_due(sent, runner, monkeypatch):
    calls, _ = sent
    monkeypatch.setattr("core.outbox.enqueue", lambda delivery_id: None)  # broker down
    delivery = _queue("h")
    commit()
    assert calls == []
    result = runner.invoke(args=["outbox", "sweep"])
    assert "Đã xử lý 1 tin." in result.output
    assert calls == [delivery.id]


def test_senders_named_in_the_configuration_are_registered(app):
    app.config["OUTBOX_SENDERS"] = {"gateway-test": "tests.reliability.receiver:send"}
    try:
        outbox.init_app(app)
        from tests.reliability import receiver

        assert app.extensions["outbox_senders"]["gateway-test"] is receiver.send
    finally:
        app.config["OUTBOX_SENDERS"] = {}
        outbox.unregister_sender(app, "gateway-test")


def test_senders_belong_to_their_app(tmp_path_factory, app):
    from tests.conftest import make_app

    other = make_app(tmp_path_factory, "_senders")
    app.extensions["celery"].set_current()  # keep the session app's Celery current
    app.extensions["celery"].set_default()
    outbox.register_sender(other, "only-there", lambda delivery: outbox.SendResult())
    assert "only-there" in other.extensions["outbox_senders"]
    assert "only-there" not in app.extensions["outbox_senders"]


def test_a_broker_failure_pauses_publishing_briefly(app, ctx, monkeypatch):
    task = app.extensions["celery"].tasks["core.send_delivery"]
    tries = []

    def broken(*args):
        tries.append(args)
        raise ConnectionError("broker down")

    monkeypatch.setattr(task, "delay", broken)
    monkeypatch.setattr(outbox, "_broker_failed_at", [float("-inf")])
    outbox.enqueue(1)
    outbox.enqueue(2)  # within the pause: left to the sweep, no wait on the broker
    assert tries == [(1,)]
    outbox._broker_failed_at[0] -= outbox.BROKER_PAUSE_SECONDS
    outbox.enqueue(3)
    assert tries == [(1,), (3,)]
