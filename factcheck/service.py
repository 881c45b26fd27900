"""Use cases of the false-information reports: take a report from any channel and group it
into its case, record a verdict, start the official clarification (a notice, approved by a
second person through the notices workflow), tell every reporter the outcome, watch the
deadlines. Each public function is one unit of work and commits once (the clarification:
the notices service commits the notice, then the case).

Deadlines are in hours, not days: a rumour does not wait for Monday. A normal case whose
deadline falls on a day off (core/calendar.py) is due at the end of the next working day;
an emergency (the text speaks of evacuation, floods, epidemics…, or staff say so) is due in
``FACTCHECK_EMERGENCY_DUE_HOURS`` whatever the day, and comes first in the queue.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

import directory
from core import calendar, idempotency, outbox, storage
from core.clock import LOCAL_TZ, isoformat_local, now, to_local
from core.codes import display_code, new_tracking_code, normalise_tracking_code
from core.db import after_commit, after_rollback, db, flush, savepoint
from core.errors import Conflict, NotFound, UserValueError
from core.models import IdempotencyRecord
from core.text import fold
from core.urls import public_url
from directory import scope
from directory.models import AdminUnit, Office, StaffUser
from factcheck import grouping, messages
from factcheck.models import (
    CLARIFIED_VERDICTS,
    OPEN_STATUSES,
    PRIORITY_RANK,
    FactcheckCase,
    FactcheckEvent,
    FactcheckOffice,
    MisinformationReport,
)
from notices import service as notices_service
from notices.models import Notice
from privacy import consent as privacy_consent

log = logging.getLogger(__name__)

ACTING_ROLES = scope.WRITING_ROLES


@dataclass
class Identity:
    """Channel identities a trusted integration vouches for (the Zalo chat, the Mini App)."""

    zalo_user_id: str | None = None
    zalo_app_user_id: str | None = None


# --- routing and deadlines ----------------------------------------------------------------------
def office_for(unit: AdminUnit) -> Office:
    """The office handling reports in ``unit``: the one set for the unit, else an office
    whose kind or name says information or culture (``FACTCHECK_OFFICE_KINDS``,
    ``FACTCHECK_OFFICE_NAMES``), else the unit's default office, else the province's."""
    config = current_app.config
    for code in dict.fromkeys((unit.code, unit.province_code)):
        chosen = db.session.get(FactcheckOffice, code)
        if chosen is not None and chosen.office.is_active:
            return chosen.office
        offices = list(db.session.scalars(sa.select(Office).where(
            Office.unit_code == code, Office.is_active).order_by(Office.id)))
        for office in offices:
            if office.kind in config["FACTCHECK_OFFICE_KINDS"]:
                return office
        for office in offices:
            name = fold(office.name)
            if any(hint in name for hint in config["FACTCHECK_OFFICE_NAMES"]):
                return office
        default = directory.default_office(code)
        if default is not None:
            return default
    raise UserValueError(messages.NO_OFFICE, {"unit_code": [messages.NO_OFFICE]})


def set_office(unit_code: str, office_id: int) -> FactcheckOffice:
    """Choose the office handling reports in a unit (CLI)."""
    unit = directory.get_unit(unit_code)
    office = directory.get_office(office_id)
    if office.unit_code not in (unit.code, unit.province_code):
        raise UserValueError(messages.OFFICE_WRONG_UNIT,
                             {"office_id": [messages.OFFICE_WRONG_UNIT]})
    row = db.session.get(FactcheckOffice, unit.code) or FactcheckOffice(unit_code=unit.code)
    row.office_id = office.id
    db.session.add(row)
    flush()
    return row


def is_emergency(text: str | None) -> bool:
    """Whether a report speaks of something that cannot wait (evacuation, floods, fire,
    epidemics…): whole folded words of ``FACTCHECK_EMERGENCY_WORDS``."""
    words = f" {grouping.text_key(text) or ''} "
    return any(f" {word} " in words for word in current_app.config["FACTCHECK_EMERGENCY_WORDS"])


def due_at(received: datetime, priority: str) -> datetime:
    """When a case received at ``received`` must have its verdict."""
    config = current_app.config
    if priority == "emergency":
        return received + timedelta(hours=int(config["FACTCHECK_EMERGENCY_DUE_HOURS"]))
    due = received + timedelta(hours=int(config["FACTCHECK_DUE_HOURS"]))
    local_day = to_local(due).date()
    if calendar.is_working_day(local_day):
        return due
    next_day = calendar.add_working_days(local_day, 1)
    return datetime.combine(next_day, time(23, 59, 59), tzinfo=LOCAL_TZ)


# --- grouping ----------------------------------------------------------------------------------
def find_case(unit_code: str, url_key: str | None, text_key: str | None,
              image_hash: str | None) -> FactcheckCase | None:
    """The recent case of the unit about the same thing: the same link, nearly the same
    text, or the same image; None if there is none."""
    config = current_app.config
    since = now() - timedelta(days=int(config["FACTCHECK_GROUP_DAYS"]))
    recent = (MisinformationReport.unit_code == unit_code,
              MisinformationReport.created_at >= since)
    if url_key:
        case_id = db.session.scalar(
            sa.select(MisinformationReport.case_id)
            .where(*recent, MisinformationReport.url_key == url_key)
            .order_by(MisinformationReport.id.desc()).limit(1))
        if case_id:
            return db.session.get(FactcheckCase, case_id)
    if not (text_key or image_hash):
        return None
    rows = db.session.execute(
        sa.select(MisinformationReport.case_id, MisinformationReport.text_key,
                  MisinformationReport.image_hash)
        .where(*recent, sa.or_(MisinformationReport.text_key.is_not(None),
                               MisinformationReport.image_hash.is_not(None)))
        .order_by(MisinformationReport.id.desc())
        .limit(int(config["FACTCHECK_GROUP_CANDIDATES"]))).all()
    best: tuple[float, int] | None = None
    threshold = float(config["FACTCHECK_TEXT_SIMILARITY"])
    min_words = int(config["FACTCHECK_TEXT_MIN_WORDS"])
    distance = int(config["FACTCHECK_IMAGE_DISTANCE"])
    for case_id, other_text, other_hash in rows:
        if image_hash and other_hash and grouping.hash_distance(image_hash, other_hash) \
                <= distance:
            return db.session.get(FactcheckCase, case_id)
        if text_key and other_text and len(text_key.split()) >= min_words:
            score = grouping.similarity(text_key, other_text)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, case_id)
    return db.session.get(FactcheckCase, best[1]) if best else None


def _lock_unit(unit_code: str) -> None:
    """Reports of one unit are grouped one at a time (PostgreSQL; SQLite has one writer)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": 2_100_000_000 + int(unit_code)})


