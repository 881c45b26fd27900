"""What the console dashboard shows: key figures and charts built from the statistics, each
bar linking to the console queue filtered to the items it counts.

The console passes ``queue_url(**filters)``; filters are the queue's own: ``status``
("all" or "open"), ``channel``, ``office_id``, ``category``, ``unit`` and the receipt
dates ``received_from`` / ``received_to`` (local dates, inclusive).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from feedback.models import CHANNELS
from reports import charts, messages
from reports.service import age_dates

QueueUrl = Callable[..., str]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _short_date(value: str) -> str:
    return _day(value).strftime("%d/%m")


def _percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def build(stats: dict[str, Any], queue_url: QueueUrl, unit_filter: str | None = None
          ) -> dict[str, Any]:
    """Key figures and charts (``Markup`` SVG) of ``stats`` for the dashboard template."""
    fb = stats["feedback"]
    first, last = stats["period"]["from"], stats["period"]["to"]
    base = {"received_from": first, "received_to": last}
    if unit_filter:
        base["unit"] = unit_filter

    def link(**filters) -> str:
        return queue_url(**{**base, **filters})

    colours = dict(zip(CHANNELS, charts.PALETTE, strict=False))
    used = [c for c in CHANNELS if fb["by_channel"].get(c)]
    weeks = [charts.Bar(
        key=w["week"], label=messages.DASH_WEEK_OF.format(first=_short_date(w["first"]),
                                                          last=_short_date(w["last"])),
        value=w["total"], note=_short_date(w["week"]),
        segments=[charts.Segment(c, messages.CHANNEL_LABELS[c], w["by_channel"][c],
                                 link(status="all", channel=c, received_from=w["first"],
                                      received_to=w["last"]), colours[c])
                  for c in used]) for w in fb["weekly"]]
    weekly = charts.stacked_columns(
        "chart-weekly", messages.DASH_WEEKLY, weeks,
        [charts.Segment(c, messages.CHANNEL_LABELS[c], 0, colour=colours[c]) for c in used])

    offices = charts.horizontal_bars("chart-offices", messages.DASH_ON_TIME, [
        charts.Bar(key=str(o["id"]), label=o["name"], value=o["on_time_percent"] or 0,
                   href=link(status="all", office_id=o["id"]),
                   note=messages.DASH_ON_TIME_NOTE.format(
                       on_time=o["answered_on_time"], answered=o["answered"],
                       percent=_percent_text(o["on_time_percent"])),
                   colour=charts.PALETTE[2]) for o in fb["by_office"]], max_value=100)

    as_of = datetime.fromisoformat(stats["as_of"])
    age_bars = []
    for bucket, (oldest, newest) in zip(fb["open_by_age"], age_dates(as_of).values(),
                                        strict=True):
        lo = max(oldest, _day(first)) if oldest else _day(first)
        hi = min(newest, _day(last))
        href = link(status="open", received_from=lo.isoformat(), received_to=hi.isoformat()) \
            if bucket["count"] and lo <= hi else None
        age_bars.append(charts.Bar(key=bucket["key"], label=bucket["label"],
                                   value=bucket["count"], href=href, colour=charts.PALETTE[5]))
    ages = charts.horizontal_bars("chart-ages", messages.DASH_AGES, age_bars)

    categories = charts.horizontal_bars("chart-categories", messages.DASH_CATEGORIES, [
        charts.Bar(key=c["code"], label=c["name"], value=c["received"],
                   href=link(status="all", category=c["code"]), colour=charts.PALETTE[0])
        for c in fb["by_category"]])

    result: dict[str, Any] = {
        "figures": [
            (messages.FIG_RECEIVED, str(fb["received"]), link(status="all")),
            (messages.FIG_ON_TIME_PERCENT, _percent_text(fb["on_time_percent"]), None),
            (messages.FIG_OPEN, str(fb["open"]), link(status="open")),
            (messages.FIG_OPEN_OVERDUE, str(fb["open_overdue"]), link(status="open", overdue=1)),
            (messages.DASH_MEDIAN_ANSWER, _hours(fb["response_hours"]["answer"]["median"]), None),
            (messages.FIG_RATING_AVERAGE, _decimal(fb["satisfaction"]["average"]), None),
            (messages.FIG_NOTICES_PUBLISHED, str(stats["notices"]["published"]), None),
        ],
        "weekly": weekly, "offices": offices, "ages": ages, "categories": categories,
        "weekly_rows": fb["weekly"], "channels": used,
    }
    if "communes" in fb:
        active = sorted((c for c in fb["communes"] if c["received"]),
                        key=lambda c: (-c["received"], c["code"]))
        result["communes"] = charts.horizontal_bars("chart-communes", messages.DASH_COMMUNES, [
            charts.Bar(key=c["code"], label=c["name"], value=c["received"],
                       href=queue_url(status="all", unit=c["code"], received_from=first,
                                      received_to=last),
                       note=messages.DASH_COMMUNE_NOTE.format(
                           received=c["received"], percent=_percent_text(c["on_time_percent"]),
                           overdue=c["open_overdue"]),
                       colour=charts.PALETTE[4]) for c in active])
        result["quiet_communes"] = len(fb["communes"]) - len(active)
    return result


def _hours(value: float | None) -> str:
    """A duration as people say it: hours under two days, days from then on."""
    if value is None:
        return "—"
    if value >= 48:
        return messages.DASH_DAYS.format(days=_decimal(round(value / 24, 1)))
    return messages.DASH_HOURS.format(hours=_decimal(value))


def _decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")

