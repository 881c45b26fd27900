"""Console pages: sign-in, the queue, an item and its actions, account administration."""

from __future__ import annotations

from datetime import datetime, time

import sqlalchemy as sa
from flask import current_app, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError as SchemaError
from sqlalchemy.orm import selectinload

import directory
from console import messages
from console.base import bp, sign_in, sign_out
from console.forms import first_error
from core.clock import LOCAL_TZ
from core.db import db, savepoint
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.extensions import limiter
from directory import auth
from directory.auth import current_staff
from directory.models import AdminUnit, Category, Office, StaffUser
from directory.sessions import open_sessions
from feedback import notifications, public_text, workflow
from feedback.access import (
    LEADER_ROLES,
    get_scoped,
    may_act,
    may_see_contact,
    require_action,
    scope_clause,
)
from feedback.models import CHANNELS, STATUSES, Feedback, ResponseTemplate
from feedback.queue import OPEN, encode_cursor, fetch_page, filtered, status_counts
from feedback.routes import send_attachment
from feedback.schemas import StaffListArgsSchema, TransitionInSchema
from privacy import access_log
from privacy import messages as privacy_messages
from privacy.models import REQUEST_KINDS

FILTER_KEYS = ("status", "category", "channel", "office_id", "unit", "received_from",
               "received_to", "overdue", "due_week", "extension", "q", "after")


def _safe_next(target: str | None) -> str:
    """Only redirect within the console after sign-in."""
    if target and target.startswith("/console/") and not target.startswith("//") \
            and "\\" not in target:
        return target
    return url_for("console.index")


def _redirect(endpoint: str, **values):
    return redirect(url_for(endpoint, **values), code=303)


# --- sign-in ---------------------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login():
    """Sign-in form."""
    if request.method == "GET" and g.get("staff_user") is not None:
        return redirect(url_for("console.index"))
    error = None  # a GET shows the empty form
    if request.method == "POST":
        username = request.form.get("username", "").strip()[:80]
        password = request.form.get("password", "")[:256]
        try:
            user = auth.login(username, password, request.remote_addr or "")
        except (auth.LoginFailed, auth.LoginThrottled) as exc:
            return render_template("console/login.html", error=exc.message,
                                   username=request.form.get("username", "")), \
                exc.status_code, exc.headers or {}
        sign_in(user)
        return redirect(_safe_next(request.args.get("next")), code=303)
    return render_template("console/login.html", error=error,
                           username=request.form.get("username", ""))


@bp.post("/logout")
def logout():
    """End the session."""
    sign_out()
    flash(messages.LOGGED_OUT, "info")
    return _redirect("console.login")


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change one's password (required after a one-time password)."""
    user = current_staff()
    error = None
    if request.method == "POST":
        current = request.form.get("current", "")[:256]
        new = request.form.get("new", "")[:256]
        if new != request.form.get("confirm", "")[:256]:
            error = messages.PASSWORD_MISMATCH
        elif not auth.check_password(user, current):
            error = messages.PASSWORD_WRONG
        else:
            try:
                auth.set_password(user, new)
            except UserValueError as exc:
                error = exc.message
            else:
                sign_in(user)  # the password change ended the old session version
                flash(messages.PASSWORD_CHANGED, "success")
                return _redirect("console.index")
    return render_template("console/password.html", error=error), 422 if error else 200


# --- queue -----------------------------------------------------------------------------------
def _queue_args() -> tuple[dict, dict]:
    """(validated filter arguments, the raw values to echo in the form)."""
    raw = {k: request.args[k].strip() for k in FILTER_KEYS
           if k in request.args and request.args[k].strip()}
    raw.setdefault("status", OPEN)
    data = dict(raw)
    if data["status"] == "all":
        del data["status"]
    data["limit"] = current_app.config["CONSOLE_PAGE_SIZE"]
    try:
        args = StaffListArgsSchema().load(data)
    except SchemaError:
        flash(messages.FILTER_INVALID, "error")
        raw = {"status": OPEN}
        args = {"status": OPEN, "limit": current_app.config["CONSOLE_PAGE_SIZE"]}
    return args, raw


