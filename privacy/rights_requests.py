"""Rights requests: a citizen asks to see, correct, export, restrict or delete the personal
data of one of their feedback items, or to withdraw their consent.

Requests come through the lookup API (ownership proved by phone or lookup token, or a Zalo
Mini App identity), the Zalo chat, or staff entry. Each is tracked like feedback: a code,
a secret for the citizen, a timeline, two deadlines — acknowledge within
``PRIVACY_ACK_WORKING_DAYS`` working days, complete within ``PRIVACY_REQUEST_DAYS[kind]``
days (one extension of ``PRIVACY_EXTENSION_DAYS``) — and leaders complete each with one
action that applies its effect (see ``docs/privacy.md`` and ``vn-domain.md`` §4).

The workflow is here; what a right does to the item (and what the citizen receives) is the
item's domain's, registered with :func:`privacy.subjects.register_items`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import selectinload

from core import calendar, clock, outbox
from core.clock import LOCAL_TZ, isoformat_local, to_local
from core.codes import (
    digest,
    display_code,
    new_secret,
    new_tracking_code,
    normalise_tracking_code,
)
from core.db import db, flush
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.schemas import View
from directory.models import StaffUser
from directory.scope import LEADER_ROLES
from privacy import consent, messages
from privacy.models import (
    OPEN_REQUEST_STATUSES,
    REQUEST_KINDS,
    RightsRequest,
    RightsRequestEvent,
)
from privacy.subjects import DataSubject, items, registry

ACTIONS = ("acknowledge", "complete", "refuse", "extend")
# The numbered menu of the Zalo chat (“dữ liệu <số> <mã>”).
CHAT_KINDS = ("access", "export", "correct", "restrict", "withdraw", "delete")
CORRECTABLE = ("name", "phone", "email")


@dataclass
class Created:
    """A new request and the secrets the citizen must keep (shown once)."""

    request: RightsRequest
    token: str
    lookup_token: str | None = None


def deadlines(kind: str, received: datetime) -> tuple[datetime, datetime]:
    """(acknowledge by, complete by) for a request received at ``received``.

    Acknowledgement counts working days (core.calendar: weekends and public holidays).
    The decree counts completion in days; we count calendar days, which is never later
    than counting working days, so the deadline holds under either reading.
    """
    config = current_app.config
    acknowledge = calendar.due_at(received, int(config["PRIVACY_ACK_WORKING_DAYS"]))
    days = int(config["PRIVACY_REQUEST_DAYS"][kind])
    day = to_local(received).date() + timedelta(days=days)
    return acknowledge, datetime.combine(day, time(23, 59, 59), tzinfo=LOCAL_TZ)


def _new_code() -> str:
    while True:
        code = new_tracking_code()
        if db.session.scalar(sa.select(RightsRequest.id).where(RightsRequest.code == code)) \
                is None:
            return code


def _check_new(item: DataSubject, kind: str, details: dict[str, Any]) -> None:
    if kind not in REQUEST_KINDS:
        raise UserValueError(messages.REQUEST_NOT_FOUND)
    if details.get("correction") and kind != "correct":
        raise UserValueError(messages.CORRECTION_ONLY, {"correction": [messages.CORRECTION_ONLY]})
    if details.get("redact_photos") and kind != "delete":
        raise UserValueError(messages.REDACT_ONLY_DELETE,
                             {"redact_photos": [messages.REDACT_ONLY_DELETE]})
    if kind == "correct" and not details.get("correction"):
        raise UserValueError(messages.CORRECTION_REQUIRED,
                             {"correction": [messages.CORRECTION_REQUIRED]})
    if kind in ("correct", "restrict", "withdraw", "delete") \
            and item.personal_data_erased_at is not None:
        raise Conflict(messages.ALREADY_ERASED)
    if kind == "restrict" and item.contact_restricted_at is not None:
        raise Conflict(messages.ALREADY_RESTRICTED)
    if kind == "withdraw" and not consent.active_records(feedback_id=item.id):
        raise Conflict(messages.NO_CONSENT)
    pending = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id, RightsRequest.kind == kind,
        RightsRequest.status.in_(OPEN_REQUEST_STATUSES)))
    if pending is not None:
        raise Conflict(messages.REQUEST_PENDING.format(code=display_code(pending.code)))


def create(item: DataSubject, kind: str, channel: str, details: dict[str, Any] | None = None,
           entered_by: StaffUser | None = None) -> Created:
    """Record a request about ``item`` (ownership already proved); commits."""
    details = {k: v for k, v in (details or {}).items() if v not in (None, "", {}, False)}
    _check_new(item, kind, details)
    received = clock.now()
    acknowledge_due, due = deadlines(kind, received)
    token = new_secret(18)
    request = RightsRequest(
        code=_new_code(), token_hash=digest(token), kind=kind, channel=channel,
        status="received", feedback_id=item.id, unit_code=item.unit_code, details=details,
        received_at=received, acknowledge_due_at=acknowledge_due, due_at=due,
        entered_by_id=entered_by.id if entered_by else None)
    db.session.add(request)
    lookup_token = None
    if kind in ("withdraw", "delete"):
        # Phone and Zalo id will be gone: a lookup token keeps the item within reach.
        lookup_token = items().keep_within_reach(item)
    db.session.flush()
    db.session.add(RightsRequestEvent(
        request_id=request.id, kind="received", created_at=received,
        actor_id=entered_by.id if entered_by else None,
        actor_label="staff" if entered_by else "citizen", note=details.get("note")))
    flush()
    return Created(request, token, lookup_token)


def owned_item(raw_code: str, token: str | None, code: str | None) -> DataSubject:
    """The item whose personal data a citizen asks about: proved by the lookup token, a
    one-time code sent to their own channel, or the Zalo Mini App identity that sent it
    (never the phone alone: ``feedback.ownership``); 404 alike otherwise."""
    return items().owned(raw_code, token, code)


def for_owner(raw_code: str, token: str | None) -> RightsRequest:
    """A request, to the citizen holding its secret; 404 alike for unknown and not-yours."""
    if not token:
        raise UserValueError(messages.REQUEST_TOKEN_REQUIRED,
                             {"token": [messages.REQUEST_TOKEN_REQUIRED]})
    code = normalise_tracking_code(raw_code)
    request = db.session.scalar(sa.select(RightsRequest).where(RightsRequest.code == code)
                                .options(selectinload(RightsRequest.events))) if code else None
    if request is None or not hmac.compare_digest(digest(token), request.token_hash):
        raise NotFound(messages.REQUEST_NOT_FOUND)
    return request


# --- staff ---------------------------------------------------------------------------------
def on_deletion(app: Flask, hook) -> None:
    """Call ``hook(identity, at) -> count`` when a deletion request is completed, to erase
    the person's contact data held by another domain (flush only: the request commits)."""
    registry(app).deletion_hooks.append(hook)


