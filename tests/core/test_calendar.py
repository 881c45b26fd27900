from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.calendar import add_working_days, due_at, is_working_day, working_days_between
from core.clock import LOCAL_TZ


def test_weekend_is_not_a_working_day():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 27))


def test_tet_2027_is_skipped():
    # Tết Đinh Mùi: 4-10 February 2027 are holidays; 6-7 are also a weekend.
    for day in range(4, 11):
        assert not is_working_day(date(2027, 2, day))
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)
    assert add_working_days(date(2027, 2, 3), 5) == date(2027, 2, 17)


def test_due_date_across_a_weekend_and_national_day():
    # Friday 28 Aug 2026, 3 working days: 31/8 is a day off, 1-2/9 National Day.
    received = datetime(2026, 8, 28, 9, 0, tzinfo=LOCAL_TZ)
    due = due_at(received, 3)
    assert due == datetime(2026, 9, 7, 23, 59, 59, tzinfo=LOCAL_TZ)


def test_due_date_uses_local_day_of_arrival():
    # 20:00 UTC on Sunday is 03:00 Monday in Vietnam: counting starts from Monday.
    received = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    assert due_at(received, 1).date() == date(2026, 12, 1)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(min_value=0, max_value=40))
def test_add_working_days_agrees_with_counting(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    if days:
        assert is_working_day(end)
        assert end - start >= timedelta(days=days)
