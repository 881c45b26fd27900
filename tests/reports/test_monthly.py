"""The monthly report: on the first working day of a month, every unit's leaders receive
the previous month's statistics as an XLSX attachment, once."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import sqlalchemy as sa
from openpyxl import load_workbook

from core import storage
from core.clock import LOCAL_TZ
from core.db import db
from core.models import Delivery
from reports import monthly


def test_first_working_day_skips_weekends_and_new_year():
    assert monthly.first_working_day(2027, 1) == date(2027, 1, 4)  # 1/1 holiday, then a weekend
    assert monthly.first_working_day(2026, 11) == date(2026, 11, 2)  # 1/11 is a Sunday
    assert monthly.first_working_day(2026, 12) == date(2026, 12, 1)


def _reports() -> list[Delivery]:
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.kind == "monthly_report").order_by(Delivery.id)))


def test_leaders_receive_last_months_report_on_the_first_working_day_once(app, ctx, world):
    assert app.extensions["periodic"]["reports-monthly"][0] == "reports.send_monthly"
    before = len(_reports())
    assert monthly.send_monthly(datetime(2027, 1, 1, 9, tzinfo=LOCAL_TZ)) == []  # a holiday
    units = monthly.send_monthly(datetime(2027, 1, 4, 7, tzinfo=LOCAL_TZ))
    assert world.commune in units and world.province in units
    assert monthly.send_monthly(datetime(2027, 1, 4, 8, tzinfo=LOCAL_TZ)) == []  # once
    rows = _reports()[before:]
    recipients = {d.recipient for d in rows}
    assert f"staff:{world.staff_ids['leader']}" in recipients  # commune leader
    assert f"staff:{world.staff_ids['province_admin']}" in recipients  # province admin
    assert f"staff:{world.staff_ids['officer']}" not in recipients
    mine = next(d for d in rows if d.recipient == f"staff:{world.staff_ids['leader']}")
    assert mine.payload["subject"] == "Báo cáo thống kê tháng 12/2026 — Phường Phú Xuân"
    attachment = mine.payload["attachments"][0]
    assert attachment["filename"] == f"bao-cao-{world.commune}-2026-12.xlsx"
    with open(storage._path(attachment["storage_key"]), "rb") as fh:
        workbook = load_workbook(BytesIO(fh.read()))
    cells = [c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Phường Phú Xuân" in cells
    assert any("01/12/2026" in str(c) and "31/12/2026" in str(c) for c in cells)
