"""Ready texts for staff (answers, reasons to refuse), managed per unit and category.

A template belongs to a commune or a province (then every commune of the province uses it),
or to no unit (shared by all, read only here); it may be for one category or for all. The
commune's leader manages the commune's templates; a province's administrator those of the
province and its communes. Retired templates are kept (answers sent with them stay
explained) but no longer offered. Each use case commits once.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import directory
from core import messages as core_messages
from core.db import db, flush
from core.errors import Forbidden, NotFound, UserValueError
from directory import scope
from directory.models import AdminUnit, Category, StaffUser
from feedback import messages
from feedback.models import ResponseTemplate

KINDS = ("answer", "refuse")


def visible_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """Templates the user's items may use: shared ones, their unit's, their province's and,
    for a province's staff, its communes'."""
    units = sa.select(AdminUnit.code).where(sa.or_(
        AdminUnit.code.in_((user.unit_code, user.unit.province_code)),
        AdminUnit.parent_code == user.unit_code))
    return sa.or_(ResponseTemplate.unit_code.is_(None), ResponseTemplate.unit_code.in_(units))


def listing(user: StaffUser) -> list[ResponseTemplate]:
    """Every template the user sees, active first, by kind, unit and title."""
    return list(db.session.scalars(sa.select(ResponseTemplate).where(visible_clause(user))
                                   .order_by(ResponseTemplate.is_active.desc(),
                                             ResponseTemplate.kind, ResponseTemplate.unit_code,
                                             ResponseTemplate.title)))


def may_manage(user: StaffUser, template: ResponseTemplate | None = None,
               unit: AdminUnit | None = None) -> bool:
    """Whether the user may write templates of ``unit`` (or of the template's unit)."""
    if user.role not in scope.LEADER_ROLES:
        return False
    if template is not None:
        if template.unit_code is None:
            return False
        unit = directory.get_unit(template.unit_code)
    if unit is None:
        return True
    try:
        scope.require_writer(user, unit, messages.TEMPLATE_ROLE, messages.TEMPLATE_NOT_YOUR_UNIT)
    except Forbidden:
        return False
    return True


def _unit(user: StaffUser, code: str | None) -> AdminUnit:
    scope.require_role(user, scope.LEADER_ROLES, messages.TEMPLATE_ROLE)
    try:
        unit = directory.get_unit(code or user.unit_code)
    except NotFound:
        raise UserValueError(core_messages.UNIT_NOT_FOUND,
                             {"unit_code": [core_messages.UNIT_NOT_FOUND]}) from None
    scope.require_writer(user, unit, messages.TEMPLATE_ROLE, messages.TEMPLATE_NOT_YOUR_UNIT)
    return unit


def _category(code: str | None, unit: AdminUnit) -> int | None:
    if not code:
        return None
    category = db.session.scalar(sa.select(Category).where(Category.code == code))
    if category is None or category not in directory.categories_for_unit(unit):
        raise UserValueError(core_messages.CATEGORY_NOT_FOUND,
                             {"category_code": [core_messages.CATEGORY_NOT_FOUND]})
    return category.id


def get_managed(user: StaffUser, template_id: int) -> ResponseTemplate:
    """A template the user may edit; 404 for one they cannot see, 403 for one they only
    read."""
    template = db.session.scalar(sa.select(ResponseTemplate).where(
        ResponseTemplate.id == template_id, visible_clause(user)))
    if template is None:
        raise NotFound(messages.TEMPLATE_NOT_FOUND)
    if template.unit_code is None:
        raise Forbidden(messages.TEMPLATE_SHARED)
    _unit(user, template.unit_code)
    return template


def create(user: StaffUser, data: dict[str, Any]) -> ResponseTemplate:
    """A new template of a unit the user manages."""
    unit = _unit(user, data.get("unit_code"))
    template = ResponseTemplate(kind=data["kind"], unit_code=unit.code,
                                category_id=_category(data.get("category_code"), unit),
                                title=data["title"], body=data["body"], is_active=True)
    db.session.add(template)
    flush()
    return template


def update(user: StaffUser, template_id: int, data: dict[str, Any]) -> ResponseTemplate:
    """Change a template's kind, category, title or text (its unit stays)."""
    template = get_managed(user, template_id)
    unit = directory.get_unit(template.unit_code)
    template.kind, template.title, template.body = data["kind"], data["title"], data["body"]
    template.category_id = _category(data.get("category_code"), unit)
    flush()
    return template


def set_active(user: StaffUser, template_id: int, active: bool) -> ResponseTemplate:
    """Retire a template (no longer offered) or offer it again."""
    template = get_managed(user, template_id)
    template.is_active = active
    flush()
    return template
