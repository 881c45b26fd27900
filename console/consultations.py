"""Console pages for consultations on drafts: the list, and one draft's comments with
moderation (hide with a reason, restore) and tags, over :mod:`consultations.service`.
Commenters' contact data is shown to staff who may see it (not viewers), and logged
(:mod:`consultations.privacy`); leaders erase it on a request made in person."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from sqlalchemy.orm import selectinload

from console import messages
from console.base import bp
from consultations import messages as consultations_messages
from consultations import privacy, service
from consultations.access import get_scoped, scope_clause
from consultations.models import Consultation, ConsultationComment
from core.db import db, savepoint
from core.errors import Conflict, UserValueError
from core.text import clean_line
from directory.auth import current_staff
from feedback.access import LEADER_ROLES
from privacy import access_log


@bp.get("/consultations")
def consultations():
    """Consultations in the user's scope, newest first, with their comment counts."""
    items = list(db.session.scalars(sa.select(Consultation)
                                    .where(scope_clause(current_staff()))
                                    .order_by(Consultation.id.desc()).limit(200)))
    totals = dict(db.session.execute(
        sa.select(ConsultationComment.consultation_id, sa.func.count())
        .where(ConsultationComment.consultation_id.in_([i.id for i in items]))
        .group_by(ConsultationComment.consultation_id)).all()) if items else {}
    return render_template("console/consultations.html", items=items, totals=totals,
                           status_of=service.status_of, labels=consultations_messages.STATUS_LABELS)


@bp.get("/consultations/<int:consultation_id>")
def consultation(consultation_id: int):
    """One draft and all its comments (hidden ones too), with the moderation forms."""
    item = get_scoped(consultation_id, current_staff())
    comments = list(db.session.scalars(
        sa.select(ConsultationComment).where(ConsultationComment.consultation_id == item.id)
        .order_by(ConsultationComment.id)
        .options(selectinload(ConsultationComment.section),
                 selectinload(ConsultationComment.tags),
                 selectinload(ConsultationComment.hidden_by))))
    user = current_staff()
    show_contact = privacy.may_see_contact(user)
    access_log.contact_view(user, comments, "console_consultation")
    return render_template("console/consultation.html", item=item, comments=comments,
                           status=service.status_of(item),
                           labels=consultations_messages.STATUS_LABELS,
                           channels=consultations_messages.CHANNEL_LABELS,
                           whole=consultations_messages.WHOLE_DRAFT,
                           show_contact=show_contact, visible=privacy.contact_visible,
                           may_erase=user.role in LEADER_ROLES)


def _back(consultation_id: int):
    return redirect(url_for("console.consultation", consultation_id=consultation_id), code=303)


def _moderate(comment_id: int, action, done: str):
    """Run a moderation use case; its refusal becomes a flash message on the draft's page."""
    user = current_staff()
    item, _ = service.get_comment(comment_id, user)
    try:
        with savepoint():
            action(user)
    except (UserValueError, Conflict) as exc:
        flash(exc.message, "error")
        return _back(item.id)
    flash(done, "success")
    return _back(item.id)


@bp.post("/consultations/comments/<int:comment_id>/hide")
def hide_comment(comment_id: int):
    """Hide a comment with the reason given in the form."""
    reason = clean_line(request.form.get("reason", ""))[:500]
    return _moderate(comment_id, lambda user: service.hide(comment_id, user, reason),
                     messages.COMMENT_HIDDEN_DONE)


@bp.post("/consultations/comments/<int:comment_id>/restore")
def restore_comment(comment_id: int):
    """Show a hidden comment again."""
    return _moderate(comment_id, lambda user: service.restore(comment_id, user),
                     messages.COMMENT_RESTORED_DONE)


@bp.post("/consultations/comments/<int:comment_id>/erase-contact")
def erase_commenter_contact(comment_id: int):
    """Erase a commenter's contact data on their request (a leader, identity checked in
    person): this comment and their other comments (same phone, e-mail or Zalo id)."""
    user = current_staff()
    item, _ = service.get_comment(comment_id, user)
    if request.form.get("confirm") != "1":
        flash(messages.PRIVACY_CONFIRM_NEEDED, "error")
        return _back(item.id)
    count = privacy.erase_on_request(comment_id, user)
    flash(messages.COMMENT_CONTACT_ERASED.format(n=count), "success")
    return _back(item.id)


@bp.post("/consultations/comments/<int:comment_id>/tags")
def tag_comment(comment_id: int):
    """Replace a comment's tags with the comma-separated list of the form."""
    tags = [t for t in (clean_line(p) for p in request.form.get("tags", "").split(",")) if t]
    return _moderate(comment_id, lambda user: service.set_tags(comment_id, user, tags[:20]),
                     messages.COMMENT_TAGS_DONE)
