"""Notice use cases: write, submit, approve, publish on schedule, withdraw, correct.

Each public function writes one unit of work's changes and flushes (the caller's unit of work
commits; the scheduler gives each notice a unit of its own). Publishing and withdrawal bump
the per-unit content versions, issue CAP alerts for emergency notices and send the
notices signals, all inside the same transaction.

Four eyes: nobody who wrote or changed the content of any version of a notice (its
contributors, from the notice events: create, update, add_image, correct) approves or
rejects it, and any change of content after submission (before publication) sends the notice
back to draft, to be submitted and approved again.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

import directory
from core import clock, storage
from core.db import after_rollback, db, flush, unit_of_work
from core.errors import Conflict, Forbidden, UserValueError
from core.models import Delivery
from directory.models import AdminUnit, StaffUser
from notices import cache, messages, signals, xml
from notices.access import APPROVING_ROLES, can_approve, get_scoped, require_writer, scope_clause
from notices.html import render_body
from notices.models import CapAlert, Notice, NoticeEvent, NoticeImage, NoticeTarget
from notices.verification import service as verification

log = logging.getLogger(__name__)

CONTENT_FIELDS = ("title", "summary", "body", "category", "priority", "risk_level",
                  "publish_at", "expires_at")
# Events that change what a version says (its text, images, targets, priority, schedule).
CONTENT_EVENTS = ("create", "update", "add_image", "correct")
# States in which the content may still change; a change returns the notice to draft.
EDITABLE = ("draft", "submitted", "approved")



# --- helpers (flush only) -------------------------------------------------------------------
def _event(notice: Notice, kind: str, actor: StaffUser | None, from_status: str | None,
           note: str | None = None) -> None:
    db.session.add(NoticeEvent(notice_id=notice.id, kind=kind,
                               actor_id=actor.id if actor else None, from_status=from_status,
                               to_status=notice.status, note=note, created_at=clock.now()))


def contributors(notice: Notice) -> set[int]:
    """Ids of the staff who wrote or changed the content of any version of the series."""
    versions = sa.select(Notice.id).where(Notice.series_id == notice.series_id)
    ids = set(db.session.scalars(sa.select(NoticeEvent.actor_id).where(
        NoticeEvent.notice_id.in_(versions), NoticeEvent.kind.in_(CONTENT_EVENTS),
        NoticeEvent.actor_id.is_not(None))))
    ids.update(db.session.scalars(sa.select(Notice.author_id).where(
        Notice.series_id == notice.series_id)))
    ids.add(notice.author_id)
    return ids


def _back_to_draft(notice: Notice) -> str:
    """A content change after submission: approval starts over. Returns the former status."""
    previous = notice.status
    if previous != "draft":
        notice.status = "draft"
        notice.submitted_at = notice.approved_at = notice.approver_id = None
    return previous


def _require_status(notice: Notice, action: str, *allowed: str) -> None:
    if notice.status not in allowed:
        raise Conflict(messages.TRANSITION_NOT_ALLOWED.format(
            action=messages.ACTION_LABELS[action], status=messages.STATUS_LABELS[notice.status]))



def _check_content(data: dict[str, Any]) -> None:
    if data.get("risk_level") is not None and data.get("category") != "disaster_incident":
        raise UserValueError(messages.RISK_NEEDS_DISASTER,
                             {"risk_level": [messages.RISK_NEEDS_DISASTER]})
    publish_at, expires_at = data.get("publish_at"), data.get("expires_at")
    if publish_at and expires_at and expires_at <= publish_at:
        raise UserValueError(messages.EXPIRY_BEFORE_PUBLISH,
                             {"expires_at": [messages.EXPIRY_BEFORE_PUBLISH]})


def _apply(notice: Notice, data: dict[str, Any]) -> None:
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(notice, name, data[name])
    if "body" in data:
        notice.body = render_body(data["body"])
        if not notice.body:
            raise UserValueError(messages.BODY_EMPTY, {"body": [messages.BODY_EMPTY]})
    _check_content({name: getattr(notice, name) for name in CONTENT_FIELDS})
    if "targets" in data:
        codes = directory.resolve_targets(
            notice.unit, data["targets"], messages.TARGET_UNKNOWN, messages.TARGET_OUTSIDE)
        notice.targets = [NoticeTarget(unit_code=code) for code in codes]


def audience(notice: Notice) -> set[str]:
    """Units whose public lists show this notice (targets; communes see province ones)."""
    return set(notice.target_codes)


def _alert_references(series_id: int) -> str | None:
    sender = current_app.config["NOTICES_CAP_SENDER"]
    alerts = db.session.scalars(sa.select(CapAlert).where(CapAlert.series_id == series_id)
                                .order_by(CapAlert.id)).all()
    if not alerts:
        return None
    return " ".join(f"{sender},{a.identifier},{clock.isoformat_local(a.sent_at)}"
                    for a in alerts)


def _issue_alert(notice: Notice, msg_type: str, moment: datetime,
                 note: str | None = None) -> CapAlert:
    references = _alert_references(notice.series_id)
    if msg_type == "Alert" and references:
        msg_type = "Update"
    alert = CapAlert(notice_id=notice.id, series_id=notice.series_id, msg_type=msg_type,
                     identifier="pending", references=references, sent_at=moment.replace(
                         microsecond=0), note=note)
    db.session.add(alert)
    db.session.flush()
    prefix = current_app.config["NOTICES_CAP_ID_PREFIX"]
    alert.identifier = f"{prefix}.{notice.unit_code}.{alert.id}"
    # An alert cannot be re-issued: refuse to store one that is not valid CAP 1.2.
    problems = xml.cap_problems(xml.cap_alert(alert))
    if problems:
        log.error("CAP alert for notice %s refused: %s", notice.id, "; ".join(problems)[:500])
        raise UserValueError(messages.CAP_INVALID)
    return alert


def _publish(notice: Notice, moment: datetime, actor: StaffUser | None) -> None:
    previous_status = notice.status
    notice.status = "published"
    notice.published_at = moment
    verification.seal(notice, moment)  # its code and signature, before alerts and hooks
    _event(notice, "publish", actor, previous_status)
    changed = audience(notice)
    old = db.session.get(Notice, notice.supersedes_id) if notice.supersedes_id else None
    if old is not None and old.status in ("published", "approved"):
        old_status = old.status
        old.status = "superseded"
        old.ended_at = moment
        _event(old, "superseded", actor, old_status, note=f"#{notice.id}")
        changed |= audience(old)
    series_has_alerts = db.session.scalar(
        sa.select(CapAlert.id).where(CapAlert.series_id == notice.series_id).limit(1))
    if notice.is_emergency:
        _issue_alert(notice, "Alert", moment,
                     note=messages.CAP_UPDATE_NOTE if notice.supersedes_id else None)
    elif series_has_alerts and old is not None:
        _issue_alert(old, "Cancel", moment, note=messages.CAP_UPDATE_NOTE)
    cache.bump(changed)
    signals.send(signals.notice_published, notice)


def _expire(notice: Notice, moment: datetime) -> None:
    notice.status = "expired"
    notice.ended_at = moment
    _event(notice, "expire", None, "published")
    cache.bump(audience(notice))


# --- use cases --------------------------------------------------------------------------------
def create(data: dict[str, Any], actor: StaffUser) -> Notice:
    """Write a draft notice in the actor's unit (or a commune of their province)."""
    unit = directory.get_unit(data.get("unit_code") or actor.unit_code)
    require_writer(actor, unit)
    notice = Notice(unit_code=unit.code, unit=unit, status="draft", author_id=actor.id,
                    version=1, created_at=clock.now())
    _apply(notice, {"targets": None, **data})
    db.session.add(notice)
    db.session.flush()
    notice.series_id = notice.id
    _event(notice, "create", actor, None)
    flush()
    return notice