# --- intake ------------------------------------------------------------------------------------
def _title(data: dict[str, Any]) -> str:
    words = (data.get("content") or "").split()
    if words:
        title = " ".join(words[:14])
        return title if len(title) <= 180 else title[:179] + "…"
    if data.get("link"):
        return data["link"][:200]
    return messages.TITLE_IMAGE


def _routes(report: MisinformationReport) -> list[outbox.Route]:
    """Where a reporter is told, in order (those this deployment can send on first)."""
    addresses = {"zalo": report.zalo_user_id, "zns": report.reporter_phone,
                 "sms": report.reporter_phone, "email": report.reporter_email}
    routes = [outbox.Route(c, r) for c in (report.notify_routes or [])
              if (r := addresses.get(c))]
    usable = [route for route in routes if outbox.has_sender(route.channel)]
    return usable or routes


def notify_routes(choice: str | None, zalo_user_id: str | None, phone: str | None,
                  email: str | None) -> list[str] | None:
    """Channels a reporter can be told on: their choice first, then the others their
    contact data allows."""
    available = [c for c, a in (("zalo", zalo_user_id), ("zns", phone), ("sms", phone),
                                ("email", email)) if a]
    first = {"zalo": ("zalo", "zns"), "sms": ("sms",), "email": ("email",)}.get(choice or "", ())
    ordered = [c for c in first if c in available]
    ordered += [c for c in available if c not in ordered]
    return ordered or None