def _scope_offices(user: StaffUser) -> list[Office]:
    if user.role == "officer":
        return []
    if user.unit.level == "province":
        units = sa.select(AdminUnit.code).where(sa.or_(AdminUnit.code == user.unit_code,
                                                       AdminUnit.parent_code == user.unit_code))
        query = sa.select(Office).where(Office.unit_code.in_(units))
    else:
        query = sa.select(Office).where(Office.unit_code == user.unit_code)
    return list(db.session.scalars(query.options(selectinload(Office.unit))
                                   .order_by(Office.unit_code, Office.name)))


@bp.get("/")
def index():
    """The queue: scoped, filtered, by due date, with counts and keyset pages."""
    user = current_staff()
    args, raw = _queue_args()
    size = args["limit"]
    try:
        rows = fetch_page(args, user, size, selectinload(Feedback.office),
                          selectinload(Feedback.category))
    except UserValueError:  # a tampered cursor
        flash(messages.FILTER_INVALID, "error")
        return _redirect("console.index")
    page = rows[:size]
    counts = status_counts(args, user)
    filters = {k: v for k, v in raw.items() if k != "after"}
    next_url = (url_for("console.index", **filters, after=encode_cursor(page[-1]))
                if len(rows) > size else None)
    categories = directory.sort_categories(
        db.session.scalars(sa.select(Category).where(Category.is_active)))
    return render_template(
        "console/queue.html", items=page, counts=counts, total=sum(counts.values()),
        filters=filters, raw=raw, next_url=next_url, first_url=url_for("console.index",
                                                                       **filters),
        is_first=not raw.get("after"), statuses=STATUSES, channels=CHANNELS,
        categories=categories, offices=_scope_offices(user), user=user,
        pending_extensions=_pending_extensions(user))


def _pending_extensions(user: StaffUser) -> int | None:
    """How many extension requests in the user's scope wait for a decision (leaders only:
    they decide them)."""
    if user.role not in LEADER_ROLES:
        return None
    return db.session.scalar(sa.select(sa.func.count()).select_from(
        filtered({"extension": True}, user).subquery()))


# --- one item --------------------------------------------------------------------------------
def _available_actions(item: Feedback, user: StaffUser) -> list[str]:
    names = [name for name, action in workflow.ACTIONS.items()
             if item.status in action.sources and may_act(user, name)]
    if item.extension_due_at is None:
        names = [n for n in names if n not in ("approve_extension", "reject_extension")]
    else:
        names = [n for n in names if n != "request_extension"]
    return names


def _templates(kind: str, item: Feedback) -> list[ResponseTemplate]:
    return list(db.session.scalars(sa.select(ResponseTemplate).where(
        ResponseTemplate.kind == kind, ResponseTemplate.is_active,
        sa.or_(ResponseTemplate.category_id.is_(None),
               ResponseTemplate.category_id == item.category_id),
        sa.or_(ResponseTemplate.unit_code.is_(None),
               ResponseTemplate.unit_code.in_((item.unit_code, item.unit.province_code))))
        .order_by(ResponseTemplate.category_id.is_(None), ResponseTemplate.title)))


def _render_detail(item: Feedback, user: StaffUser, status: int = 200, **extra):
    offices = list(db.session.scalars(sa.select(Office).where(
        Office.is_active, Office.unit_code.in_((item.unit_code, item.unit.province_code)))
        .order_by(Office.unit_code.desc(), Office.name)))
    refuse = [t.body for t in _templates("refuse", item)] + list(messages.REFUSE_REASONS)
    officers = list(db.session.scalars(sa.select(StaffUser).where(
        StaffUser.office_id == item.office_id, StaffUser.is_active)
        .order_by(StaffUser.full_name, StaffUser.username)))
    show_contact = may_see_contact(user)
    access_log.contact_view(user, item, "console_detail")
    return render_template(
        "console/detail.html", item=item, user=user, actions=_available_actions(item, user),
        show_contact=show_contact, offices=offices, officers=officers, refuse_reasons=refuse,
        answer_templates=_templates("answer", item), privacy_kinds=REQUEST_KINDS,
        pm=privacy_messages, may_handle_privacy=user.role in LEADER_ROLES,
        deliveries=notifications.of_item(item), qa=_publication(item, user), **extra), status


def _publication(item: Feedback, user: StaffUser):
    """For publishers, on an answered item: its published Q&A (or False); None otherwise."""
    from feedback.answers import service as answers

    if user.role not in answers.PUBLISHING_ROLES or not item.public_answer \
            or item.status not in answers.PUBLISHABLE_STATUSES:
        return None
    return answers.get_published(item.id) or False


