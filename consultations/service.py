"""Consultation use cases: write the draft, announce it as a notice, take comments in the
window, moderate, tag, answer groups of comments, publish the summary. Each public function
writes one unit of work's changes and flushes; the caller's unit of work commits.
"""

from __future__ import annotations

import hashlib
import html
import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

import directory
from consultations import messages
from consultations.access import get_scoped, require_summary_role, require_writer
from consultations.models import (
    Consultation,
    ConsultationAttachment,
    ConsultationComment,
    ConsultationCommentTag,
    ConsultationResponse,
    ConsultationSection,
    ConsultationTarget,
)
from core import clock, idempotency, outbox, storage, urls
from core.db import after_rollback, db, flush, savepoint
from core.errors import Conflict, NotFound, UserValueError
from core.models import IdempotencyRecord
from directory.models import AdminUnit, StaffUser
from feedback.service import Identity
from privacy import consent as consent_rules
from privacy.masking import MASK, mask_personal_data

log = logging.getLogger(__name__)



# --- status and times -------------------------------------------------------------------------
def status_of(item: Consultation, moment: datetime | None = None) -> str:
    """Planned → open → closed → summary_published, from the window and the summary."""
    if item.summary_published_at is not None:
        return "summary_published"
    moment = moment or clock.now()
    if moment < item.opens_at:
        return "planned"
    if moment < item.closes_at:
        return "open"
    return "closed"


def local_text(moment: datetime) -> str:
    """A time as citizens read it: 17:00 ngày 31/12/2026."""
    return clock.to_local(moment).strftime("%H:%M ngày %d/%m/%Y")


def public_url(item: Consultation) -> str:
    """Where the public reads the consultation (absolute from a trusted origin only,
    ``core.urls``)."""
    return urls.public_url("consultations_public.detail", consultation_id=item.id)


# --- writing ------------------------------------------------------------------------------------

def _apply(item: Consultation, data: dict[str, Any]) -> None:
    for name in ("title", "description", "opens_at", "closes_at"):
        if name in data:
            setattr(item, name, data[name])
    if "office_id" in data:
        office = directory.get_office(data["office_id"])
        if office.unit_code != item.unit_code:
            raise UserValueError(messages.OFFICE_WRONG_UNIT,
                                 {"office_id": [messages.OFFICE_WRONG_UNIT]})
        item.office_id = office.id
    if item.closes_at <= item.opens_at:
        raise UserValueError(messages.CLOSES_BEFORE_OPENS,
                             {"closes_at": [messages.CLOSES_BEFORE_OPENS]})
    if "targets" in data:
        codes = directory.resolve_targets(
            item.unit, data["targets"], messages.TARGET_UNKNOWN, messages.TARGET_OUTSIDE)
        item.targets = [ConsultationTarget(unit_code=code) for code in codes]
    if "sections" in data:
        if not data["sections"]:
            raise UserValueError(messages.SECTIONS_REQUIRED,
                                 {"sections": [messages.SECTIONS_REQUIRED]})
        item.sections = []
        db.session.flush()  # numbers are unique: old rows go before new ones come
        item.sections = [
            ConsultationSection(number=n, title=s["title"], body=s.get("body") or "",
                                label=s.get("label") or messages.SECTION_LABEL.format(n=n))
            for n, s in enumerate(data["sections"], 1)]


def create(data: dict[str, Any], actor: StaffUser) -> Consultation:
    """Write a consultation (not public until its announcement notice is published)."""
    unit = directory.get_unit(data.get("unit_code") or actor.unit_code)
    require_writer(actor, unit)
    item = Consultation(unit_code=unit.code, unit=unit, author_id=actor.id,
                        created_at=clock.now())
    _apply(item, {"targets": None, **data})
    db.session.add(item)
    flush()
    return item


def update(consultation_id: int, data: dict[str, Any], actor: StaffUser) -> Consultation:
    """Change a consultation that has not been announced yet."""
    item = get_scoped(consultation_id, actor, for_update=True)
    require_writer(actor, item.unit)
    if item.notice_id is not None:
        raise Conflict(messages.ALREADY_ANNOUNCED)
    _apply(item, data)
    flush()
    return item


