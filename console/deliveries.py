"""Console pages about messages: the messages that did not reach citizens (every route
failed), and a staff member's own reminders and escalations."""

from __future__ import annotations

from flask import current_app, render_template, request

from console.base import bp
from directory.auth import current_staff
from feedback import notifications


@bp.get("/messages/undelivered")
def undelivered():
    """Messages to citizens in the user's scope that never reached them, newest first."""
    user = current_staff()
    size = current_app.config["CONSOLE_PAGE_SIZE"]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    rows = notifications.undelivered(user, limit=size + 1, offset=(page - 1) * size)
    return render_template("console/undelivered.html", rows=rows[:size], page=page,
                           has_next=len(rows) > size,
                           total=notifications.count_undelivered(user))


@bp.get("/reminders")
def reminders():
    """Reminders of due dates and escalations of overdue items addressed to the user."""
    return render_template("console/reminders.html",
                           rows=notifications.for_staff(current_staff()))
