"""Who may see and act on which notices: one place for the scope rules.

- province_admin: notices of the province and of its communes; writes for any of them,
  approves and withdraws any of them
- commune_leader: notices of the commune; writes, approves and withdraws them
- officer: notices of the commune; writes them (approval is a leader's)
- viewer: reads the notices of their unit
Nobody approves a notice they wrote.
"""

from __future__ import annotations

import sqlalchemy as sa

from directory import scope
from directory.models import AdminUnit, StaffUser
from notices import messages
from notices.models import Notice

WRITING_ROLES = scope.WRITING_ROLES
APPROVING_ROLES = scope.LEADER_ROLES


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the notices ``user`` may see."""
    return scope.unit_scope(user, Notice.unit_code)


def get_scoped(notice_id: int, user: StaffUser, for_update: bool = False) -> Notice:
    """A notice the user may see; 404 for anything else."""
    return scope.get_scoped(Notice, notice_id, user, scope_clause(user),
                            messages.NOT_FOUND, for_update)


def require_writer(user: StaffUser, unit: AdminUnit) -> None:
    """Refuse read-only roles and units outside the user's own."""
    scope.require_writer(user, unit, messages.READ_ONLY, messages.NOT_YOUR_UNIT)


def can_approve(user: StaffUser, notice: Notice) -> bool:
    """A commune leader of the notice's commune or an administrator of its province."""
    if user.role == "province_admin":
        return notice.unit.province_code == user.unit_code
    if user.role == "commune_leader":
        return notice.unit_code == user.unit_code
    return False