def require_handler(user: StaffUser) -> None:
    """Rights requests are handled by leaders (commune leader, province administrator)."""
    if user.role not in LEADER_ROLES:
        raise Forbidden(messages.REQUEST_ROLE)


def _scoped_query(user: StaffUser) -> sa.Select:
    return sa.select(RightsRequest).join(RightsRequest.feedback).where(items().scope(user))


def get_scoped(request_id: int, user: StaffUser, for_update: bool = False) -> RightsRequest:
    """A request about an item in the leader's scope, or 404."""
    require_handler(user)
    query = _scoped_query(user).where(RightsRequest.id == request_id)
    if for_update:
        query = query.with_for_update(of=RightsRequest)
    request = db.session.scalar(query)
    if request is None:
        raise NotFound(messages.REQUEST_NOT_FOUND)
    return request


def queue(user: StaffUser, status: str = "open", limit: int = 50,
          offset: int = 0) -> list[RightsRequest]:
    """Requests in scope, the nearest deadline first."""
    require_handler(user)
    query = _scoped_query(user).options(selectinload(RightsRequest.feedback))
    if status == "open":
        query = query.where(RightsRequest.status.in_(OPEN_REQUEST_STATUSES))
    elif status != "all":
        query = query.where(RightsRequest.status == status)
    return list(db.session.scalars(query.order_by(RightsRequest.due_at, RightsRequest.id)
                                   .limit(limit).offset(offset)))