def _tell(report: MisinformationReport, kind: str, text: str, subject: str,
          **extra: Any) -> None:
    """Queue a message to one reporter (nothing if they left no way to reach them)."""
    routes = _routes(report)
    if not routes:
        return
    code = display_code(report.tracking_code)
    payload = {"tracking_code": report.tracking_code, "code": code, "text": text,
               "subject": subject, **{k: v for k, v in extra.items() if v is not None}}
    outbox.queue(routes, None, kind, payload,
                 key=f"factcheck:{report.id}:{kind}:{routes[0].channel}",
                 subject=("factcheck_report", report.id))


def _event(case: FactcheckCase, kind: str, actor: StaffUser | None = None,
           note: str | None = None) -> None:
    db.session.add(FactcheckEvent(case_id=case.id, kind=kind,
                                  actor_id=actor.id if actor else None, note=note,
                                  created_at=now()))


def report(data: dict[str, Any], image: storage.Upload | None = None, *,
           channel: str, identity: Identity | None = None, actor: StaffUser | None = None,
           idempotency_key: str | None = None,
           receipt: bool = True) -> tuple[int, dict[str, Any]]:
    """Take a report (validated input) and file it in its case; returns (HTTP status,
    answer with the tracking code). A report taken by staff names them (``actor``); a
    channel that answers the reporter itself (the Zalo chat) asks for no ``receipt``."""
    request_hash = None
    if idempotency_key:
        request_hash = idempotency.fingerprint({
            "data": data, "channel": channel,
            "image": hashlib.sha256(image.data).hexdigest() if image else None,
            "identity": identity.__dict__ if identity else None})
        stored = idempotency.replay(idempotency_key, request_hash)
        if stored:
            return stored
    unit = _unit(data["unit_code"])
    if actor is not None:
        scope.require_writer(actor, unit, messages.READ_ONLY_ROLE, messages.NOT_YOUR_UNIT)
    for attempt in range(3):
        try:
            with savepoint():  # a clash undoes this attempt alone
                return _report_once(data, image, unit, channel, identity, actor,
                                    idempotency_key, request_hash, receipt)
        except _CodeTaken:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


class _CodeTaken(Exception):
    """The random tracking code exists already."""


def _unit(code: str) -> AdminUnit:
    try:
        unit = directory.get_unit(code)
    except NotFound:
        raise UserValueError(messages.UNIT_UNKNOWN, {"unit_code": [messages.UNIT_UNKNOWN]}) \
            from None
    if unit.level != "commune":
        raise UserValueError(messages.UNIT_NOT_COMMUNE,
                             {"unit_code": [messages.UNIT_NOT_COMMUNE]})
    return unit


def _report_once(data, image, unit, channel, identity, actor, idempotency_key, request_hash,
                 receipt):
    if idempotency_key:
        try:
            with savepoint():
                idempotency.remember(idempotency_key, request_hash, 0, {})
        except IntegrityError:
            stored = idempotency.replay(idempotency_key, request_hash)
            if stored is None:  # pragma: no cover - the other transaction rolled back
                raise Conflict(messages.NOT_FOUND) from None
            return stored
    stored_key = None
    try:
        status, answer, stored_key = _create(data, image, unit, channel, identity, actor,
                                             receipt)
        if stored_key:  # a screenshot of a report that was not kept
            after_rollback(lambda: storage.delete(stored_key))
        if idempotency_key:
            record = db.session.get(IdempotencyRecord, idempotency_key)
            record.status_code, record.response = status, answer
        flush()
    except BaseException as exc:
        if stored_key:
            storage.delete(stored_key)
        if isinstance(exc, IntegrityError) and "tracking_code" in str(exc.orig):
            raise _CodeTaken from exc
        raise
    return status, answer


