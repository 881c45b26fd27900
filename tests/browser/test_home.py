"""The home page in Chromium, on a laptop and a phone: no serious or critical accessibility
violation (axe-core), the stylesheet applies under the page's CSP, and a keyboard user
reaches a commune's Q&A page."""

from __future__ import annotations

import pytest

from home import messages
from tests.browser.test_answers_page import VIEWPORTS, assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x768", "390x844"])
def test_home_page_by_keyboard_and_accessibility(page, live_server, live_world, viewport):
    page.set_viewport_size(viewport)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == messages.HOME_TITLE
    header = page.locator("header.site")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 79, 138)"
    assert_accessible(page, "home")
    links = page.get_by_role("list", name=messages.LINKS_OF.format(unit="Phường Phú Xuân"))
    answers = links.get_by_role("link", name=messages.LINK_ANSWERS)
    answers.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/answers/{live_world.commune}"
    assert errors == []