def deadline_state(request: RightsRequest, moment: datetime | None = None) -> str | None:
    """"overdue" (completion), "ack_overdue" (acknowledgement) or None."""
    if not request.is_open:
        return None
    moment = moment or clock.now()
    if request.due_at < moment:
        return "overdue"
    if request.status == "received" and request.acknowledge_due_at < moment:
        return "ack_overdue"
    return None


def _notify(request: RightsRequest, event: RightsRequestEvent, text: str) -> None:
    routes = items().citizen_routes(request.feedback)
    if not routes:
        return
    outbox.queue(routes, None, "privacy_request",
                 {"request_code": display_code(request.code), "status": request.status,
                  "code": display_code(request.feedback.tracking_code), "text": text},
                 key=f"privacy:{request.id}:event:{event.id}:{routes[0].channel}",
                 subject=(items().outbox_subject, request.feedback_id))


def _label(request: RightsRequest) -> str:
    return messages.KIND_LABELS[request.kind]


def perform(request_id: int, action: str, actor: StaffUser, reason: str | None = None,
            note: str | None = None) -> RightsRequest:
    """Acknowledge, complete (apply the right), refuse (reason) or extend (once, reason)."""
    if action not in ACTIONS:
        raise NotFound(messages.REQUEST_NOT_FOUND)
    request = get_scoped(request_id, actor, for_update=True)
    if not request.is_open:
        raise Conflict(messages.REQUEST_CLOSED.format(action=messages.ACTION_LABELS[action]))
    moment = clock.now()
    event = RightsRequestEvent(request_id=request.id, kind=action, actor_id=actor.id,
                               actor_label="staff", note=note, created_at=moment)
    text = None
    if action == "acknowledge":
        if request.status != "received":
            raise Conflict(messages.REQUEST_CLOSED.format(action=messages.ACTION_LABELS[action]))
        request.status, request.acknowledged_at = "acknowledged", moment
        text = messages.MSG_ACKNOWLEDGED.format(
            kind=_label(request), code=display_code(request.code),
            item=display_code(request.feedback.tracking_code),
            due=to_local(request.due_at).strftime("%d/%m/%Y"))
    elif action == "extend":
        if request.extended_at is not None:
            raise Conflict(messages.EXTENDED_ALREADY)
        _need(reason)
        request.due_at += timedelta(days=int(current_app.config["PRIVACY_EXTENSION_DAYS"]))
        request.extended_at, request.extension_reason = moment, reason
        event.note = reason if not note else f"{reason}\n{note}"
    elif action == "refuse":
        _need(reason)
        request.status, request.refusal_reason, request.completed_at = "refused", reason, moment
        request.acknowledged_at = request.acknowledged_at or moment
        request.handled_by_id = actor.id
        _drop_correction(request)
        event.note = reason if not note else f"{reason}\n{note}"
        text = messages.MSG_REFUSED.format(kind=_label(request),
                                           code=display_code(request.code), reason=reason)
    else:
        request.result = _apply(request, actor, moment)
        request.status, request.completed_at = "completed", moment
        request.acknowledged_at = request.acknowledged_at or moment
        request.handled_by_id = actor.id
        text = messages.MSG_COMPLETED.format(kind=_label(request),
                                             code=display_code(request.code))
    db.session.add(event)
    db.session.flush()
    if text:
        _notify(request, event, text)
    flush()
    return request


def _need(reason: str | None) -> None:
    if not reason or not reason.strip():
        raise UserValueError(messages.REASON_REQUIRED, {"reason": [messages.REASON_REQUIRED]})


def _drop_correction(request: RightsRequest) -> None:
    """Correction values are personal data: once applied or refused, keep only field names."""
    if request.details and isinstance(request.details.get("correction"), dict):
        request.details = {**request.details,
                           "correction": sorted(request.details["correction"])}


