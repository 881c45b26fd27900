"""The one source of "now", so tests can freeze time; the range of dates requests may name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(UTC)


def to_local(value: datetime) -> datetime:
    """Show a stored UTC time in Vietnam's time zone."""
    return value.astimezone(LOCAL_TZ)


def isoformat_local(value: datetime | None) -> str | None:
    """W3C datetime in +07:00 without fractions (as CAP and Open311 want)."""
    if value is None:
        return None
    return to_local(value).replace(microsecond=0).isoformat()


# Dates a request may name: wide enough for any real use, far enough from year 1 and 9999
# that converting between time zones or adding days and months cannot overflow.
YEAR_MIN, YEAR_MAX = 1900, 2999


def in_supported_range(value: date | datetime) -> bool:
    """True when ``value`` (a date, or a datetime in any time zone) is within the years
    requests may name (:data:`YEAR_MIN` – :data:`YEAR_MAX`)."""
    return YEAR_MIN <= value.year <= YEAR_MAX
