"""Who may see and act on which feedback: one place for the scope rules.

- province_admin: every item in the province's communes
- commune_leader: every item in the commune
- officer: items currently with their office
- viewer: read-only, the items of their unit (province or commune), without contact data

Workflow actions need an acting role; deciding an extension needs a leader (commune leader
or province administrator). Anything out of scope is a 404, logged without personal data.
"""

from __future__ import annotations

import sqlalchemy as sa

from core.errors import Forbidden
from directory import scope
from directory.models import StaffUser
from feedback import messages
from feedback.models import Feedback

ACTING_ROLES = ("province_admin", "commune_leader", "officer")
LEADER_ROLES = scope.LEADER_ROLES
# Actions only a leader may take.
LEADER_ACTIONS = frozenset({"approve_extension", "reject_extension"})


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the items ``user`` may see."""
    if user.role == "officer":
        return Feedback.office_id == (user.office_id or -1)
    return scope.unit_scope(user, Feedback.unit_code, with_province=False)


def get_scoped(item_id: int, user: StaffUser, for_update: bool = False) -> Feedback:
    """Load an item the user may see; 404 (and a log line) for anything else."""
    return scope.get_scoped(Feedback, item_id, user, scope_clause(user), messages.NOT_FOUND,
                            for_update)


def require_actor(user: StaffUser) -> None:
    """Refuse read-only roles."""
    scope.require_role(user, ACTING_ROLES, messages.READ_ONLY_ROLE)


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
    not restricted by the citizen (privacy/)."""
    return (not item.is_anonymous and item.contact_restricted_at is None
            and any((item.reporter_name, item.reporter_phone, item.reporter_email)))
