"""Template helpers of the console (local times, labels, deadline badges).

They reach templates through the blueprint's context processor, so they never collide with
other packages' template globals.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_wtf.csrf import generate_csrf

from console import messages as m
from core.clock import now, to_local
from core.codes import display_code
from feedback import messages as feedback_messages


def local_time(value: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """A stored UTC time as staff read it (Asia/Ho_Chi_Minh)."""
    return to_local(value).strftime(fmt) if value else ""


def local_iso(value: str | None) -> str:
    """An ISO time kept as text (a delivery's history) as staff read it."""
    if not value:
        return ""
    try:
        return local_time(datetime.fromisoformat(value))
    except ValueError:
        return value


def local_date(value: datetime | None) -> str:
    """Date only, dd/mm/yyyy."""
    return local_time(value, "%d/%m/%Y")


def deadline_badge(item) -> tuple[str, str] | None:
    """("overdue" | "due-soon", label) for an open item near or past its due date."""
    if not item.is_open:
        return None
    moment = now()
    if item.is_overdue or item.due_at < moment:
        return "overdue", m.BADGE_OVERDUE
    if item.due_at - moment <= timedelta(hours=current_app.config["FEEDBACK_DUE_SOON_HOURS"]):
        return "due-soon", m.BADGE_DUE_SOON
    return None


def helpers() -> dict:
    """Names every console template can use."""
    return {
        "m": m,
        "local_time": local_time,
        "local_date": local_date,
        "local_iso": local_iso,
        "display_code": display_code,
        "deadline_badge": deadline_badge,
        "status_labels": feedback_messages.STATUS_LABELS,
        "event_labels": feedback_messages.EVENT_LABELS,
        "csrf_token": generate_csrf,
    }
