"""Console page "Đăng lên hỏi đáp": a leader publishes an answered item as a public question
and answer (feedback/answers/service.py), from the masked proposal, after a preview; or
withdraws it. The staff API offers the same (``/api/v1/staff/feedback/<id>/publication``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError as SchemaError

from console import messages
from console.base import bp
from console.forms import field_errors
from core.db import savepoint
from core.errors import Conflict, UserValueError
from directory.auth import current_staff
from feedback.access import get_scoped
from feedback.answers import service
from feedback.answers.schemas import PublishInSchema


def _edits() -> dict:
    form = request.form
    data: dict = {key: form[key].strip() for key in service.TEXT_FIELDS
                  if (form.get(key) or "").strip()}
    data["exact_location"] = form.get("exact_location") == "1"
    return data


def _page(item_id: int, status: int = 200, **extra):
    user = current_staff()
    preview = service.preview(item_id, user)
    item = get_scoped(item_id, user)
    texts = extra.pop("texts", None) or preview["published"] or preview["proposal"]
    return render_template(
        "console/publication.html", item=item, preview=preview, texts=texts,
        may_publish=user.role in service.PUBLISHING_ROLES,
        publishable=item.status in service.PUBLISHABLE_STATUSES and bool(item.public_answer),
        errors=extra.pop("errors", {}), **extra), status


@bp.get("/feedback/<int:item_id>/publication")
def publication(item_id: int):
    """The public version of an item: what is (or would be) published, masked."""
    return _page(item_id)


@bp.post("/feedback/<int:item_id>/publication")
def publication_save(item_id: int):
    """Preview the edited texts, then publish exactly them (or withdraw the publication)."""
    user = current_staff()
    if request.form.get("go") == "unpublish":
        service.unpublish(item_id, user)
        flash(messages.QA_UNPUBLISHED, "success")
        return redirect(url_for("console.publication", item_id=item_id), code=303)
    try:
        edits = PublishInSchema().load(_edits())
    except SchemaError as exc:
        return _page(item_id, 422, texts=request.form, errors=field_errors(exc.messages))
    if request.form.get("go") != "publish":  # a preview: nothing is saved
        texts = {**service.proposal(get_scoped(item_id, user)), **edits}
        return _page(item_id, texts=texts, previewing=True, exact=edits["exact_location"])
    try:
        with savepoint():
            service.publish(item_id, user, edits)
    except (UserValueError, Conflict) as exc:
        return _page(item_id, 422, texts=request.form,
                     errors=field_errors(exc.errors) or {"form": exc.message})
    flash(messages.QA_PUBLISHED, "success")
    return redirect(url_for("console.publication", item_id=item_id), code=303)
