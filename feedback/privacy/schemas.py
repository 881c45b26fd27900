"""Schemas of the personal-data API."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validates_schema

from core.clock import isoformat_local
from core.codes import display_code
from core.db import MAX_ID
from core.phones import to_e164
from core.schemas import BaseSchema, CleanString, between, length, max_length, one_of
from feedback import messages as feedback_messages
from feedback.privacy import messages
from feedback.privacy.models import REQUEST_KINDS, REQUEST_STATUSES


class SectionSchema(BaseSchema):
    """A heading and its paragraphs."""

    heading = fields.String()
    paragraphs = fields.List(fields.String())


class NoticeSchema(BaseSchema):
    """One version of the privacy notice."""

    version = fields.String()
    title = fields.String()
    summary = fields.String()
    consent_text = fields.String()
    effective_at = fields.String()
    url = fields.String()
    sections = fields.List(fields.Nested(SectionSchema))
    is_current = fields.Boolean()
    versions = fields.List(fields.Dict())


class CorrectionSchema(BaseSchema):
    """New contact values for a correction request."""

    name = CleanString(single_line=True, validate=length(1, 120))
    phone = fields.String(validate=max_length(32))
    email = fields.Email(validate=max_length(254))

    @post_load
    def _phone(self, data, **kwargs):
        if "phone" in data:
            e164 = to_e164(data["phone"])
            if e164 is None:
                raise ValidationError({"phone": [feedback_messages.PHONE_INVALID]})
            data["phone"] = e164
        return data


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
    """The new request and its secret (shown once)."""

    code = fields.String()
    token = fields.String()
    lookup_token = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    status = fields.String()
    received_at = fields.String()
    acknowledge_due_at = fields.String()
    due_at = fields.String()


class RequestTokenArgsSchema(BaseSchema):
    """The request's secret."""

    token = fields.String(validate=max_length(100))


class CitizenRequestSchema(BaseSchema):
    """A request as its citizen sees it."""

    code = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    status = fields.String()
    status_label = fields.String()
    feedback = fields.String()
    received_at = fields.String()
    acknowledge_due_at = fields.String()
    due_at = fields.String()
    completed_at = fields.String(allow_none=True)
    refusal_reason = fields.String(allow_none=True)
    timeline = fields.List(fields.Dict())
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


class StaffRequestSchema(BaseSchema):
    """A request as staff see it (correction values only while open)."""

    id = fields.Integer()
    code = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    channel = fields.String()
    status = fields.String()
    feedback_id = fields.Integer()
    feedback_code = fields.String()
    unit_code = fields.String()
    details = fields.Dict()
    result = fields.Dict(allow_none=True)
    received_at = fields.String()
    acknowledge_due_at = fields.String()
    due_at = fields.String()
    deadline = fields.String(allow_none=True)
    acknowledged_at = fields.String(allow_none=True)
    extended_at = fields.String(allow_none=True)
    completed_at = fields.String(allow_none=True)
    refusal_reason = fields.String(allow_none=True)
    timeline = fields.List(fields.Dict())


class StaffRequestPageSchema(BaseSchema):
    """A page of requests."""

    items = fields.List(fields.Nested(StaffRequestSchema))


class AccessLogArgsSchema(BaseSchema):
    """Filters of the contact-access log."""

    feedback_id = fields.Integer(validate=between(1, 2**31 - 1))
    staff_id = fields.Integer(validate=between(1, 2**31 - 1))
    before = fields.Integer(validate=between(1, MAX_ID))
    limit = fields.Integer(load_default=50, validate=between(1, 500))


class AccessLogSchema(BaseSchema):
    """A page of the log, newest first."""

    items = fields.List(fields.Dict())
    next_before = fields.Integer(allow_none=True)


def dump_notice(notice, url: str, current_version: str | None = None,
                all_versions: list | None = None) -> dict:
    """A notice version for the JSON API."""
    data = {
        "version": notice.version, "title": notice.title, "summary": notice.summary,
        "consent_text": notice.consent_text, "effective_at": isoformat_local(notice.effective_at),
        "url": url, "sections": notice.sections,
        "is_current": notice.version == current_version,
    }
    if all_versions is not None:
        data["versions"] = all_versions
    return data


def dump_staff_request(request, deadline: str | None) -> dict:
    """A request for staff."""
    return {
        "id": request.id, "code": display_code(request.code), "kind": request.kind,
        "kind_label": messages.KIND_LABELS[request.kind], "channel": request.channel,
        "status": request.status, "feedback_id": request.feedback_id,
        "feedback_code": display_code(request.feedback.tracking_code),
        "unit_code": request.unit_code, "details": request.details or {},
        "result": request.result,
        "received_at": isoformat_local(request.received_at),
        "acknowledge_due_at": isoformat_local(request.acknowledge_due_at),
        "due_at": isoformat_local(request.due_at), "deadline": deadline,
        "acknowledged_at": isoformat_local(request.acknowledged_at),
        "extended_at": isoformat_local(request.extended_at),
        "completed_at": isoformat_local(request.completed_at),
        "refusal_reason": request.refusal_reason,
        "timeline": [{"kind": e.kind, "actor": e.actor.username if e.actor else e.actor_label,
                      "note": e.note, "at": isoformat_local(e.created_at)}
                     for e in request.events],
    }


def dump_access(row) -> dict:
    """One log row."""
    return {"id": row.id, "staff_id": row.staff_id, "staff": row.staff.username,
            "feedback_id": row.feedback_id,
            "feedback_code": display_code(row.feedback.tracking_code) if row.feedback else None,
            "consultation_comment_id": row.consultation_comment_id,
            "consultation_id": row.comment.consultation_id if row.comment else None,
            "surface": row.surface, "at": isoformat_local(row.created_at)}