def add_attachment(consultation_id: int, actor: StaffUser,
                   upload: storage.Upload) -> ConsultationAttachment:
    """Attach a file of the draft (until the window closes)."""
    item = get_scoped(consultation_id, actor, for_update=True)
    require_writer(actor, item.unit)
    if status_of(item) not in ("planned", "open"):
        raise Conflict(messages.WINDOW_CLOSED.format(closes=local_text(item.closes_at)))
    limit = current_app.config["CONSULTATIONS_MAX_ATTACHMENTS"]
    if len(item.attachments) >= limit:
        text = messages.TOO_MANY_ATTACHMENTS.format(n=limit)
        raise UserValueError(text, {"file": [text]})
    stored = storage.save(upload.data, upload.ext)
    after_rollback(lambda: storage.delete(stored.key))  # the file of a row not kept
    row = ConsultationAttachment(consultation_id=item.id, storage_key=stored.key,
                                 filename=upload.filename, content_type=upload.content_type,
                                 size=stored.size, sha256=stored.sha256,
                                 created_at=clock.now())
    db.session.add(row)
    flush()
    return row


# --- announcement -----------------------------------------------------------------------------
def notice_content(item: Consultation) -> dict[str, Any]:
    """The announcement notice: what, when, who, the sections, and how to comment."""
    opens, closes = local_text(item.opens_at), local_text(item.closes_at)
    esc = html.escape
    sections = "".join(f"<li>{esc(s.label)}. {esc(s.title)}</li>" for s in item.sections)
    body = (f"<p>{esc(item.description)}</p>"
            f"<p><strong>{esc(messages.NOTICE_WINDOW.format(opens=opens, closes=closes))}"
            f"</strong></p>"
            f"<p>{esc(messages.NOTICE_OFFICE.format(office=item.office.name))}</p>"
            f"<p>{esc(messages.NOTICE_SECTIONS)}</p><ol>{sections}</ol>"
            f"<p>{esc(messages.NOTICE_HOW)}</p>")
    summary = messages.NOTICE_SUMMARY.format(title=item.title, opens=opens, closes=closes)
    title = messages.NOTICE_TITLE.format(title=item.title)
    return {
        "unit_code": item.unit_code,
        "title": title if len(title) <= 200 else title[:199] + "…",
        "summary": summary if len(summary) <= 500 else summary[:499] + "…",
        "body": body,
        "category": "policy_law",
        "priority": "normal",
        "expires_at": item.closes_at,
        "targets": item.target_codes,
    }


def announce(consultation_id: int, actor: StaffUser) -> Consultation:
    """Write the announcement notice and send it for approval; once a leader approves it,
    the notice goes out on every channel and the consultation becomes public."""
    from notices import service as notices_service

    item = get_scoped(consultation_id, actor, for_update=True)
    require_writer(actor, item.unit)
    if item.notice_id is not None:
        raise Conflict(messages.ANNOUNCE_TWICE)
    if item.closes_at <= clock.now():
        raise Conflict(messages.WINDOW_PASSED)
    notice = notices_service.create(notice_content(item), actor)
    item = get_scoped(consultation_id, actor, for_update=True)
    item.notice_id = notice.id
    notices_service.submit(notice.id, actor)
    return item


def on_notice_published(_app, notice) -> None:
    """Receiver of ``notice_published`` (inside the publishing transaction): an
    announcement going out makes its consultation public."""
    item = db.session.scalar(sa.select(Consultation).where(
        Consultation.notice_id == notice.series_id))
    if item is not None and item.announced_at is None:
        item.announced_at = notice.published_at or clock.now()


def on_notice_withdrawn(_app, notice) -> None:
    """Receiver of ``notice_withdrawn``: withdrawing the announcement cancels the
    consultation's publication (its comments stay for staff; announcing again needs a new
    consultation)."""
    item = db.session.scalar(sa.select(Consultation).where(
        Consultation.notice_id == notice.series_id))
    if item is not None:
        item.announced_at = None


# --- comments -----------------------------------------------------------------------------------
def get_public(consultation_id: int) -> Consultation:
    """An announced consultation; 404 for anything else."""
    item = db.session.scalar(sa.select(Consultation).where(
        Consultation.id == consultation_id, Consultation.announced_at.is_not(None)))
    if item is None:
        raise NotFound(messages.NOT_FOUND)
    return item


