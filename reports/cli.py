"""``flask reports export``: the periodic report of a unit as XLSX or CSV."""

from __future__ import annotations

from datetime import date, datetime

import click
from flask.cli import AppGroup

import directory
from core.errors import AppError
from reports import build, export, messages
from reports.service import Period, statistics

reports_cli = AppGroup("reports", help=messages.CLI_HELP)


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(messages.CLI_BAD_DATE.format(value=value))


@reports_cli.command("export", help=messages.CLI_EXPORT_HELP)
@click.option("--unit", "unit_code", required=True, help="Mã tỉnh hoặc xã, phường.")
@click.option("--from", "first", callback=_parse_date, help="Từ ngày (mặc định 01/01 năm nay).")
@click.option("--to", "last", callback=_parse_date, help="Đến ngày (mặc định hôm nay).")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx",
              show_default=True)
@click.option("--part", type=click.Choice(["summary", "detail"]), default="summary",
              show_default=True, help="Với CSV: số liệu tổng hợp hoặc chi tiết phản ánh.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Tệp kết quả.")
def export_command(unit_code: str, first: date | None, last: date | None, fmt: str, part: str,
                   output: str) -> None:
    """Write the report file; a progress bar follows the detail rows."""
    try:
        unit = directory.get_unit(unit_code)
        default = Period.default()
        period = Period(first or default.first, last or default.last)
    except AppError as exc:
        raise click.ClickException(exc.message) from None
    data = statistics(unit, period)
    count = data["feedback"]["received"]
    with_detail = fmt == "xlsx" or part == "detail"
    with click.progressbar(length=count if with_detail else 0, label=messages.CLI_PROGRESS) as bar:
        if fmt == "xlsx":
            export.write_xlsx(data, output, unit, period, progress=bar.update)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                export.write_csv(data, out, part, unit, period, progress=bar.update)
    click.echo(messages.CLI_DONE.format(path=output, count=count))


@reports_cli.command("rollup", help=messages.CLI_ROLLUP_HELP)
@click.option("--province", "province_code", help="Mã tỉnh (mặc định: mọi tỉnh).")
@click.option("--months", type=click.IntRange(1, 600),
              help="Số tháng trước tháng này (mặc định REPORTS_ROLLUP_MONTHS).")
@click.option("--rebuild", is_flag=True, help="Tính lại mọi tháng, kể cả tháng chưa thay đổi.")
def rollup_command(province_code: str | None, months: int | None, rebuild: bool) -> None:
    """Rebuild the rollup's stale (or every) whole month."""
    done = build.refresh(months, province_code, force=rebuild)
    click.echo(messages.CLI_ROLLUP_DONE.format(count=len(done)))
