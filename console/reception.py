"""Console page "Tiếp nhận phản ánh": staff enter feedback received by phone, in person or
on paper (feedback/reception.py), and read the caller their tracking code."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request
from marshmallow import ValidationError as SchemaError

import directory
from console.base import bp
from console.forms import field_errors
from core.db import db, savepoint
from core.errors import Forbidden, UserValueError
from directory.auth import current_staff
from directory.models import AdminUnit, StaffUser
from feedback import messages as feedback_messages
from feedback import reception
from feedback.access import ACTING_ROLES, scope_clause
from feedback.models import NOTIFY_CHOICES, Feedback
from feedback.schemas import StaffFeedbackInSchema

CONTACT_FIELDS = ("name", "phone", "email")


def _units(user: StaffUser) -> list[AdminUnit]:
    """Communes the user receives feedback for."""
    if user.unit.level != "province":
        return [user.unit]
    return list(db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.parent_code == user.unit_code).order_by(AdminUnit.name)))


def _require_receiver() -> StaffUser:
    user = current_staff()
    if user.role not in ACTING_ROLES:
        raise Forbidden(feedback_messages.READ_ONLY_ROLE)
    return user


def _form_data() -> dict:
    """The form as the staff API's body (empty fields left out)."""
    form = request.form
    data: dict = {key: form[key].strip() for key in
                  ("unit_code", "category_code", "title", "description", "received_via",
                   "notify_via") if (form.get(key) or "").strip()}
    reporter = {key: form[f"reporter_{key}"].strip() for key in CONTACT_FIELDS
                if (form.get(f"reporter_{key}") or "").strip()}
    if reporter:
        data["reporter"] = reporter
    if (form.get("address") or "").strip():
        data["location"] = {"address": form["address"].strip()}
    data["consent_given"] = form.get("consent_given") == "1"
    return data


def _page(user: StaffUser, status: int = 200, **extra):
    units = _units(user)
    chosen = (request.form.get("unit_code") or "").strip() or units[0].code if units else None
    unit = next((u for u in units if u.code == chosen), units[0] if units else user.unit)
    return render_template(
        "console/reception.html", units=units, categories=directory.categories_for_unit(unit),
        via=reception.RECEIVED_VIA, via_labels=feedback_messages.RECEIVED_VIA_LABELS,
        notify_choices=NOTIFY_CHOICES, values=request.form, errors=extra.pop("errors", {}),
        **extra), status


@bp.route("/feedback/new", methods=["GET", "POST"])
def receive():
    """Enter feedback received by phone, in person or on paper."""
    user = _require_receiver()
    if request.method == "GET":
        return _page(user)
    data = _form_data()
    try:
        with savepoint():
            _, answer = reception.receive(StaffFeedbackInSchema().load(data), user)
    except SchemaError as exc:
        return _page(user, 422, errors=_flat(exc.messages))
    except UserValueError as exc:
        return _page(user, 422, errors=_flat(exc.errors) or {"form": exc.message})
    visible = db.session.scalar(sa.select(Feedback.id).where(
        Feedback.id == answer["id"], scope_clause(user)))
    return render_template("console/reception_done.html", answer=answer,
                           item_id=visible)


def _flat(errors: dict | None) -> dict[str, str]:
    """Field errors named as the form's fields (``reporter.phone`` → ``reporter_phone``)."""
    flat: dict[str, str] = {}
    for name, value in (errors or {}).items():
        if name in ("reporter", "location") and isinstance(value, dict):
            for inner, text in field_errors(value).items():
                flat["address" if name == "location" else f"reporter_{inner}"] = text
        else:
            flat.update(field_errors({name: value}))
    return flat
