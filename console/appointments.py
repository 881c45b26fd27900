"""Console page of the one-stop office's appointments: the day's list with the number being
served, approve, refuse with a reason, call the next number, over
:mod:`appointments.service`."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for

from appointments import messages as appointments_messages
from appointments import service
from console.base import bp
from core.db import savepoint
from core.errors import Conflict, Forbidden, UserValueError
from core.text import clean_line
from directory.auth import current_staff


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else service.local_today()
    except ValueError:
        return service.local_today()


def _back(day: date):
    return redirect(url_for("console.appointments", day=day.isoformat()), code=303)


@bp.get("/appointments")
def appointments():
    """The appointments of the user's unit on a day (today by default)."""
    user = current_staff()
    day = _day(request.args.get("day"))
    return render_template("console/appointments.html", am=appointments_messages, day=day,
                           items=service.day_list(user, day),
                           serving=service.current_number(user.unit_code, day),
                           may_act=service.may_act(user, user.unit_code))


def _act(day: date, action, done):
    """Run a use case; its refusal becomes a flash message on the day's page."""
    try:
        with savepoint():
            item = action(current_staff())
    except (UserValueError, Conflict, Forbidden) as exc:
        flash(exc.message, "error")
        return _back(day)
    flash(done.format(number=item.number), "success")
    return _back(item.day)


@bp.post("/appointments/<int:appointment_id>/approve")
def approve_appointment(appointment_id: int):
    """Confirm a pending appointment."""
    return _act(_day(request.form.get("day")),
                lambda user: service.approve(appointment_id, user),
                appointments_messages.DONE_APPROVED)


@bp.post("/appointments/<int:appointment_id>/reject")
def reject_appointment(appointment_id: int):
    """Refuse a pending appointment with the reason given in the form."""
    reason = clean_line(request.form.get("reason", ""))[:500]
    return _act(_day(request.form.get("day")),
                lambda user: service.reject(appointment_id, user, reason),
                appointments_messages.DONE_REJECTED)


@bp.post("/appointments/call-next")
def call_next_appointment():
    """Serve the next confirmed number of the day."""
    day = _day(request.form.get("day"))
    return _act(day, lambda user: service.call_next(user, day), appointments_messages.DONE_CALLED)
