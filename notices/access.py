"""Who may see and act on which notices: one place for the scope rules.

- province_admin: notices of the province and of its communes; writes for any of them,
  approves and withdraws any of them
- commune_leader: notices of the commune; writes, approves and withdraws them
- officer: notices of the commune; writes them (approval is a leader's)
- viewer: reads the notices of their unit
Nobody approves a notice they wrote.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core.db import db
from core.errors import Forbidden, NotFound
from core.models import AdminUnit, StaffUser
from notices import messages
from notices.models import Notice

log = logging.getLogger(__name__)

WRITING_ROLES = ("province_admin", "commune_leader", "officer")
APPROVING_ROLES = ("province_admin", "commune_leader")


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the notices ``user`` may see."""
    if user.unit.level == "province":
        communes = sa.select(AdminUnit.code).where(AdminUnit.parent_code == user.unit_code)
        return sa.or_(Notice.unit_code == user.unit_code, Notice.unit_code.in_(communes))
    return Notice.unit_code == user.unit_code


def get_scoped(notice_id: int, user: StaffUser, for_update: bool = False) -> Notice:
    """A notice the user may see; 404 for anything else."""
    query = sa.select(Notice).where(Notice.id == notice_id, scope_clause(user))
    if for_update:
        query = query.with_for_update()
    notice = db.session.scalar(query)
    if notice is None:
        log.warning("notice %s not in scope of staff %s", notice_id, user.id)
        raise NotFound(messages.NOT_FOUND)
    return notice


def require_writer(user: StaffUser, unit: AdminUnit) -> None:
    """Refuse read-only roles and units outside the user's own."""
    if user.role not in WRITING_ROLES:
        raise Forbidden(messages.READ_ONLY)
    if user.role == "province_admin":
        if unit.province_code != user.unit_code:
            raise Forbidden(messages.NOT_YOUR_UNIT)
    elif unit.code != user.unit_code:
        raise Forbidden(messages.NOT_YOUR_UNIT)


def can_approve(user: StaffUser, notice: Notice) -> bool:
    """A commune leader of the notice's commune or an administrator of its province."""
    if user.role == "province_admin":
        return notice.unit.province_code == user.unit_code
    if user.role == "commune_leader":
        return notice.unit_code == user.unit_code
    return False
