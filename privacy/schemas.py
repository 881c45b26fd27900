"""Schemas of the personal-data API."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validates_schema

from core.codes import display_code
from core.db import MAX_ID
from core.phones import to_e164
from core.schemas import (
    BaseSchema,
    CleanString,
    Label,
    LocalDateTime,
    between,
    computed,
    length,
    max_length,
    one_of,
)
from privacy import messages
from privacy.models import REQUEST_KINDS, REQUEST_STATUSES


class SectionSchema(BaseSchema):
    """A heading and its paragraphs."""

    heading = fields.String()
    paragraphs = fields.List(fields.String())


class PrivacyNoticeVersionSchema(BaseSchema):
    """A version of the notice and where to read it."""

    version = fields.String()
    effective_at = LocalDateTime()
    url = fields.String()


class NoticeSchema(BaseSchema):
    """One version of the privacy notice: dumps ``View(notice, url=…, is_current=…,
    versions=[View(version, url=…)])``."""

    version = fields.String()
    title = fields.String()
    summary = fields.String()
    consent_text = fields.String()
    effective_at = LocalDateTime()
    url = fields.String()
    sections = fields.List(fields.Nested(SectionSchema))
    is_current = fields.Boolean()
    versions = fields.List(fields.Nested(PrivacyNoticeVersionSchema))


class ContactSchema(BaseSchema):
    """A citizen's contact data as given (phone kept in E.164); never shown publicly."""

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


class CorrectionSchema(ContactSchema):
    """New contact values for a correction request."""


class RequestDetailsMixin:
    """Fields shared by citizen and staff entry."""

    kind = fields.String(required=True, validate=one_of(REQUEST_KINDS))
    note = CleanString(validate=max_length(1000))
    correction = fields.Nested(CorrectionSchema)
    redact_photos = fields.Boolean(load_default=False)

    @validates_schema
    def _kind_fields(self, data, **kwargs):
        if data.get("kind") == "correct" and not data.get("correction"):
            raise ValidationError(messages.CORRECTION_REQUIRED, "correction")
        if data.get("correction") and data.get("kind") != "correct":
            raise ValidationError(messages.CORRECTION_ONLY, "correction")
        if data.get("redact_photos") and data.get("kind") != "delete":
            raise ValidationError(messages.REDACT_ONLY_DELETE, "redact_photos")


class CitizenRequestInSchema(RequestDetailsMixin, BaseSchema):
    """``POST /api/v1/feedback/<code>/privacy-requests``: proof of ownership and the right.

    The proof is the lookup token, or ``code``: the one-time code sent to the citizen's own
    channel by ``POST /api/v1/feedback/<code>/ownership-code`` (a phone number alone is not
    enough), or a Zalo Mini App user's token in ``Authorization``."""

    token = fields.String(validate=max_length(100))
    code = fields.String(validate=length(6, 6), metadata={
        "description": "Mã xác nhận 6 chữ số gửi đến Zalo, tin nhắn hoặc email"})
    phone = fields.String(validate=max_length(32), metadata={
        "description": "Không đủ để chứng minh: cần token hoặc code"})


class StaffRequestInSchema(RequestDetailsMixin, BaseSchema):
    """``POST /api/v1/staff/privacy-requests``: a request taken in person or by phone."""

    feedback_id = fields.Integer(required=True, validate=between(1, 2**31 - 1))


class RequestCreatedSchema(BaseSchema):
    """Answer to a citizen's request: dumps ``View(request, token=…[, lookup_token=…])``
    (the secrets are shown this once)."""

    code = computed(lambda r: display_code(r.code))
    token = fields.String()
    lookup_token = fields.String()
    kind = fields.String()
    kind_label = Label(messages.KIND_LABELS, attribute="kind")
    status = fields.String()
    received_at = LocalDateTime()
    acknowledge_due_at = LocalDateTime()
    due_at = LocalDateTime()


class RequestTokenArgsSchema(BaseSchema):
    """The request's secret."""

    token = fields.String(validate=max_length(100))


class CitizenRequestEventSchema(BaseSchema):
    """One step of a request, as its citizen sees it."""

    kind = fields.String()
    label = Label(messages.EVENT_LABELS, attribute="kind")
    at = LocalDateTime(attribute="created_at")


