"""The widget's "Góp ý dự thảo" tab on a page of another origin: an open draft is shown, a
comment on one article is sent, and staff find it in the staff API."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from consultations import service
from core import clock
from core.db import db
from directory.models import StaffUser
from notices import service as notices_service
from tests.browser.test_notices import _host_app
from tests.conftest import PASSWORD, app_unit
from tests.live import serve

pytestmark = pytest.mark.browser


def _open_consultation(app, world, title):
    with app_unit(app):
        officer = db.session.get(StaffUser, world.staff_ids["officer"])
        leader = db.session.get(StaffUser, world.staff_ids["leader"])
        moment = clock.now()
        item = service.create({
            "title": title, "description": "Ủy ban nhân dân phường lấy ý kiến người dân.",
            "office_id": world.office_infra, "opens_at": moment - timedelta(hours=1),
            "closes_at": moment + timedelta(days=7),
            "sections": [{"title": "Phạm vi điều chỉnh", "body": "Áp dụng trên địa bàn."},
                         {"title": "Lối đi cho người đi bộ", "body": "Tối thiểu 1,5 mét."}]},
            officer)
        item = service.announce(item.id, officer)
        notices_service.approve(item.notice_id, leader)
        return item.id


def test_widget_shows_an_open_draft_and_a_comment_reaches_staff(page, live_app, live_server,
                                                                 live_world):
    tag = "t" + uuid.uuid4().hex[:5]
    title = f"Dự thảo quy chế vỉa hè {tag}"
    cid = _open_consultation(live_app, live_world, title)
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as host:
        assert host.port != live_server.port  # another origin
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Góp ý dự thảo").click()
            entry = page.locator(f"li[data-consultation-id='{cid}']")
            entry.wait_for(timeout=10000)
            assert "Đang lấy ý kiến" in entry.inner_text() and "0 ý kiến" in entry.inner_text()
            entry.get_by_role("button", name=title).click()
            page.get_by_role("heading", name=title).wait_for()
            article = page.locator("li[data-section='2']")
            assert "Điều 2. Lối đi cho người đi bộ" in article.inner_text()
            assert article.locator("[data-count]").inner_text() == "0 ý kiến"

            form = page.locator("form[data-comment-form]")
            form.locator("select").select_option("2")
            form.locator("textarea").fill("Đề nghị lối đi rộng 2 mét để xe lăn qua được.")
            page.get_by_label("Họ và tên người góp ý").fill("Hoàng Thị Lan")
            page.get_by_label("Số điện thoại người góp ý").fill("0905 246 810")
            send = form.get_by_role("button", name="Gửi góp ý")
            send.click()
            page.wait_for_selector("form[data-comment-form] p.err >> text=đánh dấu đồng ý")
            form.get_by_role("checkbox").check()
            send.click()
            page.get_by_text("Cảm ơn bạn đã góp ý!").wait_for(timeout=10000)
            shown = page.locator("li[data-comment-id]")
            shown.first.wait_for(timeout=10000)
            assert "Đề nghị lối đi rộng 2 mét" in shown.first.inner_text()
            assert "Điều 2" in shown.first.inner_text()
            assert article.locator("[data-count]").inner_text() == "1 ý kiến"
            panel = page.locator("[role=tabpanel]:not([hidden])").inner_text()
            for personal in ("Hoàng Thị Lan", "0905 246 810", "0905246810"):
                assert personal not in panel
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert page.errors == []

    staff = live_app.test_client().get(
        f"/api/v1/staff/consultations/{cid}/comments",
        headers={"Authorization": f"Bearer {live_world.tokens['officer']}"})
    assert staff.status_code == 200, staff.json
    [comment] = staff.json["items"]
    assert comment["section"] == 2 and comment["channel"] == "widget"
    assert comment["body"] == "Đề nghị lối đi rộng 2 mét để xe lăn qua được."
    assert comment["author"]["phone"] == "+84905246810"
    assert comment["consent"]["policy_version"] == "2026-01"  # the notice in force

    # and on the staff console's page of the draft
    page.goto(f"{live_server.url}/console/login")
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/console/**")
    page.goto(f"{live_server.url}/console/consultations/{cid}")
    entry = page.locator(f"li[data-comment-id='{comment['id']}']")
    assert "Đề nghị lối đi rộng 2 mét để xe lăn qua được." in entry.inner_text()
    assert "Hoàng Thị Lan" in entry.inner_text() and "Điều 2" in entry.inner_text()
    assert page.errors == []
