"""Request and response schemas of the feedback API."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validates_schema

from core.clock import isoformat_local
from core.codes import display_code
from core.phones import to_e164
from core.schemas import BaseSchema, CleanString, between, length, max_length, one_of
from feedback import messages
from feedback.access import contact_visible
from feedback.models import CHANNELS, NOTIFY_CHOICES, STATUSES

PUBLIC_CHANNELS = ("web", "widget", "api", "miniapp")


class LocationSchema(BaseSchema):
    """Where the problem is: coordinates and/or an address."""

    lat = fields.Float(validate=between(-90, 90), allow_nan=False)
    lng = fields.Float(validate=between(-180, 180), allow_nan=False)
    address = CleanString(single_line=True, validate=max_length(300))

    @validates_schema
    def _pair(self, data, **kwargs):
        if ("lat" in data) != ("lng" in data):
            raise ValidationError(messages.LOCATION_PAIR, "lat")


class ReporterSchema(BaseSchema):
    """Who reports; personal data, never shown publicly."""

    name = CleanString(single_line=True, validate=length(1, 120))
    phone = fields.String(validate=max_length(32))
    email = fields.Email(validate=max_length(254))

    @post_load
    def _phone(self, data, **kwargs):
        if "phone" in data:
            e164 = to_e164(data["phone"])
            if e164 is None:
                raise ValidationError({"phone": [messages.PHONE_INVALID]})
            data["phone"] = e164
        return data


class ConsentSchema(BaseSchema):
    """What the citizen agreed to when giving contact data."""

    purpose = CleanString(required=True, validate=length(1, 200))
    policy_version = CleanString(required=True, single_line=True, validate=length(1, 40))
    text = CleanString(validate=max_length(2000))


class FeedbackInSchema(BaseSchema):
    """``POST /api/v1/feedback``."""

    unit_code = fields.String(required=True, validate=length(5, 5))
    category_code = fields.String(required=True, validate=length(1, 40))
    title = CleanString(single_line=True, validate=max_length(200))
    description = CleanString(required=True, validate=length(5, 4000))
    location = fields.Nested(LocationSchema)
    reporter = fields.Nested(ReporterSchema)
    consent = fields.Nested(ConsentSchema)
    anonymous = fields.Boolean(load_default=False)
    channel = fields.String(load_default="api", validate=one_of(PUBLIC_CHANNELS))
    notify_via = fields.String(
        validate=one_of(NOTIFY_CHOICES),
        metadata={"description": "Cách người dân muốn nhận thông báo: zalo (tin Zalo đến số "
                                 "điện thoại), sms hoặc email; các cách còn lại theo thông "
                                 "tin liên hệ đã cho là dự phòng."})

    @validates_schema
    def _contact_and_consent(self, data, **kwargs):
        reporter = data.get("reporter") or {}
        choice = data.get("notify_via")
        if choice == "sms" and not reporter.get("phone"):
            raise ValidationError(messages.NOTIFY_NEEDS_PHONE, "notify_via")
        if choice == "email" and not reporter.get("email"):
            raise ValidationError(messages.NOTIFY_NEEDS_EMAIL, "notify_via")
        if data.get("anonymous"):
            if reporter:
                raise ValidationError(messages.ANONYMOUS_WITH_CONTACT, "reporter")
            return
        if not reporter.get("name"):
            raise ValidationError(messages.NAME_REQUIRED, "reporter")
        if not (reporter.get("phone") or reporter.get("email")):
            raise ValidationError(messages.CONTACT_REQUIRED, "reporter")
        if not data.get("consent"):
            raise ValidationError(messages.CONSENT_REQUIRED, "consent")


class FeedbackCreatedSchema(BaseSchema):
    """Answer to a submission."""

    tracking_code = fields.String(required=True)
    status = fields.String(required=True)
    due_at = fields.String(required=True)
    office = fields.String(required=True)
    lookup_token = fields.String()


class LookupArgsSchema(BaseSchema):
    """Proof of ownership for a lookup."""

    phone = fields.String(validate=max_length(32))
    token = fields.String(validate=max_length(100))


class OwnershipCodeInSchema(BaseSchema):
    """``POST /api/v1/feedback/<code>/ownership-code``: the phone or e-mail given at intake."""

    phone = fields.String(validate=max_length(32))
    email = fields.String(validate=max_length(254))

    @validates_schema
    def _one(self, data, **kwargs):
        if not (data.get("phone") or data.get("email")):
            raise ValidationError(messages.OWNERSHIP_CONTACT_REQUIRED, "phone")


class MessageSchema(BaseSchema):
    """A sentence for the citizen."""

    message = fields.String()


class PublicEventSchema(BaseSchema):
    """One line of the public timeline."""

    kind = fields.String()
    label = fields.String()
    status = fields.String()
    note = fields.String(allow_none=True)
    at = fields.String()


class FeedbackPublicSchema(BaseSchema):
    """What the owner sees: no personal data, no internal notes."""

    tracking_code = fields.String()
    status = fields.String()
    status_label = fields.String()
    category = fields.String()
    unit = fields.String()
    office = fields.String()
    title = fields.String()
    created_at = fields.String()
    due_at = fields.String()
    public_answer = fields.String(allow_none=True)
    merged_into = fields.String(allow_none=True, metadata={
        "description": "Mã phản ánh mà phản ánh này được gộp vào (nếu có)"})
    rating = fields.Integer(allow_none=True)
    timeline = fields.List(fields.Nested(PublicEventSchema))


class RatingInSchema(BaseSchema):
    """``POST /api/v1/feedback/<code>/rating``."""

    rating = fields.Integer(required=True, strict=True, validate=between(1, 5))
    comment = CleanString(validate=max_length(1000))
    phone = fields.String(validate=max_length(32))
    token = fields.String(validate=max_length(100))


# --- staff -------------------------------------------------------------------------------
class StaffListArgsSchema(BaseSchema):
    """Queue filters and keyset pagination."""

    status = fields.String(validate=one_of((*STATUSES, "open")))
    category = fields.String(validate=max_length(40))
    channel = fields.String(validate=one_of(CHANNELS))
    office_id = fields.Integer(validate=between(1, 2**31 - 1))
    unit = fields.String(validate=length(2, 5))
    overdue = fields.Boolean()
    due_week = fields.Boolean()
    q = fields.String(validate=max_length(200))
    # Received on these local dates (inclusive), as the statistics count them.
    received_from = fields.Date()
    received_to = fields.Date()
    after = fields.String(validate=max_length(100))
    limit = fields.Integer(load_default=50, validate=between(1, 200))


class StaffEventSchema(BaseSchema):
    """A timeline line with internal details."""

    id = fields.Integer()
    kind = fields.String()
    actor = fields.String(allow_none=True)
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    from_office_id = fields.Integer(allow_none=True)
    to_office_id = fields.Integer(allow_none=True)
    note = fields.String(allow_none=True)
    public_note = fields.String(allow_none=True)
    created_at = fields.String()


class StaffFeedbackSchema(BaseSchema):
    """An item as staff see it."""

    id = fields.Integer()
    tracking_code = fields.String()
    display_code = fields.String()
    channel = fields.String()
    status = fields.String()
    unit_code = fields.String()
    category = fields.String()
    office_id = fields.Integer()
    office = fields.String()
    title = fields.String()
    description = fields.String()
    location = fields.Dict(allow_none=True)
    reporter = fields.Dict(allow_none=True)
    is_anonymous = fields.Boolean()
    contact_restricted = fields.Boolean()
    priority = fields.String()
    due_at = fields.String()
    is_overdue = fields.Boolean()
    extension = fields.Dict(allow_none=True)
    public_answer = fields.String(allow_none=True)
    rating = fields.Integer(allow_none=True)
    merged_into = fields.String(allow_none=True)
    created_at = fields.String()
    attachments = fields.List(fields.Dict())
    timeline = fields.List(fields.Nested(StaffEventSchema))


class StaffFeedbackSummarySchema(StaffFeedbackSchema):
    """An item in the queue (no description, attachments or timeline)."""

    class Meta(StaffFeedbackSchema.Meta):
        exclude = ("timeline", "description", "attachments")


class StaffPageSchema(BaseSchema):
    """A page of the queue."""

    items = fields.List(fields.Nested(StaffFeedbackSummarySchema))
    next = fields.String(allow_none=True)


class StaffCountsSchema(BaseSchema):
    """Items per status in the caller's filtered queue."""

    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    total = fields.Integer()


