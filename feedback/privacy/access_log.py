"""The contact-access log: every time staff are shown a citizen's contact data, one row
(who, when, whose, on which surface). Leaders review it (console and staff API).

Feedback items are logged here; other domains holding citizens' contact data (consultation
comments) write their own rows and register, with :func:`register_scope`, which of those
rows a leader may review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import selectinload

from core import clock
from core.db import commit, db
from core.errors import Forbidden
from core.models import StaffUser
from feedback.access import LEADER_ROLES, contact_visible, scope_clause
from feedback.models import Feedback
from feedback.privacy import messages
from feedback.privacy.models import ContactAccess


def record(user: StaffUser, items: Iterable[Feedback], surface: str) -> int:
    """Log that ``user`` was shown the contact data of ``items``; commits. Returns rows."""
    moment = clock.now()
    rows = [{"staff_id": user.id, "feedback_id": item.id, "surface": surface,
             "created_at": moment} for item in items if contact_visible(item)]
    if rows:
        db.session.execute(sa.insert(ContactAccess), rows)
        commit()
    return len(rows)


Scope = Callable[[StaffUser], sa.ColumnElement[bool]]


def register_scope(app: Flask, scope: Scope) -> None:
    """Add a condition selecting the log rows (of another domain) ``user`` may review."""
    app.extensions.setdefault("contact_access_scopes", []).append(scope)


def require_reviewer(user: StaffUser) -> None:
    """Only leaders review the log."""
    if user.role not in LEADER_ROLES:
        raise Forbidden(messages.LOG_ROLE)


def entries(user: StaffUser, feedback_id: int | None = None, staff_id: int | None = None,
            before_id: int | None = None, limit: int = 50) -> list[ContactAccess]:
    """Log rows about items (and other domains' records) in the leader's scope, newest
    first (keyset by id)."""
    require_reviewer(user)
    scopes = [ContactAccess.feedback_id.in_(sa.select(Feedback.id).where(scope_clause(user)))]
    scopes += [scope(user) for scope in current_app.extensions.get("contact_access_scopes", ())]
    query = (sa.select(ContactAccess).where(sa.or_(*scopes))
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
