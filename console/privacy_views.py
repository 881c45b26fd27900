"""Console pages for personal data: the rights-request queue, one request and its actions,
staff entry of a request from an item, and the contact-access log (leaders)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError as SchemaError

from console import messages
from console.base import bp
from console.forms import first_error
from core.db import savepoint
from core.errors import Conflict, UserValueError
from directory.auth import current_staff
from feedback.access import contact_visible, get_scoped
from privacy import access_log, rights_requests
from privacy import messages as privacy_messages
from privacy.models import REQUEST_STATUSES
from privacy.schemas import StaffActionInSchema, StaffRequestInSchema

STATUS_FILTERS = ("open", "all", *REQUEST_STATUSES)


@bp.get("/privacy/requests")
def privacy_requests():
    """Rights requests in the leader's scope, nearest deadline first."""
    user = current_staff()
    status = request.args.get("status", "open")
    if status not in STATUS_FILTERS:
        status = "open"
    rows = rights_requests.queue(user, status, limit=200)
    return render_template("console/privacy_requests.html", rows=rows, status=status,
                           statuses=STATUS_FILTERS, pm=privacy_messages,
                           deadline=rights_requests.deadline_state)


def _render_request(row, status: int = 200, **extra):
    user = current_staff()
    item = row.feedback
    show_contact = row.kind == "correct" and row.is_open and contact_visible(item)
    if show_contact:
        access_log.contact_view(user, item, "console_request")
    return render_template("console/privacy_request.html", row=row, item=item, pm=privacy_messages,
                           show_contact=show_contact, deadline=rights_requests.deadline_state(row),
                           **extra), status


@bp.get("/privacy/requests/<int:request_id>")
def privacy_request(request_id: int):
    """One request: what is asked, deadlines, timeline, and one form per action."""
    return _render_request(rights_requests.get_scoped(request_id, current_staff()))


@bp.post("/privacy/requests/<int:request_id>/do/<action>")
def privacy_act(request_id: int, action: str):
    """Acknowledge, complete, refuse or extend, then back to the request."""
    user = current_staff()
    row = rights_requests.get_scoped(request_id, user)
    if action not in rights_requests.ACTIONS:
        return redirect(url_for("console.privacy_request", request_id=row.id), code=303)
    if action == "complete" and row.kind == "delete" and request.form.get("confirm") != "1":
        flash(messages.PRIVACY_CONFIRM_NEEDED, "error")
        return redirect(url_for("console.privacy_request", request_id=row.id), code=303)
    try:
        with savepoint():
            data = StaffActionInSchema().load({k: request.form[k].strip()
                                               for k in ("reason", "note")
                                               if (request.form.get(k) or "").strip()})
            rights_requests.perform(row.id, action, user, **data)
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
    else:
        flash(messages.DONE.format(action=privacy_messages.ACTION_LABELS[action]), "success")
    return redirect(url_for("console.privacy_request", request_id=row.id), code=303)


@bp.post("/feedback/<int:item_id>/privacy-request")
def privacy_new(item_id: int):
    """Record a request a citizen made in person (identity checked by the leader)."""
    user = current_staff()
    rights_requests.require_handler(user)
    item = get_scoped(item_id, user)
    form = request.form
    data = {"feedback_id": item.id, "kind": form.get("kind") or ""}
    if (form.get("note") or "").strip():
        data["note"] = form["note"].strip()
    correction = {k: form[f"correction_{k}"].strip() for k in ("name", "phone", "email")
                  if (form.get(f"correction_{k}") or "").strip()}
    if correction:
        data["correction"] = correction
    if form.get("redact_photos") == "1":
        data["redact_photos"] = True
    try:
        with savepoint():
            data = StaffRequestInSchema().load(data)
            created = rights_requests.create(item, data["kind"], "staff", {
                "note": data.get("note"), "correction": data.get("correction"),
                "redact_photos": data.get("redact_photos")}, entered_by=user)
    except SchemaError as exc:
        flash(first_error(exc.messages), "error")
        return redirect(url_for("console.detail", item_id=item.id), code=303)
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
        return redirect(url_for("console.detail", item_id=item.id), code=303)
    return _render_request(created.request, 201, created_token=created.token,
                           created_lookup=created.lookup_token)


@bp.get("/privacy/access-log")
def privacy_access_log():
    """Who was shown which item's contact data, and when (leaders, their scope)."""
    user = current_staff()
    feedback_id = request.args.get("feedback_id", "")
    before = request.args.get("before", "")
    size = 100
    rows = access_log.entries(user, int(feedback_id) if feedback_id.isdigit() else None,
                              None, int(before) if before.isdigit() else None, size + 1)
    page = rows[:size]
    older = (url_for("console.privacy_access_log", before=page[-1].id,
                     **({"feedback_id": feedback_id} if feedback_id.isdigit() else {}))
             if len(rows) > size else None)
    return render_template("console/privacy_access_log.html", rows=page, older=older,
                           feedback_id=feedback_id if feedback_id.isdigit() else "",
                           pm=privacy_messages)

