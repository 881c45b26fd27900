"""Finding 7: a signed Zalo event was accepted again after its stored key was pruned
(14 days), and on SQLite pruning made event ids repeat, which broke the chat.

Now a signed event whose timestamp is outside ``ZALO_WEBHOOK_WINDOW_SECONDS`` (10 minutes)
is refused, the keys are kept far longer than that, and event ids are never reused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.db import db
from integrations.zalo import inbound
from integrations.zalo.cli import build_event
from integrations.zalo.models import ZaloEvent
from tests.integrations.zalo.conftest import APP_ID


def _stamped(moment: datetime, text: str = "xin chào", user: str = "R1") -> dict:
    body = build_event(text, user, "user_send_text", None, None, APP_ID)
    body["timestamp"] = str(int(moment.timestamp() * 1000))
    return body


def _stored(body: dict) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ZaloEvent).where(
        ZaloEvent.event_key == f"msg:{body['message']['msg_id']}"))


@pytest.mark.parametrize("offset", [timedelta(minutes=-11), timedelta(minutes=11)])
def test_finding_07_a_signed_event_outside_the_window_is_refused(zalo, send_event, offset):
    body = _stamped(datetime.now(UTC) + offset)
    response = send_event(body=body)
    assert response.status_code == 401
    assert response.json["message"] == "Sự kiện đã quá hạn hoặc bị gửi lại."
    assert _stored(body) == 0


def test_finding_07_an_event_within_the_window_is_accepted_once(zalo, send_event):
    body = _stamped(datetime.now(UTC) - timedelta(minutes=9))
    assert send_event(body=body).json["status"] == "ok"
    assert send_event(body=body).json["status"] == "duplicate"
    assert _stored(body) == 1


def test_finding_07_a_replay_after_the_key_is_pruned_is_refused(zalo, send_event, app,
                                                                monkeypatch):
    sent_at = datetime.now(UTC)
    body = _stamped(sent_at, user="R2")
    assert send_event(body=body).json["status"] == "ok"
    event = db.session.scalar(sa.select(ZaloEvent).where(
        ZaloEvent.event_key == f"msg:{body['message']['msg_id']}"))
    assert event.status == "processed"
    # 15 days later the key is pruned; the same signed body comes back
    later = sent_at + timedelta(days=15)
    monkeypatch.setattr("core.clock.now", lambda: later)
    assert app.config["ZALO_EVENT_KEEP_DAYS"] * 86400 > app.config["ZALO_WEBHOOK_WINDOW_SECONDS"]
    assert inbound.prune_events() >= 1
    assert _stored(body) == 0
    assert send_event(body=body).status_code == 401
    assert _stored(body) == 0


def test_finding_07_event_ids_are_never_reused(zalo, send_event, monkeypatch):
    first = _stamped(datetime.now(UTC), user="R3")
    send_event(body=first)
    old_id = db.session.scalar(sa.select(sa.func.max(ZaloEvent.id)))
    monkeypatch.setattr("core.clock.now", lambda: datetime.now(UTC) + timedelta(days=15))
    inbound.prune_events()
    monkeypatch.undo()
    assert db.session.get(ZaloEvent, old_id) is None
    second = _stamped(datetime.now(UTC), "tin mới", user="R3")
    assert send_event(body=second).json["status"] == "ok"
    new_id = db.session.scalar(sa.select(ZaloEvent.id).where(
        ZaloEvent.event_key == f"msg:{second['message']['msg_id']}"))
    assert new_id > old_id
