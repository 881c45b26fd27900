"""Template helpers of the console (local times, labels, deadline badges).

They reach templates through the blueprint's context processor, so they never collide with
other packages' template globals. Every moment the console shows goes through one filter,
``datetime_vn``: ``04/12/2026 21:03`` in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from flask_wtf.csrf import generate_csrf

from console import messages
from core.clock import now, to_local
from core.codes import display_code
from feedback import messages as feedback_messages

# The one format of a moment in the console (issue 18): day/month/year hour:minute, local.
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def datetime_vn(value: datetime | date | str | None) -> str:
    """A moment as staff read it: ``04/12/2026 21:03`` in Asia/Ho_Chi_Minh. Takes a stored
    (UTC) datetime, an ISO text (a delivery's history) or a date (shown as a day alone);
    nothing gives an empty string, unreadable text is shown as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    return to_local(value).strftime(DATETIME_FORMAT)


def deadline_badge(item) -> tuple[str, str] | None:
    """("overdue" | "due-soon", label) for an open item near or past its due date."""
    if not item.is_open:
        return None
    moment = now()
    if item.is_overdue or item.due_at < moment:
        return "overdue", messages.BADGE_OVERDUE
    if item.due_at - moment <= timedelta(hours=current_app.config["FEEDBACK_DUE_SOON_HOURS"]):
        return "due-soon", messages.BADGE_DUE_SOON
    return None


def helpers() -> dict:
    """Names every console template can use."""
    return {
        "m": messages,
        "display_code": display_code,
        "deadline_badge": deadline_badge,
        "status_labels": feedback_messages.STATUS_LABELS,
        "event_labels": feedback_messages.EVENT_LABELS,
        "csrf_token": generate_csrf,
    }
