"""A feedback item's personal data under the rules of privacy/: what its rights requests,
the retention of its contact data and the contact-access log do to an item. Registered with
privacy/ by :func:`init_app` (privacy/ never imports feedback).

Erasing keeps the item's content (the problem, its place, the answer) and its statistics
(unit, category, channel, dates, status, rating); what identifies or reaches the citizen
goes:

- contact fields (name, phone, e-mail) and, unless only consent is withdrawn, the Zalo ids;
- the citizen's own values wherever they were copied into text (title, description, answer,
  rating comment, timeline notes, the published answer), matched with and without
  diacritics, and any phone number, e-mail or ID number in those texts;
- the search shadows follow the text (``Feedback.search_text``; the published answer's
  ``search_text``, which the SQLite FTS5 triggers and the PostgreSQL trigram index follow);
- outbox rows to the citizen lose their recipient (pending ones are cancelled), Zalo
  idempotency keys naming the user are dropped, correction values in rights requests are
  dropped, consent evidence that identifies is removed (what was agreed and when stays);
- photos, on request: the stored files (after the commit) and their rows.

Nothing here commits: the caller's unit of work does, so an erasure is all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask

from core import clock, outbox, storage
from core.clock import isoformat_local
from core.codes import digest, display_code, new_secret
from core.db import after_commit, db
from core.models import Delivery
from core.text import fold, search_text
from directory.models import StaffUser
from feedback import access, ownership, public_text
from feedback import service as feedback_service
from feedback.answers.models import PublishedAnswer
from feedback.models import Attachment, Feedback, FeedbackEvent
from feedback.notify import citizen_routes
from feedback.schemas import public_timeline
from privacy import consent, rights_requests
from privacy.erasure import (
    ERASED_RECIPIENT,
    Erasure,
    Identity,
    forget_recipient,
    forget_zalo_keys,
)
from privacy.masking import mask_contact_patterns, mask_values
from privacy.models import ContactAccess
from privacy.subjects import ContactRule, register_contact, register_items

ENDED_STATUSES = ("closed", "refused")
BATCH = 200


# --- erasure -------------------------------------------------------------------------------
def _scrubber(item: Feedback):
    values = public_text.known_personal_values(item)

    def scrub(text: str | None) -> str | None:
        if text is None:
            return None
        return mask_contact_patterns(mask_values(text, values))

    return scrub


def _scrub_texts(item: Feedback) -> None:
    scrub = _scrubber(item)
    item.title = scrub(item.title)[:200]
    item.description = scrub(item.description)
    item.search_text = search_text(f"{item.title} {item.description}")
    item.public_answer = scrub(item.public_answer)
    item.rating_comment = scrub(item.rating_comment)
    if item.address:
        item.address = scrub(item.address)[:300]
    for event in item.events:
        event.note, event.public_note = scrub(event.note), scrub(event.public_note)
    answer = db.session.scalar(sa.select(PublishedAnswer)
                               .where(PublishedAnswer.feedback_id == item.id))
    if answer is not None:
        answer.title = scrub(answer.title)[:200]
        answer.question, answer.answer = scrub(answer.question), scrub(answer.answer)
        answer.search_text = fold(" ".join((answer.title, answer.question, answer.answer)))
    rights_requests.drop_corrections(feedback_id=item.id)


def _deliveries(item: Feedback, channels: tuple[str, ...] | None) -> int:
    """Forget the recipient of messages to the citizen; cancel those not yet sent."""
    query = sa.select(Delivery).where(Delivery.subject_type == "feedback",
                                      Delivery.subject_id == item.id,
                                      Delivery.recipient != ERASED_RECIPIENT)
    if channels is not None:
        query = query.where(Delivery.channel.in_(channels))
    rows = list(db.session.scalars(query))
    return forget_recipient(rows, _scrubber(item))


def _photos(item: Feedback) -> int:
    attachments = list(db.session.scalars(sa.select(Attachment)
                                          .where(Attachment.feedback_id == item.id)))
    keys = [a.storage_key for a in attachments]
    for attachment in attachments:
        db.session.delete(attachment)
    if keys:
        after_commit(lambda: [storage.delete(k) for k in keys])
    return len(keys)


def _contact_fields(item: Feedback, with_channel_ids: bool) -> list[str]:
    names = ["name", "phone", "email"]
    if with_channel_ids:
        names += ["zalo_user_id", "zalo_app_user_id"]
    present = []
    for name in names:
        attr = name if name.startswith("zalo") else f"reporter_{name}"
        if getattr(item, attr):
            present.append(name)
            setattr(item, attr, None)
    return present


def identity_of(item: Feedback) -> Identity:
    """The reporter's contact values (read before an erasure removes them)."""
    return Identity(
        names=tuple(v for v in (item.reporter_name,) if v),
        phones=tuple(v for v in (item.reporter_phone,) if v),
        emails=tuple(v.lower() for v in (item.reporter_email,) if v),
        zalo_ids=tuple(v for v in (item.zalo_user_id, item.zalo_app_user_id) if v))


