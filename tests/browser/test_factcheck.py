"""Reporting false information in Chromium: the public report page (keyboard, errors next to
their fields, a screenshot, the tracking code; axe-core on a laptop and a phone) and the
widget's "Báo tin giả" tab on another origin, whose copy of the same screenshot joins the
same case."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from core.db import db
from factcheck.models import MisinformationReport
from tests.browser.test_answers_page import VIEWPORTS, assert_accessible
from tests.browser.test_notices import _host_app
from tests.conftest import app_unit
from tests.factcheck.images import encode, screenshot
from tests.live import serve

pytestmark = pytest.mark.browser


def _report(live_app, code: str) -> MisinformationReport:
    with app_unit(live_app):
        row = db.session.scalar(sa.select(MisinformationReport).where(
            MisinformationReport.tracking_code == code.replace("-", "")))
        db.session.expunge(row)
        return row


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x768", "390x844"])
def test_the_report_page_by_keyboard_with_a_screenshot(page, live_app, live_server,
                                                       live_world, tmp_path, viewport):
    tag = "t" + uuid.uuid4().hex[:5]
    picture = tmp_path / "tin-gia.png"
    picture.write_bytes(encode(screenshot(int(tag[1:], 16) % 1000 + 100)))
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/bao-tin-gia/{live_world.commune}")
    assert page.title() == "Báo tin giả, tin sai sự thật – Phường Phú Xuân"
    assert_accessible(page, "form")
    # Nothing to report and a phone without consent: errors, each linked to its field.
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Gửi tin báo").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Chưa gửi được tin báo" in summary.inner_text()
    assert page.get_by_label("Số điện thoại").input_value() == "0912 345 678"
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_accessible(page, "errors")
    # Fill it in with the keyboard.
    page.get_by_label("Nội dung tin (dán hoặc chép lại)").fill(
        f"UBND phường thông báo thu phí {tag} 500.000 đồng mỗi hộ")
    page.get_by_label("Ảnh chụp màn hình (nếu có)").set_input_files(str(picture))
    page.get_by_label("Bạn thấy tin ở đâu?").fill("Nhóm Zalo tổ 5")
    page.get_by_label("Tôi đồng ý", exact=False).check()
    page.get_by_label("Tôi đồng ý", exact=False).focus()
    page.keyboard.press("Tab")  # the privacy notice link
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the send button
    code = page.locator("[data-code]")
    code.wait_for()
    shown = code.inner_text().strip()
    assert len(shown) == 9 and shown[4] == "-"
    assert_accessible(page, "sent")
    row = _report(live_app, shown)
    assert row.channel == "web" and row.image_hash and row.reporter_phone == "+84912345678"
    assert tag in row.content and row.seen_where == "Nhóm Zalo tổ 5"
    assert page.errors == []


def test_the_widget_tab_reports_and_the_same_screenshot_joins_one_case(
        page, live_app, live_server, live_world, tmp_path):
    tag = "t" + uuid.uuid4().hex[:5]
    seed = int(tag[1:], 16) % 1000 + 2000
    original, smaller = tmp_path / "goc.png", tmp_path / "nho.jpg"
    original.write_bytes(encode(screenshot(seed)))
    smaller.write_bytes(encode(screenshot(seed), "JPEG", (360, 640), 70))
    commune = live_world.commune
    # The original through the public page.
    page.goto(f"{live_server.url}/bao-tin-gia/{commune}")
    page.get_by_label("Ảnh chụp màn hình (nếu có)").set_input_files(str(original))
    page.get_by_role("button", name="Gửi tin báo").click()
    first = page.locator("[data-code]")
    first.wait_for()
    first_code = first.inner_text().strip()
    # A smaller copy through the widget on the commune's website.
    with serve(_host_app(f"{live_server.url}/widget.js", commune, False)) as host:
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            tab = page.get_by_role("tab", name="Báo tin giả")
            tab.click()
            panel = page.get_by_role("tabpanel", name="Báo tin giả")
            panel.get_by_role("button", name="Gửi tin báo").wait_for()
            panel.get_by_role("button", name="Gửi tin báo").click()
            assert "ít nhất 5 ký tự" in panel.get_by_role("alert").inner_text()
            panel.get_by_label("Ảnh chụp màn hình (nếu có)").set_input_files(str(smaller))
            panel.get_by_label("Bạn thấy tin ở đâu, lúc nào?").fill(f"Facebook {tag}")
            panel.get_by_role("button", name="Gửi tin báo").click()
            done = panel.locator("[data-factcheck-done] [data-code]")
            done.wait_for(timeout=10000)
            second_code = done.inner_text().strip()
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    first_row, second_row = _report(live_app, first_code), _report(live_app, second_code)
    assert (first_row.channel, second_row.channel) == ("web", "widget")
    assert second_row.image_type == "image/jpeg"  # scaled down in the browser
    assert first_row.case_id == second_row.case_id
    assert page.errors == []
