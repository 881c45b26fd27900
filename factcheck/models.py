"""Reports of suspected false information (tin giả), the cases that group them, their
timeline, and which office of a unit handles them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import AdminUnit, Office, StaffUser

CHANNELS = ("web", "widget", "api", "zalo", "miniapp", "staff")
# A case is open until it has a verdict; false and misleading items wait for their official
# clarification (a notice, approved by a second person) and close when it is published.
STATUSES = ("open", "clarifying", "closed")
OPEN_STATUSES = ("open", "clarifying")
VERDICTS = ("false", "misleading", "true", "not_ours")
CLARIFIED_VERDICTS = ("false", "misleading")
PRIORITIES = ("normal", "emergency")
PRIORITY_RANK = {"emergency": 0, "normal": 1}


class FactcheckCase(db.Model):
    """One thing people reported (a rumour, a forged notice): the reports about it, the
    verdict and the official clarification."""

    __tablename__ = "factcheck_cases"
    __table_args__ = (
        sa.Index("ix_factcheck_cases_office_queue", "office_id", "status", "due_at"),
        sa.Index("ix_factcheck_cases_unit_queue", "unit_code", "status", "due_at"),
        sa.Index("ix_factcheck_cases_created", "created_at", "unit_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))
    title: Mapped[str] = mapped_column(sa.String(200))  # from the first report
    status: Mapped[str] = mapped_column(sa.String(12), default="open")
    priority: Mapped[str] = mapped_column(sa.String(10), default="normal")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    is_overdue: Mapped[bool] = mapped_column(default=False)
    report_count: Mapped[int] = mapped_column(default=0)
    verdict: Mapped[str | None] = mapped_column(sa.String(12))
    verdict_note: Mapped[str | None] = mapped_column(sa.Text)  # told to the reporters
    forwarded_to: Mapped[str | None] = mapped_column(sa.String(200))  # verdict not_ours
    verdict_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verdict_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    # The clarification: the series id (first version) of the notice that answers the case.
    notice_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notices.id"), index=True)
    clarified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    unit: Mapped[AdminUnit] = relationship()
    office: Mapped[Office] = relationship()
    verdict_by: Mapped[StaffUser | None] = relationship()
    reports: Mapped[list[MisinformationReport]] = relationship(
        back_populates="case", order_by="MisinformationReport.id")
    events: Mapped[list[FactcheckEvent]] = relationship(
        back_populates="case", order_by="FactcheckEvent.id")

    @property
    def is_open(self) -> bool:
        """Still waiting for a verdict or its clarification."""
        return self.status in OPEN_STATUSES


class MisinformationReport(db.Model):
    """What one citizen saw and where: a link, forwarded text and/or a screenshot."""

    __tablename__ = "factcheck_reports"
    __table_args__ = (
        sa.Index("ix_factcheck_reports_unit_created", "unit_code", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("factcheck_cases.id"), index=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    channel: Mapped[str] = mapped_column(sa.String(20))
    link: Mapped[str | None] = mapped_column(sa.String(2000))
    url_key: Mapped[str | None] = mapped_column(sa.String(500), index=True)  # normalised link
    content: Mapped[str | None] = mapped_column(sa.Text)
    text_key: Mapped[str | None] = mapped_column(sa.Text)  # folded words, for grouping
    seen_where: Mapped[str | None] = mapped_column(sa.String(300))
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    image_key: Mapped[str | None] = mapped_column(sa.String(200))  # core.storage key
    image_type: Mapped[str | None] = mapped_column(sa.String(50))
    image_hash: Mapped[str | None] = mapped_column(sa.String(16))  # dHash, 64 bits in hex
    # Personal data: never on a public surface.
    reporter_name: Mapped[str | None] = mapped_column(sa.String(120))
    reporter_phone: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    reporter_email: Mapped[str | None] = mapped_column(sa.String(254))
    zalo_user_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    zalo_app_user_id: Mapped[str | None] = mapped_column(sa.String(64))
    consent: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    notify_routes: Mapped[list[str] | None] = mapped_column(sa.JSON)
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    taken_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # told the outcome
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    case: Mapped[FactcheckCase] = relationship(back_populates="reports")


class FactcheckEvent(db.Model):
    """Every change to a case: who, when, what (the audit trail)."""

    __tablename__ = "factcheck_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("factcheck_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    case: Mapped[FactcheckCase] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()


class FactcheckOffice(db.Model):
    """The office that handles reports of false information in a unit (set per unit; by
    default the unit's information and culture office, else its default office)."""

    __tablename__ = "factcheck_offices"

    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"),
                                           primary_key=True)
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))

    office: Mapped[Office] = relationship()
