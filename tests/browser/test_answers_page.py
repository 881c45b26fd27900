"""The public Q&A page in Chromium: search by keyboard, open an answer, no personal data,
and no serious or critical accessibility violation (axe-core) on the list, the results and
an answer's page, on a laptop and a phone."""

from __future__ import annotations

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_widget_qa import NAME, PHONE, _published_answer

pytestmark = pytest.mark.browser

VIEWPORTS = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})


def assert_accessible(page, where: str) -> None:
    """Fail on any serious or critical axe-core violation, naming rules and nodes."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, where + ": " + "; ".join(
        f"{v['id']} ({v['impact']}): " + ", ".join(
            str(n.get("target")) for n in v["nodes"][:5]) for v in bad)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x768", "390x844"])
def test_search_open_an_answer_and_accessibility(page, live_app, live_server, live_world,
                                                 viewport):
    tag = "t" + uuid.uuid4().hex[:5]
    commune = live_world.commune
    flooded = _published_answer(
        live_app, live_world, commune, f"Đường kiệt {tag} ngập nước sau mưa",
        f"Tôi là {NAME}, số điện thoại {PHONE}. Đường kiệt {tag} ngập nước mỗi khi mưa to.",
        f"Phường đã nạo vét cống thoát nước kiệt {tag}; đường hết ngập nước.", "leader")
    _published_answer(live_app, live_world, commune, f"Tiếng ồn karaoke {tag}",
                      "Hát karaoke sau 22 giờ rất ồn.", "Đã nhắc nhở.", "leader")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/answers/{commune}")
    assert page.title() == "Hỏi đáp – Phường Phú Xuân"
    assert page.get_by_role("heading", level=1).inner_text() == "Hỏi đáp – Phường Phú Xuân"
    assert page.locator(f"li[data-answer-id='{flooded}']").count() == 1
    assert_accessible(page, "list")

    # Keyboard only: the search box is labelled and reached with Tab; Enter searches.
    search = page.get_by_label("Tìm câu hỏi")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type(f"duong kiet {tag} ngap nuoc")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert search.input_value() == f"duong kiet {tag} ngap nuoc"
    results = page.locator("li[data-answer-id]")
    assert [int(i) for i in results.evaluate_all(
        "els => els.map(e => e.getAttribute('data-answer-id'))")] == [flooded]
    assert page.get_by_role("heading", level=2).first.inner_text() == (
        f"Kết quả tìm kiếm cho “duong kiet {tag} ngap nuoc”")
    assert_accessible(page, "results")

    with page.expect_navigation():
        page.get_by_role("link", name=f"Đường kiệt {tag} ngập nước sau mưa").click()
    assert page.url == f"{live_server.url}/answers/{commune}/{flooded}"
    assert page.title().startswith(f"Đường kiệt {tag} ngập nước sau mưa – Hỏi đáp")
    text = page.locator("main").inner_text()
    assert "đường hết ngập nước" in text
    for value in (NAME, PHONE, PHONE.replace(" ", ""), "Nhung"):
        assert value not in page.content()
    # nothing overflows sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page, "answer")
    assert page.errors == []