def _create(data, image, unit, channel, identity, actor, receipt):
    received = now()
    reporter = {k: v for k, v in (data.get("reporter") or {}).items() if v}
    consent = data.get("consent")
    privacy_consent.require(reporter, consent, channel)
    given = privacy_consent.contact_types(reporter)
    zalo_user_id = identity.zalo_user_id if identity else None
    link = data.get("link") or grouping.find_url(data.get("content"))
    image_hash = grouping.image_hash(image.data) if image else None
    values = dict(
        url_key=grouping.url_key(link), text_key=grouping.text_key(data.get("content")))
    _lock_unit(unit.code)
    case = find_case(unit.code, values["url_key"], values["text_key"], image_hash)
    joined = case is not None
    if case is None:
        priority = "emergency" if is_emergency(data.get("content")) else "normal"
        office = office_for(unit)
        case = FactcheckCase(unit_code=unit.code, office_id=office.id, title=_title(data),
                             status="open", priority=priority, due_at=due_at(received, priority),
                             is_overdue=False, report_count=0, created_at=received,
                             updated_at=received)
        db.session.add(case)
        db.session.flush()
        _event(case, "created", actor)
    elif case.is_open and case.priority != "emergency" and is_emergency(data.get("content")):
        case.priority, case.due_at = "emergency", min(case.due_at,
                                                      due_at(received, "emergency"))
        _event(case, "priority", None, "emergency")
    stored = storage.save(image.data, image.ext) if image else None
    row = MisinformationReport(
        tracking_code=new_tracking_code(), case_id=case.id, unit_code=unit.code,
        channel=channel, link=link, content=data.get("content"), seen_where=data.get("seen_where"),
        seen_at=data.get("seen_at"), image_key=stored.key if stored else None,
        image_type=image.content_type if image else None, image_hash=image_hash,
        reporter_name=reporter.get("name"), reporter_phone=reporter.get("phone"),
        reporter_email=reporter.get("email"), zalo_user_id=zalo_user_id,
        zalo_app_user_id=identity.zalo_app_user_id if identity else None,
        consent=privacy_consent.summary(channel, consent, given, received) if given else None,
        notify_routes=notify_routes(data.get("notify_via"), zalo_user_id, reporter.get("phone"),
                                    reporter.get("email")),
        taken_by_id=actor.id if actor else None, created_at=received, **values)
    db.session.add(row)
    case.report_count = (case.report_count or 0) + 1
    case.updated_at = received
    db.session.flush()
    if joined:
        _event(case, "joined", actor, display_code(row.tracking_code))
    code = display_code(row.tracking_code)
    if receipt:
        _tell(row, "factcheck_receipt", messages.RECEIPT.format(code=code, unit=unit.name),
              messages.RECEIPT_SUBJECT.format(code=code))
    if not case.is_open:  # already answered: the newcomer hears the outcome at once
        _tell_outcome(case, row)
    answer = {"tracking_code": code, "status": case.status,
              "status_label": messages.STATUS_LABELS[case.status],
              "due_at": isoformat_local(case.due_at), "unit": unit.name}
    return 201, answer, stored.key if stored else None


# --- staff: scope, queue, verdicts ------------------------------------------------------------
def scope_clause(user: StaffUser) -> sa.ColumnElement[bool]:
    """Cases ``user`` may see: an officer those of their office; others their unit's."""
    if user.role == "officer":
        return FactcheckCase.office_id == (user.office_id or -1)
    return scope.unit_scope(user, FactcheckCase.unit_code, with_province=False)


def get_scoped(case_id: int, user: StaffUser, for_update: bool = False) -> FactcheckCase:
    """A case the user may see; 404 otherwise."""
    return scope.get_scoped(FactcheckCase, case_id, user, scope_clause(user),
                            messages.NOT_FOUND, for_update)


def queue(user: StaffUser, status: str | None = "open", limit: int = 50,
          offset: int = 0) -> list[FactcheckCase]:
    """Cases in the user's scope: emergencies first, then by deadline. ``status`` "open"
    means not closed; None means every case."""
    query = sa.select(FactcheckCase).where(scope_clause(user))
    if status == "open":
        query = query.where(FactcheckCase.status.in_(OPEN_STATUSES))
    elif status:
        query = query.where(FactcheckCase.status == status)
    rank = sa.case(*((FactcheckCase.priority == p, r) for p, r in PRIORITY_RANK.items()),
                   else_=9)
    return list(db.session.scalars(query.order_by(rank, FactcheckCase.due_at,
                                                  FactcheckCase.id).limit(limit).offset(offset)))


def _require_actor(user: StaffUser) -> None:
    scope.require_role(user, ACTING_ROLES, messages.READ_ONLY_ROLE)


