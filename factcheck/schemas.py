"""Request and response schemas of the false-information reports (citizens and staff)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from core.clock import LOCAL_TZ, now
from core.codes import display_code
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
from factcheck import grouping, messages
from factcheck.models import PRIORITIES, VERDICTS
from privacy.schemas import ConsentSchema, ContactSchema

PUBLIC_CHANNELS = ("web", "widget", "api", "miniapp")
NOTIFY_CHOICES = ("zalo", "sms", "email")


class ReportInSchema(BaseSchema):
    """``POST /api/v1/misinformation-reports``: what the citizen saw; at least a link, a
    text or a screenshot (multipart field ``image``)."""

    unit_code = fields.String(required=True, validate=length(5, 5))
    link = CleanString(single_line=True, validate=max_length(2000), metadata={
        "description": "Đường dẫn đến tin (http hoặc https)"})
    content = CleanString(validate=length(5, 4000), metadata={
        "description": "Nội dung tin được chuyển tiếp hoặc chép lại"})
    seen_where = CleanString(single_line=True, validate=max_length(300), metadata={
        "description": "Nơi nhìn thấy tin (nhóm Zalo, trang Facebook…)"})
    seen_at = fields.AwareDateTime(default_timezone=LOCAL_TZ, metadata={
        "description": "Thời điểm nhìn thấy tin (giờ Việt Nam nếu không ghi múi giờ)"})
    reporter = fields.Nested(ContactSchema)
    consent = fields.Nested(ConsentSchema)
    notify_via = fields.String(validate=one_of(NOTIFY_CHOICES))
    channel = fields.String(load_default="api", validate=one_of(PUBLIC_CHANNELS))

    @validates_schema
    def _checks(self, data: dict[str, Any], **kwargs: Any) -> None:
        link = data.get("link")
        if link and (not link.lower().startswith(("http://", "https://"))
                     or grouping.url_key(link) is None):
            raise ValidationError(messages.LINK_INVALID, "link")
        if data.get("seen_at") and data["seen_at"] > now():
            raise ValidationError(messages.SEEN_AT_FUTURE, "seen_at")
        reporter = data.get("reporter") or {}
        if reporter.get("name") and not (reporter.get("phone") or reporter.get("email")):
            raise ValidationError(messages.NAME_NEEDS_CONTACT, "reporter")
        if (reporter.get("phone") or reporter.get("email")) and not data.get("consent"):
            raise ValidationError(messages.CONTACT_NEEDS_CONSENT, "consent")


class StaffReportInSchema(ReportInSchema):
    """``POST /api/v1/staff/misinformation-reports``: a report received by phone."""

    class Meta(BaseSchema.Meta):
        exclude = ("channel",)


class ReportCreatedSchema(BaseSchema):
    """The answer to a report: its tracking code at once."""

    tracking_code = fields.String(required=True)
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    due_at = fields.String(required=True)
    unit = fields.String(required=True)


class ReportStatusSchema(BaseSchema):
    """What anyone with the code sees: the case's status and verdict, never the report's
    content or the reporter. Dumps a report in a ``View`` with ``clarification`` (the link
    to the published clarification, if any)."""

    tracking_code = computed(lambda row: display_code(row.tracking_code))
    status = fields.String(attribute="case.status")
    status_label = Label(messages.STATUS_LABELS, attribute="case.status")
    verdict = fields.String(attribute="case.verdict", allow_none=True)
    verdict_label = Label(messages.VERDICT_LABELS, attribute="case.verdict", allow_none=True)
    note = computed(lambda row: row.case.verdict_note if row.case.status == "closed" else None,
                    allow_none=True)
    forwarded_to = fields.String(attribute="case.forwarded_to", allow_none=True)
    clarification = fields.String(allow_none=True, metadata={
        "description": "Đường dẫn đến thông tin chính thức đã đăng"})
    reported_at = LocalDateTime(attribute="created_at")


# --- staff -------------------------------------------------------------------------------------
class CaseListArgsSchema(BaseSchema):
    """Queue filter: open (default), closed, clarifying or all."""

    status = fields.String(load_default="open",
                           validate=one_of(("open", "clarifying", "closed", "all")))
    limit = fields.Integer(load_default=50, validate=between(1, 200))
    offset = fields.Integer(load_default=0, validate=between(0, 100000))


class VerdictInSchema(BaseSchema):
    """A verdict: false, misleading, true or not ours (with the body it was forwarded to)."""

    verdict = fields.String(required=True, validate=one_of(VERDICTS))
    note = CleanString(validate=length(3, 2000), metadata={
        "description": "Kết luận gửi cho người báo tin"})
    forwarded_to = CleanString(single_line=True, validate=length(2, 200))


class ClarificationInSchema(BaseSchema):
    """The official clarification (a notice; its category is set by the service)."""

    title = CleanString(required=True, single_line=True, validate=length(5, 200))
    summary = CleanString(required=True, validate=length(5, 500))
    body = fields.String(required=True, validate=length(1, 50000))
    priority = fields.String(validate=one_of(("normal", "priority", "emergency")))
    expires_at = fields.AwareDateTime(default_timezone=LOCAL_TZ, allow_none=True)


class PriorityInSchema(BaseSchema):
    """Emergency or normal."""

    priority = fields.String(required=True, validate=one_of(PRIORITIES))


class StaffReportSchema(BaseSchema):
    """One report as staff see it (contact data never: staff answer through the service)."""

    id = fields.Integer()
    tracking_code = computed(lambda row: display_code(row.tracking_code))
    channel = fields.String()
    link = fields.String(allow_none=True)
    content = fields.String(allow_none=True)
    seen_where = fields.String(allow_none=True)
    seen_at = LocalDateTime()
    has_image = computed(lambda row: row.image_key is not None, "boolean")
    can_be_told = computed(lambda row: bool(row.notify_routes), "boolean")
    told_at = LocalDateTime()
    created_at = LocalDateTime()


class CaseEventSchema(BaseSchema):
    """One step of a case's timeline."""

    kind = fields.String()
    label = computed(lambda event: messages.EVENT_LABELS.get(event.kind, event.kind))
    note = fields.String(allow_none=True)
    at = LocalDateTime(attribute="created_at")


class StaffCaseSummarySchema(BaseSchema):
    """A case in the queue: status, deadline and verdict, without its reports."""

    id = fields.Integer()
    unit_code = fields.String()
    office = fields.String(attribute="office.name")
    title = fields.String()
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    priority = fields.String()
    due_at = LocalDateTime()
    is_overdue = fields.Boolean()
    report_count = fields.Integer()
    verdict = fields.String(allow_none=True)
    verdict_label = Label(messages.VERDICT_LABELS, attribute="verdict", allow_none=True)
    verdict_note = fields.String(allow_none=True)
    forwarded_to = fields.String(allow_none=True)
    verdict_at = LocalDateTime()
    notice_id = fields.Integer(allow_none=True)
    clarified_at = LocalDateTime()
    closed_at = LocalDateTime()
    created_at = LocalDateTime()


class StaffCaseSchema(StaffCaseSummarySchema):
    """A case: its reports, verdict, clarification and timeline."""

    reports = fields.List(fields.Nested(StaffReportSchema))
    events = fields.List(fields.Nested(CaseEventSchema))


class StaffCasePageSchema(BaseSchema):
    """A page of the queue."""

    items = fields.List(fields.Nested(StaffCaseSummarySchema))
