"""Appointment use cases: book a day and get its queue number, the citizen's current
appointment, the day's list for staff, approve, refuse with a reason, call the next number.
Each public function that changes something flushes; the caller's unit of work commits.

A citizen is told of a decision (and when their number is called) on the routes known at
booking: their OA conversation when they follow the OA, then ZNS and SMS to the phone Zalo
verified for them. The number they typed in the form is for staff to call, never a route.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

import directory
from appointments import messages
from appointments.models import Appointment, AppointmentDay
from core import calendar, outbox
from core.clock import now, to_local
from core.db import db, flush, savepoint
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.phones import to_e164
from directory.models import StaffUser

ACTING_ROLES = ("officer", "commune_leader")
ACTIVE_STATUSES = ("pending", "approved")
KIND = "appointment_status"


@dataclass(frozen=True)
class Citizen:
    """Who books, as a trusted channel vouches for them (never taken from the client)."""

    zalo_app_user_id: str
    zalo_user_id: str | None = None
    verified_phone: str | None = None


def local_today() -> date:
    """Today in Vietnam."""
    return to_local(now()).date()


def date_text(day: date) -> str:
    """A day as citizens read it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


# --- citizens -----------------------------------------------------------------------------------
def _check_day(day: date) -> None:
    today = local_today()
    ahead = int(current_app.config["APPOINTMENTS_DAYS_AHEAD"])
    if day < today:
        raise UserValueError(messages.DATE_PAST, {"date": [messages.DATE_PAST]})
    if day > today + timedelta(days=ahead):
        text = messages.DATE_TOO_FAR.format(days=ahead)
        raise UserValueError(text, {"date": [text]})
    if not calendar.is_working_day(day):
        raise UserValueError(messages.DATE_NOT_WORKING, {"date": [messages.DATE_NOT_WORKING]})


def current_for(unit_code: str, zalo_app_user_id: str) -> Appointment | None:
    """The citizen's appointment to show: a pending or approved one from today on, else one
    refused today (so they read the reason; from tomorrow they may book again)."""
    today = local_today()
    mine = sa.select(Appointment).where(Appointment.unit_code == unit_code,
                                        Appointment.zalo_app_user_id == zalo_app_user_id,
                                        Appointment.day >= today)
    active = db.session.scalar(mine.where(Appointment.status.in_(ACTIVE_STATUSES))
                               .order_by(Appointment.day, Appointment.id).limit(1))
    if active is not None:
        return active
    for refused in db.session.scalars(mine.where(Appointment.status == "rejected")
                                      .order_by(Appointment.decided_at.desc()).limit(5)):
        if refused.decided_at and to_local(refused.decided_at).date() == today:
            return refused
    return None


def book(unit_code: str, day: date, full_name: str, phone: str, content: str,
         citizen: Citizen) -> Appointment:
    """Book ``day`` at the unit's one-stop office; the appointment gets that day's next
    queue number and waits for staff to confirm it."""
    unit = directory.get_unit(unit_code)
    if unit.level != "commune":
        raise UserValueError(messages.UNIT_NOT_COMMUNE)
    e164 = to_e164(phone)
    if e164 is None:
        raise UserValueError(messages.PHONE_INVALID, {"phoneNumber": [messages.PHONE_INVALID]})
    _check_day(day)
    existing = current_for(unit.code, citizen.zalo_app_user_id)
    if existing is not None and existing.status in ACTIVE_STATUSES:
        raise Conflict(messages.ALREADY_BOOKED.format(date=date_text(existing.day),
                                                      number=existing.number))
    limit = int(current_app.config["APPOINTMENTS_PER_DAY"])
    for attempt in range(5):
        last = db.session.scalar(sa.select(sa.func.max(Appointment.number)).where(
            Appointment.unit_code == unit.code, Appointment.day == day)) or 0
        if last >= limit:
            raise Conflict(messages.DAY_FULL)
        item = Appointment(unit_code=unit.code, day=day, number=last + 1,
                           full_name=full_name, phone=e164, content=content,
                           status="pending", zalo_app_user_id=citizen.zalo_app_user_id,
                           zalo_user_id=citizen.zalo_user_id,
                           notify_phone=citizen.verified_phone)
        try:
            with savepoint():
                db.session.add(item)
        except IntegrityError:  # another booking took this number: take the next one
            if attempt == 4:
                raise
            continue
        flush()
        return item
    raise AssertionError("unreachable")  # pragma: no cover