def update(notice_id: int, data: dict[str, Any], actor: StaffUser) -> Notice:
    """Change a notice not yet published; a submitted or approved one goes back to draft."""
    notice = get_scoped(notice_id, actor, for_update=True)
    require_writer(actor, notice.unit)
    _require_status(notice, "update", *EDITABLE)
    _apply(notice, data)
    _event(notice, "update", actor, _back_to_draft(notice))
    flush()
    return notice


def submit(notice_id: int, actor: StaffUser) -> Notice:
    """Send a draft for approval."""
    notice = get_scoped(notice_id, actor, for_update=True)
    require_writer(actor, notice.unit)
    _require_status(notice, "submit", "draft")
    notice.status = "submitted"
    notice.submitted_at = clock.now()
    _event(notice, "submit", actor, "draft")
    flush()
    return notice


def reject(notice_id: int, actor: StaffUser, reason: str) -> Notice:
    """Send a submitted notice back to its author as a draft."""
    notice = _approvable(notice_id, actor, "reject")
    if not reason:
        raise UserValueError(messages.REASON_REQUIRED, {"reason": [messages.REASON_REQUIRED]})
    notice.status = "draft"
    _event(notice, "reject", actor, "submitted", reason)
    flush()
    return notice


def _approvable(notice_id: int, actor: StaffUser, action: str) -> Notice:
    notice = get_scoped(notice_id, actor, for_update=True)
    if actor.role not in APPROVING_ROLES or not can_approve(actor, notice):
        raise Forbidden(messages.APPROVER_ROLE)
    if notice.author_id == actor.id:
        raise Forbidden(messages.AUTHOR_CANNOT_APPROVE)
    if actor.id in contributors(notice):
        raise Forbidden(messages.CONTRIBUTOR_CANNOT_APPROVE)
    _require_status(notice, action, "submitted")
    return notice


