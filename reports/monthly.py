"""The monthly report to leaders: on the first working day of each month, every unit's
leaders (commune leaders; for a province, its administrators) receive the previous month's
statistics as the XLSX report, by e-mail (channel ``staff_email``) and in the console's
reminders. Beat checks every ``REPORTS_MONTHLY_CHECK_SECONDS``; the outbox key makes each
unit's report go out once however often the check runs."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from core import calendar, outbox, storage
from core.clock import now, to_local
from core.db import db, unit_of_work
from core.models import Delivery
from directory.models import AdminUnit, StaffUser
from reports import export, messages
from reports.service import Period, statistics

log = logging.getLogger(__name__)

LEADER_ROLE = {"commune": "commune_leader", "province": "province_admin"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def first_working_day(year: int, month: int) -> date:
    """The month's first working day (weekends and public holidays skipped)."""
    day = date(year, month, 1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_month(day: date) -> Period:
    """The whole local month before ``day``'s month."""
    last = day.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)


def _leaders_by_unit() -> dict[AdminUnit, list[StaffUser]]:
    rows = db.session.execute(
        sa.select(AdminUnit, StaffUser).join(StaffUser, StaffUser.unit_code == AdminUnit.code)
        .where(StaffUser.is_active, sa.or_(
            sa.and_(AdminUnit.level == "commune", StaffUser.role == LEADER_ROLE["commune"]),
            sa.and_(AdminUnit.level == "province",
                    StaffUser.role == LEADER_ROLE["province"])))
        .order_by(AdminUnit.code, StaffUser.id)).all()
    leaders: dict[AdminUnit, list[StaffUser]] = {}
    for unit, user in rows:
        leaders.setdefault(unit, []).append(user)
    return leaders


def send_monthly(moment: datetime | None = None) -> list[str]:
    """On the month's first working day, queue last month's report to every unit's
    leaders; returns the codes of the units whose report was queued now. Each unit's report
    is a unit of work of its own."""
    today = to_local(moment or now()).date()
    if today != first_working_day(today.year, today.month):
        return []
    period = previous_month(today)
    month = period.first.strftime("%Y-%m")
    sent: list[str] = []
    for unit, leaders in _leaders_by_unit().items():
        with unit_of_work():
            key = f"report:{unit.code}:{month}"
            if db.session.scalar(sa.select(Delivery.id).where(
                    Delivery.idempotency_key.like(f"{key}:%")).limit(1)):
                continue
            buffer = io.BytesIO()
            export.write_xlsx(statistics(unit, period), buffer, unit, period)
            stored = storage.save(buffer.getvalue(), "xlsx")
            label = period.first.strftime("%m/%Y")
            payload = {"subject": messages.MONTHLY_SUBJECT.format(unit=unit.name, month=label),
                       "text": messages.MONTHLY_TEXT.format(unit=unit.name, month=label),
                       "attachments": [{"storage_key": stored.key,
                                        "filename": f"bao-cao-{unit.code}-{month}.xlsx",
                                        "content_type": XLSX}]}
            for leader in leaders:
                outbox.queue("staff_email", f"staff:{leader.id}", "monthly_report", payload,
                             key=f"{key}:staff:{leader.id}")
        sent.append(unit.code)
    if sent:
        log.info("monthly report of %s queued for %s unit(s)", month, len(sent))
    return sent
