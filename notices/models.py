"""Notices (thông tin thiết yếu), their versions, targets, images, audit trail and CAP alerts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import AdminUnit, StaffUser

# The essential-information kinds (Decree 49/2024, Art. 6), stable codes.
CATEGORIES = ("policy_law", "local_programmes", "economy_culture", "security_order",
              "disaster_incident", "exemplary_people", "local_products", "authority_directions",
              # Official information refuting false information (factcheck/ writes these).
              "official_clarification")
PRIORITIES = ("normal", "priority", "emergency")
PRIORITY_RANK = {"emergency": 0, "priority": 1, "normal": 2}
# draft → submitted → approved → published → expired | withdrawn; a published version
# replaced by its correction becomes superseded (still readable to staff).
STATUSES = ("draft", "submitted", "approved", "published", "expired", "withdrawn",
            "superseded")
# QĐ 18/2021/QĐ-TTg: disaster risk levels and their official colours.
RISK_COLOURS = {1: "#8ecdf0", 2: "#fff59d", 3: "#ff9800", 4: "#e53935", 5: "#8e24aa"}


class Notice(db.Model):
    """One version of a notice. Corrections are new rows in the same series."""

    __tablename__ = "notices"
    __table_args__ = (
        sa.Index("ix_notices_status_publish", "status", "publish_at"),
        sa.Index("ix_notices_status_expires", "status", "expires_at"),
        sa.UniqueConstraint("series_id", "version", name="uq_notices_series_version"),
        sa.UniqueConstraint("verification_code", name="uq_notices_verification_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(index=True)  # id of version 1
    version: Mapped[int] = mapped_column(default=1)
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notices.id"))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text)  # sanitised HTML
    category: Mapped[str] = mapped_column(sa.String(30))
    priority: Mapped[str] = mapped_column(sa.String(10), default="normal")
    risk_level: Mapped[int | None]
    status: Mapped[str] = mapped_column(sa.String(12), default="draft")
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # expired/withdrawn/superseded
    withdraw_reason: Mapped[str | None] = mapped_column(sa.String(500))
    # Given at publication (notices/verification): short, readable aloud, unique.
    verification_code: Mapped[str | None] = mapped_column(sa.String(12))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"))
    approver_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    unit: Mapped[AdminUnit] = relationship()
    author: Mapped[StaffUser] = relationship(foreign_keys=[author_id])
    approver: Mapped[StaffUser | None] = relationship(foreign_keys=[approver_id])
    targets: Mapped[list[NoticeTarget]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="NoticeTarget.unit_code")
    images: Mapped[list[NoticeImage]] = relationship(
        back_populates="notice", order_by="NoticeImage.position, NoticeImage.id")
    events: Mapped[list[NoticeEvent]] = relationship(
        back_populates="notice", order_by="NoticeEvent.id")

    @property
    def target_codes(self) -> list[str]:
        """Codes of the targeted units."""
        return [t.unit_code for t in self.targets]

    @property
    def is_emergency(self) -> bool:
        """Emergency priority (CAP alerts are issued for these)."""
        return self.priority == "emergency"


class NoticeTarget(db.Model):
    """A unit a notice is for; a province target reaches every commune of the province."""

    __tablename__ = "notice_targets"

    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"),
                                           primary_key=True, index=True)

    notice: Mapped[Notice] = relationship(back_populates="targets")
    unit: Mapped[AdminUnit] = relationship()


class NoticeImage(db.Model):
    """An image shown with a notice (public once the notice is published)."""

    __tablename__ = "notice_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), index=True)
    storage_key: Mapped[str] = mapped_column(sa.String(80))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    alt: Mapped[str] = mapped_column(sa.String(300), default="")
    position: Mapped[int] = mapped_column(default=0)

    notice: Mapped[Notice] = relationship(back_populates="images")


class NoticeEvent(db.Model):
    """Audit trail: who did what to a notice version, when, and why."""

    __tablename__ = "notice_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    from_status: Mapped[str | None] = mapped_column(sa.String(12))
    to_status: Mapped[str | None] = mapped_column(sa.String(12))
    note: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    notice: Mapped[Notice] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()


class CapAlert(db.Model):
    """A CAP 1.2 message issued for an emergency notice: Alert, Update or Cancel.

    Alerts are immutable once issued; updates and cancellations are new alerts whose
    ``references`` name the earlier ones.
    """

    __tablename__ = "cap_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), index=True)
    series_id: Mapped[int] = mapped_column(index=True)
    msg_type: Mapped[str] = mapped_column(sa.String(10))  # Alert | Update | Cancel
    identifier: Mapped[str] = mapped_column(sa.String(120), unique=True)
    references: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    note: Mapped[str | None] = mapped_column(sa.String(500))

    notice: Mapped[Notice] = relationship()


class NoticeUnitVersion(db.Model):
    """Content version of the public notices of a unit: bumped whenever what it shows
    changes (publish, withdraw, expire, correct), so readers can cache cheaply."""

    __tablename__ = "notice_unit_versions"

    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
