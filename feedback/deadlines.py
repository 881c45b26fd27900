"""Deadlines: remind the handling office before an item is due, mark overdue items once,
record it on the timeline and tell the commune leaders.

Staff are told through channel ``staff_email`` (recipient ``staff:<id>``): the rows are also
what the console's reminders page lists, so a commune without e-mail still sees them.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core import calendar, outbox
from core.clock import now
from core.codes import display_code
from core.db import db, unit_of_work
from directory.models import StaffUser
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


def officers_of(office_id: int) -> list[StaffUser]:
    """Active officers of an office (who handle its items)."""
    return list(db.session.scalars(sa.select(StaffUser).where(
        StaffUser.office_id == office_id, StaffUser.role == "officer",
        StaffUser.is_active).order_by(StaffUser.id)))


def _tell_staff(users: list[StaffUser], item: Feedback, kind: str, subject: str, text: str,
                key: str) -> None:
    for user in users:
        outbox.queue(STAFF_CHANNEL, f"staff:{user.id}", kind,
                     {"feedback_id": item.id, "tracking_code": item.tracking_code,
                      "subject": subject, "text": text},
                     key=f"{key}:staff:{user.id}", subject=("feedback", item.id))


def remind_due(batch: int = 500) -> list[int]:
    """Remind the handling office of open items due within ``FEEDBACK_REMIND_WORKING_DAYS``
    working days, once per due date (an extension reminds again); returns the item ids.

    The item's officers are reminded (its commune's leaders when the office has none). As
    with overdue marking, a conditional UPDATE claims each item, so two workers never
    remind twice; each batch is a unit of work of its own.
    """
    from flask import current_app

    moment = now()
    horizon = calendar.due_at(moment, int(current_app.config["FEEDBACK_REMIND_WORKING_DAYS"]))
    reminded: list[int] = []
    while True:
        with unit_of_work():
            rows = db.session.execute(
                sa.select(Feedback.id, Feedback.due_at).where(
                    Feedback.status.in_(OPEN_STATUSES), Feedback.is_overdue.is_(False),
                    Feedback.due_at > moment, Feedback.due_at <= horizon,
                    sa.or_(Feedback.reminded_due_at.is_(None),
                           Feedback.reminded_due_at != Feedback.due_at))
                .order_by(Feedback.id).limit(batch)).all()
            if not rows:
                break
            for item_id, due in rows:
                claimed = db.session.execute(
                    sa.update(Feedback).where(Feedback.id == item_id, Feedback.due_at == due,
                                              sa.or_(Feedback.reminded_due_at.is_(None),
                                                     Feedback.reminded_due_at != due))
                    .values(reminded_due_at=due)
                    .execution_options(synchronize_session=False)).rowcount
                if not claimed:
                    continue
                item = db.session.get(Feedback, item_id, populate_existing=True)
                code = display_code(item.tracking_code)
                due_text = calendar_due_text(item)
                _tell_staff(officers_of(item.office_id) or leaders_of(item.unit_code), item,
                            "feedback_reminder", messages.REMINDER_SUBJECT.format(code=code),
                            messages.REMINDER_TO_OFFICER.format(code=code, title=item.title,
                                                                office=item.office.name,
                                                                due=due_text),
                            key=f"feedback:{item.id}:reminder:{due.strftime('%Y%m%dT%H%M%S')}")
                reminded.append(item_id)
    if reminded:
        log.info("reminded the offices of %s feedback item(s)", len(reminded))
    return reminded


def mark_overdue(batch: int = 500) -> list[int]:
    """Mark open items past their due date as overdue, once each; returns their ids.

    Each item is flipped by a conditional UPDATE, so two workers running at the same time
    never both record the same item. The item's event and the leaders' notices are written
    in the same transaction as the flag; each batch is a unit of work of its own.
    """
    moment = now()
    marked: list[int] = []
    while True:
        with unit_of_work():
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
                    .values(is_overdue=True)
                    .execution_options(synchronize_session=False)).rowcount
                if not flipped:
                    continue
                item = db.session.get(Feedback, item_id, populate_existing=True)
                _record(item, moment)
                marked.append(item_id)
    if marked:
        log.info("marked %s feedback item(s) overdue", len(marked))
    return marked


def _record(item: Feedback, moment) -> None:
    event = FeedbackEvent(feedback_id=item.id, kind="overdue", actor_label="system",
                          from_status=item.status, to_status=item.status, is_public=False,
                          note=calendar_due_text(item), created_at=moment)
    db.session.add(event)
    db.session.flush()
    code = display_code(item.tracking_code)
    text = messages.OVERDUE_TO_LEADER.format(code=code, office=item.office.name,
                                             due=calendar_due_text(item))
    due_key = item.due_at.strftime("%Y%m%dT%H%M%S")
    _tell_staff(leaders_of(item.unit_code), item, "feedback_overdue",
                messages.OVERDUE_SUBJECT.format(code=code), text,
                key=f"feedback:{item.id}:overdue:{due_key}")