def current_number(unit_code: str, day: date) -> int:
    """The number the unit is serving on ``day`` (0 before the first call)."""
    row = db.session.get(AppointmentDay, (unit_code, day))
    return row.current_number if row is not None else 0


# --- staff --------------------------------------------------------------------------------------
def day_list(user: StaffUser, day: date) -> list[Appointment]:
    """The appointments of the user's unit on ``day``, by number."""
    return list(db.session.scalars(sa.select(Appointment).where(
        Appointment.unit_code == user.unit_code, Appointment.day == day)
        .order_by(Appointment.number)))


def may_act(user: StaffUser, unit_code: str) -> bool:
    """Officers and leaders of the unit handle its appointments."""
    return user.role in ACTING_ROLES and user.unit_code == unit_code


def _require_actor(user: StaffUser, unit_code: str) -> None:
    if not may_act(user, unit_code):
        raise Forbidden(messages.NOT_ALLOWED)


def _get_scoped(appointment_id: int, user: StaffUser) -> Appointment:
    item = db.session.get(Appointment, appointment_id)
    if item is None or item.unit_code != user.unit_code:
        raise NotFound(messages.NOT_FOUND)
    return item


def _pending(appointment_id: int, user: StaffUser) -> Appointment:
    item = _get_scoped(appointment_id, user)
    _require_actor(user, item.unit_code)
    if item.status != "pending":
        raise Conflict(messages.NOT_PENDING)
    return item


def approve(appointment_id: int, user: StaffUser) -> Appointment:
    """Confirm a pending appointment; the citizen is told their number."""
    item = _pending(appointment_id, user)
    item.status, item.decided_at, item.decided_by_id = "approved", now(), user.id
    _tell(item, "approved", messages.APPROVED.format(
        date=date_text(item.day), unit=item.unit.name, number=item.number))
    flush()
    return item


def reject(appointment_id: int, user: StaffUser, reason: str) -> Appointment:
    """Refuse a pending appointment with a reason the citizen is told."""
    reason = (reason or "").strip()
    if not reason:
        raise UserValueError(messages.REASON_REQUIRED, {"reason": [messages.REASON_REQUIRED]})
    item = _pending(appointment_id, user)
    item.status, item.decided_at, item.decided_by_id = "rejected", now(), user.id
    item.reject_reason = reason[:500]
    _tell(item, "rejected", messages.REJECTED.format(
        date=date_text(item.day), unit=item.unit.name, reason=item.reject_reason),
        reason=item.reject_reason)
    flush()
    return item


def call_next(user: StaffUser, day: date) -> Appointment:
    """Serve the next confirmed number of the user's unit on ``day``; its citizen is told."""
    _require_actor(user, user.unit_code)
    row = db.session.scalar(sa.select(AppointmentDay).where(
        AppointmentDay.unit_code == user.unit_code, AppointmentDay.day == day)
        .with_for_update())
    if row is None:
        row = AppointmentDay(unit_code=user.unit_code, day=day, current_number=0)
        db.session.add(row)
    item = db.session.scalar(sa.select(Appointment).where(
        Appointment.unit_code == user.unit_code, Appointment.day == day,
        Appointment.status == "approved", Appointment.number > row.current_number)
        .order_by(Appointment.number).limit(1))
    if item is None:
        raise Conflict(messages.NONE_WAITING)
    row.current_number, row.called_at = item.number, now()
    _tell(item, "called", messages.CALLED.format(unit=item.unit.name, number=item.number))
    flush()
    return item


# --- messages to the citizen --------------------------------------------------------------------
def routes_of(item: Appointment) -> list[outbox.Route]:
    """Where the citizen is told, in order: their OA conversation, ZNS, SMS. Channels this
    deployment cannot send on are left out unless none can (then the delivery fails
    visibly with its reason)."""
    routes = []
    if item.zalo_user_id:
        routes.append(outbox.Route("zalo", item.zalo_user_id))
    if item.notify_phone:
        routes += [outbox.Route("zns", item.notify_phone), outbox.Route("sms", item.notify_phone)]
    usable = [route for route in routes if outbox.has_sender(route.channel)]
    return usable or routes


def _tell(item: Appointment, event: str, text: str, **extra: str) -> None:
    routes = routes_of(item)
    if not routes:
        return
    payload = {"text": text, "status": event, "status_label": messages.STATUS_LABELS[event],
               "date": date_text(item.day), "number": str(item.number), "unit": item.unit.name,
               **extra}
    db.session.flush()
    outbox.queue(routes, None, KIND, payload,
                 key=f"appointment:{item.id}:{event}:{routes[0].channel}",
                 subject=("appointment", item.id))
