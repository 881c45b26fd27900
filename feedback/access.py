"""Who may see and act on which feedback: one place for the scope rules.

- province_admin: every item in the province's communes
- commune_leader: every item in the commune
- officer: items currently with their office
- viewer: read-only, the items of their unit (province or commune), without contact data

Workflow actions need an acting role; deciding an extension needs a leader (commune leader
or province administrator). Anything out of scope is a 404, logged without personal data.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core.db import db
from core.errors import Forbidden, NotFound
from core.models import AdminUnit, StaffUser
from feedback import messages
from feedback.models import Feedback

log = logging.getLogger(__name__)

ACTING_ROLES = ("province_admin", "commune_leader", "officer")
LEADER_ROLES = ("province_admin", "commune_leader")
# Actions only a leader may take.
LEADER_ACTIONS = frozenset({"approve_extension", "reject_extension"})


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the items ``user`` may see."""
    if user.role == "officer":
        return Feedback.office_id == (user.office_id or -1)
    if user.unit.level == "province":
        communes = sa.select(AdminUnit.code).where(AdminUnit.parent_code == user.unit_code)
        return Feedback.unit_code.in_(communes)
    return Feedback.unit_code == user.unit_code


def get_scoped(item_id: int, user: StaffUser, for_update: bool = False) -> Feedback:
    """Load an item the user may see; 404 (and a log line) for anything else."""
    query = sa.select(Feedback).where(Feedback.id == item_id, scope_clause(user))
    if for_update:
        query = query.with_for_update()
    item = db.session.scalar(query)
    if item is None:
        log.warning("feedback %s not in scope of staff %s", item_id, user.id)
        raise NotFound(messages.NOT_FOUND)
    return item


def require_actor(user: StaffUser) -> None:
    """Refuse read-only roles."""
    if user.role not in ACTING_ROLES:
        raise Forbidden(messages.READ_ONLY_ROLE)


def may_act(user: StaffUser, action: str) -> bool:
    """Whether the role of ``user`` allows ``action`` (scope is checked separately)."""
    if user.role not in ACTING_ROLES:
        return False
    return action not in LEADER_ACTIONS or user.role in LEADER_ROLES


def require_action(user: StaffUser, action: str) -> None:
    """Refuse an action the role does not allow (403)."""
    require_actor(user)
    if not may_act(user, action):
        raise Forbidden(messages.LEADER_ONLY)


def may_see_contact(user: StaffUser) -> bool:
    """Officers and leaders handling an item see the reporter's contact data; viewers not."""
    return user.role in ACTING_ROLES


def contact_visible(item: Feedback) -> bool:
    """Whether the item holds contact data staff may be shown: not anonymous, not erased,
    not restricted by the citizen (feedback/privacy)."""
    return (not item.is_anonymous and item.contact_restricted_at is None
            and any((item.reporter_name, item.reporter_phone, item.reporter_email)))
