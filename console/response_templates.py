"""Console page "Mẫu câu trả lời": leaders and province administrators create, edit, retire
and restore the answer and refusal templates of their units (feedback/response_templates.py);
officers read them and use them when answering."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError as SchemaError

import directory
from console import messages
from console.base import bp
from console.forms import field_errors
from core.db import savepoint
from core.errors import UserValueError
from directory.auth import current_staff
from directory.models import StaffUser
from feedback import response_templates as service
from feedback.models import ResponseTemplate
from feedback.schemas import ResponseTemplateInSchema


def _form_data() -> dict:
    form = request.form
    return {key: form[key].strip() for key in ("kind", "unit_code", "category_code", "title",
                                               "body") if (form.get(key) or "").strip()}


def _page(user: StaffUser, status: int = 200, editing: ResponseTemplate | None = None,
          **extra):
    units = [user.unit] if user.unit.level != "province" else \
        [user.unit, *directory.list_units(user.unit_code)]
    rows = service.listing(user)
    return render_template(
        "console/templates.html", rows=rows, units=units, editing=editing,
        categories=directory.categories_for_unit(user.unit), kinds=service.KINDS,
        may_create=service.may_manage(user), manageable={
            t.id for t in rows if service.may_manage(user, t)},
        values=extra.pop("values", request.form), errors=extra.pop("errors", {}),
        **extra), status


@bp.get("/templates")
def templates():
    """The templates the user's items may use; the form to add one (leaders)."""
    return _page(current_staff())


@bp.post("/templates")
def template_create():
    """Add a template for a unit and (optionally) a category."""
    user = current_staff()
    try:
        with savepoint():
            service.create(user, ResponseTemplateInSchema().load(_form_data()))
    except SchemaError as exc:
        return _page(user, 422, errors=field_errors(exc.messages))
    except UserValueError as exc:
        return _page(user, 422, errors=field_errors(exc.errors) or {"form": exc.message})
    flash(messages.TEMPLATE_CREATED, "success")
    return redirect(url_for("console.templates"), code=303)


@bp.get("/templates/<int:template_id>")
def template_edit(template_id: int):
    """The edit form of one template."""
    user = current_staff()
    template = service.get_managed(user, template_id)
    values = {"kind": template.kind, "title": template.title, "body": template.body,
              "category_code": template.category.code if template.category else ""}
    return _page(user, editing=template, values=values)


@bp.post("/templates/<int:template_id>")
def template_update(template_id: int):
    """Save the changes to a template."""
    user = current_staff()
    template = service.get_managed(user, template_id)
    try:
        with savepoint():
            service.update(user, template_id, ResponseTemplateInSchema().load(_form_data()))
    except SchemaError as exc:
        return _page(user, 422, editing=template, errors=field_errors(exc.messages))
    except UserValueError as exc:
        return _page(user, 422, editing=template,
                     errors=field_errors(exc.errors) or {"form": exc.message})
    flash(messages.TEMPLATE_SAVED, "success")
    return redirect(url_for("console.templates"), code=303)


@bp.post("/templates/<int:template_id>/<any(retire, restore):action>")
def template_set_active(template_id: int, action: str):
    """Retire a template (no longer offered) or offer it again."""
    service.set_active(current_staff(), template_id, action == "restore")
    flash(messages.TEMPLATE_RETIRED if action == "retire" else messages.TEMPLATE_RESTORED,
          "success")
    return redirect(url_for("console.templates"), code=303)
