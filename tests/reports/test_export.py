"""The periodic report as XLSX and CSV, from the staff API and from ``flask reports export``:
same figures as the API, Vietnamese headings and dates, no personal data."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest

from reports import messages
from reports.export import summary_rows
from tests.reports.conftest import ITEMS

QUERY = {"unit": "46", "from": "2026-02-10", "to": "2026-02-24"}
SECRETS = ("Bảo Mật", "0912000111", "baomat@", "zalo-secret-id", "Tiêu đề riêng",
           "Mô tả riêng")
HUE_ITEMS = [k for k, spec in ITEMS.items() if spec[0] != "hn" and k not in ("B", "D")]


def api_stats(client, staff_headers, who="province_admin", **params):
    response = client.get("/api/v1/staff/stats", query_string={**QUERY, **params},
                          headers=staff_headers(who))
    assert response.status_code == 200
    return response.get_json()


def export(client, staff_headers, who="province_admin", **params):
    return client.get("/api/v1/staff/stats/export", query_string={**QUERY, **params},
                      headers=staff_headers(who))


def workbook_text(wb) -> str:
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row if c is not None)


def summary_from_sheet(ws) -> list[tuple]:
    """The (section, indicator, value) rows under the summary's heading row."""
    rows = list(ws.iter_rows(values_only=True))
    start = rows.index((messages.COL_SECTION, messages.COL_INDICATOR, messages.COL_VALUE)) + 1
    return [tuple(r[:3]) for r in rows[start:]]


def test_xlsx_from_the_api_holds_the_api_figures(client, staff_headers, seeded, frozen_stats):
    """Summary sheet = every figure of the API's JSON; detail sheets agree."""
    stats = api_stats(client, staff_headers)
    response = export(client, staff_headers, format="xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename=bao-cao-46-20260210-20260224.xlsx' in response.headers[
        "Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames == [messages.SHEET_SUMMARY, messages.SHEET_CHANNELS,
                             messages.SHEET_CATEGORIES, messages.SHEET_OFFICES,
                             messages.SHEET_COMMUNES, messages.SHEET_WEEKLY,
                             messages.SHEET_NOTICES, messages.SHEET_DETAIL]
    summary = wb[messages.SHEET_SUMMARY]
    assert summary["A1"].value == messages.REPORT_TITLE
    assert summary_from_sheet(summary) == [
        (s, i, v) for s, i, v in summary_rows(stats)]
    figures = {i: v for _, i, v in summary_from_sheet(summary)}
    # A few figures by name, as a reader finds them (hand values from test_figures.py).
    assert figures[messages.FIG_RECEIVED] == 10
    assert figures[messages.FIG_ON_TIME] == 3
    assert figures[messages.FIG_LATE] == 1
    assert figures[messages.FIG_ON_TIME_PERCENT] == 75.0
    assert figures[messages.FIG_OPEN_OVERDUE] == 2
    assert figures[messages.FIG_FIRST_MEDIAN] == 2.5
    assert figures[messages.FIG_ANSWER_P90] == 391.1
    assert figures[messages.FIG_RATING_AVERAGE] == 3.75
    assert figures[messages.FIG_NOTICES_PUBLISHED] == 4
    # Header: the unit and the period in Vietnamese date format.
    header = {r[0]: r[1] for r in summary.iter_rows(min_row=3, max_row=5, values_only=True)}
    assert header[messages.PERIOD] == "Từ ngày 10/02/2026 đến ngày 24/02/2026"
    assert header[messages.AS_OF] == "02/03/2026 10:00"

    channels = {r[0]: r[1] for r in wb[messages.SHEET_CHANNELS].iter_rows(min_row=2,
                                                                          values_only=True)}
    assert channels[messages.CHANNEL_LABELS["web"]] == 5
    assert channels[messages.CHANNEL_LABELS["zalo"]] == 3
    communes = {r[0]: r for r in wb[messages.SHEET_COMMUNES].iter_rows(min_row=2, values_only=True)}
    assert communes["19753"][2:10] == (7, 3, 2, 1, 66.7, 2, 1, 1)
    assert communes["19774"][2:10] == (3, 1, 1, 0, 100.0, 2, 1, 0)
    weekly = wb[messages.SHEET_WEEKLY]
    first_week = next(weekly.iter_rows(min_row=2, max_row=2))
    assert first_week[0].value == datetime(2026, 2, 9)
    assert first_week[0].number_format == "dd/mm/yyyy"
    assert first_week[-1].value == 5


def test_xlsx_detail_sheet(client, staff_headers, seeded, frozen_stats):
    """One row per item received in the period, oldest first, local dates as dd/mm/yyyy."""
    wb = openpyxl.load_workbook(io.BytesIO(export(client, staff_headers).data))
    ws = wb[messages.SHEET_DETAIL]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == messages.DETAIL_COLUMNS
    assert len(rows) - 1 == len(HUE_ITEMS) == 10
    codes = [r[0].replace("-", "") for r in rows[1:]]
    assert codes[0] == "TKASTATS1" and codes[-1] == "TKCSTATS1"  # 10/02 00:00 … 24/02 23:59:59
    first = rows[1]
    assert first[1] == datetime(2026, 2, 10, 0, 0)  # local wall-clock time
    assert first[7] == datetime(2026, 3, 3, 23, 59, 59)
    assert first[10] == messages.RESULT_ON_TIME and first[11] == 5
    assert next(ws.iter_rows(min_row=2, max_row=2))[1].number_format == "dd/mm/yyyy hh:mm"
    results = sorted(r[10] for r in rows[1:])
    assert results.count(messages.RESULT_ON_TIME) == 3 and results.count(messages.RESULT_LATE) == 1
    assert results.count(messages.RESULT_OPEN_OVERDUE) == 2


