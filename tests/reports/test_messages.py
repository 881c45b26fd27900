"""Statistics count the messages to citizens, by channel and outcome, and those that never
reached them."""

from __future__ import annotations

from datetime import date

import directory
from core import outbox
from reports.service import Period, statistics


def _today() -> Period:
    from core.clock import now, to_local

    day = to_local(now()).date()
    return Period(date(day.year, 1, 1), day)


def test_messages_to_citizens_are_counted_by_channel_and_outcome(app, ctx, submit, world):
    before = statistics(directory.get_unit(world.commune), _today())["messages"]
    outbox.register_sender(app, "email", lambda delivery: outbox.SendResult())
    try:
        # told by e-mail (a sender exists): sent
        assert submit(reporter={"name": "Lan", "email": "lan@example.vn"}).status_code == 201
    finally:
        outbox.unregister_sender(app, "email")
    # a phone, but no ZNS or SMS sender: both routes fail, the message never reaches them
    assert submit().status_code == 201
    after = statistics(directory.get_unit(world.commune), _today())["messages"]
    assert after["by_channel"]["email"]["sent"] == before["by_channel"].get(
        "email", {}).get("sent", 0) + 1
    assert after["undelivered"] == before["undelivered"] + 1
    assert after["totals"]["failed"] == before["totals"]["failed"] + 1
    # the failed receipt ended on its last route, SMS
    assert after["by_channel"]["sms"]["failed"] == before["by_channel"].get(
        "sms", {}).get("failed", 0) + 1
