"""Erasing a person's data from a feedback item, everywhere it lives.

The item keeps its content (the problem, its place, the answer) and its statistics (unit,
category, channel, dates, status, rating); what identifies or reaches the citizen goes:

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

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from core import storage
from core.db import after_commit, db
from core.models import Delivery, IdempotencyRecord
from core.privacy import mask_contact_patterns, mask_values
from core.text import fold, search_text
from feedback import public_text
from feedback.answers.models import PublishedAnswer
from feedback.models import Attachment, Feedback, FeedbackEvent
from feedback.privacy import consent
from feedback.privacy.models import RightsRequest

ERASED_RECIPIENT = "-"


@dataclass
class Erasure:
    """What an erasure removed (counts only: the report holds no personal data)."""

    fields: list[str] = field(default_factory=list)
    photos: int = 0
    deliveries: int = 0

    def as_dict(self) -> dict:
        """For a request's result or a retention run."""
        return {"fields": self.fields, "photos": self.photos, "deliveries": self.deliveries}


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
    for request in db.session.scalars(sa.select(RightsRequest)
                                      .where(RightsRequest.feedback_id == item.id)):
        if request.details and "correction" in request.details:
            request.details = {**request.details,
                               "correction": sorted(request.details["correction"])}


def _deliveries(item: Feedback, channels: tuple[str, ...] | None) -> int:
    """Forget the recipient of messages to the citizen; cancel those not yet sent."""
    query = sa.select(Delivery).where(Delivery.subject_type == "feedback",
                                      Delivery.subject_id == item.id,
                                      Delivery.recipient != ERASED_RECIPIENT)
    if channels is not None:
        query = query.where(Delivery.channel.in_(channels))
    rows = list(db.session.scalars(query))
    scrub = _scrubber(item)
    for row in rows:
        row.recipient = ERASED_RECIPIENT
        if row.status in ("pending", "sending", "failed"):
            row.status = "cancelled"
        if isinstance(row.payload, dict) and row.payload.get("text"):
            row.payload = {**row.payload, "text": scrub(row.payload["text"])}
    return len(rows)


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


@dataclass(frozen=True)
class Identity:
    """What reaches one citizen: the values other records of theirs are matched by."""

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    zalo_ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.phones or self.emails or self.zalo_ids)


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
        db.session.execute(sa.delete(IdempotencyRecord).where(
            IdempotencyRecord.key.like(f"zalo:{zalo_id}:%")))
    consent.erase_evidence(item, at)
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
    consent.withdraw(item, at)
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
