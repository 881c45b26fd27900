"""Spoken versions of notices, and items received from the provincial source system."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from notices.models import Notice

# pending → working → ready | failed (a failed or outdated one can be requested again).
AUDIO_STATUSES = ("pending", "working", "ready", "failed")


class NoticeAudio(db.Model):
    """The spoken version of one notice version, synthesised from its prepared text."""

    __tablename__ = "radio_audio"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(10), default="pending")
    engine: Mapped[str] = mapped_column(sa.String(40))
    voice: Mapped[str | None] = mapped_column(sa.String(40))
    text_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    chars: Mapped[int | None]
    storage_key: Mapped[str | None] = mapped_column(sa.String(80))
    content_type: Mapped[str | None] = mapped_column(sa.String(40))
    size: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    duration_ms: Mapped[int | None]
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.String(500))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    notice: Mapped[Notice] = relationship()

    @property
    def duration(self) -> float | None:
        """Seconds."""
        return None if self.duration_ms is None else self.duration_ms / 1000


class SourceItem(db.Model):
    """An item the provincial source system issued for one of our units, and the notice
    it became there (one notice per target unit)."""

    __tablename__ = "source_items"
    __table_args__ = (sa.UniqueConstraint("source_id", "unit_code",
                                          name="uq_source_items_source_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(sa.String(100))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), index=True)
    series_id: Mapped[int] = mapped_column(index=True)
    issuer: Mapped[str] = mapped_column(sa.String(200))
    mode: Mapped[str] = mapped_column(sa.String(10))  # approval | publish
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    notice: Mapped[Notice] = relationship()
