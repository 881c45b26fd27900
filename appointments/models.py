"""Appointments and the queue of each unit's day."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import AdminUnit, StaffUser

STATUSES = ("pending", "approved", "rejected")


class Appointment(db.Model):
    """A citizen's visit to a unit's one-stop office on one day, with its queue number.

    ``phone`` is the number the citizen typed (for staff to call); messages go only to
    ``notify_phone``, a number Zalo verified for that user, and to their OA conversation
    (``zalo_user_id``) when they follow the OA.
    """

    __tablename__ = "appointments"
    __table_args__ = (
        sa.UniqueConstraint("unit_code", "day", "number", name="uq_appointments_unit_day_number"),
        sa.Index("ix_appointments_unit_day", "unit_code", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    day: Mapped[date] = mapped_column(sa.Date)
    number: Mapped[int] = mapped_column()
    full_name: Mapped[str] = mapped_column(sa.String(120))
    phone: Mapped[str] = mapped_column(sa.String(20))
    content: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    reject_reason: Mapped[str | None] = mapped_column(sa.String(500))
    zalo_app_user_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    zalo_user_id: Mapped[str | None] = mapped_column(sa.String(64))
    notify_phone: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))

    unit: Mapped[AdminUnit] = relationship()
    decided_by: Mapped[StaffUser | None] = relationship()


class AppointmentDay(db.Model):
    """The number a unit's one-stop office is serving on a day (0 before the first call)."""

    __tablename__ = "appointment_days"

    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    current_number: Mapped[int] = mapped_column(default=0)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
