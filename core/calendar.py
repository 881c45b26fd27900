"""Working-day calendar: weekends and Vietnamese public holidays (Tết included).

Due dates are the end (23:59:59 local time) of the N-th working day after the day an
item arrives; an item arriving on a non-working day starts counting from the next one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from core.clock import LOCAL_TZ


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def is_working_day(day: date) -> bool:
    """True on a weekday that is not a Vietnamese public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


@lru_cache(maxsize=4096)
def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted).

    Cached: every item received on a day with the same duration shares its due day, and
    intake computes one per submission."""
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def due_at(received: datetime, days: int) -> datetime:
    """Deadline for an item received at ``received`` (aware) with ``days`` working days."""
    local_day = received.astimezone(LOCAL_TZ).date()
    end_day = add_working_days(local_day, days)
    return datetime.combine(end_day, time(23, 59, 59), tzinfo=LOCAL_TZ)
