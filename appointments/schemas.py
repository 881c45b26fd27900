"""Staff API shapes for appointments (the Mini App's shapes live with its facade)."""

from __future__ import annotations

from marshmallow import fields

from core.clock import isoformat_local
from core.schemas import BaseSchema, CleanString, max_length
from appointments import messages
from appointments.models import Appointment


class DayArgsSchema(BaseSchema):
    """Which day (Vietnam's today when absent)."""

    day = fields.Date()


class RejectInSchema(BaseSchema):
    """The reason the citizen is told."""

    reason = CleanString(required=True, validate=max_length(500))


class AppointmentSchema(BaseSchema):
    """An appointment as staff see it."""

    id = fields.Integer()
    day = fields.String()
    number = fields.Integer()
    full_name = fields.String()
    phone = fields.String()
    content = fields.String()
    status = fields.String()
    status_label = fields.String()
    reject_reason = fields.String(allow_none=True)
    created_at = fields.String()
    decided_at = fields.String(allow_none=True)


class DaySchema(BaseSchema):
    """A unit's day: the number being served and the appointments."""

    day = fields.String()
    current_number = fields.Integer()
    items = fields.List(fields.Nested(AppointmentSchema))


def dump_staff(item: Appointment) -> dict:
    """An appointment for staff of its unit (contact data included: they call the citizen)."""
    return {"id": item.id, "day": item.day.isoformat(), "number": item.number,
            "full_name": item.full_name, "phone": item.phone, "content": item.content,
            "status": item.status, "status_label": messages.STATUS_LABELS[item.status],
            "reject_reason": item.reject_reason,
            "created_at": isoformat_local(item.created_at),
            "decided_at": isoformat_local(item.decided_at)}
