"""The one source of "now", so tests can freeze time."""

from __future__ import annotations

from datetime import UTC, datetime
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
