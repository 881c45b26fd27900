"""The console in headless Chromium: an officer works an item to answered; another office
cannot reach it; citizen text holding HTML and <script> is shown as text, never run."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _submit(live_app, live_world, **overrides) -> dict:
    body = {
        "unit_code": live_world.commune, "category_code": "ha-tang",
        "title": f"Ổ gà {uuid.uuid4().hex[:8]}",
        "description": "Đoạn trước trường học có ổ gà sâu, xe máy dễ ngã.",
        "reporter": {"name": "Phạm Thị Hoa", "phone": "0905 111 222"},
        "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"},
        **overrides,
    }
    response = live_app.test_client().post("/api/v1/feedback", json=body)
    assert response.status_code == 201, response.json
    return {**response.json, "title": body["title"]}


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/console/")
    assert "/console/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/console/")


def _open_item(page, title: str) -> int:
    page.click(f"text={title}")
    page.wait_for_url(re.compile(r".*/console/feedback/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_officer_works_an_item_from_received_to_answered(page, live_server, live_app,
                                                         live_world):
    item = _submit(live_app, live_world)
    _login(page, live_server, "officer")
    assert page.locator(f"text={item['title']}").count() == 1
    item_id = _open_item(page, item["title"])
    assert page.text_content("#item-status").strip() == "Đã tiếp nhận"
    assert "Phạm Thị Hoa" in page.text_content("#contact")

    page.click("form[data-action=accept] button")
    page.wait_for_selector("#item-status[data-status=accepted]")
    page.click("form[data-action=assign] button")
    page.wait_for_selector("#item-status[data-status=assigned]")
    page.fill("form[data-action=start] textarea[name=note]", "Đã cử tổ kỹ thuật đến kiểm tra.")
    page.click("form[data-action=start] button")
    page.wait_for_selector("#item-status[data-status=in_progress]")

    page.fill("#answer-text", "Chào chị Phạm Thị Hoa, đơn vị đã vá xong ổ gà. "
                              "Cần thêm thông tin xin gọi 0905 111 222.")
    page.click("#answer-form button[value=preview]")
    preview = page.text_content("#answer-preview")
    assert "Hoa" not in preview and "0905" not in preview and "***" in preview
    page.click("#answer-form button[value=publish]")
    page.wait_for_selector("#item-status[data-status=answered]")
    assert "0905" not in page.text_content("#public-answer")

    page.click("text=← Danh sách")
    page.wait_for_url(f"{live_server.url}/console/")
    assert page.locator(f"li[data-id='{item_id}']").count() == 0  # left the open queue
    page.goto(f"{live_server.url}/console/?status=answered")
    assert page.locator(f"li[data-id='{item_id}']").count() == 1
    assert page.errors == []


def test_another_office_cannot_reach_the_item(page, live_server, live_app, live_world):
    item = _submit(live_app, live_world)
    _login(page, live_server, "officer")
    item_id = _open_item(page, item["title"])
    page.context.clear_cookies()

    _login(page, live_server, "police")
    assert page.locator(f"text={item['title']}").count() == 0
    response = page.goto(f"{live_server.url}/console/feedback/{item_id}")
    assert response.status == 404
    assert page.text_content("h1").strip() == "Không tìm thấy"
    assert item["title"] not in page.content()
    page.context.clear_cookies()

    _login(page, live_server, "kl_officer")
    response = page.goto(f"{live_server.url}/console/feedback/{item_id}")
    assert response.status == 404


def test_html_and_script_in_feedback_are_shown_as_text(page, live_server, live_app,
                                                       live_world):
    marker = uuid.uuid4().hex[:8]
    script = f"<script>window.__xss = '{marker}'; alert('{marker}')</script>"
    html = f'<img src=x onerror="window.__xss=\'img\'"><b id="injected-{marker}">đậm</b>'
    item = _submit(live_app, live_world, title=f"<i id='title-{marker}'>Tiêu đề</i> {marker}",
                   description=f"Nội dung {script} và {html} hết.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _login(page, live_server, "officer")
    assert page.locator(f"#title-{marker}").count() == 0
    page.click(f"text={marker}")
    page.wait_for_url(re.compile(r".*/console/feedback/\d+$"))
    page.wait_for_load_state("load")
    text = page.text_content("#description")
    assert script in text and html in text
    assert page.locator(f"#injected-{marker}").count() == 0
    assert page.locator(f"#title-{marker}").count() == 0
    assert page.locator("#description img, #description script, #description b").count() == 0
    assert page.evaluate("window.__xss === undefined")
    assert dialogs == []
    assert item["title"] in page.text_content("h1")