def drop_corrections(**subject: int) -> None:
    """Keep only the names of corrected fields in every request about a subject
    (``feedback_id=…``) whose data is being erased."""
    for column, value in subject.items():
        for request in db.session.scalars(sa.select(RightsRequest)
                                          .where(getattr(RightsRequest, column) == value)):
            if request.details and "correction" in request.details:
                request.details = {**request.details,
                                   "correction": sorted(request.details["correction"])}


def _apply(request: RightsRequest, actor: StaffUser, moment: datetime) -> dict[str, Any]:
    subjects = items()
    item = subjects.lock(request.feedback_id)
    kind, code = request.kind, display_code(request.code)
    if kind in ("correct", "restrict", "withdraw", "delete") \
            and item.personal_data_erased_at is not None:
        raise Conflict(messages.ALREADY_ERASED)
    if kind in ("access", "export"):
        note = messages.ITEM_EVENT_NOTES[kind].format(code=code)
        result: dict[str, Any] = {"ready": True}
    elif kind == "correct":
        values = request.details.get("correction") or {}
        subjects.correct(item, {f: values[f] for f in CORRECTABLE if values.get(f)})
        fields = [f for f in CORRECTABLE if values.get(f)]
        _drop_correction(request)
        note = messages.ITEM_EVENT_NOTES[kind].format(
            code=code, fields=", ".join(messages.FIELD_LABELS[f] for f in fields))
        result = {"fields": fields}
    elif kind == "restrict":
        result = subjects.restrict(item, moment).as_dict()
        note = messages.ITEM_EVENT_NOTES[kind].format(code=code)
    elif kind == "withdraw":
        result = subjects.withdraw(item, moment).as_dict()
        note = messages.ITEM_EVENT_NOTES[kind].format(code=code)
    else:
        done, identity = subjects.delete(item, moment,
                                         bool(request.details.get("redact_photos")))
        result = done.as_dict()
        # The same person's contact data elsewhere (their consultation comments): matched by
        # phone, e-mail or Zalo id. Erasing only removes data, so a match on a value the
        # person shares (a family phone) cannot expose anything.
        if identity:
            result["comments"] = sum(hook(identity, moment)
                                     for hook in registry().deletion_hooks)
        note = messages.ITEM_EVENT_NOTES[kind].format(
            code=code, photos=messages.PHOTOS_REDACTED.format(n=done.photos)
            if done.photos else "")
    subjects.event(item, moment, note, actor.id)
    return result


# --- what the citizen receives -----------------------------------------------------------------
def records_for_citizen(feedback_id: int) -> dict[str, list[dict[str, Any]]]:
    """The consents and rights requests about a subject, as its citizen receives them."""
    return {
        "consents": [{
            "purpose": r.purpose, "policy_version": r.policy_version,
            "policy_owner": r.policy_owner, "text": r.text, "data": r.data_types,
            "channel": r.channel, "evidence": r.evidence,
            "given_at": isoformat_local(r.given_at),
            "withdrawn_at": isoformat_local(r.withdrawn_at)}
            for r in consent.records_of(feedback_id=feedback_id)],
        "privacy_requests": [{
            "code": display_code(r.code), "kind": r.kind, "status": r.status,
            "received_at": isoformat_local(r.received_at),
            "completed_at": isoformat_local(r.completed_at)}
            for r in db.session.scalars(sa.select(RightsRequest)
                                        .where(RightsRequest.feedback_id == feedback_id)
                                        .order_by(RightsRequest.id))],
    }


def for_citizen(request: RightsRequest) -> RightsRequest | View:
    """A request as its citizen sees it (``schemas.CitizenRequestSchema`` dumps it): with the
    data itself once an access request is done."""
    if request.status == "completed" and request.kind == "access":
        return View(request, data=items().personal_data(request.feedback))
    return request


def export_for_citizen(request: RightsRequest) -> dict[str, Any]:
    """The JSON copy of a completed export request (built from the data as it is now)."""
    if request.kind != "export":
        raise NotFound(messages.NOT_EXPORT)
    if request.status != "completed":
        raise Conflict(messages.NOT_READY)
    return {"request": display_code(request.code), "generated_at":
            isoformat_local(clock.now()), "data": items().personal_data(request.feedback)}
