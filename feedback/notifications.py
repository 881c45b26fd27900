"""What the citizens and staff were told: the outbox rows of feedback items, as staff see
them (the item page, the list of messages that did not reach citizens, a staff member's own
reminders). Recipients (phones, e-mails, Zalo ids) are never part of these views."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from core.outbox import UNDELIVERED_STATUSES
from directory.models import StaffUser
from feedback.access import scope_clause
from feedback.models import Feedback


def of_item(item: Feedback) -> list[Delivery]:
    """Messages about one item to its citizen, oldest first."""
    return list(db.session.scalars(
        sa.select(Delivery).where(Delivery.subject_type == "feedback",
                                  Delivery.subject_id == item.id,
                                  ~Delivery.channel.in_(("staff_email", "admin")))
        .order_by(Delivery.id)))


def undelivered(user: StaffUser, limit: int = 50, offset: int = 0
                ) -> list[sa.Row[tuple[Delivery, Feedback]]]:
    """Messages to citizens about items in the user's scope that never reached them (every
    route failed), newest first."""
    return list(db.session.execute(
        sa.select(Delivery, Feedback)
        .join(Feedback, sa.and_(Delivery.subject_type == "feedback",
                                Delivery.subject_id == Feedback.id))
        .where(Delivery.status.in_(UNDELIVERED_STATUSES),
               ~Delivery.channel.in_(("staff_email", "admin")), scope_clause(user))
        .order_by(Delivery.id.desc()).limit(limit).offset(offset)).all())


def count_undelivered(user: StaffUser) -> int:
    """How many messages to citizens in the user's scope never reached them."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Delivery)
        .join(Feedback, sa.and_(Delivery.subject_type == "feedback",
                                Delivery.subject_id == Feedback.id))
        .where(Delivery.status.in_(UNDELIVERED_STATUSES),
               ~Delivery.channel.in_(("staff_email", "admin")), scope_clause(user))) or 0


def for_staff(user: StaffUser, limit: int = 50) -> list[Delivery]:
    """Reminders and escalations addressed to this staff member, newest first."""
    return list(db.session.scalars(
        sa.select(Delivery).where(Delivery.channel == "staff_email",
                                  Delivery.recipient == f"staff:{user.id}")
        .order_by(Delivery.id.desc()).limit(limit)))
