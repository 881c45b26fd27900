"""Public unit and category lists, and staff management of the directory (offices,
categories, routing rules)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import fields

from core.db import db
from core.errors import Forbidden
from core.schemas import BaseSchema, CleanString, between, error_responses, length, one_of
from directory import service
from directory.auth import current_staff, staff_required
from directory.models import Office

units = ApiBlueprint("units", __name__, url_prefix="/api/v1",
                     description="Đơn vị hành chính và lĩnh vực")


class UnitSchema(BaseSchema):
    """A unit as forms need it."""

    code = fields.String()
    name = fields.String()
    level = fields.String()


class UnitArgsSchema(BaseSchema):
    """Filter: the province whose communes to list."""

    parent = fields.String(validate=length(2, 5))


class CategorySchema(BaseSchema):
    """A category as forms need it."""

    code = fields.String()
    name = fields.String()


@units.get("/units")
@units.arguments(UnitArgsSchema, location="query")
@units.response(200, UnitSchema(many=True))
@error_responses(units, 404)
def list_units(args):
    """Provinces, or the communes of ``parent``."""
    return service.list_units(args.get("parent"))


@units.get("/units/<code>/categories")
@units.response(200, CategorySchema(many=True))
@error_responses(units, 404)
def unit_categories(code):
    """Categories a citizen can choose in this unit."""
    return service.categories_for_unit(service.get_unit(code))


# --- staff management -----------------------------------------------------------------------
staff_directory = ApiBlueprint("staff_directory", __name__, url_prefix="/api/v1/staff",
                               description="Quản lý cơ quan, lĩnh vực, quy tắc phân công")


class OfficeSchema(BaseSchema):
    """An office."""

    id = fields.Integer(dump_only=True)
    unit_code = fields.String(required=True, validate=length(2, 5))
    name = CleanString(required=True, single_line=True, validate=length(2, 200))
    kind = fields.String(load_default="office", validate=one_of(
        ("ubnd", "office", "police", "department", "other")))
    is_default = fields.Boolean(load_default=False)


class CategoryInSchema(BaseSchema):
    """A new category."""

    code = fields.String(required=True, validate=length(1, 40))
    name = CleanString(required=True, single_line=True, validate=length(2, 200))
    unit_code = fields.String(validate=length(2, 5))
    due_days = fields.Integer(validate=between(1, 60))


class RouteSchema(BaseSchema):
    """A routing rule."""

    category_code = fields.String(required=True, validate=length(1, 40))
    unit_code = fields.String(required=True, validate=length(2, 5))
    office_id = fields.Integer(required=True, validate=between(1, 2**31 - 1))
    due_days = fields.Integer(validate=between(1, 60), allow_none=True)


class OfficeArgsSchema(BaseSchema):
    """The unit whose offices to list."""

    unit = fields.String(required=True, validate=length(2, 5))


def _require_admin_of(unit_code: str) -> None:
    user = current_staff()
    unit = service.get_unit(unit_code)
    if user.role == "province_admin" and user.unit_code == unit.province_code:
        return
    if user.role == "commune_leader" and user.unit_code == unit.code:
        return
    raise Forbidden("Chỉ lãnh đạo đơn vị hoặc quản trị tỉnh được quản lý danh mục này.")


@staff_directory.get("/offices")
@staff_required
@staff_directory.arguments(OfficeArgsSchema, location="query")
@staff_directory.response(200, OfficeSchema(many=True))
@error_responses(staff_directory, 401, 404)
@staff_directory.doc(security=[{"bearerAuth": []}])
def list_offices(args):
    """Offices of a unit."""
    unit = service.get_unit(args["unit"])
    return db.session.scalars(sa.select(Office).where(Office.unit_code == unit.code)
                              .order_by(Office.name)).all()


@staff_directory.post("/offices")
@staff_required
@staff_directory.arguments(OfficeSchema)
@staff_directory.response(201, OfficeSchema)
@error_responses(staff_directory, 400, 401, 403, 404)
@staff_directory.doc(security=[{"bearerAuth": []}])
def create_office(data):
    """Add an office to a unit."""
    _require_admin_of(data["unit_code"])
    return service.create_office(**data)


@staff_directory.post("/categories")
@staff_required
@staff_directory.arguments(CategoryInSchema)
@staff_directory.response(201, CategorySchema)
@error_responses(staff_directory, 400, 401, 403, 404, 409)
@staff_directory.doc(security=[{"bearerAuth": []}])
def create_category(data):
    """Add a category (global categories: province administrators only)."""
    if data.get("unit_code"):
        _require_admin_of(data["unit_code"])
    elif current_staff().role != "province_admin":
        raise Forbidden("Chỉ quản trị tỉnh được thêm lĩnh vực dùng chung.")
    return service.create_category(**data)


@staff_directory.put("/routing-rules")
@staff_required
@staff_directory.arguments(RouteSchema)
@staff_directory.response(200, RouteSchema)
@error_responses(staff_directory, 400, 401, 403, 404)
@staff_directory.doc(security=[{"bearerAuth": []}])
def set_route(data):
    """Send a category in a unit to an office."""
    _require_admin_of(data["unit_code"])
    rule = service.set_route(**data)
    return {"category_code": rule.category.code, "unit_code": rule.unit_code,
            "office_id": rule.office_id, "due_days": rule.due_days}