def check_window(item: Consultation, moment: datetime) -> None:
    """409 with the dates unless the comment window is open."""
    status = status_of(item, moment)
    if status == "planned":
        raise Conflict(messages.NOT_OPEN_YET.format(opens=local_text(item.opens_at),
                                                    closes=local_text(item.closes_at)))
    if status != "open":
        raise Conflict(messages.WINDOW_CLOSED.format(closes=local_text(item.closes_at)))


def _section(item: Consultation, number: int | None) -> ConsultationSection | None:
    if number is None:
        return None
    for section in item.sections:
        if section.number == number:
            return section
    text = messages.SECTION_UNKNOWN.format(n=number)
    raise UserValueError(text, {"section": [text]})


def _known_values(name: str | None, phone: str | None, email: str | None,
                  identity: Identity | None) -> tuple[list[str], list[str]]:
    """The commenter's own personal data: (names, literal values such as phones and ids)."""
    values = [email]
    if identity:
        values += [identity.zalo_user_id, identity.zalo_app_user_id]
    if phone:
        national = phone[3:] if phone.startswith("+84") else phone.lstrip("+")
        values += [phone, phone.lstrip("+"), "0" + national, national]
    literal = sorted({v for v in values if v and len(v) >= 5}, key=len, reverse=True)
    return ([name] if name else []), literal


def public_text(body: str, known: tuple[list[str], list[str]]) -> str:
    """A comment as the public reads it: personal data (recognised, and the commenter's own
    name, phone, e-mail and ids) masked."""
    names, literal = known
    masked = body
    for value in literal:  # before the patterns, which would cut a value in pieces
        masked = masked.replace(value, MASK)
    return mask_personal_data(masked, known_names=names)


def comment(consultation_id: int, data: dict[str, Any], idempotency_key: str | None = None,
            identity: Identity | None = None, channel: str | None = None
            ) -> tuple[int, dict[str, Any]]:
    """Take a citizen's comment; returns (HTTP status, answer).

    The same key and body get the first answer again; the idempotency record, the comment
    and nothing else are written in one transaction. Outside the window: 409.
    """
    channel = channel or data.get("channel") or "api"
    request_hash = idempotency.fingerprint({
        "consultation": consultation_id, "data": data, "channel": channel,
        "identity": identity.__dict__ if identity else None})
    if idempotency_key:
        stored = idempotency.replay(idempotency_key, request_hash)
        if stored:
            return stored
    moment = clock.now()
    item = get_public(consultation_id)
    check_window(item, moment)
    section = _section(item, data.get("section"))
    # Contact data only under a consent naming a privacy-notice version we published (422).
    consent_rules.require(data.get("author"), data.get("consent"), channel)
    if idempotency_key:
        try:
            with savepoint():
                idempotency.remember(idempotency_key, request_hash, 0, {})
        except IntegrityError:
            stored = idempotency.replay(idempotency_key, request_hash)
            if stored is None:  # pragma: no cover - the other transaction rolled back
                raise Conflict(messages.NOT_FOUND) from None
            return stored
    author = data.get("author") or {}
    row = ConsultationComment(
        consultation_id=item.id, section_id=section.id if section else None,
        channel=channel, body=data["body"],
        public_body=public_text(data["body"], _known_values(
            author.get("name"), author.get("phone"), author.get("email"), identity)),
        author_name=author.get("name"), author_phone=author.get("phone"),
        author_email=author.get("email"),
        zalo_user_id=identity.zalo_user_id if identity else None,
        zalo_app_user_id=identity.zalo_app_user_id if identity else None,
        is_anonymous=bool(data.get("anonymous")), status="published", created_at=moment)
    consent = data.get("consent")
    if consent and author:
        row.consent = {**consent, "at": moment.isoformat(), "channel": channel}
    db.session.add(row)
    db.session.flush()
    answer = {"id": row.id, "consultation_id": item.id,
              "section": section.number if section else None,
              "status": row.status, "message": messages.COMMENT_THANKS}
    if idempotency_key:
        record = db.session.get(IdempotencyRecord, idempotency_key)
        record.status_code, record.response = 201, answer
    flush()
    return 201, answer


# --- moderation, tags, responses ------------------------------------------------------------
def get_comment(comment_id: int, actor: StaffUser, for_update: bool = False
                ) -> tuple[Consultation, ConsultationComment]:
    """A comment on a consultation in the actor's scope; 404 otherwise."""
    query = sa.select(ConsultationComment).where(ConsultationComment.id == comment_id)
    if for_update:
        query = query.with_for_update()
    row = db.session.scalar(query)
    if row is None:
        raise NotFound(messages.COMMENT_NOT_FOUND)
    try:
        item = get_scoped(row.consultation_id, actor)
    except NotFound:
        raise NotFound(messages.COMMENT_NOT_FOUND) from None
    return item, row