def approve(notice_id: int, actor: StaffUser, publish_at: datetime | None = None) -> Notice:
    """Approve a submitted notice; it is published at once if its time has come."""
    notice = _approvable(notice_id, actor, "approve")
    moment = clock.now()
    if publish_at is not None:
        notice.publish_at = publish_at
    if notice.publish_at is None or notice.publish_at < moment:
        notice.publish_at = moment
    if notice.expires_at is not None and notice.expires_at <= notice.publish_at:
        raise UserValueError(messages.EXPIRY_PASSED,
                             {"expires_at": [messages.EXPIRY_PASSED]})
    notice.status = "approved"
    notice.approver_id = actor.id
    notice.approved_at = moment
    _event(notice, "approve", actor, "submitted")
    if notice.publish_at <= moment:
        _publish(notice, moment, actor)
    flush()
    return notice


def withdraw(notice_id: int, actor: StaffUser, reason: str) -> Notice:
    """Take down an approved or published notice, keeping the record and the reason."""
    notice = get_scoped(notice_id, actor, for_update=True)
    if actor.role not in APPROVING_ROLES or not can_approve(actor, notice):
        raise Forbidden(messages.WITHDRAW_ROLE)
    _require_status(notice, "withdraw", "approved", "published")
    if not reason:
        raise UserValueError(messages.REASON_REQUIRED, {"reason": [messages.REASON_REQUIRED]})
    moment = clock.now()
    was_published = notice.status == "published"
    previous = notice.status
    notice.status = "withdrawn"
    notice.ended_at = moment
    notice.withdraw_reason = reason
    _event(notice, "withdraw", actor, previous, reason)
    if was_published:
        if db.session.scalar(sa.select(CapAlert.id).where(
                CapAlert.series_id == notice.series_id).limit(1)):
            _issue_alert(notice, "Cancel", moment, note=reason)
        cache.bump(audience(notice))
        signals.send(signals.notice_withdrawn, notice)
    flush()
    return notice


def correct(notice_id: int, actor: StaffUser, data: dict[str, Any]) -> Notice:
    """Start a correction: a new draft version of a published notice (the old one stays
    published until the correction is, then remains readable to staff)."""
    old = get_scoped(notice_id, actor, for_update=True)
    require_writer(actor, old.unit)
    _require_status(old, "correct", "published")
    pending = db.session.scalar(sa.select(Notice.id).where(
        Notice.supersedes_id == old.id, Notice.status.in_(("draft", "submitted", "approved"))))
    if pending:
        raise Conflict(messages.TRANSITION_NOT_ALLOWED.format(
            action=messages.ACTION_LABELS["correct"], status=messages.STATUS_LABELS["draft"]))
    notice = Notice(unit_code=old.unit_code, unit=old.unit, status="draft",
                    author_id=actor.id, series_id=old.series_id, version=old.version + 1,
                    supersedes_id=old.id, created_at=clock.now())
    for name in CONTENT_FIELDS:
        setattr(notice, name, getattr(old, name))
    notice.publish_at = None
    _apply(notice, {"targets": old.target_codes, **data})
    db.session.add(notice)
    db.session.flush()
    for image in old.images:
        db.session.add(NoticeImage(notice_id=notice.id, storage_key=image.storage_key,
                                   content_type=image.content_type, size=image.size,
                                   sha256=image.sha256, alt=image.alt,
                                   position=image.position))
    _event(notice, "correct", actor, None, note=f"#{old.id}")
    flush()
    return notice


