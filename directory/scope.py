"""Scope and roles, one set of rules for every domain: which unit's records a staff member
sees, loading one record within that scope (anything else is a 404, logged without
personal data), and refusing roles that may not act."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

import sqlalchemy as sa

from core.db import db
from core.errors import Forbidden, NotFound
from directory.models import AdminUnit, StaffUser

log = logging.getLogger(__name__)

Model = TypeVar("Model")

WRITING_ROLES = ("province_admin", "commune_leader", "officer")
LEADER_ROLES = ("province_admin", "commune_leader")


def unit_scope(user: StaffUser, unit_column: Any, *,
               with_province: bool = True) -> sa.ColumnElement[bool]:
    """Records of the user's commune; for a province's staff, those of its communes (and of
    the province itself unless ``with_province`` is false)."""
    if user.unit.level == "province":
        communes = sa.select(AdminUnit.code).where(AdminUnit.parent_code == user.unit_code)
        if with_province:
            return sa.or_(unit_column == user.unit_code, unit_column.in_(communes))
        return unit_column.in_(communes)
    return unit_column == user.unit_code


def get_scoped(model: type[Model], record_id: int, user: StaffUser,
               clause: sa.ColumnElement[bool], not_found: str,
               for_update: bool = False) -> Model:
    """Load one record the user may see; 404 (and a log line) for anything else."""
    query = sa.select(model).where(model.id == record_id, clause)  # type: ignore[attr-defined]
    if for_update:
        query = query.with_for_update()
    record = db.session.scalar(query)
    if record is None:
        log.warning("%s %s not in scope of staff %s", model.__tablename__,  # type: ignore[attr-defined]
                    record_id, user.id)
        raise NotFound(not_found)
    return record


def require_role(user: StaffUser, roles: tuple[str, ...], message: str) -> None:
    """Refuse a role outside ``roles`` (403 with ``message``)."""
    if user.role not in roles:
        raise Forbidden(message)


def require_writer(user: StaffUser, unit: AdminUnit, read_only: str,
                   not_your_unit: str) -> None:
    """Refuse read-only roles and units outside the user's own (a province's administrator
    writes for the province and its communes)."""
    require_role(user, WRITING_ROLES, read_only)
    if user.role == "province_admin":
        if unit.province_code != user.unit_code:
            raise Forbidden(not_your_unit)
    elif unit.code != user.unit_code:
        raise Forbidden(not_your_unit)