def record_verdict(case_id: int, actor: StaffUser, verdict: str, note: str | None = None,
                   forwarded_to: str | None = None) -> FactcheckCase:
    """Record the verdict. True and not-ours close the case and tell the reporters; false
    and misleading wait for their official clarification (:func:`start_clarification`)."""
    _require_actor(actor)
    case = get_scoped(case_id, actor, for_update=True)
    if case.verdict is not None:
        raise Conflict(messages.VERDICT_EXISTS)
    if verdict == "not_ours" and not forwarded_to:
        raise UserValueError(messages.FORWARDED_TO_REQUIRED,
                             {"forwarded_to": [messages.FORWARDED_TO_REQUIRED]})
    if verdict in CLARIFIED_VERDICTS and not note:
        raise UserValueError(messages.NOTE_REQUIRED, {"note": [messages.NOTE_REQUIRED]})
    moment = now()
    case.verdict, case.verdict_note, case.verdict_at = verdict, note, moment
    case.verdict_by_id = actor.id
    case.forwarded_to = forwarded_to if verdict == "not_ours" else None
    _event(case, "verdict", actor, verdict + (f": {forwarded_to}" if forwarded_to and
                                              verdict == "not_ours" else ""))
    if verdict in CLARIFIED_VERDICTS:
        case.status = "clarifying"
    else:
        _close(case, moment, actor)
    flush()
    return case


def start_clarification(case_id: int, actor: StaffUser, data: dict[str, Any]) -> Notice:
    """Write the official clarification of a false or misleading item: a notice of category
    "Thông tin chính thức / Bác bỏ tin sai" for the case's unit, submitted for approval by a
    second person (the notices workflow). It is published, and the reporters told, when
    approved."""
    _require_actor(actor)
    case = get_scoped(case_id, actor)
    if case.verdict not in CLARIFIED_VERDICTS or case.status != "clarifying":
        raise Conflict(messages.CLARIFICATION_NOT_NEEDED)
    if case.notice_id is not None:
        raise Conflict(messages.CLARIFICATION_EXISTS)
    body = {**data, "unit_code": case.unit_code, "category": messages.NOTICE_CATEGORY}
    body.setdefault("priority", "emergency" if case.priority == "emergency" else "priority")
    notice = notices_service.create(body, actor)
    notice = notices_service.submit(notice.id, actor)
    case = get_scoped(case_id, actor, for_update=True)
    case.notice_id = notice.series_id
    _event(case, "clarification", actor, f"#{notice.id}")
    flush()
    return notice


def set_priority(case_id: int, actor: StaffUser, priority: str) -> FactcheckCase:
    """Mark an open case an emergency (or back to normal): its deadline follows."""
    _require_actor(actor)
    case = get_scoped(case_id, actor, for_update=True)
    if not case.is_open:
        raise Conflict(messages.CASE_CLOSED)
    if case.priority != priority:
        case.priority = priority
        case.due_at = due_at(case.created_at, priority)
        case.is_overdue = case.due_at < now()
        _event(case, "priority", actor, priority)
    flush()
    return case


def _close(case: FactcheckCase, moment: datetime, actor: StaffUser | None) -> None:
    case.status, case.closed_at, case.is_overdue = "closed", moment, False
    _event(case, "closed", actor)
    for row in case.reports:
        _tell_outcome(case, row)


def clarification_link(case: FactcheckCase) -> str | None:
    """The public link of the published clarification of a case, if any."""
    if case.notice_id is None:
        return None
    current = db.session.scalar(sa.select(Notice).where(
        Notice.series_id == case.notice_id, Notice.status == "published")
        .order_by(Notice.version.desc()).limit(1))
    if current is None:
        return None
    if current.verification_code:  # the public page that shows it is genuine
        return public_url("verification_pages.notice_page", code=current.verification_code)
    return public_url("notices_public.notice", notice_id=current.id)


def _tell_outcome(case: FactcheckCase, row: MisinformationReport) -> None:
    """Tell one reporter the verdict (with the clarification's link), once."""
    if row.told_at is not None:
        return
    code = display_code(row.tracking_code)
    link = clarification_link(case)
    text = messages.OUTCOME[case.verdict].format(
        code=code, note=case.verdict_note or "", unit=case.unit.name,
        forwarded_to=case.forwarded_to or "").strip()
    if link:
        text += "\n" + messages.OUTCOME_LINK.format(link=link)
    label = messages.VERDICT_LABELS[case.verdict]
    _tell(row, "factcheck_outcome", text, messages.OUTCOME_SUBJECT.format(
        code=code, verdict=label.lower()), verdict=case.verdict, verdict_label=label, link=link)
    row.told_at = now()


