"""Every statistic on the hand-made data set (tests/reports/conftest.py), worked out by hand.

Runs on SQLite and PostgreSQL (TEST_DATABASE_URL): the percentiles follow percentile_cont's
definition on both, and must agree with the hand values (test_rollup.py checks that the
rollup of whole months gives the same figures).
"""

from __future__ import annotations

from datetime import date

import pytest

import directory
from feedback.models import CHANNELS
from reports.service import Period, statistics
from tests.reports.conftest import AS_OF, local

PERIOD = Period(date(2026, 2, 10), date(2026, 2, 24))


def channels(**counts):
    return {c: counts.get(c, 0) for c in CHANNELS}


def statuses(**counts):
    order = ("received", "accepted", "assigned", "in_progress", "answered", "closed",
             "refused", "reopened")
    return {s: counts.get(s, 0) for s in order}


def ages(lt3=0, b3to7=0, b7to14=0, b14to30=0, ge30=0):
    return [("lt3", lt3), ("3to7", b3to7), ("7to14", b7to14), ("14to30", b14to30),
            ("ge30", ge30)]


def outcome(received, on_time, late, open_, overdue, refused=0, closed_unanswered=0,
            percent=None):
    return {"received": received, "answered": on_time + late, "answered_on_time": on_time,
            "answered_late": late, "on_time_percent": percent, "open": open_,
            "open_overdue": overdue, "refused": refused,
            "closed_unanswered": closed_unanswered}


def stats_for(code: str, period: Period = PERIOD, as_of=AS_OF):
    return statistics(directory.get_unit(code), period, as_of)


def test_period_bounds_are_local_midnights():
    """[10/02 00:00 +07:00, 25/02 00:00 +07:00): the UTC bounds are 17:00 the day before."""
    assert PERIOD.start == local(2, 10)
    assert PERIOD.end == local(2, 25)
    assert PERIOD.start.utcoffset().total_seconds() == 7 * 3600


def test_commune_phu_xuan(seeded, world):
    """A, C, E, F, G, H, I are in the period; B (09/02 23:59:59) and D (25/02 00:00) not."""
    fb = stats_for(world.commune)["feedback"]
    # on time: A (answered 27/02, due 03/03 because Tết moves the 10 working days) and H;
    # late: E (3 working days from 13/02 end on 25/02 after Tết; answered 26/02).
    # open: C (overdue since 27/02) and F (due 06/03); refused: G; merged without answer: I.
    assert {k: fb[k] for k in outcome(0, 0, 0, 0, 0)} == outcome(
        7, 2, 1, 2, 1, refused=1, closed_unanswered=1, percent=66.7)
    assert fb["by_channel"] == channels(web=3, zalo=2, widget=1, miniapp=1)
    assert fb["by_status"] == statuses(closed=3, received=1, answered=1, in_progress=1,
                                       refused=1)
    assert [(c["code"], c["received"]) for c in fb["by_category"]] == [
        ("an-ninh", 3), ("ha-tang", 3), ("khac", 1)]
    offices = {o["id"]: {k: o[k] for k in outcome(0, 0, 0, 0, 0)} for o in fb["by_office"]}
    assert offices == {
        world.office_infra: outcome(4, 2, 0, 1, 0, refused=1, percent=100.0),
        world.office_police: outcome(3, 0, 1, 1, 1, closed_unanswered=1, percent=0.0),
    }
    # First response (hours): H 1, I 2, E 2.5, A 8, G 24, F 173 (16/02 03:00 → 23/02 08:00).
    # n=6: median at rank 2.5 → 2.5 + 0.5 × (8 − 2.5) = 5.25; p90 at 4.5 → 24 + 0.5 × 149.
    # Answer (hours): H 12, E 312 (13 days), A 425 (17 days 17 h).
    # n=3: median 312; p90 at rank 1.8 → 312 + 0.8 × 113 = 402.4.
    assert fb["response_hours"] == {
        "first_response": {"count": 6, "median": 5.25, "p90": 98.5},
        "answer": {"count": 3, "median": 312.0, "p90": 402.4},
    }
    # Ratings of items in the period: A 5, E 2, H 4 (B's 1 is outside).
    assert fb["satisfaction"] == {"count": 3, "average": 3.67,
                                  "distribution": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}}
    # As of 02/03: C was received 6 calendar days before (24/02), F 14 (16/02).
    assert [(a["key"], a["count"]) for a in fb["open_by_age"]] == ages(b3to7=1, b14to30=1)
    assert "communes" not in fb


