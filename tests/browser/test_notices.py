"""Widget on a page of another origin, and the bulletin board, in headless Chromium."""

from __future__ import annotations

import re
import time
import uuid

import pytest
import sqlalchemy as sa
from flask import Flask

from core.db import db
from directory.models import StaffUser
from feedback.models import Feedback
from notices import service
from tests.conftest import app_unit
from tests.live import serve

pytestmark = pytest.mark.browser

HOSTILE_CSS = """
div { color: #ff00ff !important; font-size: 40px !important; border: 9px dotted lime !important;
      padding: 30px !important; background: yellow !important; display: inline !important; }
form { display: none !important; }
form, form * { font-family: monospace !important; color: red !important; }
section, input, select, textarea, button, label, p, h2, ul, li { all: revert !important;
      color: orange !important; font-size: 8px !important; }
"""
PROBES = {  # selector inside the widget → computed properties compared
    "section.w": ("color", "font-size", "font-family", "padding-top", "border-top-width",
                  "background-color", "display"),
    "form": ("display", "font-family", "color"),
    "div.body, div.ok": ("display",),
    "h2": ("color", "font-size"),
    "textarea": ("font-family", "color", "font-size", "padding-top", "display"),
    "button[type=submit]": ("color", "background-color", "font-size"),
}


def _publish(app, author_id, approver_id, **data):
    with app_unit(app):
        author = db.session.get(StaffUser, author_id)
        approver = db.session.get(StaffUser, approver_id)
        notice = service.create({
            "summary": "Tóm tắt thông báo cho bà con.", "body": "<p>Nội dung chi tiết.</p>",
            "category": "local_programmes", **data}, author)
        service.submit(notice.id, author)
        service.approve(notice.id, approver)
        return notice.id


def _host_app(widget_src: str, unit: str, hostile: bool) -> Flask:
    host = Flask("host_page")
    style = f"<style>{HOSTILE_CSS}</style>" if hostile else ""

    @host.get("/")
    def page():
        return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>{style}</head>"
                f"<body><div id='host-div'>Trang của xã</div>"
                f"<script src='{widget_src}' data-unit='{unit}' async></script></body></html>")

    return host


def _styles(page) -> dict:
    return page.evaluate("""(probes) => {
        const root = document.querySelector('[data-thongtin-widget]').shadowRoot;
        const out = {};
        for (const [sel, props] of Object.entries(probes)) {
            const el = root.querySelector(sel);
            const cs = getComputedStyle(el);
            out[sel] = Object.fromEntries(props.map(p => [p, cs.getPropertyValue(p)]));
        }
        return out;
    }""", {k: list(v) for k, v in PROBES.items()})


def test_widget_on_another_origin_lists_notices_and_submits_feedback(
        page, live_app, live_server, live_world):
    tag = "t" + uuid.uuid4().hex[:5]
    ids = live_world.staff_ids
    normal = _publish(live_app, ids["officer"], ids["leader"],
                      title=f"Lịch thu gom rác {tag}", unit_code=live_world.commune)
    urgent = _publish(live_app, ids["officer"], ids["leader"],
                      title=f"Cảnh báo ngập sâu {tag}", unit_code=live_world.commune,
                      category="disaster_incident", priority="emergency", risk_level=2)
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as plain, \
            serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, True)) as host:
        assert plain.port != live_server.port and host.port != live_server.port
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [plain.url, host.url]
        try:
            page.goto(plain.url + "/")
            page.wait_for_selector("li.i >> text=" + f"Cảnh báo ngập sâu {tag}")
            reference = _styles(page)

            page.goto(host.url + "/")
            items = page.locator("li.i")
            items.first.wait_for()
            titles = [t for t in page.locator("li.i .t").all_inner_texts() if tag in t]
            assert titles == [f"Cảnh báo ngập sâu {tag}", f"Lịch thu gom rác {tag}"]
            first = page.locator("li.i").first
            assert first.get_attribute("data-priority") == "emergency"
            assert "KHẨN CẤP" in first.inner_text()
            # host CSS neither breaks the widget nor is broken by it
            assert _styles(page) == reference
            host_div = page.evaluate("getComputedStyle(document.getElementById('host-div'))"
                                     ".getPropertyValue('font-size')")
            assert host_div == "40px"

            # the consent box is not pre-ticked; contact data without consent is refused
            page.get_by_role("tab", name="Gửi phản ánh").click()
            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.fill("textarea", "Cống thoát nước trước nhà văn hóa bị tắc nhiều ngày.")
            page.get_by_label("Họ và tên", exact=True).fill("Trần Thị Bình")
            page.get_by_label("Số điện thoại", exact=True).fill("0905 123 456")
            consent = page.get_by_role("checkbox")
            assert not consent.is_checked()
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.wait_for_selector("p.err >> text=đánh dấu đồng ý")
            consent.focus()
            page.keyboard.press("Space")  # keyboard works
            assert consent.is_checked()
            page.get_by_role("button", name="Gửi phản ánh").focus()
            page.keyboard.press("Enter")
            code = page.locator("[data-code]")
            code.wait_for(timeout=10000)
            shown = code.inner_text()
            assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", shown)
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert page.errors == []
    with app_unit(live_app):
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == shown.replace("-", "")))
        assert item.channel == "widget"
        assert item.reporter_phone == "+84905123456"
        assert item.consent["policy_version"] == "2026-01"
        assert "đồng ý" in item.consent["text"]
    assert normal and urgent


def test_board_rotates_and_emergency_takes_over(page, live_app, live_server, live_world):
    tag = "t" + uuid.uuid4().hex[:5]
    ids = live_world.staff_ids
    code = live_world.other_commune
    first = _publish(live_app, ids["other_officer"], ids["other_leader"],
                     title=f"Thông báo thứ nhất {tag}", unit_code=code)
    second = _publish(live_app, ids["other_officer"], ids["other_leader"],
                      title=f"Thông báo thứ hai {tag}", unit_code=code)
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if "/notices" in r.url else None)
    page.goto(f"{live_server.url}/board/{code}?rotate=0.4&refresh=0.5")
    page.wait_for_selector("article.notice")
    seen = set()
    deadline = time.time() + 5
    while time.time() < deadline and not {first, second} <= seen:
        seen.add(int(page.get_attribute("article.notice", "data-id")))
        page.wait_for_timeout(100)
    assert {first, second} <= seen
    assert re.search(r"\d\d:\d\d:\d\d", page.inner_text("#clock"))
    page.wait_for_timeout(1200)
    assert 304 in statuses  # revalidation with ETag

    urgent = _publish(live_app, ids["other_officer"], ids["other_leader"],
                      title=f"Sơ tán khẩn cấp {tag}", unit_code=code,
                      category="disaster_incident", priority="emergency", risk_level=4)
    page.wait_for_selector(f"article.notice[data-id='{urgent}']", timeout=5000)
    assert "emergency" in page.get_attribute("body", "class")
    for _ in range(8):  # it stays on screen; the others rotate in the strip below it
        page.wait_for_timeout(150)
        assert page.get_attribute("article.notice", "data-id") == str(urgent)

    # the network drops: the last content stays, with a notice of the last update
    # (the board's service worker answers its requests, so the network is cut for the
    # whole context rather than routed)
    page.context.set_offline(True)
    try:
        page.wait_for_selector("#offline:not([hidden])", timeout=5000)
        assert f"Sơ tán khẩn cấp {tag}" in page.inner_text("article.notice h2")
    finally:
        page.context.set_offline(False)
    assert page.errors == []
