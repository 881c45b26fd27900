"""Consent records: one uniform record per consent, whatever the channel.

Every channel hands the domain taking the data (``feedback.service.submit``) a consent with
``purpose`` and ``policy_version`` and, where it has them, the exact ``text`` shown and
``evidence`` (the chat message, the partner key). The domain refuses contact data without a
consent (:func:`require`), keeps its :func:`summary` on its record (``Feedback.consent``)
and calls :func:`record`, which writes the :class:`ConsentRecord`. Records are named by the
column of their subject (``feedback_id=…``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from core.db import db
from core.errors import UserValueError
from privacy import messages, notice
from privacy.models import ConsentRecord

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
        raise UserValueError(messages.CONSENT_REQUIRED,
                             {"consent": [messages.CONSENT_REQUIRED]})
    if channel not in PARTNER_CHANNELS and not notice.is_known(str(consent["policy_version"])):
        raise UserValueError(messages.POLICY_VERSION_UNKNOWN,
                             {"consent": {"policy_version": [messages.POLICY_VERSION_UNKNOWN]}})


def summary(channel: str, consent: dict[str, Any], data_types: list[str],
            at: datetime) -> dict[str, Any]:
    """The consent as kept on its subject (``Feedback.consent``) and in its record."""
    return {
        "purpose": str(consent["purpose"])[:300],
        "policy_version": str(consent["policy_version"])[:40],
        "policy_owner": "partner" if channel in PARTNER_CHANNELS else "controller",
        "text": consent.get("text"), "data": data_types, "evidence": consent.get("evidence"),
        "channel": channel, "at": at.isoformat(),
    }


_INSERT = ConsentRecord.__table__.insert()


def record(kept: dict[str, Any], at: datetime, **subject: int) -> None:
    """Write the consent record of a new subject (``feedback_id=…``) from its
    :func:`summary` (one INSERT)."""
    db.session.execute(_INSERT, {
        **subject, "channel": kept["channel"], "purpose": kept["purpose"],
        "policy_version": kept["policy_version"], "policy_owner": kept["policy_owner"],
        "text": kept["text"], "data_types": kept["data"], "evidence": kept["evidence"],
        "given_at": at})


def _where(subject: dict[str, int]) -> list[sa.ColumnElement[bool]]:
    return [getattr(ConsentRecord, column) == value for column, value in subject.items()]


def records_of(**subject: int) -> list[ConsentRecord]:
    """The consent records of a subject (``feedback_id=…``), oldest first."""
    return list(db.session.scalars(sa.select(ConsentRecord).where(*_where(subject))
                                   .order_by(ConsentRecord.id)))


def active_records(**subject: int) -> list[ConsentRecord]:
    """Consents not withdrawn."""
    return [r for r in records_of(**subject) if r.withdrawn_at is None]


def withdraw(at: datetime, **subject: int) -> int:
    """Mark the subject's consents withdrawn; returns how many."""
    rows = active_records(**subject)
    for row in rows:
        row.withdrawn_at = at
    return len(rows)


def withdrawn_summary(kept: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The summary kept on the subject, once its consent is withdrawn."""
    return {**kept, "withdrawn_at": at.isoformat()}


def erase_evidence(at: datetime, **subject: int) -> None:
    """Drop the evidence that identifies the person (chat message ids and answers, the
    origin), keeping what was agreed, under which version, on which channel and when."""
    for row in records_of(**subject):
        row.evidence = None
        row.evidence_erased_at = at
        if row.withdrawn_at is None:
            row.withdrawn_at = at


def erased_summary(kept: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The summary kept on the subject, without the evidence that identifies the person."""
    agreed = {k: kept.get(k) for k in ("purpose", "policy_version", "policy_owner", "text",
                                       "data", "channel", "at")}
    return {**agreed, "withdrawn_at": kept.get("withdrawn_at") or at.isoformat(),
            "evidence_erased_at": at.isoformat()}
