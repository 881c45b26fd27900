"""The statistics' rollup: figures of whole local months, kept so that a year is read from a
few thousand rows instead of a million items (``reports/rollup.py`` builds them).

Every row belongs to one (province, local month) of receipt, rebuilt as a whole; a month is
used only while no item received in it has changed since it was built
(``Feedback.updated_at``). Figures that depend on the moment of the query (open and
overdue, open items by age) are never kept here: they are counted from the open items.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import UTCDateTime, db


class StatsMonth(db.Model):
    """A (province, local month) whose rows below were built at ``built_at``."""

    __tablename__ = "stats_months"

    province_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # the 1st of the month
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
    items: Mapped[int] = mapped_column(default=0)


class StatsOutcome(db.Model):
    """Items received in the month per (commune, office, status): what became of them."""

    __tablename__ = "stats_outcomes"

    province_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    office_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    received: Mapped[int]
    on_time: Mapped[int]
    late: Mapped[int]
    unanswered: Mapped[int]
    rated: Mapped[int]
    rating_sum: Mapped[int]
    r1: Mapped[int]
    r2: Mapped[int]
    r3: Mapped[int]
    r4: Mapped[int]
    r5: Mapped[int]


class StatsIntake(db.Model):
    """Items received in the month per (unit, local week, channel, category); ``unit_code``
    is a commune or its province (a province's rows are its communes' sums)."""

    __tablename__ = "stats_intake"

    province_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    week: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    channel: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int]


class StatsDuration(db.Model):
    """The durations (seconds, sorted) of the items received in the month that took
    ``hour`` whole hours to their first response or to their answer, per unit (commune or
    province): the counts locate a percentile's ranks, the values give it exactly."""

    __tablename__ = "stats_durations"

    province_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    metric: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    hour: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int]
    seconds: Mapped[list[float]] = mapped_column(sa.JSON)
