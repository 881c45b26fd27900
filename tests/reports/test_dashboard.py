"""The console dashboard on the hand-made data set: charts rendered server-side, numbers
beside them, every bar a link to the queue showing exactly the items it counts."""

from __future__ import annotations

import io
import re
from html import unescape

import openpyxl
import pytest
from lxml import html as lxml_html

from reports import messages
from reports.export import summary_rows
from tests.console.conftest import Console
from tests.reports.conftest import AS_OF

PERIOD = "from=2026-02-10&to=2026-02-24"


@pytest.fixture
def console(app, monkeypatch):
    """``console("leader")``: signed in; the queue's clock frozen with the statistics'."""
    monkeypatch.setattr("feedback.queue.now", lambda: AS_OF)

    def _make(username: str) -> Console:
        c = Console(app.test_client())
        assert c.login(username).status_code == 303
        return c

    return _make


def page(console_client, path: str):
    response = console_client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return lxml_html.fromstring(response.get_data(as_text=True)), response


def bar_links(doc, chart_id: str) -> dict[str, str]:
    """data-key → href of the chart's links."""
    svg = doc.get_element_by_id(chart_id)
    return {a.get("data-key"): unescape(a.get("href")) for a in svg.iter("{*}a", "a")}


def queue_ids(console_client, href: str) -> set[int]:
    html = console_client.get(href).get_data(as_text=True)
    return {int(i) for i in re.findall(r'data-id="(\d+)"', html)}


def test_dashboard_shows_charts_and_numbers(console, seeded, frozen_stats):
    """Four charts as inline SVG with the numbers printed beside the bars, key figures,
    downloads; no script and no inline style (the console's CSP)."""
    doc, response = page(console("leader"), f"/console/stats?{PERIOD}")
    for chart in ("chart-weekly", "chart-offices", "chart-ages", "chart-categories"):
        svg = doc.get_element_by_id(chart)
        assert svg.tag.endswith("svg") and len(list(svg.iter("{*}rect", "rect"))) > 0
    tiles = [" ".join(t.itertext()).split() for t in doc.find_class("tile")]
    tiles = [" ".join(words) for words in tiles]
    assert tiles[:4] == ["7 " + messages.FIG_RECEIVED, "66,7 % " + messages.FIG_ON_TIME_PERCENT,
                         "2 " + messages.FIG_OPEN, "1 " + messages.FIG_OPEN_OVERDUE]
    offices = doc.get_element_by_id("chart-offices")
    assert "2/2 đúng hạn (100,0 %)" in offices.text_content()
    assert "0/1 đúng hạn (0,0 %)" in offices.text_content()
    body = response.get_data(as_text=True)
    assert "<script>" not in body and " style=" not in body
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert doc.get_element_by_id("chart-communes", None) is None  # a commune: no comparison


@pytest.mark.parametrize(("chart", "key", "items"), [
    ("chart-weekly", "2026-02-09:zalo", {"E"}),  # week of 09/02 (from 10/02), Zalo
    ("chart-weekly", "2026-02-09:web", {"A", "G"}),
    ("chart-weekly", "2026-02-23:web", {"I"}),
    ("chart-ages", "3to7", {"C"}),  # open, received 24/02
    ("chart-ages", "14to30", {"F"}),  # open, received 10–16/02
    ("chart-categories", "an-ninh", {"C", "E", "I"}),
    ("chart-offices", "infra", {"A", "F", "G", "H"}),
])
def test_each_bar_drills_down_to_its_items(console, seeded, frozen_stats, world, chart, key,
                                           items):
    """Following a bar's link lands on the queue listing exactly the counted items (B and D,
    just outside the period, never appear)."""
    leader = console("leader")
    doc, _ = page(leader, f"/console/stats?{PERIOD}")
    links = bar_links(doc, chart)
    key = str(seeded.offices[key]) if chart == "chart-offices" else key
    assert links[key].startswith("/console/?")
    assert queue_ids(leader, links[key]) == {seeded.items[i] for i in items}


def test_overdue_tile_lists_the_overdue_items(console, seeded, frozen_stats):
    """The "open and overdue" figure links to the overdue queue of the period: C only."""
    leader = console("leader")
    doc, _ = page(leader, f"/console/stats?{PERIOD}")
    href = [a.get("href") for a in doc.find_class("tile")[3].iter("a")][0]
    assert queue_ids(leader, unescape(href)) == {seeded.items["C"]}


def test_province_dashboard_compares_communes(console, seeded, frozen_stats, world):
    """The province administrator sees the comparison; a commune's bar opens its queue."""
    admin = console("admin")
    doc, _ = page(admin, f"/console/stats?{PERIOD}")
    links = bar_links(doc, "chart-communes")
    assert set(links) == {world.commune, world.other_commune}
    assert queue_ids(admin, links[world.other_commune]) == {
        seeded.items[i] for i in ("K", "L", "M")}
    # Choosing a commune keeps the queue links inside it.
    doc, _ = page(admin, f"/console/stats?unit={world.other_commune}&{PERIOD}")
    web = bar_links(doc, "chart-weekly")["2026-02-16:web"]
    assert f"unit={world.other_commune}" in web
    assert queue_ids(admin, web) == {seeded.items["M"]}


def test_roles_on_the_dashboard(console, seeded, frozen_stats, world):
    """Officers: no link and 403; a leader cannot open another commune's statistics."""
    officer = console("officer")
    assert "/console/stats" not in officer.get("/console/").get_data(as_text=True)
    assert officer.get("/console/stats").status_code == 403
    leader = console("leader")
    assert "/console/stats" in leader.get("/console/").get_data(as_text=True)
    assert leader.get(f"/console/stats?unit={world.other_commune}").status_code == 403
    assert leader.get(f"/console/stats/export?unit={world.province}").status_code == 403
    viewer = console("viewer")
    assert viewer.get(f"/console/stats?{PERIOD}").status_code == 200


def test_bad_period_falls_back_to_the_default(console, seeded, frozen_stats):
    """A reversed range: a message, and this year up to today (as of 02/03/2026)."""
    doc, _ = page(console("leader"), "/console/stats?from=2026-02-25&to=2026-02-24")
    assert messages.RANGE_REVERSED in doc.text_content()
    assert "01/01/2026 đến 02/03/2026" in doc.get_element_by_id("stats-period").text_content()


def test_download_from_the_dashboard(console, seeded, frozen_stats, client, staff_headers):
    """The dashboard's XLSX link serves the report with the API's figures."""
    leader = console("leader")
    doc, _ = page(leader, f"/console/stats?{PERIOD}")
    href = unescape(doc.get_element_by_id("export-xlsx").get("href"))
    response = leader.get(href)
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    api = client.get(f"/api/v1/staff/stats?{PERIOD}", headers=staff_headers("leader"))
    rows = list(wb[messages.SHEET_SUMMARY].iter_rows(values_only=True))
    start = rows.index((messages.COL_SECTION, messages.COL_INDICATOR, messages.COL_VALUE)) + 1
    assert [tuple(r[:3]) for r in rows[start:]] == list(summary_rows(api.get_json()))


def test_queue_filters_by_receipt_dates(console, seeded, frozen_stats):
    """The queue's new date filters use local days, like the statistics: 24/02 holds C
    (23:59:59) and not D (25/02 00:00)."""
    leader = console("leader")
    ids = queue_ids(leader, "/console/?status=all&received_from=2026-02-24"
                            "&received_to=2026-02-24")
    assert ids == {seeded.items["C"]}
    html = leader.get("/console/?status=all&received_from=2026-02-24").get_data(as_text=True)
    assert 'name="received_from" value="2026-02-24"' in html
