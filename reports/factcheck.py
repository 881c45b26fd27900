"""Statistics of the reports of false information (factcheck/): reports by channel, cases,
verdicts, and the time to a verdict and to the official clarification, for a unit and a
period (``GET /api/v1/staff/stats/factcheck``; same roles and arguments as the statistics).

Reports and cases count in the period they were received; verdicts and clarifications in
the period they were given; durations are measured from the case's first report.
"""

from __future__ import annotations

from statistics import median
from typing import Any

import sqlalchemy as sa
from flask_smorest import Blueprint
from marshmallow import fields

from core.db import db
from core.schemas import BaseSchema, error_responses
from directory.auth import current_staff, staff_required
from directory.models import AdminUnit
from factcheck.models import CHANNELS, VERDICTS, FactcheckCase, MisinformationReport
from reports.periods import Period, communes_of
from reports.schemas import StatsArgsSchema

staff = Blueprint("staff_stats_factcheck", __name__, url_prefix="/api/v1/staff",
                  description="Thống kê tin báo tin giả (cán bộ)")


def _units(unit: AdminUnit) -> list[str]:
    if unit.level == "province":
        return list(db.session.scalars(communes_of(unit)))
    return [unit.code]


def _hours(pairs: list[tuple[Any, Any]]) -> dict[str, float | None]:
    values = sorted((later - earlier).total_seconds() / 3600 for later, earlier in pairs
                    if later is not None and earlier is not None)
    if not values:
        return {"count": 0, "average": None, "median": None, "max": None}
    return {"count": len(values), "average": round(sum(values) / len(values), 2),
            "median": round(median(values), 2), "max": round(values[-1], 2)}


def figures(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """The false-information figures of ``unit`` (a commune, or a province's communes)."""
    codes = _units(unit)
    r, c = MisinformationReport, FactcheckCase
    by_channel = dict(db.session.execute(
        sa.select(r.channel, sa.func.count()).where(
            r.unit_code.in_(codes), r.created_at >= period.start, r.created_at < period.end)
        .group_by(r.channel)).all())
    received = sa.and_(c.unit_code.in_(codes), c.created_at >= period.start,
                       c.created_at < period.end)
    cases = db.session.execute(sa.select(
        sa.func.count(),
        sa.func.count().filter(c.status != "closed"),
        sa.func.count().filter(c.priority == "emergency"),
        sa.func.count().filter(c.is_overdue.is_(True)),
        sa.func.coalesce(sa.func.sum(c.report_count), 0)).where(received)).one()
    decided = sa.and_(c.unit_code.in_(codes), c.verdict_at >= period.start,
                      c.verdict_at < period.end)
    verdicts = dict(db.session.execute(sa.select(c.verdict, sa.func.count()).where(decided)
                                       .group_by(c.verdict)).all())
    to_verdict = db.session.execute(sa.select(c.verdict_at, c.created_at).where(decided)).all()
    clarified = db.session.execute(sa.select(c.clarified_at, c.created_at).where(
        c.unit_code.in_(codes), c.clarified_at >= period.start,
        c.clarified_at < period.end)).all()
    return {
        "unit": unit.code, "from": period.first.isoformat(), "to": period.last.isoformat(),
        "reports": {"total": sum(by_channel.values()),
                    "by_channel": {ch: by_channel.get(ch, 0) for ch in CHANNELS}},
        "cases": {"total": cases[0], "open": cases[1], "emergency": cases[2],
                  "overdue": cases[3], "reports_per_case": round(cases[4] / cases[0], 2)
                  if cases[0] else None},
        "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        "hours_to_verdict": _hours(list(to_verdict)),
        "hours_to_clarification": _hours(list(clarified)),
    }


class HoursSchema(BaseSchema):
    """Durations in hours."""

    count = fields.Integer()
    average = fields.Float(allow_none=True)
    median = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)


class FactcheckStatsSchema(BaseSchema):
    """The figures."""

    unit = fields.String()
    date_from = fields.String(data_key="from")
    date_to = fields.String(data_key="to")
    reports = fields.Dict()
    cases = fields.Dict()
    verdicts = fields.Dict(keys=fields.String(), values=fields.Integer())
    hours_to_verdict = fields.Nested(HoursSchema)
    hours_to_clarification = fields.Nested(HoursSchema)


@staff.get("/stats/factcheck")
@error_responses(staff, 401, 403, 404)
@staff.arguments(StatsArgsSchema, location="query")
@staff.response(200, FactcheckStatsSchema)
@staff.doc(security=[{"bearerAuth": []}])
@staff_required
def stats(args):
    """Thống kê tin báo tin giả: số tin báo, vụ việc, kết luận, thời gian đến khi có thông
    tin chính thức."""
    from reports.routes import resolve

    unit, period = resolve(current_staff(), args)
    answer = figures(unit, period)
    answer["date_from"], answer["date_to"] = answer.pop("from"), answer.pop("to")
    return answer
