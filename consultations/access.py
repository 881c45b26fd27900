"""Who may see and act on which consultations: one place for the scope rules.

- province_admin: consultations of the province and of its communes; writes, moderates,
  publishes summaries for any of them
- commune_leader: those of the commune; writes, moderates, publishes the summary
- officer: those of the commune; writes and moderates (the summary is a leader's)
- viewer: reads those of their unit
The announcement notice is approved through the notices workflow (nobody approves their own).
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from core.db import db
from core.errors import Forbidden, NotFound
from core.models import AdminUnit, StaffUser
from consultations import messages
from consultations.models import Consultation

log = logging.getLogger(__name__)

WRITING_ROLES = ("province_admin", "commune_leader", "officer")
SUMMARY_ROLES = ("province_admin", "commune_leader")


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the consultations ``user`` may see."""
    if user.unit.level == "province":
        communes = sa.select(AdminUnit.code).where(AdminUnit.parent_code == user.unit_code)
        return sa.or_(Consultation.unit_code == user.unit_code,
                      Consultation.unit_code.in_(communes))
    return Consultation.unit_code == user.unit_code


def get_scoped(consultation_id: int, user: StaffUser, for_update: bool = False) -> Consultation:
    """A consultation the user may see; 404 for anything else."""
    query = sa.select(Consultation).where(Consultation.id == consultation_id,
                                          scope_clause(user))
    if for_update:
        query = query.with_for_update()
    item = db.session.scalar(query)
    if item is None:
        log.warning("consultation %s not in scope of staff %s", consultation_id, user.id)
        raise NotFound(messages.NOT_FOUND)
    return item


def require_writer(user: StaffUser, unit: AdminUnit) -> None:
    """Refuse read-only roles and units outside the user's own."""
    if user.role not in WRITING_ROLES:
        raise Forbidden(messages.READ_ONLY)
    if user.role == "province_admin":
        if unit.province_code != user.unit_code:
            raise Forbidden(messages.NOT_YOUR_UNIT)
    elif unit.code != user.unit_code:
        raise Forbidden(messages.NOT_YOUR_UNIT)


def require_summary_role(user: StaffUser) -> None:
    """Only a leader (or the province's administrator) publishes the summary."""
    if user.role not in SUMMARY_ROLES:
        raise Forbidden(messages.SUMMARY_ROLE)
