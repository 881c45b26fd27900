"""Who may see and act on which consultations: one place for the scope rules.

- province_admin: consultations of the province and of its communes; writes, moderates,
  publishes summaries for any of them
- commune_leader: those of the commune; writes, moderates, publishes the summary
- officer: those of the commune; writes and moderates (the summary is a leader's)
- viewer: reads those of their unit
The announcement notice is approved through the notices workflow (nobody approves their own).
"""

from __future__ import annotations

import sqlalchemy as sa

from consultations import messages
from consultations.models import Consultation
from directory import scope
from directory.models import AdminUnit, StaffUser

WRITING_ROLES = scope.WRITING_ROLES
SUMMARY_ROLES = scope.LEADER_ROLES


def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """SQL condition selecting the consultations ``user`` may see."""
    return scope.unit_scope(user, Consultation.unit_code)


def get_scoped(consultation_id: int, user: StaffUser, for_update: bool = False) -> Consultation:
    """A consultation the user may see; 404 for anything else."""
    return scope.get_scoped(Consultation, consultation_id, user, scope_clause(user),
                            messages.NOT_FOUND, for_update)


def require_writer(user: StaffUser, unit: AdminUnit) -> None:
    """Refuse read-only roles and units outside the user's own."""
    scope.require_writer(user, unit, messages.READ_ONLY, messages.NOT_YOUR_UNIT)


def require_summary_role(user: StaffUser) -> None:
    """Only a leader (or the province's administrator) publishes the summary."""
    scope.require_role(user, SUMMARY_ROLES, messages.SUMMARY_ROLE)
