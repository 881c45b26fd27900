"""Request and response schemas of the feedback API."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validates_schema

from core.codes import display_code
from core.schemas import (
    BaseSchema,
    CleanString,
    Derived,
    Label,
    LocalDateTime,
    Part,
    View,
    between,
    computed,
    length,
    max_length,
    one_of,
)
from feedback import messages
from feedback.access import contact_visible
from feedback.models import CHANNELS, NOTIFY_CHOICES, STATUSES
from privacy.schemas import ConsentSchema, ContactSchema

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


class ReporterSchema(ContactSchema):
    """Who reports; personal data, never shown publicly."""


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


class StaffFeedbackInSchema(BaseSchema):
    """``POST /api/v1/staff/feedback``: feedback an officer received by phone, in person or on
    paper ("Tiếp nhận phản ánh"). Without ``reporter`` the item is anonymous; with it, the
    officer confirms the caller agreed verbally (``consent_given``)."""

    unit_code = fields.String(validate=length(2, 5), metadata={
        "description": "Xã, phường nhận phản ánh (mặc định: đơn vị của cán bộ)"})
    category_code = fields.String(required=True, validate=length(1, 40))
    title = CleanString(single_line=True, validate=max_length(200))
    description = CleanString(required=True, validate=length(5, 4000))
    location = fields.Nested(LocationSchema)
    reporter = fields.Nested(ReporterSchema)
    consent_given = fields.Boolean(load_default=False, metadata={
        "description": "Người phản ánh đã đồng ý bằng lời cho xử lý thông tin liên hệ"})
    received_via = fields.String(required=True, validate=one_of(("phone", "in_person", "paper")))
    notify_via = fields.String(validate=one_of(NOTIFY_CHOICES))

    @validates_schema
    def _contact_and_consent(self, data, **kwargs):
        reporter = data.get("reporter") or {}
        choice = data.get("notify_via")
        if choice == "sms" and not reporter.get("phone"):
            raise ValidationError(messages.NOTIFY_NEEDS_PHONE, "notify_via")
        if choice == "email" and not reporter.get("email"):
            raise ValidationError(messages.NOTIFY_NEEDS_EMAIL, "notify_via")
        if not reporter:
            return
        if not reporter.get("name"):
            raise ValidationError(messages.NAME_REQUIRED, "reporter")
        if not (reporter.get("phone") or reporter.get("email")):
            raise ValidationError(messages.CONTACT_REQUIRED, "reporter")
        if not data.get("consent_given"):
            raise ValidationError(messages.CONSENT_NOT_CONFIRMED, "consent_given")


class FeedbackCreatedSchema(BaseSchema):
    """Answer to a submission."""

    tracking_code = fields.String(required=True)
    status = fields.String(required=True)
    due_at = fields.String(required=True)
    office = fields.String(required=True)
    lookup_token = fields.String()


class StaffFeedbackCreatedSchema(FeedbackCreatedSchema):
    """Answer to feedback entered by staff: the citizen's answer and the item's id."""

    id = fields.Integer(required=True)


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
    """One line of the public timeline (an event with the status it led to)."""

    kind = fields.String()
    label = Label(messages.EVENT_LABELS, attribute="kind")
    status = fields.String()
    note = fields.String(attribute="public_note", allow_none=True)
    at = LocalDateTime(attribute="created_at")


def _public_events(item) -> list[View]:
    """Public events of an item, oldest first, each with the status it led to."""
    return [View(e, status=e.to_status or item.status) for e in item.events if e.is_public]


def public_timeline(item) -> list[dict]:
    """The public timeline of an item, as the owner sees it (also in exports and Open311)."""
    return PublicEventSchema(many=True).dump(_public_events(item))


def _owner_answer(item) -> str | None:
    """The item's answer; for an item merged into another, that item's once it has one."""
    target = item.merged_into
    if item.public_answer is None and target is not None \
            and target.status in ("answered", "closed"):
        return target.public_answer
    return item.public_answer


def _merged_code(item) -> str | None:
    return display_code(item.merged_into.tracking_code) if item.merged_into_id else None


class FeedbackPublicSchema(BaseSchema):
    """What the owner sees: no personal data, no internal notes. An item merged into another
    carries that item's code and, once there is one, its answer (the owner is told it, too)."""

    tracking_code = computed(lambda item: display_code(item.tracking_code))
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    category = fields.String(attribute="category.name")
    unit = fields.String(attribute="unit.name")
    office = fields.String(attribute="office.name")
    title = fields.String(allow_none=True)
    created_at = LocalDateTime()
    due_at = LocalDateTime()
    public_answer = computed(_owner_answer, allow_none=True)
    merged_into = computed(_merged_code, allow_none=True, metadata={
        "description": "Mã phản ánh mà phản ánh này được gộp vào (nếu có)"})
    rating = fields.Integer(allow_none=True)
    timeline = Derived(PublicEventSchema, _public_events, many=True)


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
    extension = fields.Boolean(metadata={
        "description": "Chỉ phản ánh có đề nghị gia hạn đang chờ lãnh đạo duyệt"})
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
    actor = computed(lambda e: e.actor.username if e.actor else e.actor_label, allow_none=True)
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    from_office_id = fields.Integer(allow_none=True)
    to_office_id = fields.Integer(allow_none=True)
    note = fields.String(allow_none=True)
    public_note = fields.String(allow_none=True)
    created_at = LocalDateTime()