@bp.get("/feedback/<int:item_id>")
def detail(item_id: int):
    """An item: text, images, location, contact (by role), timeline, actions."""
    user = current_staff()
    return _render_detail(get_scoped(item_id, user), user)


@bp.get("/feedback/<int:item_id>/attachments/<int:attachment_id>")
def attachment(item_id: int, attachment_id: int):
    """An image of an item in scope."""
    return send_attachment(item_id, attachment_id, current_staff())


def _end_of_day(value: str) -> datetime:
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise UserValueError(messages.BAD_DATE, {"due_at": [messages.BAD_DATE]}) from None
    return datetime.combine(day, time(23, 59, 59), tzinfo=LOCAL_TZ)


def _action_args(action: str) -> dict:
    """Form fields of an action, validated by the API's schema."""
    form = request.form
    data: dict = {}
    reason = (form.get("reason_custom") or "").strip() or (form.get("reason") or "").strip()
    if reason:
        data["reason"] = reason
    for key in ("note", "target_code"):
        if (form.get(key) or "").strip():
            data[key] = form[key].strip()
    for key in ("office_id", "assignee_id"):
        if (form.get(key) or "").strip():
            data[key] = form[key].strip()
    args = TransitionInSchema().load(data)
    if (form.get("due_date") or "").strip():
        args["due_at"] = _end_of_day(form["due_date"].strip())
    return args


def _after_action(item_id: int, user: StaffUser, label: str):
    flash(messages.DONE.format(action=label), "success")
    still_visible = db.session.scalar(sa.select(Feedback.id).where(
        Feedback.id == item_id, scope_clause(user)))
    if still_visible is None:  # transferred out of the user's office
        return _redirect("console.index")
    return _redirect("console.detail", item_id=item_id)


@bp.post("/feedback/<int:item_id>/do/<action>")
def act(item_id: int, action: str):
    """Apply a workflow action from a form, then back to the item."""
    from feedback import messages as feedback_messages

    if action not in workflow.ACTIONS or action == "answer":
        raise NotFound(messages.ERROR_TEXT[404])
    user = current_staff()
    try:
        with savepoint():
            args = _action_args(action)
            workflow.perform(item_id, action, user, **args)
            if action == "start" and args.get("note"):
                workflow.perform(item_id, "progress", user, note=args["note"])
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
        return _redirect("console.detail", item_id=item_id)
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
        return _redirect("console.detail", item_id=item_id)
    return _after_action(item_id, user, feedback_messages.ACTION_LABELS[action])


@bp.post("/feedback/<int:item_id>/answer")
def answer(item_id: int):
    """Answer in two steps: preview with personal data masked, then publish exactly that."""
    from feedback import messages as feedback_messages

    user = current_staff()
    require_action(user, "answer")
    item = get_scoped(item_id, user)
    form = request.form
    text = (form.get("answer") or "").strip()
    if not text and (form.get("template_id") or "").isdigit():
        template = db.session.get(ResponseTemplate, int(form["template_id"]))
        if template is not None and template in _templates("answer", item):
            text = template.body
    note = (form.get("note") or "").strip()
    try:
        data = TransitionInSchema().load({k: v for k, v in (("answer", text), ("note", note))
                                          if v})
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
        return _redirect("console.detail", item_id=item_id)
    if not data.get("answer"):
        flash(feedback_messages.ANSWER_REQUIRED, "error")
        return _redirect("console.detail", item_id=item_id)
    if form.get("edit") == "1":  # "Sửa lại": back to the form, with what was typed
        return _render_detail(item, user, draft=data["answer"], draft_note=data.get("note", ""))
    public = public_text.mask(item, data["answer"])  # as the workflow stores it
    if form.get("confirm") != "1":
        return _render_detail(item, user, preview=public, draft=data["answer"],
                              draft_note=data.get("note", ""))
    try:
        with savepoint():
            workflow.perform(item_id, "answer", user, answer=public, note=data.get("note"))
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
        return _redirect("console.detail", item_id=item_id)
    return _after_action(item_id, user, feedback_messages.ACTION_LABELS["answer"])


# --- administration --------------------------------------------------------------------------
def _require_admin() -> StaffUser:
    user = current_staff()
    if user.role != "province_admin":
        raise Forbidden(messages.ADMIN_ONLY)
    return user