def on_notice_published(_app, notice: Notice) -> None:
    """Receiver of ``notices.signals.notice_published`` (inside the publishing transaction):
    a published clarification closes its case and every reporter is told, with the link."""
    case = db.session.scalar(sa.select(FactcheckCase).where(
        FactcheckCase.notice_id == notice.series_id, FactcheckCase.status == "clarifying"))
    if case is None:
        return
    moment = notice.published_at or now()
    case.clarified_at = moment
    _event(case, "clarified", None, f"#{notice.id}")
    _close(case, moment, None)


def mark_overdue() -> int:
    """Flag open cases past their deadline (periodic); returns how many."""
    moment = now()
    ids = list(db.session.scalars(sa.select(FactcheckCase.id).where(
        FactcheckCase.status.in_(OPEN_STATUSES), FactcheckCase.verdict.is_(None),
        FactcheckCase.is_overdue.is_(False), FactcheckCase.due_at < moment)))
    if ids:
        db.session.execute(sa.update(FactcheckCase).where(FactcheckCase.id.in_(ids))
                           .values(is_overdue=True))
        for case_id in ids:
            db.session.add(FactcheckEvent(case_id=case_id, kind="overdue", created_at=moment))
    flush()
    return len(ids)


# --- public status ---------------------------------------------------------------------------
def public_status(raw_code: str) -> MisinformationReport:
    """A report by its tracking code (its case's status and verdict are public; the report's
    content and reporter are not)."""
    code = normalise_tracking_code(raw_code)
    row = db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.tracking_code == code)) if code else None
    if row is None:
        raise NotFound(messages.NOT_FOUND)
    return row


# --- privacy ---------------------------------------------------------------------------------
def erase(row: MisinformationReport, moment: datetime) -> None:
    """Drop what identifies or reaches the reporter, and the screenshot they sent (it may
    show their own chat or profile; the file goes once the erasure is committed); the
    report's text, link and image hash (for grouping) stay."""
    row.reporter_name = row.reporter_phone = row.reporter_email = None
    row.zalo_user_id = row.zalo_app_user_id = None
    row.notify_routes = None
    if row.image_key:
        key, row.image_key = row.image_key, None
        after_commit(lambda: storage.delete(key))
    if row.consent:
        row.consent = privacy_consent.erased_summary(row.consent, moment)
    row.personal_data_erased_at = moment


def _erasable() -> sa.ColumnElement[bool]:
    """Reports not yet erased that hold contact data or a screenshot."""
    r = MisinformationReport
    return sa.and_(r.personal_data_erased_at.is_(None), sa.or_(
        r.reporter_name.is_not(None), r.reporter_phone.is_not(None),
        r.reporter_email.is_not(None), r.zalo_user_id.is_not(None),
        r.zalo_app_user_id.is_not(None), r.image_key.is_not(None)))


def erase_expired(cutoff: datetime) -> int:
    """Retention hook: erase reporters' contact data and screenshots of cases closed before
    ``cutoff``."""
    rows = list(db.session.scalars(
        sa.select(MisinformationReport)
        .join(FactcheckCase, FactcheckCase.id == MisinformationReport.case_id)
        .where(FactcheckCase.closed_at < cutoff, _erasable())))
    moment = now()
    for row in rows:
        erase(row, moment)
    flush()
    return len(rows)


def erase_matching(identity, at: datetime) -> int:
    """Deletion-request hook: erase the person's contact data from every report given with
    one of their phones, e-mails or Zalo ids (flush only)."""
    r = MisinformationReport
    conditions = []
    if identity.phones:
        conditions.append(r.reporter_phone.in_(identity.phones))
    if identity.emails:
        conditions.append(sa.func.lower(r.reporter_email).in_(identity.emails))
    if identity.zalo_ids:
        conditions += [r.zalo_user_id.in_(identity.zalo_ids),
                       r.zalo_app_user_id.in_(identity.zalo_ids)]
    if not conditions:
        return 0
    rows = list(db.session.scalars(sa.select(r).where(sa.or_(*conditions), _erasable())))
    for row in rows:
        erase(row, at)
    return len(rows)
