"""Retention: contact data of closed feedback is erased ``PRIVACY_CONTACT_RETENTION_DAYS``
after the item ended (closed, merged or refused), by a periodic task that records each run.

Content and statistics stay; identity and contact go (:func:`erasure.erase`, without
photos). An item reopened before the cut-off is open again and is left alone. Other domains
holding citizens' contact data under the same period (consultation commenters) register a
hook with :func:`register`; the run calls it with the cut-off and records its count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app

from core import clock
from core.db import commit, db
from feedback.models import Feedback
from feedback.privacy import erasure, messages
from feedback.privacy.models import RetentionRun

ENDED_STATUSES = ("closed", "refused")
BATCH = 200
# hook(cutoff) -> how many records it erased (committing as it goes).
Hook = Callable[[datetime], int]


def register(app: Flask, hook: Hook) -> None:
    """Run ``hook(cutoff)`` in every retention run (after the feedback items)."""
    app.extensions.setdefault("privacy_retention_hooks", []).append(hook)


def _has_identity() -> sa.ColumnElement[bool]:
    return sa.or_(Feedback.reporter_name.is_not(None), Feedback.reporter_phone.is_not(None),
                  Feedback.reporter_email.is_not(None), Feedback.zalo_user_id.is_not(None),
                  Feedback.zalo_app_user_id.is_not(None))


def erase_expired(limit: int | None = None) -> RetentionRun:
    """Erase the contact data of items ended more than the retention period ago; one
    :class:`RetentionRun` row and one internal event per item record what was done.
    Commits per batch, so a long run makes progress and a crash loses at most a batch."""
    days = int(current_app.config["PRIVACY_CONTACT_RETENTION_DAYS"])
    started = clock.now()
    cutoff = started - timedelta(days=days)
    run = RetentionRun(started_at=started, retention_days=days, cutoff=cutoff,
                       items_erased=0, feedback_ids=[], comments_erased=0)
    db.session.add(run)
    commit()
    note = messages.ITEM_EVENT_NOTES["retention"].format(days=days)
    erased: list[int] = []
    while limit is None or len(erased) < limit:
        size = BATCH if limit is None else min(BATCH, limit - len(erased))
        items = list(db.session.scalars(
            sa.select(Feedback).where(Feedback.status.in_(ENDED_STATUSES),
                                      Feedback.closed_at.is_not(None),
                                      Feedback.closed_at < cutoff, _has_identity())
            .order_by(Feedback.closed_at, Feedback.id).limit(size)
            .with_for_update(skip_locked=True)))
        if not items:
            break
        moment = clock.now()
        for item in items:
            erasure.erase(item, moment)
            erasure.event(item, moment, note)
            erased.append(item.id)
        run.items_erased, run.feedback_ids = len(erased), list(erased)
        commit()
    for hook in current_app.extensions.get("privacy_retention_hooks", ()):
        run.comments_erased += hook(cutoff)
    run.finished_at = clock.now()
    commit()
    return run
