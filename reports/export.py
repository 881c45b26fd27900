"""The periodic report as an XLSX workbook or CSV files.

- XLSX: a summary sheet (every figure of the statistics, as in the API), detail sheets per
  channel, category, office, commune (province reports), week and notices, and one row per
  feedback item received in the period. Dates are real dates shown as dd/mm/yyyy.
- CSV (UTF-8 with a byte-order mark, so Excel reads Vietnamese): ``summary`` is the same
  figures as rows (section, indicator, value); ``detail`` is one row per item.

Detail rows carry no personal data: no reporter name, phone, e-mail, address or Zalo id,
and no citizen-written text (titles and descriptions may name people); the tracking code
lets staff open an item in the console. Rows are read in keyset chunks, so a year of a
province never sits in memory at once.

No text becomes a formula: every text cell (XLSX and CSV) that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, which spreadsheets read as a formula (an office
named ``=HYPERLINK(...)``), gets a leading apostrophe (:func:`safe_cell`). Numbers, negative
ones included, stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy.orm import aliased

from core.clock import LOCAL_TZ, to_local
from core.codes import display_code
from core.db import db
from directory.models import AdminUnit, Category, Office
from feedback.models import CHANNELS, OPEN_STATUSES, Feedback
from notices.models import PRIORITIES
from reports import messages
from reports.service import DELIVERY_STATUSES, Period, feedback_scope

CHUNK = 5000
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
Progress = Callable[[int], None] | None

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may hold it: text a spreadsheet would run as a formula
    starts with an apostrophe (OWASP's advice for CSV, the same text in XLSX); anything
    else (numbers, dates, None) is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _safe_row(values) -> list:
    return [safe_cell(v) for v in values]


def vn_date(value) -> str:
    """A date (or datetime, shown locally) as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value)
    return value.strftime("%d/%m/%Y")


def vn_datetime(value: datetime | None) -> str:
    """A stored UTC time as dd/mm/yyyy HH:MM, local time."""
    return to_local(value).strftime("%d/%m/%Y %H:%M") if value else ""