def _admin_page(admin: StaffUser, status: int = 200, **extra):
    units = list(db.session.scalars(sa.select(AdminUnit).where(sa.or_(
        AdminUnit.code == admin.unit_code, AdminUnit.parent_code == admin.unit_code))
        .order_by(AdminUnit.level.desc(), AdminUnit.name)))
    return render_template("console/admin_staff.html", staff=auth.staff_in_scope(admin),
                           units=units, offices=_scope_offices(admin), roles=auth.ROLES,
                           **extra), status


@bp.get("/admin/staff")
def admin_staff():
    """Accounts of the administrator's province, and the form to add one."""
    return _admin_page(_require_admin())


@bp.post("/admin/staff")
def admin_create_staff():
    """Create an account and show its one-time password once."""
    admin = _require_admin()
    form = request.form
    office = (form.get("office_id") or "").strip()
    try:
        with savepoint():
            auth.require_admin_of(admin, (form.get("unit_code") or "").strip())
            user, one_time = auth.create_staff_with_password(
                (form.get("username") or "").strip(), form.get("role") or "",
                (form.get("unit_code") or "").strip(), int(office) if office.isdigit() else None,
                (form.get("full_name") or "").strip()[:120])
    except (UserValueError, Conflict, NotFound) as exc:
        return _admin_page(admin, 422, error=exc.message, form=form)
    return _admin_page(admin, created=user, one_time=one_time)


def _staff_page(admin: StaffUser, user: StaffUser, **extra):
    return render_template("console/admin_staff_detail.html", person=user,
                           tokens=auth.list_tokens(user), open_sessions=open_sessions(user),
                           is_self=admin.id == user.id, **extra)


@bp.get("/admin/staff/<int:staff_id>")
def admin_staff_detail(staff_id: int):
    """One account: state, API tokens, password reset."""
    admin = _require_admin()
    return _staff_page(admin, auth.managed_staff(admin, staff_id))


@bp.post("/admin/staff/<int:staff_id>/reset-password")
def admin_reset_password(staff_id: int):
    """Give the account a new one-time password (shown once) and unlock it."""
    admin = _require_admin()
    user = auth.managed_staff(admin, staff_id)
    one_time = auth.reset_password(user)
    return _staff_page(admin, user, one_time=one_time)


@bp.post("/admin/staff/<int:staff_id>/revoke")
def admin_revoke(staff_id: int):
    """Revoke one API token of the account, or all of them."""
    admin = _require_admin()
    user = auth.managed_staff(admin, staff_id)
    token_id = (request.form.get("token_id") or "").strip()
    count = auth.revoke_tokens(user, int(token_id) if token_id.isdigit() else None)
    flash(messages.ADMIN_REVOKED.format(n=count), "success")
    return _redirect("console.admin_staff_detail", staff_id=user.id)


@bp.post("/admin/staff/<int:staff_id>/unlock")
def admin_unlock(staff_id: int):
    """Let the account sign in again from every address (after repeated failures)."""
    admin = _require_admin()
    user = auth.managed_staff(admin, staff_id)
    auth.unlock(user)
    flash(messages.ADMIN_UNLOCKED.format(username=user.username), "success")
    return _redirect("console.admin_staff_detail", staff_id=user.id)


@bp.post("/admin/staff/<int:staff_id>/end-sessions")
def admin_end_sessions(staff_id: int):
    """End every console session of the account."""
    admin = _require_admin()
    user = auth.managed_staff(admin, staff_id)
    count = auth.end_sessions(user)
    flash(messages.ADMIN_SESSIONS_ENDED.format(n=count), "success")
    return _redirect("console.admin_staff_detail", staff_id=user.id)


@bp.post("/admin/staff/<int:staff_id>/<any(disable, enable):action>")
def admin_set_active(staff_id: int, action: str):
    """Disable the account (its sessions end, its API tokens stop working) or enable it."""
    admin = _require_admin()
    user = auth.managed_staff(admin, staff_id)
    try:
        with savepoint():
            auth.set_active(admin, user, action == "enable")
    except Conflict as exc:
        flash(exc.message, "error")
    else:
        flash((messages.ADMIN_ENABLED if action == "enable" else messages.ADMIN_DISABLED)
              .format(username=user.username), "success")
    return _redirect("console.admin_staff_detail", staff_id=user.id)


@bp.route("/<path:anything>", methods=["GET", "POST"])
def not_found(anything: str):
    """Unknown console addresses get the console's 404 page."""
    raise NotFound(messages.ERROR_TEXT[404])

