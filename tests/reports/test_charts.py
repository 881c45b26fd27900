"""Server-side SVG charts and the dashboard's drill-down links (queue filters per bar)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

import directory
from reports import charts, dashboard
from reports.service import Period, age_dates, statistics
from tests.reports.conftest import AS_OF, local

SVG = "{http://www.w3.org/2000/svg}"
PERIOD = Period(date(2026, 2, 10), date(2026, 2, 24))


def parse(markup) -> etree._Element:
    return etree.fromstring(str(markup).encode())


def fake_queue_url(**filters) -> str:
    return "/console/?" + "&".join(f"{k}={v}" for k, v in sorted(filters.items()))


def links(svg) -> dict[str, dict[str, str]]:
    """data-key → the link's query filters."""
    return {a.get("data-key"): dict(parse_qsl(urlsplit(a.get("href")).query))
            for a in svg.iter(f"{SVG}a")}


def test_horizontal_bars_scale_link_and_escape():
    """Lengths proportional to the values, a link and a tooltip per bar, text escaped, no
    script and no style attribute anywhere (the console's CSP forbids both)."""
    svg = parse(charts.horizontal_bars("c", "Tiêu đề <b>", [
        charts.Bar("a", "Cơ quan <A>", 50, "/q?x=1&y=2", note="1/2"),
        charts.Bar("b", "Cơ quan B", 100, None)], max_value=100))
    rects = list(svg.iter(f"{SVG}rect"))
    widths = [float(r.get("width")) for r in rects]
    assert widths[1] == 2 * widths[0] and widths[1] <= 360
    anchors = list(svg.iter(f"{SVG}a"))
    assert len(anchors) == 1 and anchors[0].get("href") == "/q?x=1&y=2"
    assert anchors[0].find(f"{SVG}title").text == "Cơ quan <A>: 1/2"
    assert svg.find(f"{SVG}title").text == "Tiêu đề <b>"
    text = etree.tostring(svg).decode()
    assert "<script" not in text and "style=" not in text


def test_stacked_columns_stack_segments():
    """Segments of a column stack up to its total; empty segments are not drawn."""
    svg = parse(charts.stacked_columns("w", "Tuần", [
        charts.Bar("2026-02-09", "Tuần 1", 3, note="09/02", segments=[
            charts.Segment("web", "Web", 2, "/q?channel=web"),
            charts.Segment("zalo", "Zalo", 1, "/q?channel=zalo", charts.PALETTE[1]),
            charts.Segment("api", "API", 0, "/q?channel=api")]),
        charts.Bar("2026-02-16", "Tuần 2", 0, note="16/02")],
        [charts.Segment("web", "Web", 0)], height=240))
    columns = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "column"]
    assert [c.get("data-value") for c in columns] == ["3", "0"]
    bars = [r for r in columns[0].iter(f"{SVG}rect")]
    heights = [float(r.get("height")) for r in bars]
    assert len(bars) == 2 and abs(heights[0] - 2 * heights[1]) < 0.2
    # The taller segment sits on the axis, the next one on top of it.
    assert abs(float(bars[0].get("y")) - float(bars[1].get("y")) - heights[1]) < 0.2
    assert set(links(svg)) == {"2026-02-09:web", "2026-02-09:zalo"}


def test_age_buckets_as_receipt_dates():
    """As of 02/03/2026: 0–2 days = 28/02–02/03, 3–6 = 24–27/02, 7–13 = 17–23/02,
    14–29 = 01/02–16/02 (02/03 − 29 days), 30 and more = up to 31/01."""
    assert age_dates(AS_OF) == {
        "lt3": (date(2026, 2, 28), date(2026, 3, 2)),
        "3to7": (date(2026, 2, 24), date(2026, 2, 27)),
        "7to14": (date(2026, 2, 17), date(2026, 2, 23)),
        "14to30": (date(2026, 2, 1), date(2026, 2, 16)),
        "ge30": (None, date(2026, 1, 31)),
    }


def test_dashboard_drill_down_links(seeded, world):
    """Every bar links to the queue filtered to exactly the items it counts."""
    stats = statistics(directory.get_unit(world.province), PERIOD, AS_OF)
    view = dashboard.build(stats, fake_queue_url)
    period = {"received_from": "2026-02-10", "received_to": "2026-02-24"}

    weekly = links(parse(view["weekly"]))
    # Week of 09/02, cut to 10–15/02; Zalo: E (Phú Xuân). Week of 16/02: F (widget).
    assert weekly["2026-02-09:zalo"] == {"status": "all", "channel": "zalo",
                                         "received_from": "2026-02-10",
                                         "received_to": "2026-02-15"}
    assert weekly["2026-02-16:widget"]["received_to"] == "2026-02-22"
    assert "2026-02-23:widget" not in weekly  # nothing to draw, nothing to link

    offices = links(parse(view["offices"]))
    assert offices[str(world.office_police)] == {"status": "all",
                                                 "office_id": str(world.office_police),
                                                 **period}
    ages = links(parse(view["ages"]))
    assert ages == {
        "3to7": {"status": "open", "received_from": "2026-02-24",
                 "received_to": "2026-02-24"},  # C
        "7to14": {"status": "open", "received_from": "2026-02-17",
                  "received_to": "2026-02-23"},  # K
        "14to30": {"status": "open", "received_from": "2026-02-10",
                   "received_to": "2026-02-16"},  # F, L
    }
    categories = links(parse(view["categories"]))
    assert categories["an-ninh"] == {"status": "all", "category": "an-ninh", **period}
    communes = links(parse(view["communes"]))
    assert set(communes) == {world.commune, world.other_commune}
    assert communes[world.other_commune]["unit"] == world.other_commune
    assert view["quiet_communes"] == len(stats["feedback"]["communes"]) - 2


def test_dashboard_key_figures(seeded, world):
    """The tiles: numbers in Vietnamese notation, links for the countable ones."""
    stats = statistics(directory.get_unit(world.commune), PERIOD, local(3, 2, 10))
    figures = {label: (value, href) for label, value, href in
               dashboard.build(stats, fake_queue_url)["figures"]}
    values = [value for value, _ in figures.values()]
    assert values == ["7", "66,7 %", "2", "1", "13 ngày", "3,67", "2"]  # 312 hours
    # The median in plain words, not "trung vị".
    assert "Một nửa số phản ánh được trả lời trong khoảng thời gian này" in figures
    assert not any("trung vị" in label for label in figures)
    overdue_link = [href for value, href in figures.values() if value == "1"][0]
    assert "overdue=1" in overdue_link and "status=open" in overdue_link
    assert "communes" not in dashboard.build(stats, fake_queue_url)


def test_long_labels_wrap_whole_above_their_bars():
    """A long office name is never cut: it is wrapped into lines above its bar, each line
    short enough for a phone; a long note goes on its own line under the bar."""
    name = "Phòng Kinh tế, Hạ tầng và Đô thị phường Phú Xuân, thành phố Huế"
    svg = parse(charts.horizontal_bars("c", "T", [
        charts.Bar("a", name, 3, note="12 phản ánh · đúng hạn 66,7 % · quá hạn 3")]))
    label = next(t for t in svg.iter(f"{SVG}text") if t.get("class") == "label")
    lines = [span.text for span in label.iter(f"{SVG}tspan")]
    assert " ".join(lines) == name and len(lines) == 2
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)
    rect = next(svg.iter(f"{SVG}rect"))
    note = next(t for t in svg.iter(f"{SVG}text") if t.get("class") == "value")
    assert float(note.get("y")) > float(rect.get("y")) + float(rect.get("height"))
    assert svg.get("viewBox").split()[2] == "360"
