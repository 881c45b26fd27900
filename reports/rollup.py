"""The statistics' rollup: each whole local month of a province, counted once and kept
(``reports/models.py``), so that the statistics of a year read a few thousand rows.

A month's rows are rebuilt as a whole by :func:`rebuild` (beat runs :func:`refresh`;
``flask reports rollup`` does it by hand). The statistics use a built month only while it
is *fresh*: no item received in it has an ``updated_at`` later than ``built_at`` minus
``REPORTS_ROLLUP_MARGIN_SECONDS`` (the margin covers transactions that commit after the
moment they stamped). Every change the service makes to an item stamps ``updated_at``, so
a stale month is simply counted from the items again, and the figures are the same either
way. Writes that bypass the service (bulk loads with old ``updated_at``) need
``flask reports rollup --rebuild``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

import directory
from core.db import db
from directory.models import AdminUnit
from feedback.models import Feedback
from reports.models import StatsDuration, StatsIntake, StatsMonth, StatsOutcome
from reports.periods import Period, unit_scope

COUNTS = ("received", "on_time", "late", "unanswered", "rated", "rating_sum",
          "r1", "r2", "r3", "r4", "r5")


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """The first day of the month after ``month``'s."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(first: date, last: date) -> list[date]:
    """The months lying wholly within ``first``..``last``."""
    month = first if first.day == 1 else next_month(first)
    months = []
    while next_month(month) - timedelta(days=1) <= last:
        months.append(month)
        month = next_month(month)
    return months


@dataclass
class Plan:
    """How a period is counted: ``months`` from the rollup, ``live`` ranges (local dates,
    inclusive) from the items."""

    province_code: str
    months: list[date] = field(default_factory=list)
    live: list[tuple[date, date]] = field(default_factory=list)


def _margin() -> timedelta:
    return timedelta(seconds=current_app.config["REPORTS_ROLLUP_MARGIN_SECONDS"])


def month_period(month: date):
    """The month as the statistics' :class:`reports.service.Period`."""
    return Period(month, next_month(month) - timedelta(days=1))


def fresh_months(province_code: str, months: list[date]) -> dict[date, datetime]:
    """Of ``months``, those built and unchanged since (month: built_at).

    One statement: per built month, whether any item of the province received in it was
    stamped after ``built_at - margin`` (each check reads ``ix_feedback_updated_at`` or
    ``ix_feedback_stats``, whichever is narrower); only the stale months come back."""
    if not months:
        return {}
    built = dict(db.session.execute(
        sa.select(StatsMonth.month, StatsMonth.built_at).where(
            StatsMonth.province_code == province_code, StatsMonth.month.in_(months))).all())
    if not built:
        return {}
    margin = _margin()
    in_province = unit_scope(directory.get_unit(province_code))
    ordered = sorted(built)
    checks = []
    for index, month in enumerate(ordered):
        period = month_period(month)
        checks.append(sa.select(sa.literal(index)).where(sa.exists().where(
            in_province, Feedback.created_at >= period.start, Feedback.created_at < period.end,
            Feedback.updated_at >= built[month] - margin)))
    for index in db.session.scalars(sa.union_all(*checks) if len(checks) > 1 else checks[0]):
        del built[ordered[index]]
    return built


def plan(unit: AdminUnit, first: date, last: date) -> Plan:
    """Which months of ``first``..``last`` come from the rollup, and the ranges left."""
    result = Plan(unit.province_code)
    fresh = fresh_months(result.province_code, whole_months(first, last))
    result.months = sorted(fresh)
    day = first
    for month in result.months + [last + timedelta(days=1)]:
        if day < month:
            result.live.append((day, min(month - timedelta(days=1), last)))
        day = next_month(month) if month <= last else month
    return result


# --- reading ---------------------------------------------------------------------------------
def _where(model, unit: AdminUnit, months: list[date], own_rows: bool):
    where = [model.province_code == unit.province_code, model.month.in_(months)]
    if unit.level == "commune" or own_rows:
        where.append(model.unit_code == unit.code)
    return where


def outcome_rows(unit: AdminUnit, months: list[date]) -> list[dict[str, Any]]:
    """Per (commune, office, status) sums of the months."""
    if not months:
        return []
    m = StatsOutcome
    query = (sa.select(m.unit_code, m.office_id, m.status,
                       *[sa.func.sum(getattr(m, name)).label(name) for name in COUNTS])
             .where(*_where(m, unit, months, own_rows=False))
             .group_by(m.unit_code, m.office_id, m.status))
    return [dict(row._mapping) for row in db.session.execute(query)]


def intake_rows(unit: AdminUnit, months: list[date]) -> list[sa.Row]:
    """(week, channel, category_id, n) of the months."""
    if not months:
        return []
    m = StatsIntake
    return list(db.session.execute(
        sa.select(m.week, m.channel, m.category_id, sa.func.sum(m.n).label("n"))
        .where(*_where(m, unit, months, own_rows=True))
        .group_by(m.week, m.channel, m.category_id)))


def histogram(unit: AdminUnit, months: list[date], metric: str) -> dict[int, int]:
    """Hour -> number of items of the months whose ``metric`` took that many whole hours."""
    if not months:
        return {}
    m = StatsDuration
    return {int(hour): int(n) for hour, n in db.session.execute(
        sa.select(m.hour, sa.func.sum(m.n)).where(*_where(m, unit, months, own_rows=True),
                                                  m.metric == metric).group_by(m.hour))}


def bucket_values(unit: AdminUnit, months: list[date], metric: str,
                  hours: list[int]) -> dict[int, list[float]]:
    """Hour -> the ``metric`` durations (seconds) of the months' items in each of ``hours``."""
    values: dict[int, list[float]] = defaultdict(list)
    if not months or not hours:
        return values
    m = StatsDuration
    for hour, seconds in db.session.execute(
            sa.select(m.hour, m.seconds).where(*_where(m, unit, months, own_rows=True),
                                               m.metric == metric, m.hour.in_(hours))):
        values[int(hour)].extend(seconds)
    return values
