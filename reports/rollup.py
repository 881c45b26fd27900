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

from core import directory
from core.clock import LOCAL_TZ, now
from core.db import commit, db
from core.models import AdminUnit
from feedback.models import Feedback
from reports.models import StatsDuration, StatsIntake, StatsMonth, StatsOutcome

COUNTS = ("received", "on_time", "late", "unanswered", "rated", "rating_sum",
          "r1", "r2", "r3", "r4", "r5")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
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
    from reports.service import Period  # service imports this module

    return Period(month, next_month(month) - timedelta(days=1))


def fresh_months(province_code: str, months: list[date]) -> dict[date, datetime]:
    """Of ``months``, those built and unchanged since (month: built_at).

    One statement: per built month, whether any item of the province received in it was
    stamped after ``built_at - margin`` (each check reads ``ix_feedback_updated_at`` or
    ``ix_feedback_stats``, whichever is narrower); only the stale months come back."""
    from reports.service import unit_scope

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
    if not months:
        return {}
    m = StatsDuration
    return {int(hour): int(n) for hour, n in db.session.execute(
        sa.select(m.hour, sa.func.sum(m.n)).where(*_where(m, unit, months, own_rows=True),
                                                  m.metric == metric).group_by(m.hour))}


def bucket_values(unit: AdminUnit, months: list[date], metric: str,
                  hours: list[int]) -> dict[int, list[float]]:
    values: dict[int, list[float]] = defaultdict(list)
    if not months or not hours:
        return values
    m = StatsDuration
    for hour, seconds in db.session.execute(
            sa.select(m.hour, m.seconds).where(*_where(m, unit, months, own_rows=True),
                                               m.metric == metric, m.hour.in_(hours))):
        values[int(hour)].extend(seconds)
    return values


# --- building --------------------------------------------------------------------------------
def rebuild(province_code: str, month: date) -> int:
    """Count the items of the province received in ``month`` again and keep the figures
    (in the caller's transaction); returns how many items the month has."""
    from reports import service  # the live passes (service imports this module)

    built_at = now()
    province = directory.get_unit(province_code)
    period = month_period(month)
    for model in (StatsOutcome, StatsIntake, StatsDuration, StatsMonth):
        db.session.execute(sa.delete(model).where(model.province_code == province_code,
                                                  model.month == month))
    key = {"province_code": province_code, "month": month}
    outcomes = [{**key, **row} for row in service.outcome_rows(province, period)]
    intake: dict[tuple, int] = defaultdict(int)
    for row in service.intake_rows(province, period, by_unit=True):
        for unit_code in (row.unit_code, province_code):
            intake[(unit_code, int(row.week), row.channel, row.category_id)] += row.n
    durations: dict[tuple, list[float]] = defaultdict(list)
    for unit_code, metric, hour, seconds in service.duration_values(province, period):
        for code in (unit_code, province_code):
            durations[(code, metric, hour)].append(seconds)
    if outcomes:
        db.session.execute(sa.insert(StatsOutcome), outcomes)
    if intake:
        db.session.execute(sa.insert(StatsIntake), [
            {**key, "unit_code": u, "week": w, "channel": c, "category_id": cat, "n": n}
            for (u, w, c, cat), n in intake.items()])
    if durations:
        db.session.execute(sa.insert(StatsDuration), [
            {**key, "unit_code": u, "metric": metric, "hour": hour, "n": len(values),
             "seconds": sorted(values)} for (u, metric, hour), values in durations.items()])
    items = sum(row["received"] for row in outcomes)
    db.session.add(StatsMonth(province_code=province_code, month=month, built_at=built_at,
                              items=items))
    db.session.flush()
    return items


def provinces() -> list[str]:
    return list(db.session.scalars(sa.select(AdminUnit.code).where(
        AdminUnit.level == "province").order_by(AdminUnit.code)))


def refresh(months: int | None = None, province_code: str | None = None,
            force: bool = False) -> list[tuple[str, date]]:
    """Rebuild the stale (or, with ``force``, every) whole month of the last ``months``
    before the current one, per province; commits after each month."""
    count = months or current_app.config["REPORTS_ROLLUP_MONTHS"]
    month = month_start(now().astimezone(LOCAL_TZ).date())
    candidates = []
    for _ in range(count):
        month = month_start(month - timedelta(days=1))
        candidates.append(month)
    rebuilt = []
    for code in ([province_code] if province_code else provinces()):
        fresh = {} if force else fresh_months(code, candidates)
        for month in sorted(set(candidates) - set(fresh)):
            rebuild(code, month)
            commit()
            rebuilt.append((code, month))
    return rebuilt