def receive_external(data: dict[str, Any], unit: AdminUnit, author: StaffUser, publish: bool,
                     note: str) -> Notice:
    """Add a notice another system issued for ``unit`` (the provincial source information
    system): submitted for local approval, or approved and published at once (at its
    ``publish_at`` if later). Flush only: the caller commits, with its record of the item.
    """
    moment = clock.now()
    notice = Notice(unit_code=unit.code, unit=unit, status="draft", author_id=author.id,
                    version=1, created_at=moment)
    _apply(notice, {"targets": None, **data})
    db.session.add(notice)
    db.session.flush()
    notice.series_id = notice.id
    _event(notice, "receive", None, None, note=note)
    if not publish:
        notice.status = "submitted"
        notice.submitted_at = moment
        return notice
    if notice.publish_at is None or notice.publish_at < moment:
        notice.publish_at = moment
    notice.status = "approved"
    notice.approved_at = moment
    if notice.publish_at <= moment:
        _publish(notice, moment, None)
    return notice


def add_image(notice_id: int, actor: StaffUser, image: storage.Upload, alt: str) -> NoticeImage:
    """Attach an image to a notice not yet published (a submitted or approved one goes back
    to draft)."""
    notice = get_scoped(notice_id, actor, for_update=True)
    require_writer(actor, notice.unit)
    _require_status(notice, "add_image", *EDITABLE)
    limit = current_app.config["NOTICES_MAX_IMAGES"]
    if len(notice.images) >= limit:
        text = messages.TOO_MANY_IMAGES.format(n=limit)
        raise UserValueError(text, {"image": [text]})
    stored = storage.save(image.data, image.ext)
    after_rollback(lambda: storage.delete(stored.key))  # the file of a row not kept
    row = NoticeImage(notice_id=notice.id, storage_key=stored.key,
                      content_type=image.content_type, size=stored.size,
                      sha256=stored.sha256, alt=alt, position=len(notice.images))
    db.session.add(row)
    _event(notice, "add_image", actor, _back_to_draft(notice))
    flush()
    return row


def run_schedule() -> tuple[int, int]:
    """Publish approved notices whose time has come and expire those past their expiry.

    Each notice is a unit of work of its own, so one failure does not hold back the others.
    Returns (published, expired).
    """
    moment = clock.now()
    published = expired = 0
    due = db.session.scalars(sa.select(Notice.id).where(
        Notice.status == "approved", Notice.publish_at <= moment)
        .order_by(Notice.publish_at, Notice.id)).all()
    for notice_id in due:
        try:
            with unit_of_work():
                notice = db.session.get(Notice, notice_id, with_for_update=True)
                if notice.status == "approved":
                    _publish(notice, moment, None)
                    published += 1
        except Exception:
            log.exception("could not publish notice %s", notice_id)
    old = db.session.scalars(sa.select(Notice.id).where(
        Notice.status == "published", Notice.expires_at <= moment)).all()
    for notice_id in old:
        try:
            with unit_of_work():
                notice = db.session.get(Notice, notice_id, with_for_update=True)
                if notice.status == "published":
                    _expire(notice, moment)
                    expired += 1
        except Exception:
            log.exception("could not expire notice %s", notice_id)
    return published, expired


def staff_page(user: StaffUser, status: str | None = None, before: int | None = None,
               limit: int = 50) -> tuple[list[Notice], int | None]:
    """One page of the notices ``user`` may see, newest first, and the ``before`` of the
    next page (None on the last one)."""
    query = sa.select(Notice).where(scope_clause(user))
    if status:
        query = query.where(Notice.status == status)
    if before:
        query = query.where(Notice.id < before)
    rows = list(db.session.scalars(query.order_by(Notice.id.desc()).limit(limit + 1)))
    page = rows[:limit]
    return page, page[-1].id if len(rows) > limit else None


def status_counts(user: StaffUser) -> dict[str, int]:
    """How many notices ``user`` may see, by status."""
    return dict(db.session.execute(sa.select(Notice.status, sa.func.count())
                                   .where(scope_clause(user)).group_by(Notice.status)).all())


def versions_of(notice: Notice) -> list[Notice]:
    """Every version of the notice's series, oldest first."""
    return list(db.session.scalars(sa.select(Notice).where(
        Notice.series_id == notice.series_id).order_by(Notice.version)))


def deliveries(notice: Notice) -> list[dict[str, Any]]:
    """Outbox rows about this notice, counted by channel and status."""
    rows = db.session.execute(
        sa.select(Delivery.channel, Delivery.status, sa.func.count())
        .where(Delivery.subject_type == "notice", Delivery.subject_id == notice.id)
        .group_by(Delivery.channel, Delivery.status)
        .order_by(Delivery.channel, Delivery.status)).all()
    return [{"channel": c, "status": s, "count": n} for c, s, n in rows]