def erase(item: Feedback, at: datetime, *, redact_photos: bool = False) -> Erasure:
    """Remove identity and contact data from an item (deletion and retention); keeps the
    content and statistics. Irreversible once committed."""
    zalo_ids = [v for v in (item.zalo_user_id,) if v]
    _scrub_texts(item)  # first: it needs the values it removes
    result = Erasure()
    result.deliveries = _deliveries(item, None)
    result.fields = _contact_fields(item, with_channel_ids=True)
    for zalo_id in zalo_ids:
        forget_zalo_keys(zalo_id)
    consent.erase_evidence(at, feedback_id=item.id)
    if item.consent:
        item.consent = consent.erased_summary(item.consent, at)
    if redact_photos:
        result.photos = _photos(item)
    item.personal_data_erased_at = at
    return result


def erase_consented_contact(item: Feedback, at: datetime) -> Erasure:
    """Consent withdrawn: erase the data given under it (name, phone, e-mail) and stop
    using it. The Zalo id, used to answer on the channel the citizen chose, stays; the
    consent evidence stays too (earlier processing remains lawful)."""
    _scrub_texts(item)
    result = Erasure()
    result.deliveries = _deliveries(item, ("sms", "email"))
    result.fields = _contact_fields(item, with_channel_ids=False)
    consent.withdraw(at, feedback_id=item.id)
    if item.consent:
        item.consent = consent.withdrawn_summary(item.consent, at)
    return result


def restrict(item: Feedback, at: datetime) -> Erasure:
    """Restrict processing: contact data kept but neither shown to staff nor used."""
    item.contact_restricted_at = at
    result = Erasure()
    rows = list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id,
        Delivery.status.in_(("pending", "failed")))))
    for row in rows:
        row.status = "cancelled"
    result.deliveries = len(rows)
    return result


def event(item: Feedback, at: datetime, note: str, actor_id: int | None = None) -> None:
    """An internal timeline line on the item saying what was erased (no personal data)."""
    db.session.add(FeedbackEvent(feedback_id=item.id, kind="personal_data", actor_id=actor_id,
                                 actor_label="staff" if actor_id else "system", note=note,
                                 is_public=False, created_at=at))


# --- retention -----------------------------------------------------------------------------
def _has_identity() -> sa.ColumnElement[bool]:
    return sa.or_(Feedback.reporter_name.is_not(None), Feedback.reporter_phone.is_not(None),
                  Feedback.reporter_email.is_not(None), Feedback.zalo_user_id.is_not(None),
                  Feedback.zalo_app_user_id.is_not(None))


def erase_expired(cutoff: datetime, note: str, limit: int | None) -> Iterator[list[int]]:
    """Erase the contact data of items ended (closed, merged or refused) before ``cutoff``,
    with an internal event each; yields the ids of each batch (the run commits between
    them). An item reopened before the cut-off is open again and is left alone."""
    done = 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        items = list(db.session.scalars(
            sa.select(Feedback).where(Feedback.status.in_(ENDED_STATUSES),
                                      Feedback.closed_at.is_not(None),
                                      Feedback.closed_at < cutoff, _has_identity())
            .order_by(Feedback.closed_at, Feedback.id).limit(size)
            .with_for_update(skip_locked=True)))
        if not items:
            return
        moment = clock.now()
        for item in items:
            erase(item, moment)
            event(item, moment, note)
        done += len(items)
        yield [item.id for item in items]


