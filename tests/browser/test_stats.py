"""The statistics dashboard in headless Chromium: charts rendered (inline SVG, no script
error under the console's CSP), and a bar followed to the queue it counts."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from core.clock import LOCAL_TZ
from core.db import commit, db
from directory.models import Category
from feedback.models import Feedback
from tests.conftest import PASSWORD, app_unit

pytestmark = pytest.mark.browser

# A week of 2019 nobody else writes into (the live database is shared by the session).
FROM, TO = "2019-03-04", "2019-03-17"


def _items(live_app, live_world) -> dict[str, list[str]]:
    """Five items of the live commune received in March 2019: 3 web, 2 Zalo."""
    tag = ("t" + uuid.uuid4().hex[:5]).upper()
    titles: dict[str, list[str]] = {"web": [], "zalo": []}
    with app_unit(live_app):
        category = db.session.scalar(sa.select(Category.id).where(Category.code == "ha-tang"))
        for n, (channel, day, status) in enumerate((
                ("web", 4, "closed"), ("web", 5, "in_progress"), ("zalo", 6, "received"),
                ("zalo", 9, "answered"), ("web", 12, "received"))):
            received = datetime(2019, 3, day, 9, tzinfo=LOCAL_TZ)
            title = f"Thống kê trình duyệt {tag} {n}"
            answered = received.replace(hour=15) if status in ("closed", "answered") else None
            db.session.add(Feedback(
                tracking_code=f"BR{tag}{n}", channel=channel, unit_code=live_world.commune,
                category_id=category, office_id=live_world.office_infra, title=title,
                description="Mô tả", search_text="mo ta", status=status,
                due_at=received.replace(day=day + 10), created_at=received,
                updated_at=received, first_response_at=answered, answered_at=answered))
            if day < 11:
                titles[channel].append(title)
        commit()
    return titles


def _login(page, live_server, username: str, target: str) -> None:
    page.goto(f"{live_server.url}{target}")
    assert "/console/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/console/stats\?.*"))


def test_dashboard_charts_render_and_a_bar_opens_its_queue(page, live_server, live_app,
                                                            live_world):
    titles = _items(live_app, live_world)
    _login(page, live_server, "leader", f"/console/stats?from={FROM}&to={TO}")

    # Charts are drawn: every chart is laid out and its longest bar has a real size.
    for chart in ("chart-weekly", "chart-offices", "chart-ages", "chart-categories"):
        box = page.locator(f"#{chart}").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20, chart
        widths = [page.locator(f"#{chart} rect.bar").nth(i).bounding_box()["width"]
                  for i in range(page.locator(f"#{chart} rect.bar").count())]
        assert max(widths) > 10, chart
    weekly = page.locator("#chart-weekly g.column")
    assert weekly.count() == 2
    assert weekly.nth(0).get_attribute("data-value") == "4"  # 04–10/03: 2 web, 2 Zalo
    assert weekly.nth(1).get_attribute("data-value") == "1"
    zalo = page.locator('#chart-weekly a[data-key="2019-03-04:zalo"]')
    assert zalo.locator("rect").bounding_box()["height"] > 10
    assert page.errors == []

    # Follow the Zalo part of the first week: the queue of exactly those two items.
    zalo.click()
    page.wait_for_url(re.compile(r".*/console/\?.*channel=zalo.*"))
    shown = page.locator(".queue-item .title").all_text_contents()
    assert sorted(shown) == sorted(titles["zalo"])
    assert page.input_value("input[name=received_from]") == "2019-03-04"
    assert page.input_value("input[name=received_to]") == "2019-03-10"
    assert page.errors == []
