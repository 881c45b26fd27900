"""Outbox: rows written with the change, sent after commit, retried, never sent twice."""

import pytest

from core import outbox
from core.db import commit, db
from core.models import Delivery


@pytest.fixture
def sent(ctx):
    calls = []
    outcomes = []

    def sender(delivery):
        calls.append(delivery.id)
        outcome = outcomes.pop(0) if outcomes else outbox.SendResult()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    outbox.register_sender("test", sender)
    yield calls, outcomes
    outbox.unregister_sender("test")


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
    assert outbox.send(delivery.id) == "unreachable"
    assert calls == [delivery.id]


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


def test_no_sender_leaves_it_pending(ctx):
    delivery_id = outbox.queue("sms", "+84912345678", "kind", {}, key="g")
    commit()
    assert outbox.send(delivery_id) == "pending"
    assert db.session.get(Delivery, delivery_id).attempts == 0


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
        outbox.register_configured_senders(app)
        from tests.reliability import receiver

        assert outbox._SENDERS["gateway-test"] is receiver.send
    finally:
        app.config["OUTBOX_SENDERS"] = {}
        outbox.unregister_sender("gateway-test")


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
