"""Console pages for notices (thông tin thiết yếu): the list, writing a draft, editing it,
correcting a published notice, and one notice with its versions, history, deliveries and
the actions its state and the user's role allow, over :mod:`notices.service`.

The service and :mod:`notices.access` own every rule (scope, who writes, who approves,
nobody approves their own notice, which state allows what); these pages only decide which
buttons to offer and turn refusals into Vietnamese messages.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from markupsafe import Markup
from marshmallow import ValidationError as SchemaError
from werkzeug.datastructures import MultiDict

from console import messages
from console.base import bp
from console.forms import field_errors, first_error
from core import storage
from core.clock import to_local
from core.db import db, savepoint
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.messages import FIELD_REQUIRED
from directory.auth import current_staff
from directory.models import AdminUnit, StaffUser
from notices import messages as notices_messages
from notices import service
from notices.access import APPROVING_ROLES, WRITING_ROLES, can_approve, get_scoped, require_writer
from notices.html import render_body, sanitise, to_source
from notices.models import (
    CATEGORIES,
    PRIORITIES,
    RISK_COLOURS,
    STATUSES,
    CapAlert,
    Notice,
    NoticeImage,
)
from notices.routes import PayloadTooLarge, read_image
from notices.schemas import (
    ApproveSchema,
    ImageFormSchema,
    NoticeInSchema,
    NoticeUpdateSchema,
    ReasonSchema,
    StaffListArgsSchema,
)

ACTIONS = ("submit", "approve", "reject", "withdraw")
TEXT_FIELDS = ("title", "summary", "body", "category", "priority")
REQUIRED_FIELDS = ("title", "summary", "body", "category")
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">


def _redirect(notice_id: int):
    return redirect(url_for("console.notice", notice_id=notice_id), code=303)


# --- the list ---------------------------------------------------------------------------------
@bp.get("/notices")
def notices():
    """Notices in the user's scope, newest first, filtered by status, in keyset pages."""
    user = current_staff()
    size = current_app.config["CONSOLE_PAGE_SIZE"]
    raw = {k: request.args[k].strip() for k in ("status", "before")
           if (request.args.get(k) or "").strip()}
    try:
        args = StaffListArgsSchema().load({**raw, "limit": size})
    except SchemaError:
        flash(messages.FILTER_INVALID, "error")
        raw, args = {}, {"limit": size}
    items, after = service.staff_page(user, args.get("status"), args.get("before"), size)
    filters = {"status": raw["status"]} if "status" in raw else {}
    return render_template(
        "console/notices.html", items=items, counts=service.status_counts(user),
        status=raw.get("status", ""), statuses=STATUSES, nm=notices_messages,
        next_url=url_for("console.notices", **filters, before=after) if after else None,
        first_url=url_for("console.notices", **filters), is_first="before" not in raw,
        may_write=user.role in WRITING_ROLES)


# --- writing ----------------------------------------------------------------------------------
def _units(user: StaffUser) -> list[AdminUnit]:
    """Units the form offers: the user's own, and for a province its communes (the service
    decides what the user may actually write for and target)."""
    if user.unit.level != "province":
        return [user.unit]
    communes = db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.parent_code == user.unit_code).order_by(AdminUnit.name))
    return [user.unit, *communes]


def _local_input(value) -> str:
    return to_local(value).strftime(LOCAL_INPUT) if value else ""


def _values_of(item: Notice, *, correction: bool = False) -> dict[str, Any]:
    """A stored notice as the form's values."""
    return {
        "unit_code": item.unit_code, "title": item.title, "summary": item.summary,
        "body": to_source(item.body), "category": item.category, "priority": item.priority,
        "risk_level": str(item.risk_level or ""), "targets": item.target_codes,
        "publish_at": "" if correction else _local_input(item.publish_at),
        "expires_at": _local_input(item.expires_at),
    }


def _values_from(form: MultiDict) -> dict[str, Any]:
    """What the user typed, to show again with the errors."""
    values = {k: form.get(k, "") for k in ("unit_code", *TEXT_FIELDS, "risk_level",
                                           "publish_at", "expires_at")}
    values["targets"] = form.getlist("targets")
    return values


