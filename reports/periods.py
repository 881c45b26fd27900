"""The period and the unit a statistic covers: local dates with their UTC bounds, and the
condition selecting a unit's feedback. Shared by the statistics and their monthly rollup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from core.clock import LOCAL_TZ, now
from core.db import db
from core.errors import UserValueError
from directory.models import AdminUnit
from feedback.models import Feedback
from reports import messages

MAX_DAYS = 5 * 366 + 1


@dataclass(frozen=True)
class Period:
    """Local dates ``first``..``last`` (inclusive) and their UTC bounds ``[start, end)``."""

    first: date
    last: date

    def __post_init__(self):
        if self.last < self.first:
            raise UserValueError(messages.RANGE_REVERSED, {"to": [messages.RANGE_REVERSED]})
        if (self.last - self.first).days + 1 > MAX_DAYS:
            text = messages.RANGE_TOO_LONG.format(days=MAX_DAYS)
            raise UserValueError(text, {"to": [text]})

    @property
    def start(self) -> datetime:
        """00:00 local time on ``first``."""
        return datetime.combine(self.first, time(0, 0), tzinfo=LOCAL_TZ)

    @property
    def end(self) -> datetime:
        """00:00 local time on the day after ``last`` (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(0, 0), tzinfo=LOCAL_TZ)

    @classmethod
    def default(cls, moment: datetime | None = None) -> Period:
        """From 1 January of the current (local) year to today."""
        today = (moment or now()).astimezone(LOCAL_TZ).date()
        return cls(date(today.year, 1, 1), today)


def communes_of(unit: AdminUnit) -> sa.Select:
    """The codes of a province's communes (a subquery)."""
    return sa.select(AdminUnit.code).where(AdminUnit.parent_code == unit.code)


def unit_scope(unit: AdminUnit) -> sa.ColumnElement[bool]:
    """The condition selecting the feedback of ``unit``.

    A province's communes are listed as values (a few dozen), which PostgreSQL checks
    with a hash instead of joining every row to the units table.
    """
    if unit.level == "province":
        return Feedback.unit_code.in_(list(db.session.scalars(communes_of(unit))))
    return Feedback.unit_code == unit.code
