"""Feedback use cases for citizens: submit, look up, rate (they flush; the caller's unit of work
commits)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError

import directory
from core import calendar, idempotency, storage
from core import messages as core_messages
from core.clock import isoformat_local, now, to_local
from core.codes import (
    digest,
    display_code,
    new_public_id,
    new_secret,
    new_tracking_code,
)
from core.db import after_rollback, db, flush, savepoint
from core.errors import Conflict, NotFound, UserValueError
from core.models import IdempotencyRecord
from core.text import search_text
from feedback import intake, messages, ownership
from feedback.models import Attachment, Feedback, FeedbackEvent
from feedback.notify import message as _message
from feedback.notify import notify_routes
from privacy import consent as privacy_consent

log = logging.getLogger(__name__)



@dataclass
class Identity:
    """Channel identities a trusted integration vouches for (never taken from clients)."""

    zalo_user_id: str | None = None
    zalo_app_user_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


IdentityResolver = Callable[[], "Identity | None"]
_RESOLVERS = "identity_resolvers"


def register_identity_resolver(app: Flask, resolver: IdentityResolver) -> None:
    """Let an integration vouch for the caller of the citizen API in ``app`` (e.g. a Zalo
    user token)."""
    resolvers = app.extensions.setdefault(_RESOLVERS, [])
    if resolver not in resolvers:
        resolvers.append(resolver)


def resolve_identity() -> Identity | None:
    """The first identity a registered resolver finds in the current request, if any."""
    for resolver in current_app.extensions.get(_RESOLVERS, []):
        identity = resolver()
        if identity is not None:
            return identity
    return None


def _title_from(description: str) -> str:
    words = description.split()
    title = " ".join(words[:12])
    return title if len(title) <= 120 else title[:117] + "…"


def submit(data: dict[str, Any], images: list[storage.Upload] | None = None,
           idempotency_key: str | None = None, identity: Identity | None = None,
           channel: str | None = None,
           on_created: Callable[[Feedback], None] | None = None) -> tuple[int, dict[str, Any]]:
    """Create a feedback item from validated input; returns (HTTP status, answer).

    Everything happens in one transaction: the idempotency record, the item, its route and
    due date, its first event and the receipt in the outbox. ``on_created(item)`` lets a
    channel add its own rows (Open311: the partner key) in that same transaction.
    """
    images = images or []
    request_hash = None
    if idempotency_key:
        request_hash = idempotency.fingerprint(
            {"data": data, "images": [hashlib.sha256(i.data).hexdigest() for i in images],
             "identity": identity.__dict__ if identity else None})
        stored = idempotency.replay(idempotency_key, request_hash)
        if stored:
            return stored

    route = _route(data["unit_code"], data["category_code"])
    # A savepoint lets an attempt whose codes clashed be undone alone. Where that clash
    # fails no statement and writes nothing (intake.write on PostgreSQL), an attempt that
    # writes nothing before the item (no idempotency record) nor after it (no images, no
    # channel rows) is tried again without one: two round trips fewer for most submissions.
    plain = (not idempotency_key and not images and on_created is None
             and intake.clash_keeps_transaction())
    for attempt in range(3):
        try:
            with nullcontext() if plain else savepoint():  # a clash undoes this attempt alone
                return _submit_once(data, images, idempotency_key, request_hash, route,
                                    identity, channel, on_created)
        except _CodeTaken:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


# The random tracking code or public id already exists (about once in a million
# submissions): raised by intake.write, or from the database's IntegrityError below.
_CodeTaken = intake.CodeTaken


def _submit_once(data, images, idempotency_key, request_hash, route, identity, channel,
                 on_created):
    if idempotency_key:
        try:
            with savepoint():
                idempotency.remember(idempotency_key, request_hash, 0, {})
        except IntegrityError:
            stored = idempotency.replay(idempotency_key, request_hash)
            if stored is None:  # pragma: no cover - the other transaction rolled back
                raise Conflict(messages.NOT_FOUND) from None
            return stored

    saved: list[storage.StoredFile] = []
    if images:
        after_rollback(lambda: _delete(saved))  # images of an item that was not kept
    try:
        values, status, answer = _create(data, images, route, identity, channel, saved)
        if on_created is not None:
            on_created(Feedback(**values))  # transient (not in the session), with its id
        if idempotency_key:
            record = db.session.get(IdempotencyRecord, idempotency_key)
            record.status_code, record.response = status, answer
        flush()
    except IntegrityError as exc:
        if "tracking_code" in str(exc.orig) or "public_id" in str(exc.orig):
            raise _CodeTaken from exc
        raise
    return status, answer


def _delete(saved: list[storage.StoredFile]) -> None:
    for stored_file in saved:
        storage.delete(stored_file.key)


def _route(unit_code: str, category_code: str) -> directory.Route:
    """Where an item goes, or a 422 naming the field at fault."""
    try:
        route = directory.route_for(unit_code, category_code)
    except NotFound:
        raise UserValueError(core_messages.UNIT_NOT_FOUND,
                             {"unit_code": [core_messages.UNIT_NOT_FOUND]}) from None
    if route is not None and route.unit_level != "commune":
        raise UserValueError(messages.UNIT_NOT_COMMUNE, {"unit_code": [messages.UNIT_NOT_COMMUNE]})
    if route is None:
        raise UserValueError(messages.CATEGORY_NOT_AVAILABLE,
                             {"category_code": [messages.CATEGORY_NOT_AVAILABLE]})
    return route


def _create(data, images, route, identity, channel, saved) -> tuple[dict, int, dict]:
    """Write the item, its consent, first event, receipt (feedback/intake.py) and images;
    returns the values written (every column of intake.ITEM_COLUMNS) and its ``id``."""
    received = now()
    reporter = data.get("reporter") or {}
    location = data.get("location") or {}
    title = data.get("title") or _title_from(data["description"])
    channel = channel or data.get("channel", "api")
    consent = data.get("consent")
    privacy_consent.require(reporter, consent, channel)
    given = privacy_consent.contact_types(reporter)
    kept_consent = privacy_consent.summary(channel, consent, given, received) if given else None
    zalo_user_id = identity.zalo_user_id if identity else None
    if data.get("notify_via") == "zalo" and not (reporter.get("phone") or zalo_user_id):
        raise UserValueError(messages.NOTIFY_NEEDS_ZALO,
                             {"notify_via": [messages.NOTIFY_NEEDS_ZALO]})
    values: dict[str, Any] = dict(
        tracking_code=new_tracking_code(),  # a clash retries the transaction
        public_id=new_public_id(),
        channel=channel,
        unit_code=route.unit_code, category_id=route.category_id, office_id=route.office_id,
        title=title, description=data["description"],
        search_text=search_text(f"{title} {data['description']}"),
        lat=location.get("lat"), lng=location.get("lng"), address=location.get("address"),
        reporter_name=reporter.get("name"), reporter_phone=reporter.get("phone"),
        reporter_email=reporter.get("email"),
        zalo_user_id=zalo_user_id,
        zalo_app_user_id=identity.zalo_app_user_id if identity else None,
        is_anonymous=bool(data.get("anonymous")), lookup_token_hash=None,
        consent=kept_consent,
        notify_routes=notify_routes(
            data.get("notify_via"), zalo_user_id=zalo_user_id,
            phone=reporter.get("phone"), email=reporter.get("email")),
        priority="normal", status="received", is_overdue=False,
        due_at=calendar.due_at(received, route.due_days), created_at=received,
        updated_at=received,
    )
    lookup_token = None
    if not (values["reporter_phone"] or values["zalo_user_id"] or values["zalo_app_user_id"]):
        lookup_token = new_secret(18)
        values["lookup_token_hash"] = digest(lookup_token)
    # What the receipt reads of the new item, without building an ORM instance of it (which
    # costs more than the rest of this function): its values, and no restriction of its
    # contact data yet.
    item = SimpleNamespace(**values, contact_restricted_at=None)
    due = calendar_due_text(item)
    receipt = _message(item, "feedback_receipt", messages.RECEIPT.format(
        code=display_code(item.tracking_code), office=route.office_name, due=due),
        office=route.office_name, due=due)
    item.id = values["id"] = intake.write(values, kept_consent, received, receipt)
    for image in images:
        stored = storage.save(image.data, image.ext)
        saved.append(stored)
        db.session.add(Attachment(feedback_id=item.id, storage_key=stored.key,
                                  content_type=image.content_type, size=stored.size,
                                  sha256=stored.sha256))
    answer = {
        "tracking_code": display_code(item.tracking_code),
        "status": item.status,
        "due_at": isoformat_local(item.due_at),
        "office": route.office_name,
    }
    if lookup_token:
        answer["lookup_token"] = lookup_token
    return values, 201, answer


def calendar_due_text(item: Feedback) -> str:
    """Due date as citizens read it: dd/mm/yyyy."""
    return to_local(item.due_at).strftime("%d/%m/%Y")


def get_for_owner(raw_code: str, phone: str | None, token: str | None) -> Feedback:
    """The item, if the caller proves ownership (``feedback.ownership``)."""
    return ownership.get_for_owner(raw_code, phone, token)


def rate(raw_code: str, rating: int, comment: str | None, phone: str | None,
         token: str | None) -> Feedback:
    """Record the citizen's rating of the answer, once (ownership proved by phone or token)."""
    return rate_item(get_for_owner(raw_code, phone, token), rating, comment)


def rate_item(item: Feedback, rating: int, comment: str | None) -> Feedback:
    """Record the rating of an item whose owner the caller has already recognised (the API
    by phone or token, the Zalo chat by the Zalo user who sent it); once, after the answer."""
    if item.status not in ("answered", "closed"):
        raise Conflict(messages.RATING_NOT_ALLOWED)
    if item.rating is not None:
        raise Conflict(messages.RATING_DONE)
    item.rating, item.rating_comment, item.rated_at = rating, comment, now()
    db.session.add(FeedbackEvent(feedback_id=item.id, kind="rated", actor_label="citizen",
                                 is_public=False, note=f"{rating}/5"))
    flush()
    return item