def _read_form(form: MultiDict, owner: str, units: list[AdminUnit],
               new: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """The form as the staff API's input, validated by the API's schema: (data, errors)."""
    errors: dict[str, str] = {}
    data: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = (form.get(name) or "").strip()
        if value:
            data[name] = value
        elif name in REQUIRED_FIELDS:
            errors[name] = FIELD_REQUIRED
    risk = (form.get("risk_level") or "").strip()
    data["risk_level"] = int(risk) if risk.isdigit() else (risk or None)
    for name in ("publish_at", "expires_at"):
        data[name] = (form.get(name) or "").strip() or None
    if new and len(units) > 1:
        data["unit_code"] = owner
    if len(units) > 1:  # a province's staff choose targets; a commune's notice is its own
        data["targets"] = [c.strip() for c in form.getlist("targets") if c.strip()] or [owner]
    schema = NoticeInSchema() if new else NoticeUpdateSchema()
    try:
        loaded = schema.load(data)
    except SchemaError as exc:
        return {}, {**field_errors(exc.messages), **errors}
    return loaded, errors


def _render_form(mode: str, user: StaffUser, values: dict[str, Any], status: int = 200,
                 item: Notice | None = None, errors: dict[str, str] | None = None,
                 preview: Markup | None = None):
    titles = {"new": messages.NOTICE_NEW_TITLE, "edit": messages.NOTICE_EDIT_TITLE,
              "correct": messages.NOTICE_CORRECT_TITLE}
    actions = {"new": url_for("console.notice_create"),
               "edit": url_for("console.notice_update", notice_id=item.id) if item else None,
               "correct": url_for("console.notice_correct", notice_id=item.id) if item else None}
    if errors:
        flash(messages.NOTICE_FORM_INVALID, "error")
    return render_template(
        "console/notice_form.html", mode=mode, title=titles[mode], action=actions[mode],
        item=item, values=values, errors=errors or {}, units=_units(user), nm=notices_messages,
        preview=preview, categories=CATEGORIES, priorities=PRIORITIES,
        risk_levels=sorted(RISK_COLOURS)), status


def _save(mode: str, user: StaffUser, item: Notice | None, call):
    """Validate the form, run the use case; on bad input show the form again (422). The
    preview button shows the form again with the body as it will be published (the same
    renderer as saving), and saves nothing."""
    form = request.form
    if "preview" in form:
        body = form.get("body") or ""
        return _render_form(mode, user, _values_from(form), item=item,
                            preview=Markup(render_body(body)))
    units = _units(user)
    if item is not None:
        owner = item.unit_code
    else:
        owner = (form.get("unit_code") or "").strip() or user.unit_code
        if owner not in {u.code for u in units}:
            raise Forbidden(notices_messages.NOT_YOUR_UNIT)
    data, errors = _read_form(form, owner, units, new=mode == "new")
    if not errors:
        try:
            with savepoint():
                return call(data)
        except UserValueError as exc:
            errors = field_errors(exc.errors) or {"form": exc.message}
    return _render_form(mode, user, _values_from(form), 422, item, errors)


@bp.get("/notices/new")
def notice_new():
    """The form for a new notice (saved as a draft)."""
    user = current_staff()
    require_writer(user, user.unit)
    return _render_form("new", user, {"unit_code": user.unit_code, "priority": "normal",
                                      "targets": []})


@bp.post("/notices/new")
def notice_create():
    """Save a new draft, then show it."""
    user = current_staff()
    require_writer(user, user.unit)

    def create(data):
        item = service.create(data, user)
        flash(messages.NOTICE_CREATED, "success")
        return _redirect(item.id)

    return _save("new", user, None, create)


def _editable(notice_id: int, user: StaffUser, action: str, *statuses: str) -> Notice | None:
    """The notice if the user may write it and it is in one of ``statuses``; None after
    flashing why not (the service refuses the same way)."""
    item = get_scoped(notice_id, user)
    require_writer(user, item.unit)
    if item.status not in statuses:
        flash(notices_messages.TRANSITION_NOT_ALLOWED.format(
            action=notices_messages.ACTION_LABELS[action],
            status=notices_messages.STATUS_LABELS[item.status]), "error")
        return None
    return item


@bp.get("/notices/<int:notice_id>/edit")
def notice_edit(notice_id: int):
    """The form to change a draft."""
    user = current_staff()
    item = _editable(notice_id, user, "update", *service.EDITABLE)
    if item is None:
        return _redirect(notice_id)
    return _render_form("edit", user, _values_of(item), item=item)


@bp.post("/notices/<int:notice_id>/edit")
def notice_update(notice_id: int):
    """Save the changes to a draft."""
    user = current_staff()
    item = _editable(notice_id, user, "update", *service.EDITABLE)
    if item is None:
        return _redirect(notice_id)

    def update(data):
        try:
            with savepoint():
                service.update(item.id, data, user)
        except Conflict as exc:  # changed state meanwhile
            flash(exc.message, "error")
        else:
            flash(messages.NOTICE_SAVED, "success")
        return _redirect(item.id)

    return _save("edit", user, item, update)


@bp.get("/notices/<int:notice_id>/correct")
def notice_correction(notice_id: int):
    """The form to correct a published notice, filled with its content."""
    user = current_staff()
    item = _editable(notice_id, user, "correct", "published")
    if item is None:
        return _redirect(notice_id)
    return _render_form("correct", user, _values_of(item, correction=True), item=item)


@bp.post("/notices/<int:notice_id>/correct")
def notice_correct(notice_id: int):
    """Start a correction: a new version, as a draft."""
    user = current_staff()
    item = _editable(notice_id, user, "correct", "published")
    if item is None:
        return _redirect(notice_id)

    def correct(data):
        try:
            with savepoint():
                created = service.correct(item.id, user, data)
        except Conflict as exc:  # a correction is already under way, or the state changed
            flash(exc.message, "error")
            return _redirect(item.id)
        flash(messages.NOTICE_CORRECTION_CREATED.format(version=created.version), "success")
        return _redirect(created.id)

    return _save("correct", user, item, correct)


# --- one notice -------------------------------------------------------------------------------
def _may_write(user: StaffUser, item: Notice) -> bool:
    try:
        require_writer(user, item.unit)
    except Forbidden:
        return False
    return True


def _offered(item: Notice, user: StaffUser) -> tuple[set[str], str | None]:
    """(the actions to offer, why approval is barred for this user: they wrote or changed
    the content of a version)."""
    writer = _may_write(user, item)
    approver = user.role in APPROVING_ROLES and can_approve(user, item)
    barred = None
    if item.status == "submitted" and approver:
        if item.author_id == user.id:
            barred = notices_messages.AUTHOR_CANNOT_APPROVE
        elif user.id in service.contributors(item):
            barred = notices_messages.CONTRIBUTOR_CANNOT_APPROVE
    decide = approver and barred is None
    offered = {
        "draft": {"edit": writer, "add_image": writer, "submit": writer},
        "submitted": {"edit": writer, "add_image": writer, "approve": decide, "reject": decide},
        "approved": {"edit": writer, "add_image": writer, "withdraw": approver},
        "published": {"correct": writer, "withdraw": approver},
    }.get(item.status, {})
    return {name for name, allowed in offered.items() if allowed}, barred


@bp.get("/notices/<int:notice_id>")
def notice(notice_id: int):
    """A notice: content, details, actions, where it went, versions and history."""
    user = current_staff()
    item = get_scoped(notice_id, user)
    actions, own_approval = _offered(item, user)
    versions = service.versions_of(item)
    rows = service.deliveries(item)
    alerts = list(db.session.scalars(sa.select(CapAlert).where(CapAlert.notice_id == item.id)
                                     .order_by(CapAlert.id)))
    return render_template(
        "console/notice.html", item=item, nm=notices_messages, actions=actions,
        own_approval=own_approval,
        body=Markup(sanitise(item.body)), versions=versions, latest=versions[-1],
        deliveries=rows, delivery_total=sum(r["count"] for r in rows), alerts=alerts,
        risk_colours=RISK_COLOURS)


@bp.post("/notices/<int:notice_id>/do/<action>")
def notice_act(notice_id: int, action: str):
    """Submit, approve, reject or withdraw from a form, then back to the notice."""
    if action not in ACTIONS:
        raise NotFound(messages.ERROR_TEXT[404])
    user = current_staff()
    get_scoped(notice_id, user)
    form = request.form
    try:
        with savepoint():
            if action == "submit":
                service.submit(notice_id, user)
            elif action == "approve":
                publish_at = (form.get("publish_at") or "").strip()
                data = ApproveSchema().load({"publish_at": publish_at} if publish_at else {})
                service.approve(notice_id, user, data.get("publish_at"))
            else:
                reason = (form.get("reason") or "").strip()
                if not reason:
                    raise UserValueError(notices_messages.REASON_REQUIRED)
                data = ReasonSchema().load({"reason": reason})
                getattr(service, action)(notice_id, user, data["reason"])
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
    else:
        flash(messages.NOTICE_DONE.format(action=notices_messages.ACTION_LABELS[action]), "success")
    return _redirect(notice_id)


@bp.post("/notices/<int:notice_id>/images")
def notice_add_image(notice_id: int):
    """Attach an image to a draft."""
    user = current_staff()
    get_scoped(notice_id, user)
    upload = request.files.get("image")
    try:
        with savepoint():
            if upload is None or not upload.filename:
                raise UserValueError(messages.NOTICE_IMAGE_REQUIRED)
            form = ImageFormSchema().load({"alt": request.form.get("alt", "")})
            service.add_image(notice_id, user, read_image(upload), form["alt"])
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
    except (UserValueError, Conflict, PayloadTooLarge) as exc:
        flash(exc.message, "error")
    else:
        flash(messages.NOTICE_IMAGE_ADDED, "success")
    return _redirect(notice_id)


@bp.get("/notices/<int:notice_id>/images/<int:image_id>")
def notice_image(notice_id: int, image_id: int):
    """An image of a notice in scope (drafts too), with a safe content type."""
    item = get_scoped(notice_id, current_staff())
    row = db.session.get(NoticeImage, image_id)
    if row is None or row.notice_id != item.id or row.content_type not in storage.IMAGE_TYPES:
        raise NotFound(messages.ERROR_TEXT[404])
    response = send_file(storage.path_of(row.storage_key), mimetype=row.content_type,
                         conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