# --- figures as rows -------------------------------------------------------------------------
def summary_rows(stats: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """Every figure of ``stats`` as (section, indicator, value), in report order."""
    fb = stats["feedback"]
    rows: list[tuple[str, str, Any]] = [
        (messages.SECTION_FEEDBACK, messages.FIG_RECEIVED, fb["received"]),
        *[(messages.SECTION_FEEDBACK,
           f"{messages.COL_CHANNEL}: {messages.CHANNEL_LABELS.get(c, c)}", n)
          for c, n in fb["by_channel"].items()],
        *[(messages.SECTION_FEEDBACK, f"{messages.COL_CATEGORY}: {c['name']}", c["received"])
          for c in fb["by_category"]],
        *[(messages.SECTION_FEEDBACK, f"{messages.COL_OFFICE}: {o['name']}", o["received"])
          for o in fb["by_office"]],
        *[(messages.SECTION_STATUS, messages.STATUS_LABELS[s], n)
          for s, n in fb["by_status"].items()],
        (messages.SECTION_OUTCOMES, messages.FIG_ANSWERED, fb["answered"]),
        (messages.SECTION_OUTCOMES, messages.FIG_ON_TIME, fb["answered_on_time"]),
        (messages.SECTION_OUTCOMES, messages.FIG_LATE, fb["answered_late"]),
        (messages.SECTION_OUTCOMES, messages.FIG_ON_TIME_PERCENT, fb["on_time_percent"]),
        (messages.SECTION_OUTCOMES, messages.FIG_OPEN, fb["open"]),
        (messages.SECTION_OUTCOMES, messages.FIG_OPEN_OVERDUE, fb["open_overdue"]),
        (messages.SECTION_OUTCOMES, messages.FIG_REFUSED, fb["refused"]),
        (messages.SECTION_OUTCOMES, messages.FIG_CLOSED_UNANSWERED, fb["closed_unanswered"]),
        *[(messages.SECTION_AGE, a["label"], a["count"]) for a in fb["open_by_age"]],
    ]
    first, answer = fb["response_hours"]["first_response"], fb["response_hours"]["answer"]
    rows += [
        (messages.SECTION_TIMES, messages.FIG_FIRST_COUNT, first["count"]),
        (messages.SECTION_TIMES, messages.FIG_FIRST_MEDIAN, first["median"]),
        (messages.SECTION_TIMES, messages.FIG_FIRST_P90, first["p90"]),
        (messages.SECTION_TIMES, messages.FIG_ANSWER_COUNT, answer["count"]),
        (messages.SECTION_TIMES, messages.FIG_ANSWER_MEDIAN, answer["median"]),
        (messages.SECTION_TIMES, messages.FIG_ANSWER_P90, answer["p90"]),
    ]
    sat = fb["satisfaction"]
    rows += [(messages.SECTION_SATISFACTION, messages.FIG_RATINGS, sat["count"]),
             (messages.SECTION_SATISFACTION, messages.FIG_RATING_AVERAGE, sat["average"]),
             *[(messages.SECTION_SATISFACTION, messages.FIG_RATING_STARS.format(stars=s), n)
               for s, n in sat["distribution"].items()]]
    sent = stats["messages"]
    rows += [(messages.SECTION_MESSAGES, messages.FIG_MESSAGES_UNDELIVERED, sent["undelivered"]),
             *[(messages.SECTION_MESSAGES,
                f"{messages.MESSAGE_CHANNEL_LABELS.get(channel, channel)}: "
                f"{messages.DELIVERY_STATUS_LABELS[s]}", n)
               for channel, cell in sent["by_channel"].items() for s, n in cell.items()]]
    notices = stats["notices"]
    rows += [(messages.SECTION_NOTICES, messages.FIG_NOTICES_PUBLISHED, notices["published"]),
             (messages.SECTION_NOTICES, messages.FIG_NOTICES_CORRECTIONS, notices["corrections"]),
             *[(messages.SECTION_NOTICES,
                f"{messages.COL_PRIORITY}: {messages.PRIORITY_LABELS[p]}", n)
               for p, n in notices["by_priority"].items()],
             *[(messages.SECTION_NOTICES,
                f"{messages.COL_CATEGORY}: {messages.NOTICE_CATEGORY_LABELS.get(c, c)}",
                cell["total"]) for c, cell in notices["by_category"].items()],
             *[(messages.SECTION_DELIVERIES, messages.DELIVERY_STATUS_LABELS[s], n)
               for s, n in notices["deliveries_total"].items()],
             *[(messages.SECTION_DELIVERIES, f"{channel}: {messages.DELIVERY_STATUS_LABELS[s]}", n)
               for channel, cell in notices["deliveries"].items() for s, n in cell.items()]]
    return rows


def _header(stats: dict[str, Any]) -> list[tuple[str, str]]:
    period = stats["period"]
    first = datetime.fromisoformat(period["from"]).date()
    last = datetime.fromisoformat(period["to"]).date()
    as_of = datetime.fromisoformat(stats["as_of"]).astimezone(LOCAL_TZ)
    return [(messages.UNIT, stats["unit"]["name"]),
            (messages.PERIOD,
             messages.PERIOD_VALUE.format(first=vn_date(first), last=vn_date(last))),
            (messages.AS_OF, as_of.strftime("%d/%m/%Y %H:%M"))]


# --- detail rows -----------------------------------------------------------------------------
def _result(status: str, due_at, answered_at, as_of: datetime) -> str:
    if status in OPEN_STATUSES:
        return messages.RESULT_OPEN_OVERDUE if due_at < as_of else messages.RESULT_OPEN
    if status == "refused":
        return messages.RESULT_REFUSED
    if answered_at is None:
        return messages.RESULT_CLOSED
    return messages.RESULT_ON_TIME if answered_at <= due_at else messages.RESULT_LATE


def iter_detail(unit: AdminUnit, period: Period, as_of: datetime, progress: Progress = None,
                chunk: int = CHUNK) -> Iterator[tuple]:
    """Detail rows (raw values, UTC datetimes) of the items received in ``period``,
    oldest first, read ``chunk`` rows at a time by keyset on (created_at, id)."""
    f = Feedback
    commune = aliased(AdminUnit)
    base = (sa.select(f.id, f.tracking_code, f.created_at, f.channel, commune.name,
                      Category.name, Office.name, f.status, f.due_at, f.first_response_at,
                      f.answered_at, f.rating)
            .join(commune, commune.code == f.unit_code)
            .join(Category, Category.id == f.category_id)
            .join(Office, Office.id == f.office_id)
            .where(*feedback_scope(unit, period))
            .order_by(f.created_at, f.id).limit(chunk))
    after: tuple[datetime, int] | None = None
    while True:
        query = base if after is None else base.where(sa.or_(
            f.created_at > after[0], sa.and_(f.created_at == after[0], f.id > after[1])))
        rows = db.session.execute(query).all()
        for row in rows:
            (_, code, created, channel, commune_name, category, office, status, due, first,
             answered, rating) = row
            yield (display_code(code), created, messages.CHANNEL_LABELS.get(channel, channel),
                   commune_name, category, office, messages.STATUS_LABELS.get(status, status), due,
                   first, answered, _result(status, due, answered, as_of), rating)
        if progress and rows:
            progress(len(rows))
        if len(rows) < chunk:
            return
        after = (rows[-1].created_at, rows[-1].id)


_DETAIL_DATES = {1: DATETIME, 7: DATETIME, 8: DATETIME, 9: DATETIME}


# --- CSV -------------------------------------------------------------------------------------
def write_csv(stats: dict[str, Any], out: IO[str], part: str = "summary",
              unit: AdminUnit | None = None, period: Period | None = None,
              progress: Progress = None) -> None:
    """Write the summary figures, or the detail rows, as CSV with a UTF-8 BOM."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for line in csv_lines(stats, part, unit, period, progress):
        writer.writerow(line)  # csv_lines neutralised formulas


def csv_lines(stats: dict[str, Any], part: str, unit: AdminUnit | None = None,
              period: Period | None = None, progress: Progress = None) -> Iterator[list]:
    """CSV rows (without the BOM) of the summary or of the detail, no text a formula."""
    for line in _csv_lines(stats, part, unit, period, progress):
        yield _safe_row(line)


def _csv_lines(stats: dict[str, Any], part: str, unit: AdminUnit | None,
               period: Period | None, progress: Progress) -> Iterator[list]:
    if part == "summary":
        yield [messages.COL_SECTION, messages.COL_INDICATOR, messages.COL_VALUE]
        for label, value in _header(stats):
            yield ["", label, value]
        for section, indicator, value in summary_rows(stats):
            yield [section, indicator, "" if value is None else value]
        return
    as_of = datetime.fromisoformat(stats["as_of"])
    yield list(messages.DETAIL_COLUMNS)
    for row in iter_detail(unit, period, as_of, progress):
        yield [vn_datetime(v) if i in _DETAIL_DATES else ("" if v is None else v)
               for i, v in enumerate(row)]


# --- XLSX ------------------------------------------------------------------------------------
def _cell(ws, value, font=None, fill=None, number_format=None, wrap=False):
    cell = WriteOnlyCell(ws, value=safe_cell(value))
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _append(ws, row: list) -> None:
    """Append a row whose text never runs as a formula (cells from ``_cell`` are safe)."""
    ws.append([v if isinstance(v, Cell) else safe_cell(v) for v in row])


def _sheet(wb: Workbook, title: str, headings: list[str], widths: list[int]):
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"
    _append(ws, [_cell(ws, h, _BOLD, _HEAD_FILL) for h in headings])
    return ws


def _local_naive(value: datetime | None) -> datetime | None:
    # Excel has no time zones: write the local wall-clock time.
    return to_local(value).replace(tzinfo=None) if value else None


def write_xlsx(stats: dict[str, Any], out: IO[bytes] | str, unit: AdminUnit, period: Period,
               progress: Progress = None) -> None:
    """Write the workbook (summary, detail sheets, one row per item) to ``out``."""
    wb = Workbook(write_only=True)
    fb, notices = stats["feedback"], stats["notices"]

    ws = wb.create_sheet(messages.SHEET_SUMMARY)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 52
    ws.column_dimensions["C"].width = 16
    _append(ws, [_cell(ws, messages.REPORT_TITLE, _TITLE)])
    _append(ws, [_cell(ws, messages.REPORT_SUBTITLE, _BOLD)])
    for label, value in _header(stats):
        _append(ws, [_cell(ws, label, _BOLD), value])
    _append(ws, [_cell(ws, messages.PERIOD_NOTE, wrap=False)])
    _append(ws, [])
    _append(ws, [_cell(ws, h, _BOLD, _HEAD_FILL) for h in (
        messages.COL_SECTION, messages.COL_INDICATOR, messages.COL_VALUE)])
    for row in summary_rows(stats):
        _append(ws, list(row))

    ws = _sheet(wb, messages.SHEET_CHANNELS, [messages.COL_CHANNEL, messages.COL_COUNT], [28, 12])
    for channel, count in fb["by_channel"].items():
        _append(ws, [messages.CHANNEL_LABELS.get(channel, channel), count])

    ws = _sheet(wb, messages.SHEET_CATEGORIES,
                [messages.COL_CODE, messages.COL_CATEGORY, messages.COL_COUNT], [16, 40, 12])
    for category in fb["by_category"]:
        _append(ws, [category["code"], category["name"], category["received"]])

    outcome_heads = [messages.FIG_RECEIVED, messages.FIG_ANSWERED, messages.FIG_ON_TIME,
                     messages.FIG_LATE, messages.FIG_ON_TIME_PERCENT, messages.FIG_OPEN,
                     messages.FIG_OPEN_OVERDUE, messages.FIG_REFUSED]
    outcome_keys = ["received", "answered", "answered_on_time", "answered_late",
                    "on_time_percent", "open", "open_overdue", "refused"]
    ws = _sheet(wb, messages.SHEET_OFFICES,
                [messages.COL_OFFICE, messages.COL_COMMUNE, *outcome_heads],
                [40, 10, *[14] * len(outcome_heads)])
    for office in fb["by_office"]:
        _append(ws, [office["name"], office["unit_code"], *[office[k] for k in outcome_keys]])

    if "communes" in fb:
        ws = _sheet(wb, messages.SHEET_COMMUNES,
                    [messages.COL_CODE, messages.COL_COMMUNE, *outcome_heads,
                     messages.FIG_RATING_AVERAGE],
                    [10, 30, *[14] * (len(outcome_heads) + 1)])
        for commune in fb["communes"]:
            _append(ws, [commune["code"], commune["name"], *[commune[k] for k in outcome_keys],
                       commune["rating_average"]])

    ws = _sheet(wb, messages.SHEET_WEEKLY,
                [messages.COL_WEEK, *[messages.CHANNEL_LABELS[c] for c in CHANNELS],
                 messages.COL_TOTAL], [14, *[12] * (len(CHANNELS) + 1)])
    for week in fb["weekly"]:
        monday = datetime.fromisoformat(week["week"])
        _append(ws, [_cell(ws, monday, number_format=DATE),
                   *[week["by_channel"][c] for c in CHANNELS], week["total"]])

    ws = _sheet(wb, messages.SHEET_NOTICES,
                [messages.COL_CATEGORY, *[messages.PRIORITY_LABELS[p] for p in PRIORITIES],
                 messages.COL_TOTAL], [40, 14, 14, 14, 12])
    for category, cell in notices["by_category"].items():
        _append(ws, [messages.NOTICE_CATEGORY_LABELS.get(category, category),
                   *[cell[p] for p in PRIORITIES], cell["total"]])
    _append(ws, [])
    _append(ws, [_cell(ws, h, _BOLD, _HEAD_FILL) for h in
               (messages.COL_CHANNEL,
                *[messages.DELIVERY_STATUS_LABELS[s] for s in DELIVERY_STATUSES])])
    for channel, cell in notices["deliveries"].items():
        _append(ws, [channel, *[cell[s] for s in DELIVERY_STATUSES]])

    ws = _sheet(wb, messages.SHEET_DETAIL, list(messages.DETAIL_COLUMNS),
                [14, 17, 18, 26, 28, 34, 20, 17, 17, 17, 18, 10])
    as_of = datetime.fromisoformat(stats["as_of"])
    for row in iter_detail(unit, period, as_of, progress):
        _append(ws, [_cell(ws, _local_naive(v), number_format=_DETAIL_DATES[i])
                   if i in _DETAIL_DATES and v is not None else v
                   for i, v in enumerate(row)])
    wb.save(out)
