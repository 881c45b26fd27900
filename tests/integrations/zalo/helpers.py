"""Helpers shared by the tests that run real workers against the fake Zalo (here and in
tests/reliability): followers subscribed to a unit, and what the fake received."""

from __future__ import annotations

import sqlalchemy as sa

from core import clock
from core.db import db
from integrations.zalo.models import ZaloSubscription, ZaloUser


def subscribe(app, unit_code: str, n: int, prefix: str) -> list[str]:
    """``n`` following Zalo users subscribed to ``unit_code`` (committed); their ids."""
    users = [f"{prefix}{i:04d}" for i in range(n)]
    with app.app_context():
        moment = clock.now()
        db.session.execute(sa.insert(ZaloUser), [dict(
            user_id=u, is_follower=True, state="idle", data={}, state_at=moment,
            last_interaction_at=moment, created_at=moment) for u in users])
        db.session.execute(sa.insert(ZaloSubscription), [dict(
            user_id=u, unit_code=unit_code, created_at=moment) for u in users])
        db.session.commit()
    return users


def received_counts(fake, users, text: str) -> dict[str, int]:
    """How many messages holding ``text`` the fake received, per user (a notice's message
    ends with its verification code line, after the text)."""
    wanted = set(users)
    counts: dict[str, int] = {}
    with fake.lock:
        for message in fake.messages:
            if message["user_id"] in wanted and text in message["text"]:
                counts[message["user_id"]] = counts.get(message["user_id"], 0) + 1
    return counts