def test_commune_weekly_intake_by_local_week(seeded, world):
    """Weeks run Monday–Sunday in local time; the first and last are cut by the period.

    F (16/02 03:00 local) is Sunday 15/02 20:00 in UTC: it belongs to the week of 16/02.
    A (10/02 00:00 local) is 09/02 in UTC, still the week of 09/02.
    """
    weekly = stats_for(world.commune)["feedback"]["weekly"]
    assert [(w["week"], w["first"], w["last"], w["total"]) for w in weekly] == [
        ("2026-02-09", "2026-02-10", "2026-02-15", 4),
        ("2026-02-16", "2026-02-16", "2026-02-22", 1),
        ("2026-02-23", "2026-02-23", "2026-02-24", 2),
    ]
    assert weekly[0]["by_channel"] == channels(web=2, zalo=1, miniapp=1)  # A G, E, H
    assert weekly[1]["by_channel"] == channels(widget=1)  # F
    assert weekly[2]["by_channel"] == channels(web=1, zalo=1)  # I, C


def test_commune_kim_long(seeded, world):
    """K is reopened: it was answered once but counts as open, not answered."""
    fb = stats_for(world.other_commune)["feedback"]
    assert {k: fb[k] for k in outcome(0, 0, 0, 0, 0)} == outcome(3, 1, 0, 2, 1, percent=100.0)
    assert fb["by_channel"] == channels(web=2, zalo=1)
    assert fb["by_status"] == statuses(reopened=1, accepted=1, closed=1)
    assert [(c["code"], c["received"]) for c in fb["by_category"]] == [
        ("khac", 2), ("an-ninh", 1)]
    assert [(o["id"], o["received"]) for o in fb["by_office"]] == [
        (seeded.offices["kl"], 3)]
    # First response: L 1, M 1, K 120 → median 1, p90 at 1.8 → 1 + 0.8 × 119 = 96.2.
    # Answer: M only (12 h); K's answer does not count while it is reopened.
    assert fb["response_hours"] == {
        "first_response": {"count": 3, "median": 1.0, "p90": 96.2},
        "answer": {"count": 1, "median": 12.0, "p90": 12.0},
    }
    assert fb["satisfaction"] == {"count": 1, "average": 4.0,
                                  "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}}
    # K received 12 calendar days before 02/03 (18/02); L 20 (10/02; due 24/02, overdue).
    assert [(a["key"], a["count"]) for a in fb["open_by_age"]] == ages(b7to14=1, b14to30=1)
    assert [w["total"] for w in fb["weekly"]] == [1, 2, 0]


def test_province_across_its_communes(seeded, world):
    """Huế = Phú Xuân + Kim Long (Hà Nội's item N is never counted)."""
    fb = stats_for(world.province)["feedback"]
    assert {k: fb[k] for k in outcome(0, 0, 0, 0, 0)} == outcome(
        10, 3, 1, 4, 2, refused=1, closed_unanswered=1, percent=75.0)
    assert fb["by_channel"] == channels(web=5, zalo=3, widget=1, miniapp=1)
    assert fb["by_status"] == statuses(received=1, accepted=1, in_progress=1, answered=1,
                                       closed=4, refused=1, reopened=1)
    assert [(c["code"], c["received"]) for c in fb["by_category"]] == [
        ("an-ninh", 4), ("ha-tang", 3), ("khac", 3)]
    assert sorted((o["id"], o["received"]) for o in fb["by_office"]) == sorted([
        (world.office_infra, 4), (world.office_police, 3), (seeded.offices["kl"], 3)])
    # First response: 1 1 1 2 2.5 8 24 120 173 → median 2.5; p90 at 7.2 → 120 + 0.2 × 53.
    # Answer: 12 12 312 425 → median 12 + 0.5 × 300 = 162; p90 at 2.7 → 312 + 0.7 × 113.
    assert fb["response_hours"] == {
        "first_response": {"count": 9, "median": 2.5, "p90": 130.6},
        "answer": {"count": 4, "median": 162.0, "p90": 391.1},
    }
    assert fb["satisfaction"] == {"count": 4, "average": 3.75,
                                  "distribution": {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1}}
    assert [(a["key"], a["count"]) for a in fb["open_by_age"]] == ages(
        b3to7=1, b7to14=1, b14to30=2)
    assert [(w["week"], w["total"]) for w in fb["weekly"]] == [
        ("2026-02-09", 5), ("2026-02-16", 3), ("2026-02-23", 2)]
    assert fb["weekly"][0]["by_channel"] == channels(web=3, zalo=1, miniapp=1)


def test_province_compares_its_communes(seeded, world):
    """Every commune of the province is listed, those without items at zero."""
    communes = stats_for(world.province)["feedback"]["communes"]
    by_code = {c["code"]: c for c in communes}
    keys = list(outcome(0, 0, 0, 0, 0))
    assert {k: by_code[world.commune][k] for k in keys} == outcome(
        7, 2, 1, 2, 1, refused=1, closed_unanswered=1, percent=66.7)
    assert by_code[world.commune]["rating_average"] == 3.67
    assert {k: by_code[world.other_commune][k] for k in keys} == outcome(
        3, 1, 0, 2, 1, percent=100.0)
    assert by_code[world.other_commune]["rating_average"] == 4.0
    others = [c for code, c in by_code.items() if code not in (world.commune,
                                                                world.other_commune)]
    assert len(others) > 10
    assert all(c["received"] == 0 and c["on_time_percent"] is None
               and c["rating_average"] is None for c in others)
    assert seeded.hanoi_commune not in by_code


@pytest.mark.parametrize(("as_of", "expected"), [
    # 25/02: C (24/02) is 1 day old, K (18/02) 7, F (16/02) 9, L (10/02) 15.
    (local(2, 25, 10), ages(lt3=1, b7to14=2, b14to30=1)),
    # 27/02 23:59:59: C is 3 calendar days old → second bucket; K 9, F 11, L 17.
    (local(2, 27, 23, 59, 59), ages(b3to7=1, b7to14=2, b14to30=1)),
    # 26/02 00:00: C (24/02) is 2 days old, the last day of the first bucket.
    (local(2, 26), ages(lt3=1, b7to14=2, b14to30=1)),
    # 01/04: every open item is a month old or more.
    (local(4, 1), ages(ge30=4)),
])
def test_open_items_by_age_and_overdue_depend_on_as_of(seeded, world, as_of, expected):
    """Ages (in local calendar days) are measured at ``as_of``; received-in-period is not."""
    fb = stats_for(world.province, as_of=as_of)["feedback"]
    assert [(a["key"], a["count"]) for a in fb["open_by_age"]] == expected
    assert fb["received"] == 10


def test_overdue_is_strictly_after_the_due_moment(seeded, world):
    """C is due 27/02 23:59:59: not overdue at that second, overdue one second later."""
    at_due = stats_for(world.commune, as_of=local(2, 27, 23, 59, 59))["feedback"]
    after = stats_for(world.commune, as_of=local(2, 28))["feedback"]
    assert at_due["open_overdue"] == 0
    assert after["open_overdue"] == 1


def test_period_edges_one_day(seeded, world):
    """A single local day: 24/02 holds C (23:59:59) only; 25/02 holds D only."""
    day24 = stats_for(world.commune, Period(date(2026, 2, 24), date(2026, 2, 24)))
    day25 = stats_for(world.commune, Period(date(2026, 2, 25), date(2026, 2, 25)))
    day09 = stats_for(world.commune, Period(date(2026, 2, 9), date(2026, 2, 9)))
    assert day24["feedback"]["received"] == 1
    assert day24["feedback"]["by_channel"]["zalo"] == 1
    assert day25["feedback"]["received"] == 1
    assert day09["feedback"]["received"] == 1  # B
    assert day09["feedback"]["satisfaction"]["distribution"]["1"] == 1


def test_empty_period_has_no_percentiles(seeded, world):
    """No items: zeros, and no median, percentile, rate or average."""
    fb = stats_for(world.commune, Period(date(2025, 1, 1), date(2025, 1, 31)))["feedback"]
    assert fb["received"] == 0
    assert fb["on_time_percent"] is None
    assert fb["response_hours"] == {
        "first_response": {"count": 0, "median": None, "p90": None},
        "answer": {"count": 0, "median": None, "p90": None},
    }
    assert fb["satisfaction"]["average"] is None
    assert len(fb["weekly"]) == 5 and all(w["total"] == 0 for w in fb["weekly"])


def _states(**counts: int) -> dict[str, int]:
    return {state: counts.get(state, 0)
            for state in ("sent", "delivered", "unreachable", "failed", "pending")}


def test_notices_of_a_commune(seeded, world):
    """N1 and N2 (10/02 00:00) are published in the period, N3 (09/02 23:59:59) and N8
    (25/02 00:00) not, N7 never; N4 corrects N1. Deliveries of N1 and N4 only."""
    notices = stats_for(world.commune)["notices"]
    assert notices["published"] == 2
    assert notices["corrections"] == 1
    assert notices["by_priority"] == {"normal": 1, "priority": 0, "emergency": 1}
    assert notices["by_category"]["disaster_incident"] == {
        "normal": 0, "priority": 0, "emergency": 1, "total": 1}
    assert notices["by_category"]["policy_law"] == {
        "normal": 1, "priority": 0, "emergency": 0, "total": 1}
    assert sum(c["total"] for c in notices["by_category"].values()) == 2
    assert notices["deliveries"] == {
        "source_system": _states(sent=1),
        "zalo": _states(sent=5, unreachable=1, failed=1),
    }
    assert notices["deliveries_total"] == _states(sent=6, unreachable=1, failed=1)


def test_notices_of_a_province(seeded, world):
    """The province's own N5 and its communes' N1, N2, N6 (withdrawn later, still counted
    as published); Hà Nội's NH is not."""
    notices = stats_for(world.province)["notices"]
    assert notices["published"] == 4
    assert notices["corrections"] == 1
    assert notices["by_priority"] == {"normal": 2, "priority": 1, "emergency": 1}
    assert notices["by_category"]["security_order"]["priority"] == 1
    assert notices["by_category"]["local_products"]["normal"] == 1
    assert notices["deliveries"] == {
        "source_system": _states(sent=1, failed=1),
        "zalo": _states(sent=5, unreachable=1, failed=1, pending=2),
    }
    assert notices["deliveries_total"] == _states(sent=6, unreachable=1, failed=2, pending=2)


def test_report_header(seeded, world):
    """Unit, period bounds in local time and the as-of moment."""
    data = stats_for(world.province)
    assert data["unit"] == {"code": "46", "name": data["unit"]["name"], "level": "province"}
    assert data["period"] == {"from": "2026-02-10", "to": "2026-02-24",
                              "timezone": "Asia/Ho_Chi_Minh",
                              "start": "2026-02-10T00:00:00+07:00",
                              "end": "2026-02-25T00:00:00+07:00"}
    assert data["as_of"] == "2026-03-02T10:00:00+07:00"