class CitizenRequestSchema(BaseSchema):
    """A request as its citizen sees it; ``data`` once an access request is done
    (``rights_requests.for_citizen``)."""

    code = computed(lambda r: display_code(r.code))
    kind = fields.String()
    kind_label = Label(messages.KIND_LABELS, attribute="kind")
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    feedback = computed(lambda r: display_code(r.feedback.tracking_code))
    received_at = LocalDateTime()
    acknowledge_due_at = LocalDateTime()
    due_at = LocalDateTime()
    completed_at = LocalDateTime()
    refusal_reason = fields.String(allow_none=True)
    timeline = fields.List(fields.Nested(CitizenRequestEventSchema), attribute="events")
    data = fields.Dict()


class StaffRequestArgsSchema(BaseSchema):
    """Queue filter."""

    status = fields.String(load_default="open", validate=one_of(("open", "all",
                                                                 *REQUEST_STATUSES)))
    limit = fields.Integer(load_default=50, validate=between(1, 200))
    offset = fields.Integer(load_default=0, validate=between(0, 100_000))


class StaffActionInSchema(BaseSchema):
    """Body of an action on a request."""

    reason = CleanString(validate=max_length(1000))
    note = CleanString(validate=max_length(4000))


class RequestEventSchema(BaseSchema):
    """One step of a request, with who took it."""

    kind = fields.String()
    actor = computed(lambda e: e.actor.username if e.actor else e.actor_label, allow_none=True)
    note = fields.String(allow_none=True)
    at = LocalDateTime(attribute="created_at")


class StaffRequestSchema(BaseSchema):
    """A request as staff see it (correction values only while open): dumps
    ``View(request, deadline=rights_requests.deadline_state(request))``."""

    id = fields.Integer()
    code = computed(lambda r: display_code(r.code))
    kind = fields.String()
    kind_label = Label(messages.KIND_LABELS, attribute="kind")
    channel = fields.String()
    status = fields.String()
    feedback_id = fields.Integer()
    feedback_code = computed(lambda r: display_code(r.feedback.tracking_code))
    unit_code = fields.String()
    details = computed(lambda r: r.details or {}, "object")
    result = fields.Dict(allow_none=True)
    received_at = LocalDateTime()
    acknowledge_due_at = LocalDateTime()
    due_at = LocalDateTime()
    deadline = fields.String(allow_none=True)
    acknowledged_at = LocalDateTime()
    extended_at = LocalDateTime()
    completed_at = LocalDateTime()
    refusal_reason = fields.String(allow_none=True)
    timeline = fields.List(fields.Nested(RequestEventSchema), attribute="events")


class StaffRequestPageSchema(BaseSchema):
    """A page of requests."""

    items = fields.List(fields.Nested(StaffRequestSchema))


class ExportSchema(BaseSchema):
    """The copy of a citizen's personal data (a completed export request)."""

    request = fields.String()
    generated_at = fields.String()
    data = fields.Dict()


class AccessLogArgsSchema(BaseSchema):
    """Filters of the contact-access log."""

    feedback_id = fields.Integer(validate=between(1, 2**31 - 1))
    staff_id = fields.Integer(validate=between(1, 2**31 - 1))
    before = fields.Integer(validate=between(1, MAX_ID))
    limit = fields.Integer(load_default=50, validate=between(1, 500))


class AccessEntrySchema(BaseSchema):
    """One showing of contact data: who, whose (a feedback item or a consultation comment),
    where and when."""

    id = fields.Integer()
    staff_id = fields.Integer()
    staff = fields.String(attribute="staff.username")
    feedback_id = fields.Integer(allow_none=True)
    feedback_code = computed(lambda row: display_code(row.feedback.tracking_code)
                             if row.feedback else None, allow_none=True)
    consultation_comment_id = fields.Integer(allow_none=True)
    consultation_id = computed(lambda row: row.comment.consultation_id if row.comment else None,
                               "integer", allow_none=True)
    surface = fields.String()
    at = LocalDateTime(attribute="created_at")


class AccessLogSchema(BaseSchema):
    """A page of the log, newest first."""

    items = fields.List(fields.Nested(AccessEntrySchema))
    next_before = fields.Integer(allow_none=True)
