"""Staff statistics API: ``GET /api/v1/staff/stats`` and its export.

Roles (see :func:`reports.service.resolve_unit`): a commune leader or commune viewer sees
their commune; a province administrator or province viewer the province (with a
comparison of its communes) or any of its communes; officers get 403.
"""

from __future__ import annotations

import csv
import io

from flask import Response, current_app, send_file, stream_with_context
from flask_smorest import Blueprint

from core.errors import UserValueError
from core.schemas import error_responses
from directory.auth import current_staff, staff_required
from reports import export, messages
from reports.schemas import ExportArgsSchema, StatsArgsSchema, StatsSchema
from reports.service import Period, resolve_unit, statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
staff = Blueprint("staff_stats", __name__, url_prefix="/api/v1/staff",
                  description="Thống kê và báo cáo định kỳ (cán bộ)")


def resolve(user, args: dict):
    """(unit, period) of a request's arguments, scope checked."""
    unit = resolve_unit(user, args.get("unit"))
    default = Period.default()
    period = Period(args.get("date_from") or default.first, args.get("date_to") or default.last)
    return unit, period


def _resolve(args: dict):
    return resolve(current_staff(), args)


def filename(unit_code: str, period: Period, extension: str, part: str | None = None) -> str:
    """An ASCII file name for the report."""
    suffix = f"-{part}" if part else ""
    return (f"bao-cao-{unit_code}-{period.first:%Y%m%d}-{period.last:%Y%m%d}{suffix}"
            f".{extension}")


@staff.get("/stats")
@error_responses(staff, 401, 403, 404)
@staff.arguments(StatsArgsSchema, location="query")
@staff.response(200, StatsSchema)
@staff.doc(security=[{"bearerAuth": []}])
@staff_required
def stats(args):
    """Thống kê phản ánh và thông tin thiết yếu của một đơn vị trong một khoảng ngày."""
    unit, period = _resolve(args)
    return statistics(unit, period)


@staff.get("/stats/export")
@error_responses(staff, 401, 403, 404)
@staff.arguments(ExportArgsSchema, location="query")
@staff.doc(security=[{"bearerAuth": []}], responses={"200": {
    "description": "Tệp XLSX hoặc CSV",
    "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in (XLSX, "text/csv")}}})
@staff_required
def stats_export(args):
    """Tải báo cáo định kỳ (XLSX, hoặc CSV: số liệu tổng hợp hay chi tiết phản ánh)."""
    unit, period = _resolve(args)
    return export_response(unit, period, args["format"], args["part"])


def export_response(unit, period: Period, fmt: str, part: str) -> Response:
    """The report file as a download (the staff API and the console share it)."""
    data = statistics(unit, period)
    with_detail = fmt == "xlsx" or part == "detail"
    limit = current_app.config["REPORTS_EXPORT_MAX_ROWS"]
    if with_detail and data["feedback"]["received"] > limit:
        text = messages.EXPORT_TOO_LARGE.format(count=data["feedback"]["received"], limit=limit)
        raise UserValueError(text, {"to": [text]})
    if fmt == "xlsx":
        buffer = io.BytesIO()  # at most REPORTS_EXPORT_MAX_ROWS rows (~10 MB at 200,000)
        export.write_xlsx(data, buffer, unit, period)
        buffer.seek(0)
        return send_file(
            buffer, as_attachment=True, download_name=filename(unit.code, period, "xlsx"),
            mimetype=XLSX)

    def generate():
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for line in export.csv_lines(data, part, unit, period):
            writer.writerow(line)
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    name = filename(unit.code, period, "csv", part)
    return Response(stream_with_context(generate()), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