class TransitionInSchema(BaseSchema):
    """Body of a workflow action."""

    note = CleanString(validate=max_length(4000))
    reason = CleanString(validate=max_length(1000))
    answer = CleanString(validate=max_length(8000))
    office_id = fields.Integer(validate=between(1, 2**31 - 1))
    due_at = fields.AwareDateTime()
    target_code = fields.String(validate=length(8, 20))


def public_timeline(item) -> list[dict]:
    """Public events of an item, oldest first."""
    return [{
        "kind": e.kind,
        "label": messages.EVENT_LABELS.get(e.kind, e.kind),
        "status": e.to_status or item.status,
        "note": e.public_note,
        "at": isoformat_local(e.created_at),
    } for e in item.events if e.is_public]


def dump_public(item) -> dict:
    """The owner's view of an item. An item merged into another carries that item's code and,
    once there is one, its answer (the owner is told it, too)."""
    target = item.merged_into
    answer = item.public_answer
    if answer is None and target is not None and target.status in ("answered", "closed"):
        answer = target.public_answer
    return {
        "tracking_code": display_code(item.tracking_code),
        "status": item.status,
        "status_label": messages.STATUS_LABELS[item.status],
        "category": item.category.name,
        "unit": item.unit.name,
        "office": item.office.name,
        "title": item.title,
        "created_at": isoformat_local(item.created_at),
        "due_at": isoformat_local(item.due_at),
        "public_answer": answer,
        "merged_into": display_code(target.tracking_code) if target is not None else None,
        "rating": item.rating,
        "timeline": public_timeline(item),
    }


