"""Deadlines: mark overdue items once, record it on the timeline, tell the commune leaders."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core import outbox
from core.clock import now
from core.codes import display_code
from core.db import commit, db
from core.models import StaffUser
from feedback import messages
from feedback.models import OPEN_STATUSES, Feedback, FeedbackEvent
from feedback.service import calendar_due_text

log = logging.getLogger(__name__)

# Outbox channel for notices to staff; an integration (e-mail, Zalo) registers its sender.
STAFF_CHANNEL = "staff_email"


def leaders_of(unit_code: str) -> list[StaffUser]:
    """Active commune leaders of a unit."""
    return list(db.session.scalars(sa.select(StaffUser).where(
        StaffUser.unit_code == unit_code, StaffUser.role == "commune_leader",
        StaffUser.is_active).order_by(StaffUser.id)))


def mark_overdue(batch: int = 500) -> list[int]:
    """Mark open items past their due date as overdue, once each; returns their ids.

    Each item is flipped by a conditional UPDATE, so two workers running at the same time
    never both record the same item. The item's event and the leaders' notices are written
    in the same transaction as the flag.
    """
    moment = now()
    marked: list[int] = []
    while True:
        ids = list(db.session.scalars(
            sa.select(Feedback.id).where(Feedback.status.in_(OPEN_STATUSES),
                                         Feedback.is_overdue.is_(False),
                                         Feedback.due_at < moment)
            .order_by(Feedback.id).limit(batch)))
        if not ids:
            break
        for item_id in ids:
            flipped = db.session.execute(
                sa.update(Feedback).where(Feedback.id == item_id,
                                          Feedback.is_overdue.is_(False))
                .values(is_overdue=True).execution_options(synchronize_session=False)).rowcount
            if not flipped:
                continue
            item = db.session.get(Feedback, item_id, populate_existing=True)
            _record(item, moment)
            marked.append(item_id)
        commit()
    if marked:
        log.info("marked %s feedback item(s) overdue", len(marked))
    return marked


def _record(item: Feedback, moment) -> None:
    event = FeedbackEvent(feedback_id=item.id, kind="overdue", actor_label="system",
                          from_status=item.status, to_status=item.status, is_public=False,
                          note=calendar_due_text(item), created_at=moment)
    db.session.add(event)
    db.session.flush()
    text = messages.OVERDUE_TO_LEADER.format(code=display_code(item.tracking_code),
                                             office=item.office.name,
                                             due=calendar_due_text(item))
    due_key = item.due_at.strftime("%Y%m%dT%H%M%S")
    for leader in leaders_of(item.unit_code):
        outbox.queue(STAFF_CHANNEL, f"staff:{leader.id}", "feedback_overdue",
                     {"feedback_id": item.id, "tracking_code": item.tracking_code,
                      "text": text},
                     key=f"feedback:{item.id}:overdue:{due_key}:staff:{leader.id}",
                     subject=("feedback", item.id))
