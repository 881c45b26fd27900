"""Staff API shapes for appointments (the Mini App's shapes live with its facade)."""

from __future__ import annotations

from marshmallow import fields

from appointments import messages
from core.schemas import BaseSchema, CleanString, Label, LocalDateTime, max_length


class DayArgsSchema(BaseSchema):
    """Which day (Vietnam's today when absent)."""

    day = fields.Date()


class RejectInSchema(BaseSchema):
    """The reason the citizen is told."""

    reason = CleanString(required=True, validate=max_length(500))


class AppointmentSchema(BaseSchema):
    """An appointment for staff of its unit (contact data included: they call the citizen)."""

    id = fields.Integer()
    day = fields.Date()
    number = fields.Integer()
    full_name = fields.String()
    phone = fields.String()
    content = fields.String()
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    reject_reason = fields.String(allow_none=True)
    created_at = LocalDateTime()
    decided_at = LocalDateTime()


class DaySchema(BaseSchema):
    """A unit's day: the number being served and the appointments."""

    day = fields.Date()
    current_number = fields.Integer()
    items = fields.List(fields.Nested(AppointmentSchema))

