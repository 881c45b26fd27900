"""Staff API of appointments: the day's list, approve, refuse, call the next number."""

from __future__ import annotations

from flask_smorest import Blueprint

from appointments import service
from appointments.schemas import AppointmentSchema, DayArgsSchema, DaySchema, RejectInSchema
from core.schemas import error_responses
from directory.auth import current_staff, staff_required

staff = Blueprint("appointments_staff", __name__, url_prefix="/api/v1/staff/appointments",
                  description="Lịch hẹn tại bộ phận một cửa (cán bộ)")
_SECURITY = [{"bearerAuth": []}]


def _day(args: dict):
    return args.get("day") or service.local_today()


@staff.get("")
@staff_required
@staff.arguments(DayArgsSchema, location="query")
@staff.response(200, DaySchema)
@error_responses(staff, 400, 401, 422)
@staff.doc(security=_SECURITY)
def day_list(args):
    """Lịch hẹn trong ngày của xã, phường và số đang phục vụ."""
    user, day = current_staff(), _day(args)
    return {"day": day, "current_number": service.current_number(user.unit_code, day),
            "items": service.day_list(user, day)}


@staff.post("/<int:appointment_id>/approve")
@staff_required
@staff.response(200, AppointmentSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=_SECURITY)
def approve(appointment_id):
    """Xác nhận lịch hẹn; người dân được báo số thứ tự."""
    return service.approve(appointment_id, current_staff())


@staff.post("/<int:appointment_id>/reject")
@staff_required
@staff.arguments(RejectInSchema)
@staff.response(200, AppointmentSchema)
@error_responses(staff, 400, 401, 403, 404, 409, 422)
@staff.doc(security=_SECURITY)
def reject(data, appointment_id):
    """Từ chối lịch hẹn với lý do; người dân được báo lý do."""
    return service.reject(appointment_id, current_staff(), data["reason"])


@staff.post("/call-next")
@staff_required
@staff.arguments(DayArgsSchema)
@staff.response(200, AppointmentSchema)
@error_responses(staff, 400, 401, 403, 409, 422)
@staff.doc(security=_SECURITY)
def call_next(args):
    """Gọi số tiếp theo đã xác nhận; người dân có số đó được báo."""
    return service.call_next(current_staff(), _day(args))
