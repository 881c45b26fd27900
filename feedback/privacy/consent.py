"""Consent records: one uniform record per consent, whatever the channel.

Every channel hands :func:`feedback.service.submit` a consent with ``purpose`` and
``policy_version`` and, where it has them, the exact ``text`` shown and ``evidence`` (the
chat message, the partner key). The service refuses contact data without a consent and
calls :func:`record`, which writes the :class:`ConsentRecord` and returns the summary kept
on the item (``Feedback.consent``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from core.errors import UserValueError
from core.db import db
from feedback import messages as feedback_messages
from feedback.models import Feedback
from feedback.privacy import messages, notice
from feedback.privacy.models import ConsentRecord

CONTACT_FIELDS = ("name", "phone", "email")
# Channels whose consent is collected under a partner's own policy (its version is theirs).
PARTNER_CHANNELS = ("open311",)


def contact_types(reporter: dict[str, Any] | None) -> list[str]:
    """Which kinds of contact data a submission carries."""
    reporter = reporter or {}
    return [f for f in CONTACT_FIELDS if reporter.get(f)]


def require(reporter: dict[str, Any] | None, consent: dict[str, Any] | None,
            channel: str) -> None:
    """Refuse contact data without a consent naming a purpose and a known policy version."""
    if not contact_types(reporter):
        return
    if not consent or not consent.get("purpose") or not consent.get("policy_version"):
        raise UserValueError(feedback_messages.CONSENT_REQUIRED,
                             {"consent": [feedback_messages.CONSENT_REQUIRED]})
    if channel not in PARTNER_CHANNELS and not notice.is_known(str(consent["policy_version"])):
        raise UserValueError(messages.POLICY_VERSION_UNKNOWN,
                             {"consent": {"policy_version": [messages.POLICY_VERSION_UNKNOWN]}})


def summary(channel: str, consent: dict[str, Any], data_types: list[str],
            at: datetime) -> dict[str, Any]:
    """The consent as kept on the item (``Feedback.consent``) and in its record."""
    return {
        "purpose": str(consent["purpose"])[:300],
        "policy_version": str(consent["policy_version"])[:40],
        "policy_owner": "partner" if channel in PARTNER_CHANNELS else "controller",
        "text": consent.get("text"), "data": data_types, "evidence": consent.get("evidence"),
        "channel": channel, "at": at.isoformat(),
    }


_INSERT = ConsentRecord.__table__.insert()


def record(feedback_id: int, kept: dict[str, Any], at: datetime) -> None:
    """Write the consent record of a new item from its :func:`summary` (one INSERT)."""
    db.session.execute(_INSERT, {
        "feedback_id": feedback_id, "channel": kept["channel"], "purpose": kept["purpose"],
        "policy_version": kept["policy_version"], "policy_owner": kept["policy_owner"],
        "text": kept["text"], "data_types": kept["data"], "evidence": kept["evidence"],
        "given_at": at})


def records_of(item_id: int) -> list[ConsentRecord]:
    """The consent records of an item, oldest first."""
    return list(db.session.scalars(sa.select(ConsentRecord)
                                   .where(ConsentRecord.feedback_id == item_id)
                                   .order_by(ConsentRecord.id)))


def active_records(item_id: int) -> list[ConsentRecord]:
    """Consents not withdrawn."""
    return [r for r in records_of(item_id) if r.withdrawn_at is None]


def withdraw(item: Feedback, at: datetime) -> int:
    """Mark the item's consents withdrawn; returns how many."""
    rows = active_records(item.id)
    for row in rows:
        row.withdrawn_at = at
    if item.consent:
        item.consent = {**item.consent, "withdrawn_at": at.isoformat()}
    return len(rows)


def erase_evidence(item: Feedback, at: datetime) -> None:
    """Drop the evidence that identifies the person (chat message ids and answers, the
    origin), keeping what was agreed, under which version, on which channel and when."""
    for row in records_of(item.id):
        row.evidence = None
        row.evidence_erased_at = at
        if row.withdrawn_at is None:
            row.withdrawn_at = at
    if item.consent:
        kept = {k: item.consent.get(k) for k in ("purpose", "policy_version", "policy_owner",
                                                 "text", "data", "channel", "at")}
        item.consent = {**kept, "withdrawn_at": item.consent.get("withdrawn_at")
                        or at.isoformat(), "evidence_erased_at": at.isoformat()}