class StaffLocationSchema(BaseSchema):
    """Where the problem is, as the citizen gave it."""

    lat = fields.Float(allow_none=True)
    lng = fields.Float(allow_none=True)
    address = fields.String(allow_none=True)


class ReporterOutSchema(BaseSchema):
    """The reporter's contact data (personal data: staff allowed to see it only)."""

    name = fields.String(attribute="reporter_name", allow_none=True)
    phone = fields.String(attribute="reporter_phone", allow_none=True)
    email = fields.String(attribute="reporter_email", allow_none=True)


class ExtensionSchema(BaseSchema):
    """The extended due date and why."""

    due_at = LocalDateTime(attribute="extension_due_at")
    reason = fields.String(attribute="extension_reason", allow_none=True)


class FeedbackAttachmentSchema(BaseSchema):
    """A photo sent with the item."""

    id = fields.Integer()
    content_type = fields.String()
    size = fields.Integer()


def _shows_contact(item) -> bool:
    """Contact data only for a reader allowed to see it (the route decides, with
    ``access.may_see_contact``, and logs the showing through ``privacy.access_log``), and
    while the citizen has not restricted it."""
    return bool(getattr(item, "with_contact", False)) and contact_visible(item)


class StaffFeedbackSchema(BaseSchema):
    """An item as staff see it; dumps a ``View(item, with_contact=…)`` (without it: no
    contact data)."""

    id = fields.Integer()
    tracking_code = fields.String()
    display_code = computed(lambda item: display_code(item.tracking_code))
    channel = fields.String()
    status = fields.String()
    unit_code = fields.String()
    category = fields.String(attribute="category.code")
    office_id = fields.Integer()
    office = fields.String(attribute="office.name")
    assignee_id = fields.Integer(allow_none=True)
    title = fields.String(allow_none=True)
    description = fields.String()
    location = Part(StaffLocationSchema,
                    when=lambda item: item.lat is not None or item.address)
    reporter = Part(ReporterOutSchema, when=_shows_contact)
    is_anonymous = fields.Boolean()
    contact_restricted = computed(lambda item: item.contact_restricted_at is not None,
                                  "boolean")
    priority = fields.String()
    due_at = LocalDateTime()
    is_overdue = fields.Boolean()
    extension = Part(ExtensionSchema, when=lambda item: item.extension_due_at)
    public_answer = fields.String(allow_none=True)
    rating = fields.Integer(allow_none=True)
    merged_into = computed(_merged_code, allow_none=True)
    created_at = LocalDateTime()
    attachments = fields.List(fields.Nested(FeedbackAttachmentSchema))
    timeline = fields.List(fields.Nested(StaffEventSchema), attribute="events")


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
    assignee_id = fields.Integer(validate=between(1, 2**31 - 1), metadata={
        "description": "Giao xử lý: cán bộ của cơ quan đang giữ phản ánh"})
    due_at = fields.AwareDateTime()
    target_code = fields.String(validate=length(8, 20))


class ResponseTemplateInSchema(BaseSchema):
    """A ready text for staff: an answer or a reason to refuse, for a unit and a category."""

    kind = fields.String(required=True, validate=one_of(("answer", "refuse")))
    unit_code = fields.String(validate=length(2, 5))
    category_code = fields.String(validate=length(1, 40))
    title = CleanString(required=True, single_line=True, validate=length(1, 120))
    body = CleanString(required=True, validate=length(1, 8000))