def dump_staff(item, with_details: bool = True, with_contact: bool = False) -> dict:
    """An item for staff; contact data only ``with_contact`` (see ``access.may_see_contact``)
    and while the citizen has not restricted it. Callers showing contact data log it
    (``feedback.privacy.access_log.record``)."""
    data = {
        "id": item.id,
        "tracking_code": item.tracking_code,
        "display_code": display_code(item.tracking_code),
        "channel": item.channel,
        "status": item.status,
        "unit_code": item.unit_code,
        "category": item.category.code,
        "office_id": item.office_id,
        "office": item.office.name,
        "title": item.title,
        "location": ({"lat": item.lat, "lng": item.lng, "address": item.address}
                     if item.lat is not None or item.address else None),
        "reporter": ({"name": item.reporter_name, "phone": item.reporter_phone,
                      "email": item.reporter_email}
                     if with_contact and contact_visible(item) else None),
        "is_anonymous": item.is_anonymous,
        "contact_restricted": item.contact_restricted_at is not None,
        "priority": item.priority,
        "due_at": isoformat_local(item.due_at),
        "is_overdue": item.is_overdue,
        "extension": ({"due_at": isoformat_local(item.extension_due_at),
                       "reason": item.extension_reason} if item.extension_due_at else None),
        "public_answer": item.public_answer,
        "rating": item.rating,
        "merged_into": (display_code(item.merged_into.tracking_code)
                        if item.merged_into_id else None),
        "created_at": isoformat_local(item.created_at),
    }
    if with_details:
        data["description"] = item.description
        data["attachments"] = [{"id": a.id, "content_type": a.content_type, "size": a.size}
                               for a in item.attachments]
        data["timeline"] = [{
            "id": e.id, "kind": e.kind,
            "actor": e.actor.username if e.actor else e.actor_label,
            "from_status": e.from_status, "to_status": e.to_status,
            "from_office_id": e.from_office_id, "to_office_id": e.to_office_id,
            "note": e.note, "public_note": e.public_note,
            "created_at": isoformat_local(e.created_at),
        } for e in item.events]
    return data
