"""The rollup of whole months (reports/rollup.py): the statistics read from it are the
statistics counted from the items, and a month whose items changed is counted from the
items until it is rebuilt. Runs on SQLite and PostgreSQL (TEST_DATABASE_URL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

import directory
from core.clock import now
from core.db import db
from feedback.models import Feedback
from reports import build, rollup
from reports.models import StatsDuration, StatsMonth, StatsOutcome
from reports.service import Period, statistics
from tests.reports.conftest import AS_OF

FEBRUARY = date(2026, 2, 1)


def from_items(unit, period):
    """The statistics with no month taken from the rollup."""
    original = rollup.fresh_months
    rollup.fresh_months = lambda province_code, months: {}
    try:
        return statistics(unit, period, AS_OF)
    finally:
        rollup.fresh_months = original


def test_whole_months_of_a_period():
    assert rollup.whole_months(date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, m, 1) for m in range(1, 13)]
    assert rollup.whole_months(date(2026, 1, 2), date(2026, 3, 31)) == [
        date(2026, 2, 1), date(2026, 3, 1)]
    assert rollup.whole_months(date(2026, 2, 1), date(2026, 2, 27)) == []
    assert rollup.whole_months(date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 1)]
    assert rollup.whole_months(date(2026, 12, 15), date(2027, 1, 31)) == [date(2027, 1, 1)]


def test_without_a_rollup_everything_is_counted_from_the_items(seeded, world):
    parts = rollup.plan(directory.get_unit(world.province), date(2026, 1, 15), date(2026, 3, 3))
    assert parts.months == []
    assert parts.live == [(date(2026, 1, 15), date(2026, 3, 3))]


def test_rebuild_keeps_the_month_per_commune_and_province(seeded, world):
    build.rebuild(world.province, FEBRUARY)
    month = db.session.get(StatsMonth, (world.province, FEBRUARY))
    # Huế's February: A, B, C, D, E, F, G, H, I (Phú Xuân) and K, L, M (Kim Long); N is Hà Nội's.
    assert month.items == 12
    received = dict(db.session.execute(
        sa.select(StatsOutcome.unit_code, sa.func.sum(StatsOutcome.received))
        .where(StatsOutcome.month == FEBRUARY).group_by(StatsOutcome.unit_code)).all())
    assert received == {world.commune: 9, world.other_commune: 3}
    # Answered items: A, B, E, H and M (K was reopened, so its answer does not count); each
    # kept once for its commune and once for the province.
    answers = db.session.execute(
        sa.select(StatsDuration.unit_code, sa.func.sum(StatsDuration.n))
        .where(StatsDuration.metric == "answer").group_by(StatsDuration.unit_code)).all()
    assert dict(answers) == {world.commune: 4, world.other_commune: 1, world.province: 5}
    build.rebuild(world.province, FEBRUARY)  # again: replaced, not added
    assert db.session.get(StatsMonth, (world.province, FEBRUARY)).items == 12


@pytest.mark.parametrize("first,last", [
    (date(2026, 2, 1), date(2026, 2, 28)),   # the month itself
    (date(2026, 1, 20), date(2026, 3, 5)),   # the month and live days on both sides
    (date(2026, 2, 10), date(2026, 2, 24)),  # within the month: the rollup is not used
])
@pytest.mark.parametrize("unit_key", ["province", "commune", "other_commune"])
def test_statistics_from_the_rollup_equal_those_from_the_items(seeded, world, first, last,
                                                               unit_key):
    unit = directory.get_unit(getattr(world, unit_key))
    period = Period(first, last)
    expected = from_items(unit, period)
    build.rebuild(world.province, FEBRUARY)
    parts = rollup.plan(unit, first, last)
    assert parts.months == ([FEBRUARY] if first.day == 1 or first.month == 1 else [])
    got = statistics(unit, period, AS_OF)
    assert got["feedback"] == expected["feedback"]
    assert got["feedback"]["received"] > 0


def test_a_changed_item_makes_its_month_counted_from_the_items(seeded, world, monkeypatch):
    monkeypatch.setitem(current_app.config, "REPORTS_ROLLUP_MARGIN_SECONDS", 0)
    province = directory.get_unit(world.province)
    period = Period(date(2026, 2, 1), date(2026, 2, 28))
    build.rebuild(world.province, FEBRUARY)
    before = statistics(province, period, AS_OF)["feedback"]
    assert rollup.plan(province, period.first, period.last).months == [FEBRUARY]

    # F (in progress) is answered on time: through the ORM, which stamps updated_at.
    item = db.session.get(Feedback, seeded.items["F"])
    item.status, item.answered_at = "answered", item.due_at.replace(day=2)
    db.session.flush()
    assert item.updated_at > db.session.get(StatsMonth, (world.province, FEBRUARY)).built_at

    assert rollup.plan(province, period.first, period.last).months == []
    after = statistics(province, period, AS_OF)["feedback"]
    assert after["answered_on_time"] == before["answered_on_time"] + 1
    assert after["open"] == before["open"] - 1
    assert after == from_items(province, period)["feedback"]

    # The periodic refresh rebuilds the stale month; the figures stay the same.
    assert (world.province, FEBRUARY) in build.refresh(months=12,
                                                        province_code=world.province)
    assert rollup.plan(province, period.first, period.last).months == [FEBRUARY]
    assert statistics(province, period, AS_OF)["feedback"] == after
    assert build.refresh(months=12, province_code=world.province) == []


def test_a_change_within_the_margin_keeps_the_month_stale(seeded, world):
    build.rebuild(world.province, FEBRUARY)
    db.session.get(StatsMonth, (world.province, FEBRUARY)).built_at = now()
    item = db.session.get(Feedback, seeded.items["C"])
    # A transaction stamped a minute before the build may commit after it was read.
    item.updated_at = now() - timedelta(minutes=1)
    db.session.flush()
    assert rollup.fresh_months(world.province, [FEBRUARY]) == {}


def test_a_change_in_another_province_keeps_the_month_fresh(seeded, world):
    build.rebuild(world.province, FEBRUARY)
    db.session.get(StatsMonth, (world.province, FEBRUARY)).built_at = now() - timedelta(hours=1)
    item = db.session.get(Feedback, seeded.items["N"])  # Hà Nội's, received in February
    item.updated_at = now()
    db.session.flush()
    assert list(rollup.fresh_months(world.province, [FEBRUARY])) == [FEBRUARY]
    db.session.get(Feedback, seeded.items["C"]).updated_at = now()  # Huế's
    db.session.flush()
    assert rollup.fresh_months(world.province, [FEBRUARY]) == {}


def test_cli_rollup_rebuilds_stale_months(runner, seeded, world):
    result = runner.invoke(args=["reports", "rollup", "--province", world.province,
                                 "--months", "12"])
    assert result.exit_code == 0, result.output
    assert "Đã tính lại 12 tháng." in result.output
    assert db.session.get(StatsMonth, (world.province, FEBRUARY)).items == 12
    result = runner.invoke(args=["reports", "rollup", "--province", world.province,
                                 "--months", "12", "--rebuild"])
    assert "Đã tính lại 12 tháng." in result.output


def test_beat_rebuilds_the_rollup(app):
    assert app.extensions["periodic"]["reports-rollup"] == (
        "reports.refresh_rollup", app.config["REPORTS_ROLLUP_SECONDS"])