def hide(comment_id: int, actor: StaffUser, reason: str) -> ConsultationComment:
    """Hide an abusive comment from the public; the comment and the reason are kept."""
    item, row = get_comment(comment_id, actor, for_update=True)
    require_writer(actor, item.unit)
    if not (reason or "").strip():
        raise UserValueError(messages.REASON_REQUIRED, {"reason": [messages.REASON_REQUIRED]})
    if row.status == "hidden":
        raise Conflict(messages.ALREADY_HIDDEN)
    row.status, row.hidden_reason = "hidden", reason.strip()
    row.hidden_by_id, row.hidden_at = actor.id, clock.now()
    flush()
    return row


def restore(comment_id: int, actor: StaffUser) -> ConsultationComment:
    """Show a hidden comment again (the last hiding stays on record)."""
    item, row = get_comment(comment_id, actor, for_update=True)
    require_writer(actor, item.unit)
    if row.status != "hidden":
        raise Conflict(messages.NOT_HIDDEN)
    row.status = "published"
    flush()
    return row


def set_tags(comment_id: int, actor: StaffUser, tags: list[str]) -> ConsultationComment:
    """Replace a comment's tags."""
    item, row = get_comment(comment_id, actor, for_update=True)
    require_writer(actor, item.unit)
    wanted = list(dict.fromkeys(t.strip().lower() for t in tags))
    if any(not 1 <= len(t) <= 40 for t in wanted):
        raise UserValueError(messages.TAG_INVALID, {"tags": [messages.TAG_INVALID]})
    row.tags = [t for t in row.tags if t.tag in wanted]
    have = set(row.tag_names)
    row.tags.extend(ConsultationCommentTag(tag=t) for t in wanted if t not in have)
    flush()
    return row


def respond(consultation_id: int, actor: StaffUser, comment_ids: list[int], decision: str,
            body: str) -> ConsultationResponse:
    """Answer a group of comments with one decision and its reasons."""
    item = get_scoped(consultation_id, actor, for_update=True)
    require_writer(actor, item.unit)
    ids = list(dict.fromkeys(comment_ids))
    if not ids:
        raise UserValueError(messages.COMMENTS_REQUIRED,
                             {"comment_ids": [messages.COMMENTS_REQUIRED]})
    rows = list(db.session.scalars(sa.select(ConsultationComment).where(
        ConsultationComment.id.in_(ids), ConsultationComment.consultation_id == item.id)))
    missing = sorted(set(ids) - {r.id for r in rows})
    if missing:
        text = messages.COMMENTS_OTHER.format(ids=", ".join(map(str, missing)))
        raise UserValueError(text, {"comment_ids": [text]})
    response = ConsultationResponse(consultation_id=item.id, decision=decision, body=body,
                                    author_id=actor.id, created_at=clock.now())
    db.session.add(response)
    db.session.flush()
    for row in rows:
        row.response_id = response.id
    flush()
    return response


# --- summary ------------------------------------------------------------------------------------
def commenter_address(row: ConsultationComment) -> tuple[str, str] | None:
    """The channel and recipient on which a commenter hears about the result."""
    if row.zalo_user_id:
        return "zalo", row.zalo_user_id
    if row.author_phone:
        return "sms", row.author_phone
    if row.author_email:
        return "email", row.author_email
    return None


