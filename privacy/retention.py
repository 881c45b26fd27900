"""Retention: contact data of closed feedback is erased ``PRIVACY_CONTACT_RETENTION_DAYS``
after the item ended (closed, merged or refused), by a periodic task that records each run.

Content and statistics stay; identity and contact go. Which records have expired and how
their data is erased is their domain's (:class:`privacy.subjects.Items`.``erase_expired``,
for feedback items; an item reopened before the cut-off is open again and is left alone).
Other domains holding citizens' contact data under the same period (consultation
commenters) register a hook with :func:`register`; the run calls it with the cut-off and
records its count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask import Flask, current_app

from core import clock
from core.db import db, unit_of_work
from privacy import messages
from privacy.models import RetentionRun
from privacy.subjects import items, registry

# hook(cutoff) -> how many records it erased (committing as it goes).
Hook = Callable[[datetime], int]


def register(app: Flask, hook: Hook) -> None:
    """Run ``hook(cutoff)`` in every retention run (after the feedback items)."""
    registry(app).retention_hooks.append(hook)


def erase_expired(limit: int | None = None) -> RetentionRun:
    """Erase the contact data of items ended more than the retention period ago; one
    :class:`RetentionRun` row and one internal event per item record what was done.
    A job of steps: each batch is a unit of work of its own, so a long run makes progress
    and a crash loses at most a batch."""
    days = int(current_app.config["PRIVACY_CONTACT_RETENTION_DAYS"])
    started = clock.now()
    cutoff = started - timedelta(days=days)
    with unit_of_work():
        run = RetentionRun(started_at=started, retention_days=days, cutoff=cutoff,
                           items_erased=0, feedback_ids=[], comments_erased=0)
        db.session.add(run)
    note = messages.ITEM_EVENT_NOTES["retention"].format(days=days)
    erased: list[int] = []
    batches = items().erase_expired(cutoff, note, limit)
    while True:
        with unit_of_work():
            batch = next(batches, None)
            if batch is None:
                break
            erased += batch
            run.items_erased, run.feedback_ids = len(erased), list(erased)
    for hook in registry().retention_hooks:
        comments = hook(cutoff)
        with unit_of_work():
            run.comments_erased += comments
    with unit_of_work():
        run.finished_at = clock.now()
    return run