# --- what the citizen receives -----------------------------------------------------------
def personal_data(item: Feedback) -> dict[str, Any]:
    """Everything we hold about the citizen through one item (access and export)."""
    records = rights_requests.records_for_citizen(item.id)
    return {
        "tracking_code": display_code(item.tracking_code),
        "channel": item.channel,
        "created_at": isoformat_local(item.created_at),
        "unit": item.unit.name,
        "category": item.category.name,
        "status": item.status,
        "contact": {"name": item.reporter_name, "phone": item.reporter_phone,
                    "email": item.reporter_email},
        "zalo": {"user_id": item.zalo_user_id, "app_user_id": item.zalo_app_user_id},
        "is_anonymous": item.is_anonymous,
        "contact_restricted_at": isoformat_local(item.contact_restricted_at),
        "personal_data_erased_at": isoformat_local(item.personal_data_erased_at),
        "title": item.title,
        "description": item.description,
        "location": {"lat": item.lat, "lng": item.lng, "address": item.address},
        "photos": [{"content_type": a.content_type, "size": a.size,
                    "received_at": isoformat_local(a.created_at)} for a in item.attachments],
        "public_answer": item.public_answer,
        "rating": item.rating,
        "rating_comment": item.rating_comment,
        "consents": records["consents"],
        "timeline": public_timeline(item),
        "privacy_requests": records["privacy_requests"],
    }


# --- registration ------------------------------------------------------------------------
class FeedbackItems:
    """Feedback items as the subjects of rights requests (:class:`privacy.subjects.Items`)."""

    outbox_subject = "feedback"

    def scope(self, user: StaffUser) -> sa.ColumnElement[bool]:
        """Items the user may see (the request query joins the item)."""
        return access.scope_clause(user)

    def get_scoped(self, subject_id: int, user: StaffUser) -> Feedback:
        """An item in the user's scope, or 404."""
        return access.get_scoped(subject_id, user)

    def owned(self, raw_code: str, token: str | None, code: str | None) -> Feedback:
        """Proved by the lookup token, a one-time code sent to the citizen's own channel,
        or the Zalo Mini App identity that sent it (never the phone alone)."""
        identity = feedback_service.resolve_identity()
        return ownership.get_for_owner_strictly(
            raw_code, token, code, identity.zalo_app_user_id if identity is not None else None)

    def lock(self, subject_id: int) -> Feedback:
        """The item, locked."""
        return db.session.get(Feedback, subject_id, with_for_update=True)

    def keep_within_reach(self, subject: Feedback) -> str | None:
        """A lookup token, unless the item has one."""
        if subject.lookup_token_hash is not None:
            return None
        token = new_secret(18)
        subject.lookup_token_hash = digest(token)
        return token

    def correct(self, subject: Feedback, values: dict[str, str]) -> None:
        """New reporter contact values."""
        for name, value in values.items():
            setattr(subject, f"reporter_{name}", value)

    def restrict(self, subject: Feedback, at: datetime) -> Erasure:
        """See :func:`restrict`."""
        return restrict(subject, at)

    def withdraw(self, subject: Feedback, at: datetime) -> Erasure:
        """See :func:`erase_consented_contact`."""
        return erase_consented_contact(subject, at)

    def delete(self, subject: Feedback, at: datetime,
               redact_photos: bool) -> tuple[Erasure, Identity]:
        """See :func:`erase`; the identity is read before it goes."""
        identity = identity_of(subject)
        return erase(subject, at, redact_photos=redact_photos), identity

    def event(self, subject: Feedback, at: datetime, note: str,
              actor_id: int | None = None) -> None:
        """See :func:`event`."""
        event(subject, at, note, actor_id)

    def personal_data(self, subject: Feedback) -> dict[str, Any]:
        """See :func:`personal_data`."""
        return personal_data(subject)

    def citizen_routes(self, subject: Feedback) -> list[outbox.Route]:
        """The citizen's routes (none while they restrict processing)."""
        return citizen_routes(subject)

    def erase_expired(self, cutoff: datetime, note: str,
                      limit: int | None) -> Iterator[list[int]]:
        """See :func:`erase_expired`."""
        return erase_expired(cutoff, note, limit)


def review_scope(user: StaffUser) -> sa.ColumnElement[bool]:
    """Log rows about items in the reviewer's scope."""
    return ContactAccess.feedback_id.in_(sa.select(Feedback.id)
                                         .where(access.scope_clause(user)))


def init_app(app: Flask) -> None:
    """Put feedback items under privacy/: rights requests, retention, the access log."""
    register_items(app, FeedbackItems())
    register_contact(app, ContactRule(
        model=Feedback, column="feedback_id", may_see=access.may_see_contact,
        visible=access.contact_visible, review_scope=review_scope))
