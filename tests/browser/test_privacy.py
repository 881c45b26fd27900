"""The widget on a page of another origin shows the consent text of the privacy notice in
force, never pre-ticks it, and sends no contact data without it (payloads inspected)."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_notices import _host_app
from tests.conftest import app_unit
from tests.live import serve

pytestmark = pytest.mark.browser


def test_widget_asks_consent_and_sends_no_contact_data_without_it(
        page, live_app, live_server, live_world):
    posts: list[dict] = []
    page.on("request", lambda r: posts.append(json.loads(r.post_data or "{}"))
            if r.method == "POST" and r.url.endswith("/api/v1/feedback") else None)
    with app_unit(live_app):
        from privacy import notice

        current = notice.current()
        consent_text, version = current.consent_text, current.version
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as host:
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Gửi phản ánh").click()
            consent = page.get_by_role("checkbox")
            # the notice's own consent sentence, a link to the notice, nothing pre-ticked
            page.wait_for_selector(f"label.c >> text={consent_text}")
            link = page.get_by_role("link", name="Đọc thông báo xử lý dữ liệu cá nhân")
            assert link.get_attribute("href") == f"{live_server.url}/privacy/{version}"
            assert consent.is_enabled() and not consent.is_checked()

            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.fill("textarea", "Đèn đường trước chợ hỏng nhiều ngày, rất tối.")
            page.get_by_label("Họ và tên", exact=True).fill("Trần Thị Bình")
            page.get_by_label("Số điện thoại", exact=True).fill("0905 123 456")
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.wait_for_selector("p.err >> text=đánh dấu đồng ý")
            page.wait_for_timeout(300)
            assert posts == []  # refused in the page: nothing left the browser

            # cleared contact: sent anonymously, no contact data, no consent
            page.get_by_label("Họ và tên", exact=True).fill("")
            page.get_by_label("Số điện thoại", exact=True).fill("")
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.locator("[data-code]").wait_for(timeout=10000)
            assert len(posts) == 1
            assert posts[0]["anonymous"] is True
            assert "reporter" not in posts[0] and "consent" not in posts[0]

            # with consent: contact data and the consent of the notice in force
            page.get_by_role("button", name="Gửi phản ánh khác").click()
            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.fill("textarea", "Cống thoát nước trước nhà văn hóa bị tắc.")
            page.get_by_label("Họ và tên", exact=True).fill("Trần Thị Bình")
            page.get_by_label("Số điện thoại", exact=True).fill("0905 123 456")
            consent.check()
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.wait_for_function("document.querySelector('[data-thongtin-widget]')"
                                   ".shadowRoot.querySelector('[data-code]')")
            page.wait_for_timeout(200)
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert len(posts) == 2
    assert posts[1]["reporter"] == {"name": "Trần Thị Bình", "phone": "0905 123 456"}
    assert posts[1]["notify_via"] == "zalo"  # the default choice
    assert posts[1]["consent"]["policy_version"] == version
    assert posts[1]["consent"]["text"] == consent_text
    assert page.errors == []


def test_widget_without_the_notice_keeps_contact_fields_off(page, live_app, live_server,
                                                            live_world):
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as host:
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.route("**/api/v1/privacy-notice", lambda route: route.abort())
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Gửi phản ánh").click()
            page.wait_for_selector("label.c >> text=gửi phản ánh ẩn danh")
            assert page.get_by_label("Họ và tên", exact=True).is_disabled()
            assert page.get_by_label("Số điện thoại", exact=True).is_disabled()
            assert page.get_by_role("checkbox").is_disabled()
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert page.errors == []


def test_widget_lets_the_citizen_choose_how_to_be_told(page, live_app, live_server, live_world):
    posts: list[dict] = []
    page.on("request", lambda r: posts.append(json.loads(r.post_data or "{}"))
            if r.method == "POST" and r.url.endswith("/api/v1/feedback") else None)
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as host:
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Gửi phản ánh").click()
            choice = page.get_by_label("Nhận thông báo qua", exact=True)
            choice.wait_for()
            page.wait_for_function("!document.querySelector('[data-thongtin-widget]')"
                                   ".shadowRoot.querySelector('select[name=notify_via]')"
                                   ".disabled")
            assert [o.strip() for o in choice.locator("option").all_inner_texts()] == [
                "Zalo (tin nhắn đến số điện thoại)", "Tin nhắn SMS", "Email"]
            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.fill("textarea", "Rác tập kết sai nơi quy định ở đầu kiệt 5.")
            page.get_by_label("Họ và tên", exact=True).fill("Lê Văn Cường")
            page.get_by_label("Số điện thoại", exact=True).fill("0905 123 456")
            choice.select_option("email")
            page.get_by_role("checkbox").check()
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.wait_for_selector("p.err >> text=nhập email để nhận thông báo qua email")
            assert posts == []  # refused in the page
            page.get_by_label("Email", exact=True).fill("cuong@example.vn")
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.locator("[data-code]").wait_for(timeout=10000)
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert len(posts) == 1
    assert posts[0]["notify_via"] == "email"
    assert posts[0]["reporter"] == {"name": "Lê Văn Cường", "phone": "0905 123 456",
                                    "email": "cuong@example.vn"}
    code = page.locator("[data-code]").inner_text().strip()
    with app_unit(live_app):
        import sqlalchemy as sa

        from core.db import db
        from feedback.models import Feedback

        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == code.replace("-", "")))
        assert item.notify_routes == ["email", "zns", "sms"]
    assert page.errors == []
