"""The contact-access log: every time staff are shown a citizen's contact data, one row
(who, when, whose, on which surface). Leaders review it (console and staff API).

One :func:`contact_view` serves every domain holding contact data (feedback items,
consultation comments): each registers, for its model, the rule of who may see it and
which log rows a leader reviews (:class:`privacy.subjects.ContactRule`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core import clock
from core.db import db, write_even_on_rollback
from core.errors import Forbidden
from directory.models import StaffUser
from directory.scope import LEADER_ROLES
from privacy import messages
from privacy.models import ContactAccess
from privacy.subjects import ContactRule, registry


def _rule(model: type) -> ContactRule:
    rule = registry().contacts.get(model)
    if rule is None:
        raise LookupError(f"no contact rule registered for {model.__name__}")
    return rule


def may_see(user: StaffUser, model: type) -> bool:
    """Whether the role of ``user`` may be shown the contact data of ``model``'s records."""
    return _rule(model).may_see(user)


def contact_view(user: StaffUser, subjects: Any | Iterable[Any], surface: str) -> int:
    """``user`` is shown ``subjects`` (one record or several of one model): if their role
    may see contact data, log one row per record holding any. Returns rows.

    The rows are kept even if the caller's unit of work rolls back (they are then written
    again in a unit of their own): the data was shown, whatever became of the request."""
    records = [subjects] if isinstance(subjects, db.Model) else list(subjects)
    if not records:
        return 0
    rule = _rule(type(records[0]))
    if not rule.may_see(user):
        return 0
    moment = clock.now()
    rows = [{"staff_id": user.id, rule.column: record.id, "surface": surface,
             "created_at": moment} for record in records if rule.visible(record)]
    if rows:
        write_even_on_rollback(lambda: db.session.execute(sa.insert(ContactAccess), rows))
    return len(rows)


def require_reviewer(user: StaffUser) -> None:
    """Only leaders review the log."""
    if user.role not in LEADER_ROLES:
        raise Forbidden(messages.LOG_ROLE)


def entries(user: StaffUser, feedback_id: int | None = None, staff_id: int | None = None,
            before_id: int | None = None, limit: int = 50) -> list[ContactAccess]:
    """Log rows about records in the leader's scope (every registered domain's), newest
    first (keyset by id)."""
    require_reviewer(user)
    scopes = [rule.review_scope(user) for rule in registry().contacts.values()]
    query = (sa.select(ContactAccess).where(sa.or_(sa.false(), *scopes))
             .options(selectinload(ContactAccess.staff), selectinload(ContactAccess.feedback),
                      selectinload(ContactAccess.comment))
             .order_by(ContactAccess.id.desc()).limit(limit))
    if feedback_id is not None:
        query = query.where(ContactAccess.feedback_id == feedback_id)
    if staff_id is not None:
        query = query.where(ContactAccess.staff_id == staff_id)
    if before_id is not None:
        query = query.where(ContactAccess.id < before_id)
    return list(db.session.scalars(query))
