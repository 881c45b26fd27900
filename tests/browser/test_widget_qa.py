"""The widget's "Hỏi đáp" tab on a page of another origin, used with the keyboard only."""

from __future__ import annotations

import uuid

import pytest

from core.db import db
from directory.models import StaffUser
from feedback.answers import service as answers
from tests.browser.test_notices import _host_app
from tests.conftest import app_unit
from tests.live import serve
from tests.open311.helpers import create_item

pytestmark = pytest.mark.browser

NAME = "Phan Thị Hồng Nhung"
PHONE = "0914 765 432"
FOCUSED = """() => {
    const root = document.querySelector('[data-thongtin-widget]').shadowRoot;
    const el = root.activeElement;
    return el ? {tag: el.tagName.toLowerCase(), role: el.getAttribute('role'),
                 text: el.textContent.trim().slice(0, 80),
                 selected: el.getAttribute('aria-selected')} : null;
}"""
TABS = """() => Array.from(document.querySelector('[data-thongtin-widget]').shadowRoot
    .querySelectorAll('[role=tab]')).map(t => {
        const panel = t.getRootNode().getElementById(t.getAttribute('aria-controls'));
        return [t.textContent, t.getAttribute('aria-selected'), t.tabIndex, panel.hidden,
                panel.getAttribute('aria-labelledby') === t.id];
    })"""


def _published_answer(app, world, unit, title, question, answer, leader):
    with app_unit(app):
        item = create_item(world, title=title, description=question, unit=unit,
                           category="khac", reporter={"name": NAME, "phone": PHONE},
                           actions=("accept", "assign", "start", "answer"), answer=answer)
        return answers.publish(item.id, db.session.get(StaffUser, world.staff_ids[leader])).id


def _focused(page) -> dict:
    return page.evaluate(FOCUSED)


def test_qa_tab_finds_accented_answers_from_an_unaccented_query_by_keyboard(
        page, live_app, live_server, live_world):
    tag = "t" + uuid.uuid4().hex[:5]
    commune, other = live_world.commune, live_world.other_commune
    flooded = _published_answer(
        live_app, live_world, commune, f"Đường kiệt {tag} ngập nước sau mưa",
        f"Tôi là {NAME}, số điện thoại {PHONE}. Đường kiệt {tag} ngập nước mỗi khi mưa to.",
        f"Phường đã nạo vét cống thoát nước kiệt {tag}; đường hết ngập nước.", "leader")
    noisy = _published_answer(live_app, live_world, commune, f"Tiếng ồn karaoke {tag}",
                              "Hát karaoke sau 22 giờ rất ồn.", "Đã nhắc nhở.", "leader")
    elsewhere = _published_answer(
        live_app, live_world, other, f"Đường {tag} ngập nước ở xã bên",
        "Đường ngập nước sau mưa.", "Đã khơi thông.", "other_leader")

    with serve(_host_app(f"{live_server.url}/widget.js", commune, False)) as host:
        assert host.port != live_server.port  # another origin
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Thông báo").wait_for()
            tabs = page.evaluate(TABS)
            assert [t[0] for t in tabs] == ["Thông báo", "Gửi phản ánh", "Hỏi đáp",
                                            "Góp ý dự thảo", "Tra cứu", "Báo tin giả"]
            assert [t[1:] for t in tabs] == [["true", 0, False, True],
                                              ["false", -1, True, True],
                                              ["false", -1, True, True],
                                              ["false", -1, True, True],
                                              ["false", -1, True, True],
                                              ["false", -1, True, True]]

            # keyboard only: Tab reaches the selected tab, arrows move and select
            page.keyboard.press("Tab")
            assert _focused(page) == {"tag": "button", "role": "tab", "text": "Thông báo",
                                      "selected": "true"}
            page.keyboard.press("ArrowLeft")  # wraps to the last tab
            assert _focused(page)["text"] == "Báo tin giả"
            page.keyboard.press("Home")
            assert _focused(page)["text"] == "Thông báo"
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            assert _focused(page) == {"tag": "button", "role": "tab", "text": "Hỏi đáp",
                                      "selected": "true"}
            tabs = page.evaluate(TABS)
            assert [(t[1], t[2], t[3]) for t in tabs] == [("false", -1, True),
                                                         ("false", -1, True),
                                                         ("true", 0, False),
                                                         ("false", -1, True),
                                                         ("false", -1, True),
                                                         ("false", -1, True)]
            page.keyboard.press("Tab")  # into the panel
            assert _focused(page)["role"] == "tabpanel"
            page.keyboard.press("Tab")
            assert _focused(page)["tag"] == "input"
            page.keyboard.type("duong ngap nuoc")
            page.keyboard.press("Enter")

            # The tab opened on the newest answers (these include all three): wait for the
            # search results to replace them before reading the list.
            page.wait_for_function(
                """() => { const p = document.querySelector('[data-thongtin-widget]').shadowRoot
                    .querySelector('[role=tabpanel]:not([hidden]) p[role=status]');
                    return p && p.textContent === 'Các câu trả lời phù hợp nhất:'; }""",
                timeout=10000)
            result = page.locator(f"li[data-answer-id='{flooded}']")
            result.wait_for(timeout=10000)
            shown = page.locator("li[data-answer-id]")
            ids = {int(i) for i in shown.evaluate_all(
                "els => els.map(e => e.getAttribute('data-answer-id'))")}
            assert flooded in ids and noisy not in ids and elsewhere not in ids
            assert f"Đường kiệt {tag} ngập nước sau mưa" in result.inner_text()
            status = page.locator("[role=tabpanel]:not([hidden]) p[role=status]").inner_text()
            assert status == "Các câu trả lời phù hợp nhất:"

            # Tab to the result's title and open it with Enter (GET /api/v1/answers/<id>)
            for _ in range(10):
                page.keyboard.press("Tab")
                if _focused(page)["text"] == f"Đường kiệt {tag} ngập nước sau mưa":
                    break
            assert _focused(page)["tag"] == "button"
            with page.expect_response(f"**/api/v1/answers/{flooded}") as detail:
                page.keyboard.press("Enter")
            assert detail.value.status == 200
            answer = page.locator("[data-answer]")
            answer.wait_for()
            assert _focused(page) == {"tag": "h3", "role": None, "selected": None,
                                      "text": f"Đường kiệt {tag} ngập nước sau mưa"}
            assert answer.inner_text() == (f"Phường đã nạo vét cống thoát nước kiệt {tag}; "
                                           "đường hết ngập nước.")
            panel = page.locator("[role=tabpanel]:not([hidden])").inner_text()
            assert f"Đường kiệt {tag} ngập nước mỗi khi mưa to." in panel
            for personal in (NAME, "Hồng Nhung", PHONE, "0914765432", "765 432"):
                assert personal not in panel, personal

            # back to the list with the keyboard; focus returns to the opened result
            page.keyboard.press("Shift+Tab")
            assert _focused(page)["text"] == "Quay lại danh sách"
            page.keyboard.press("Enter")
            assert _focused(page)["text"] == f"Đường kiệt {tag} ngập nước sau mưa"
            assert page.locator("[data-answer]").count() == 0
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert page.errors == []


def test_qa_tab_is_refused_to_an_origin_not_configured(page, live_app, live_server,
                                                       live_world):
    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune, False)) as host:
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = ["https://xa.example.vn"]
        try:
            page.goto(host.url + "/")
            page.get_by_role("tab", name="Hỏi đáp").click()
            page.wait_for_selector("p[role=status] >> text=Không tải được hỏi đáp")
            assert page.locator("li[data-answer-id]").count() == 0
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
