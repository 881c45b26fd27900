"""Building the statistics' rollup: each whole local month of a province counted again
with the live queries of :mod:`reports.service` and kept in the rollup tables that
:mod:`reports.rollup` reads (beat task ``reports.refresh_rollup``, ``flask reports rollup``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app

import directory
from core.clock import LOCAL_TZ, now
from core.db import db, unit_of_work
from directory.models import AdminUnit
from reports import rollup, service
from reports.models import StatsDuration, StatsIntake, StatsMonth, StatsOutcome


def rebuild(province_code: str, month: date) -> int:
    """Count the items of the province received in ``month`` again and keep the figures
    (in the caller's transaction); returns how many items the month has."""
    built_at = now()
    province = directory.get_unit(province_code)
    period = rollup.month_period(month)
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
    """The codes of all provinces, in order."""
    return list(db.session.scalars(sa.select(AdminUnit.code).where(
        AdminUnit.level == "province").order_by(AdminUnit.code)))


def refresh(months: int | None = None, province_code: str | None = None,
            force: bool = False) -> list[tuple[str, date]]:
    """Rebuild the stale (or, with ``force``, every) whole month of the last ``months``
    before the current one, per province; each month is a unit of work of its own."""
    count = months or current_app.config["REPORTS_ROLLUP_MONTHS"]
    month = rollup.month_start(now().astimezone(LOCAL_TZ).date())
    candidates = []
    for _ in range(count):
        month = rollup.month_start(month - timedelta(days=1))
        candidates.append(month)
    rebuilt = []
    for code in ([province_code] if province_code else provinces()):
        fresh = {} if force else rollup.fresh_months(code, candidates)
        for month in sorted(set(candidates) - set(fresh)):
            with unit_of_work():
                rebuild(code, month)
            rebuilt.append((code, month))
    return rebuilt
