"""Console statistics: the dashboard of a unit over a period and its report downloads.

The figures and charts come from :mod:`reports` (computed in the database); each bar links
to the queue filtered to the items it counts. Officers have no dashboard (403), like the
statistics API.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import flash, render_template, request, url_for
from marshmallow import ValidationError as SchemaError

from console.base import bp
from console.filters import datetime_vn
from core.clock import LOCAL_TZ
from core.db import db
from core.errors import UserValueError
from directory.auth import current_staff
from directory.models import AdminUnit, StaffUser
from reports import dashboard
from reports import messages as reports_messages
from reports.routes import export_response, resolve
from reports.schemas import ExportArgsSchema, StatsArgsSchema
from reports.service import resolve_unit, statistics

ARG_KEYS = ("unit", "from", "to")


def _args(schema) -> dict:
    raw = {k: request.args[k].strip() for k in request.args if request.args[k].strip()}
    try:
        return schema.load(raw)
    except SchemaError:
        flash(reports_messages.DASH_BAD_FILTER, "error")
        return schema.load({})


def _units(user: StaffUser) -> list[AdminUnit]:
    """Units the user may choose: their own, and a province's communes."""
    if user.unit.level != "province":
        return [user.unit]
    communes = db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.parent_code == user.unit_code).order_by(AdminUnit.name))
    return [user.unit, *communes]


@bp.get("/stats")
def stats():
    """Dashboard: key figures and charts, each bar a link to the matching queue."""
    user = current_staff()
    resolve_unit(user, None)  # officers: 403 before anything is computed
    args = _args(StatsArgsSchema())
    try:
        unit, period = resolve(user, args)
    except UserValueError as exc:  # a reversed or too long range: the default period
        flash(exc.message, "error")
        unit, period = resolve(user, {"unit": args.get("unit")})
    data = statistics(unit, period)
    unit_filter = unit.code if unit.level == "commune" and user.unit.level == "province" \
        else None
    view = dashboard.build(data, lambda **f: url_for("console.index", **f), unit_filter)
    chosen = {"unit": unit.code, "from": period.first.isoformat(),
              "to": period.last.isoformat()}
    as_of = datetime.fromisoformat(data["as_of"]).astimezone(LOCAL_TZ)
    return render_template(
        "console/stats.html", rm=reports_messages, data=data, view=view, unit=unit,
        units=_units(user),
        chosen=chosen, summary=reports_messages.DASH_PERIOD.format(
            first=period.first.strftime("%d/%m/%Y"), last=period.last.strftime("%d/%m/%Y"),
            as_of=datetime_vn(as_of)))


@bp.get("/stats/export")
def stats_export():
    """The periodic report of the dashboard's unit and period (XLSX or CSV)."""
    user = current_staff()
    args = ExportArgsSchema().load({k: v for k, v in request.args.items() if v.strip()})
    unit, period = resolve(user, args)
    return export_response(unit, period, args["format"], args["part"])
