"""Local weeks of the weekly intake, at their edges, on SQLite and PostgreSQL.

PostgreSQL finds an item's week with ``width_bucket`` over the week starts; SQLite with
arithmetic on the receipt time. Both must put an item received at Sunday 23:59:59.999999
local time in the week ending that Sunday and one received at Monday 00:00:00 in the next.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

import directory
from core.db import db
from directory.models import Category
from feedback.models import Feedback
from reports.service import WEEK_ZERO, Period, statistics, week_starts
from tests.reports.conftest import AS_OF, local

# Sunday 01/03/2026 to Monday 09/03/2026: three weeks, the first and last cut to one day.
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 9))


def test_week_starts_lists_the_mondays_inside_the_period():
    first, starts = week_starts(PERIOD)
    assert WEEK_ZERO + timedelta(days=7 * first) == date(2026, 2, 23)
    assert starts == [local(3, 2), local(3, 9)]


def test_week_starts_of_a_period_within_one_week():
    first, starts = week_starts(Period(date(2026, 3, 3), date(2026, 3, 8)))
    assert WEEK_ZERO + timedelta(days=7 * first) == date(2026, 3, 2)
    assert starts == []


def test_week_starts_of_a_period_starting_on_a_monday():
    first, starts = week_starts(Period(date(2026, 3, 2), date(2026, 3, 16)))
    assert WEEK_ZERO + timedelta(days=7 * first) == date(2026, 3, 2)
    assert starts == [local(3, 9), local(3, 16)]


def _item(world, key: str, received, channel: str) -> None:
    category = db.session.scalar(sa.select(Category.id).order_by(Category.id))
    db.session.add(Feedback(
        tracking_code=f"TKWEEK{key}", channel=channel, unit_code=world.commune,
        category_id=category, office_id=world.office_infra, title=f"Tuần {key}",
        description="Mô tả", search_text="tuan", status="received",
        due_at=received + timedelta(days=14), created_at=received, updated_at=received))


def test_items_at_the_edges_of_local_weeks(ctx, world):
    """Each item in the week its local receipt date belongs to; none before or after."""
    _item(world, "A", local(2, 28, 23, 59, 59) + timedelta(microseconds=999_999), "web")
    _item(world, "B", local(3, 1), "web")  # Sunday 00:00: the period's first moment
    _item(world, "C", local(3, 1, 23, 59, 59) + timedelta(microseconds=999_999), "zalo")
    _item(world, "D", local(3, 2), "zalo")  # Monday 00:00 local (Sunday 17:00 UTC)
    _item(world, "E", local(3, 8, 23, 59, 59) + timedelta(microseconds=999_999), "web")
    _item(world, "F", local(3, 9), "widget")
    _item(world, "G", local(3, 9, 23, 59, 59) + timedelta(microseconds=999_999), "widget")
    _item(world, "H", local(3, 10), "web")  # the day after the period
    db.session.flush()

    weekly = statistics(directory.get_unit(world.commune), PERIOD, AS_OF)["feedback"]["weekly"]
    assert [(w["week"], w["first"], w["last"], w["total"], w["by_channel"]["web"],
             w["by_channel"]["zalo"], w["by_channel"]["widget"]) for w in weekly] == [
        ("2026-02-23", "2026-03-01", "2026-03-01", 2, 1, 1, 0),  # B, C
        ("2026-03-02", "2026-03-02", "2026-03-08", 2, 1, 1, 0),  # D, E
        ("2026-03-09", "2026-03-09", "2026-03-09", 2, 0, 0, 2),  # F, G
    ]


def test_every_item_in_the_week_of_its_local_date(ctx, world):
    """Items every three hours (local midnights included) across the period and a day
    either side: each week counts exactly the items whose local receipt date is in it and
    in the period."""
    moments = [local(2, 28) + timedelta(hours=3 * n) for n in range(8 * 11)]
    for n, moment in enumerate(moments):
        _item(world, f"M{n}", moment, ("web", "zalo", "widget")[n % 3])
    db.session.flush()

    expected: dict[date, int] = {}
    for moment in moments:
        day = moment.date()
        if PERIOD.first <= day <= PERIOD.last:
            monday = day - timedelta(days=day.weekday())
            expected[monday] = expected.get(monday, 0) + 1
    weekly = statistics(directory.get_unit(world.commune), PERIOD, AS_OF)["feedback"]["weekly"]
    assert {date.fromisoformat(w["week"]): w["total"] for w in weekly} == expected
    assert sum(expected.values()) == 9 * 8