def test_exports_hold_no_personal_data(client, staff_headers, seeded, frozen_stats):
    """No reporter name, phone, e-mail, Zalo id, nor citizen-written text, in any file."""
    wb = openpyxl.load_workbook(io.BytesIO(export(client, staff_headers).data))
    text = workbook_text(wb)
    text += export(client, staff_headers, format="csv", part="detail").get_data(as_text=True)
    text += export(client, staff_headers, format="csv").get_data(as_text=True)
    for secret in SECRETS:
        assert secret not in text


def test_csv_summary_is_the_api_figures_with_a_bom(client, staff_headers, seeded,
                                                   frozen_stats):
    """UTF-8 with BOM (Excel), header lines, then every figure as in the API."""
    stats = api_stats(client, staff_headers, "leader", unit="19753")
    response = export(client, staff_headers, "leader", unit="19753", format="csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "bao-cao-19753-20260210-20260224-summary.csv" in response.headers[
        "Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [messages.COL_SECTION, messages.COL_INDICATOR, messages.COL_VALUE]
    assert rows[2] == ["", messages.PERIOD, "Từ ngày 10/02/2026 đến ngày 24/02/2026"]
    expected = [[s, i, "" if v is None else str(v)] for s, i, v in summary_rows(stats)]
    assert rows[4:] == expected
    figures = {r[1]: r[2] for r in rows}
    assert figures[messages.FIG_RECEIVED] == "7"
    assert figures[messages.FIG_ANSWER_MEDIAN] == "312.0"


def test_csv_detail(client, staff_headers, seeded, frozen_stats):
    """One line per item, dates dd/mm/yyyy HH:MM local."""
    raw = export(client, staff_headers, format="csv", part="detail").data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(messages.DETAIL_COLUMNS)
    assert len(rows) == 11
    assert rows[1][1] == "10/02/2026 00:00"
    assert rows[-1][1] == "24/02/2026 23:59"
    assert rows[-1][7] == "27/02/2026 23:59"
    assert rows[-1][10] == messages.RESULT_OPEN_OVERDUE


def test_export_scope_follows_the_api(client, staff_headers, seeded, frozen_stats):
    """Same roles as the statistics: the leader of a commune cannot export the province."""
    assert export(client, staff_headers, "leader").status_code == 403
    assert export(client, staff_headers, "officer", unit="19753").status_code == 403
    assert export(client, staff_headers, "viewer", unit="19753").status_code == 200
    assert export(client, staff_headers, format="pdf").status_code == 422


def test_export_refuses_too_many_rows_over_http(app, client, staff_headers, seeded,
                                               frozen_stats, monkeypatch):
    """Above the limit, the detail is refused with a pointer to the CLI; the summary CSV
    is still served."""
    monkeypatch.setitem(app.config, "REPORTS_EXPORT_MAX_ROWS", 9)
    response = export(client, staff_headers)
    assert response.status_code == 422
    assert "flask reports export" in response.get_json()["message"]
    assert export(client, staff_headers, format="csv").status_code == 200


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_cli_export(runner, seeded, frozen_stats, tmp_path, fmt, client, staff_headers):
    """``flask reports export`` writes the same report, with a progress bar."""
    output = tmp_path / f"report.{fmt}"
    result = runner.invoke(args=["reports", "export", "--unit", "46", "--from", "10/02/2026",
                                 "--to", "2026-02-24", "--format", fmt, "--part", "detail",
                                 "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert messages.CLI_DONE.format(path=output, count=10) in result.output
    stats = api_stats(client, staff_headers)
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(output)
        assert summary_from_sheet(wb[messages.SHEET_SUMMARY]) == list(summary_rows(stats))
        assert wb[messages.SHEET_DETAIL].max_row == 11
    else:
        rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
        assert len(rows) == 11
        assert output.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_streams_detail_in_chunks(app, seeded, frozen_stats, monkeypatch, ctx):
    """Detail rows are read by keyset in chunks (chunk of 3 → 4 reads for 10 rows), in
    order and without repeats."""
    import directory
    from reports import export as export_module
    from reports.service import Period

    seen = []
    rows = list(export_module.iter_detail(
        directory.get_unit("46"), Period(*[datetime.fromisoformat(d).date()
                                            for d in (QUERY["from"], QUERY["to"])]),
        frozen_stats, progress=seen.append, chunk=3))
    assert seen == [3, 3, 3, 1]
    assert len({r[0] for r in rows}) == 10
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)


def test_cli_refuses_bad_input(runner, seeded, tmp_path):
    """Unknown unit, bad date, reversed range: a message, exit code 1 or 2, no file."""
    output = tmp_path / "x.xlsx"
    base = ["reports", "export", "--output", str(output)]
    unknown = runner.invoke(args=[*base, "--unit", "99999"])
    assert unknown.exit_code == 1 and not output.exists()
    bad_date = runner.invoke(args=[*base, "--unit", "46", "--from", "31/02/2026"])
    assert bad_date.exit_code == 2 and "31/02/2026" in bad_date.output
    reversed_ = runner.invoke(args=[*base, "--unit", "46", "--from", "2026-02-25",
                                    "--to", "2026-02-24"])
    assert reversed_.exit_code == 1 and messages.RANGE_REVERSED in reversed_.output
