"""Tables every domain shares: stored idempotent answers and the outbox of deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import now
from core.db import UTCDateTime, db


class IdempotencyRecord(db.Model):
    """The stored answer to a request sent with an ``Idempotency-Key``."""

    __tablename__ = "idempotency_records"

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int]
    response: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)


class Delivery(db.Model):
    """Outbox: a message to send on a channel, written in the transaction that causes it."""

    __tablename__ = "deliveries"
    __table_args__ = (sa.Index("ix_deliveries_status_next", "status", "next_attempt_at"),
                      sa.Index("ix_deliveries_subject", "subject_type", "subject_id"),
                      sa.Index("ix_deliveries_external_id", "external_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(30))
    recipient: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    idempotency_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    subject_type: Mapped[str | None] = mapped_column(sa.String(30))
    subject_id: Mapped[int | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Routes still to try, in order, when the current one fails for good:
    # [{"channel", "recipient"}, …]; None when this is the last.
    routes: Mapped[list[dict[str, str]] | None] = mapped_column(sa.JSON)
    # Every outcome so far: [{"at", "channel", "outcome", "reason"?, …}] (core.outbox.record).
    history: Mapped[list[dict[str, Any]] | None] = mapped_column(sa.JSON)
    # The partner's id of the sent message; its delivery receipt finds the row by it.
    external_id: Mapped[str | None] = mapped_column(sa.String(100))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
