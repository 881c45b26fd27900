"""Console pages of the reports of false information: the information office's queue, a
case with its reports, the verdict and clarification forms, and reports taken by phone,
over :mod:`factcheck.service`."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from console.base import bp
from core.db import db, savepoint
from core.errors import AppError
from directory import scope
from directory.auth import current_staff
from directory.models import AdminUnit
from factcheck import messages as factcheck_messages
from factcheck import service
from factcheck.routes import require_something, send_image
from factcheck.schemas import (
    ClarificationInSchema,
    PriorityInSchema,
    StaffReportInSchema,
    VerdictInSchema,
)
from privacy import notice as privacy_notice

FILTERS = ("open", "clarifying", "closed", "all")


def _render(template: str, **context):
    """A console page; templates name this package's messages ``fm`` and ``c``."""
    return render_template(template, fm=factcheck_messages, c=factcheck_messages.CONSOLE,
                           **context)


def _back(case_id: int):
    return redirect(url_for("console.factcheck_case", case_id=case_id), code=303)


def _form(*names: str) -> dict[str, str]:
    return {n: request.form.get(n, "").strip() for n in names if request.form.get(n, "").strip()}


@bp.get("/factcheck")
def factcheck_queue():
    """The cases in the user's scope: emergencies first, then by deadline."""
    user = current_staff()
    status = request.args.get("status", "open")
    status = status if status in FILTERS else "open"
    cases = service.queue(user, None if status == "all" else status, limit=200)
    return _render("console/factcheck_queue.html", cases=cases, status=status,
                   filters=FILTERS, may_act=user.role in service.ACTING_ROLES)


@bp.get("/factcheck/<int:case_id>")
def factcheck_case(case_id: int):
    """One case: its reports, verdict, clarification and timeline."""
    user = current_staff()
    case = service.get_scoped(case_id, user)
    return _render("console/factcheck_case.html", case=case,
                   may_act=user.role in service.ACTING_ROLES)


def _act(case_id: int, call, done: str):
    try:
        with savepoint():  # a refusal undoes this action alone; the page says why
            call(current_staff())
    except ValidationError as exc:
        flash(" ".join(_texts(exc.messages)), "error")
        return _back(case_id)
    except AppError as exc:
        if exc.status_code == 404:
            raise
        flash(exc.message, "error")
        return _back(case_id)
    flash(done, "success")
    return _back(case_id)


def _texts(errors) -> list[str]:
    if isinstance(errors, dict):
        return [t for v in errors.values() for t in _texts(v)]
    if isinstance(errors, list):
        return [t for v in errors for t in _texts(v)]
    return [str(errors)]


@bp.post("/factcheck/<int:case_id>/verdict")
def factcheck_verdict(case_id: int):
    """Record the verdict of a case."""
    def call(user):
        data = VerdictInSchema().load(_form("verdict", "note", "forwarded_to"))
        service.record_verdict(case_id, user, data["verdict"], data.get("note"),
                               data.get("forwarded_to"))
    return _act(case_id, call, factcheck_messages.CONSOLE["done_verdict"])


@bp.post("/factcheck/<int:case_id>/clarification")
def factcheck_clarification(case_id: int):
    """Write the official clarification and submit it for approval."""
    def call(user):
        service.start_clarification(case_id, user, ClarificationInSchema().load(
            _form("title", "summary", "body")))
    return _act(case_id, call, factcheck_messages.CONSOLE["done_clarification"])


@bp.post("/factcheck/<int:case_id>/priority")
def factcheck_priority(case_id: int):
    """Mark a case an emergency, or back to normal."""
    def call(user):
        data = PriorityInSchema().load(_form("priority"))
        service.set_priority(case_id, user, data["priority"])
    return _act(case_id, call, factcheck_messages.CONSOLE["done_priority"])


@bp.get("/factcheck/<int:case_id>/reports/<int:report_id>/image")
def factcheck_image(case_id: int, report_id: int):
    """A report's screenshot (staff of the case's scope)."""
    return send_image(case_id, report_id)


def _units(user) -> list[AdminUnit]:
    return list(db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.level == "commune", scope.unit_scope(user, AdminUnit.code))
        .order_by(AdminUnit.name)))


@bp.route("/factcheck/new", methods=["GET", "POST"])
def factcheck_new():
    """A report received by phone or in person."""
    user = current_staff()
    units = _units(user)
    values = {k: request.form.get(k, "") for k in (
        "unit_code", "link", "content", "seen_where", "name", "phone", "email", "consent")}
    if request.method == "GET":
        values["unit_code"] = user.unit_code
        return _render("console/factcheck_new.html", units=units, values=values, errors=[])
    payload = {k: values[k].strip() for k in ("unit_code", "link", "content", "seen_where")
               if values[k].strip()}
    reporter = {k: values[k].strip() for k in ("name", "phone", "email") if values[k].strip()}
    if reporter:
        payload["reporter"] = reporter
    if values["consent"] == "yes":
        payload["consent"] = {"purpose": factcheck_messages.CONSENT_PURPOSE,
                              "policy_version": privacy_notice.current_version(),
                              "text": factcheck_messages.CONSOLE["consent_given"]}
    try:
        data = StaffReportInSchema().load(payload)
        if data.get("consent"):  # asked on the phone by this member of staff
            data["consent"]["evidence"] = {"source": "phone", "staff_id": user.id}
        require_something(data, None)
        with savepoint():
            _, answer = service.report(data, None, channel="staff", actor=user)
    except ValidationError as exc:
        return _render("console/factcheck_new.html", units=units, values=values,
                       errors=_texts(exc.messages)), 422
    except AppError as exc:
        return _render("console/factcheck_new.html", units=units, values=values,
                       errors=[exc.message]), exc.status_code
    flash(factcheck_messages.CONSOLE["done_report"].format(code=answer["tracking_code"]), "success")
    return redirect(url_for("console.factcheck_queue"), code=303)
