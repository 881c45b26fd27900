"""Erasing a person's data: what every holder of it shares.

The holders (feedback items: ``feedback/personal_data.py``; consultation comments:
``consultations/privacy.py``) erase their own fields and register with privacy/
(:mod:`privacy.subjects`). Here: the report of an erasure (counts only), the identity that
finds the same person's other records, and the steps every holder takes alike: messages to
the person lose their recipient (pending ones are cancelled) and Zalo idempotency keys
naming them are dropped.

Nothing here commits: the caller's unit of work does, so an erasure is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from core.db import db
from core.models import Delivery, IdempotencyRecord

ERASED_RECIPIENT = "-"
UNSENT = ("pending", "sending", "failed")


@dataclass
class Erasure:
    """What an erasure removed (counts only: the report holds no personal data)."""

    fields: list[str] = field(default_factory=list)
    photos: int = 0
    deliveries: int = 0

    def as_dict(self) -> dict:
        """For a request's result or a retention run."""
        return {"fields": self.fields, "photos": self.photos, "deliveries": self.deliveries}


@dataclass(frozen=True)
class Identity:
    """What reaches one citizen: the values other records of theirs are matched by."""

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    zalo_ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.phones or self.emails or self.zalo_ids)


def forget_recipient(rows: Iterable[Delivery],
                     scrub: Callable[[str], str] | None = None) -> int:
    """Messages to the person lose their recipient (and, with ``scrub``, the person's
    values in their text); those not yet sent are cancelled. Returns how many."""
    count = 0
    for row in rows:
        row.recipient = ERASED_RECIPIENT
        if row.status in UNSENT:
            row.status = "cancelled"
        if scrub is not None and isinstance(row.payload, dict) and row.payload.get("text"):
            row.payload = {**row.payload, "text": scrub(row.payload["text"])}
        count += 1
    return count


def forget_zalo_keys(zalo_id: str) -> None:
    """Drop the idempotency keys naming a Zalo user (their chat message ids)."""
    db.session.execute(sa.delete(IdempotencyRecord).where(
        IdempotencyRecord.key.like(f"zalo:{zalo_id}:%")))