def publish_summary(consultation_id: int, actor: StaffUser, summary: str) -> Consultation:
    """Publish what was accepted and why, once the window has closed, and queue one message
    to every commenter who can be reached (published comments only)."""
    require_summary_role(actor)
    item = get_scoped(consultation_id, actor, for_update=True)
    require_writer(actor, item.unit)
    status = status_of(item)
    if status == "summary_published":
        raise Conflict(messages.SUMMARY_DONE)
    if status != "closed" or item.announced_at is None:
        raise Conflict(messages.SUMMARY_NOT_CLOSED)
    if not (summary or "").strip():
        raise UserValueError(messages.SUMMARY_EMPTY, {"summary": [messages.SUMMARY_EMPTY]})
    item.summary = summary.strip()
    item.summary_published_at = clock.now()
    item.summary_by_id = actor.id
    text = messages.SUMMARY_MESSAGE.format(
        title=item.title, summary=_shorten(item.summary, 1200), url=public_url(item))
    addresses: dict[tuple[str, str], None] = {}
    for row in db.session.scalars(sa.select(ConsultationComment).where(
            ConsultationComment.consultation_id == item.id,
            ConsultationComment.status == "published").order_by(ConsultationComment.id)):
        address = commenter_address(row)
        if address is not None:
            addresses.setdefault(address)
    for channel, recipient in addresses:
        digest = hashlib.sha256(recipient.encode()).hexdigest()[:24]
        outbox.queue(channel, recipient, "consultation_summary",
                     {"text": text, "consultation_id": item.id},
                     key=f"consultation:{item.id}:summary:{channel}:{digest}",
                     subject=("consultation", item.id))
    flush()
    return item


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# --- reading ------------------------------------------------------------------------------------
def section_counts(item: Consultation, include_hidden: bool = False) -> dict[int | None, int]:
    """Comments per section id (None: the whole draft)."""
    query = (sa.select(ConsultationComment.section_id, sa.func.count())
             .where(ConsultationComment.consultation_id == item.id)
             .group_by(ConsultationComment.section_id))
    if not include_hidden:
        query = query.where(ConsultationComment.status == "published")
    return {section_id: n for section_id, n in db.session.execute(query)}


def public_list(unit: AdminUnit, limit: int = 20) -> list[Consultation]:
    """Announced consultations for a unit (its own and its province's), newest window first."""
    codes = [unit.code] + ([unit.parent_code] if unit.level == "commune" and unit.parent_code
                           else [])
    targeted = sa.select(ConsultationTarget.consultation_id).where(
        ConsultationTarget.unit_code.in_(codes))
    return list(db.session.scalars(sa.select(Consultation).where(
        Consultation.announced_at.is_not(None), Consultation.id.in_(targeted))
        .order_by(Consultation.closes_at.desc(), Consultation.id.desc()).limit(limit)))


def open_for_unit(unit: AdminUnit) -> list[Consultation]:
    """Consultations taking comments now for a unit, closing soonest first."""
    moment = clock.now()
    return [c for c in reversed(public_list(unit, limit=50))
            if status_of(c, moment) == "open"][:9]


def target_label(item: Consultation, number: int | None) -> str:
    """"Toàn bộ dự thảo" or "Điều 2. Lối đi cho người đi bộ"."""
    section = next((s for s in item.sections if s.number == number), None)
    return f"{section.label}. {section.title}" if section else messages.WHOLE_DRAFT


def statistics(item: Consultation) -> dict[str, Any]:
    """Comments per section, per channel, per tag, and hidden ones."""
    base = sa.select(sa.func.count()).select_from(ConsultationComment).where(
        ConsultationComment.consultation_id == item.id)
    total = db.session.scalar(base)
    hidden = db.session.scalar(base.where(ConsultationComment.status == "hidden"))
    counts = section_counts(item, include_hidden=True)
    by_channel = db.session.execute(
        sa.select(ConsultationComment.channel, sa.func.count())
        .where(ConsultationComment.consultation_id == item.id)
        .group_by(ConsultationComment.channel).order_by(ConsultationComment.channel)).all()
    by_tag = db.session.execute(
        sa.select(ConsultationCommentTag.tag, sa.func.count())
        .join(ConsultationComment, ConsultationComment.id == ConsultationCommentTag.comment_id)
        .where(ConsultationComment.consultation_id == item.id)
        .group_by(ConsultationCommentTag.tag).order_by(ConsultationCommentTag.tag)).all()
    answered = db.session.scalar(base.where(ConsultationComment.response_id.is_not(None)))
    return {
        "consultation_id": item.id,
        "status": status_of(item),
        "total": total,
        "published": total - hidden,
        "hidden": hidden,
        "answered": answered,
        "by_section": [{"section": None, "label": messages.WHOLE_DRAFT,
                        "count": counts.get(None, 0)}] + [
            {"section": s.number, "label": s.label, "count": counts.get(s.id, 0)}
            for s in item.sections],
        "by_channel": [{"channel": c, "label": messages.CHANNEL_LABELS.get(c, c), "count": n}
                       for c, n in by_channel],
        "by_tag": [{"tag": t, "count": n} for t, n in by_tag],
    }
