"""Request schemas of the consultations API, and the dumps of what each audience sees."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from core.clock import isoformat_local
from core.urls import public_url
from core.schemas import BaseSchema, CleanString, between, length, max_length, one_of
from consultations import messages
from consultations.models import CHANNELS, COMMENT_STATUSES, DECISIONS
from feedback.schemas import ConsentSchema, ReporterSchema

PUBLIC_CHANNELS = ("web", "widget", "api", "miniapp")


class SectionInSchema(BaseSchema):
    """One numbered part of the draft; numbers follow the list order."""

    label = CleanString(single_line=True, validate=length(1, 40))
    title = CleanString(required=True, single_line=True, validate=length(1, 300))
    body = CleanString(validate=max_length(20000))


class ConsultationInSchema(BaseSchema):
    """``POST /api/v1/staff/consultations``."""

    unit_code = fields.String(validate=length(2, 5))
    title = CleanString(required=True, single_line=True, validate=length(5, 200))
    description = CleanString(required=True, validate=length(1, 8000))
    office_id = fields.Integer(required=True, validate=between(1, 2**31 - 1))
    opens_at = fields.AwareDateTime(required=True)
    closes_at = fields.AwareDateTime(required=True)
    targets = fields.List(fields.String(validate=length(2, 5)), validate=max_length(200))
    sections = fields.List(fields.Nested(SectionInSchema), required=True,
                           validate=length(1, 200))


class ConsultationUpdateSchema(ConsultationInSchema):
    """``PATCH``: any field of the draft, before the announcement."""

    class Meta(ConsultationInSchema.Meta):
        exclude = ("unit_code",)


class CommentInSchema(BaseSchema):
    """``POST /api/v1/consultations/<id>/comments``: the same contact and consent rules as
    feedback (anonymous, or a name with a phone or e-mail and consent)."""

    section = fields.Integer(allow_none=True, load_default=None, strict=True,
                             validate=between(1, 1000))
    body = CleanString(required=True, validate=length(5, 4000))
    author = fields.Nested(ReporterSchema)
    consent = fields.Nested(ConsentSchema)
    anonymous = fields.Boolean(load_default=False)
    channel = fields.String(load_default="api", validate=one_of(PUBLIC_CHANNELS))

    @validates_schema
    def _contact_and_consent(self, data, **kwargs):
        author = data.get("author") or {}
        if data.get("anonymous"):
            if author:
                raise ValidationError(messages.ANONYMOUS_WITH_CONTACT, "author")
            return
        if not author.get("name"):
            raise ValidationError(messages.NAME_REQUIRED, "author")
        if not (author.get("phone") or author.get("email")):
            raise ValidationError(messages.CONTACT_REQUIRED, "author")
        if not data.get("consent"):
            raise ValidationError(messages.CONSENT_REQUIRED, "consent")


class HideReasonSchema(BaseSchema):
    """Why a comment is hidden."""

    reason = CleanString(required=True, validate=length(1, 500))


class TagsSchema(BaseSchema):
    """A comment's tags (replaces them)."""

    tags = fields.List(CleanString(single_line=True, validate=length(1, 40)), required=True,
                       validate=max_length(20))


class ResponseInSchema(BaseSchema):
    """One answer to a group of comments."""

    comment_ids = fields.List(fields.Integer(validate=between(1, 2**31 - 1)), required=True,
                              validate=length(1, 500))
    decision = fields.String(required=True, validate=one_of(DECISIONS))
    body = CleanString(required=True, validate=length(1, 8000))


class SummaryInSchema(BaseSchema):
    """What was accepted and why."""

    summary = CleanString(required=True, validate=length(1, 20000))


class StaffCommentArgsSchema(BaseSchema):
    """Staff comment filters."""

    section = fields.Integer(validate=between(0, 1000))  # 0: the whole draft
    status = fields.String(validate=one_of(COMMENT_STATUSES))
    channel = fields.String(validate=one_of(CHANNELS))
    tag = fields.String(validate=max_length(40))
    unanswered = fields.Boolean()
    offset = fields.Integer(load_default=0, validate=between(0, 10**6))
    limit = fields.Integer(load_default=50, validate=between(1, 200))


class PublicCommentArgsSchema(BaseSchema):
    """Public comment filters."""

    section = fields.Integer(validate=between(0, 1000))  # 0: the whole draft
    offset = fields.Integer(load_default=0, validate=between(0, 10**6))
    limit = fields.Integer(load_default=20, validate=between(1, 100))


# --- dumps ----------------------------------------------------------------------------------------
def _window(item, status: str) -> dict[str, Any]:
    return {"status": status, "status_label": messages.STATUS_LABELS[status],
            "opens_at": isoformat_local(item.opens_at),
            "closes_at": isoformat_local(item.closes_at)}


def dump_response_public(response) -> dict[str, Any] | None:
    """Staff's answer to a group, as published."""
    if response is None:
        return None
    return {"id": response.id, "decision": response.decision,
            "decision_label": messages.DECISION_LABELS[response.decision],
            "body": response.body, "at": isoformat_local(response.created_at)}


def dump_public_summary(item, status: str, total: int) -> dict[str, Any]:
    """A consultation in a public list (no personal data: public bodies only)."""
    return {
        "id": item.id, "title": item.title,
        "unit": {"code": item.unit.code, "name": item.unit.name},
        "office": item.office.name, **_window(item, status), "comment_count": total,
        "links": {"self": public_url("consultations_public.detail", consultation_id=item.id)},
    }


def dump_public(item, status: str, counts: dict, responses: list) -> dict[str, Any]:
    """The draft with comment counts per section, attachments, and the summary."""
    data = dump_public_summary(item, status, sum(counts.values()))
    data.update({
        "description": item.description,
        "targets": [t.unit_code for t in item.targets],
        "whole_draft_comment_count": counts.get(None, 0),
        "sections": [{"number": s.number, "label": s.label, "title": s.title, "body": s.body,
                      "comment_count": counts.get(s.id, 0)} for s in item.sections],
        "attachments": [{"id": a.id, "filename": a.filename, "content_type": a.content_type,
                         "size": a.size,
                         "url": public_url("consultations_public.attachment",
                                           consultation_id=item.id, attachment_id=a.id)}
                        for a in item.attachments],
        "summary": ({"text": item.summary,
                     "published_at": isoformat_local(item.summary_published_at),
                     "responses": [dump_response_public(r) for r in responses]}
                    if item.summary_published_at else None),
    })
    return data


def dump_comment_public(row) -> dict[str, Any]:
    """A published comment: the masked text, its section, the answer; nothing about who."""
    return {"id": row.id, "section": row.section.number if row.section else None,
            "body": row.public_body, "created_at": isoformat_local(row.created_at),
            "response": dump_response_public(row.response)}


def dump_comment_staff(row, *, show_contact: bool) -> dict[str, Any]:
    """A comment for staff: the original text and contact data (not for viewers, who get
    the masked text: the caller decides, and logs the showing), consent and moderation."""
    return {
        "id": row.id, "consultation_id": row.consultation_id,
        "section": row.section.number if row.section else None,
        "channel": row.channel, "body": row.body if show_contact else row.public_body,
        "public_body": row.public_body,
        "author": (None if row.is_anonymous or not show_contact else {
            "name": row.author_name, "phone": row.author_phone, "email": row.author_email}),
        "contact_erased_at": isoformat_local(row.personal_data_erased_at),
        "is_anonymous": row.is_anonymous, "has_zalo": bool(row.zalo_user_id
                                                          or row.zalo_app_user_id),
        "consent": row.consent, "status": row.status,
        "hidden": ({"reason": row.hidden_reason,
                    "by": row.hidden_by.username if row.hidden_by else None,
                    "at": isoformat_local(row.hidden_at)} if row.hidden_at else None),
        "tags": row.tag_names, "response_id": row.response_id,
        "created_at": isoformat_local(row.created_at),
    }


def dump_staff(item, status: str, counts: dict, notice=None) -> dict[str, Any]:
    """A consultation as staff see it."""
    return {
        "id": item.id, "unit_code": item.unit_code, "title": item.title,
        "description": item.description, "office_id": item.office_id,
        "office": item.office.name, **_window(item, status),
        "targets": item.target_codes,
        "sections": [{"number": s.number, "label": s.label, "title": s.title, "body": s.body,
                      "comment_count": counts.get(s.id, 0)} for s in item.sections],
        "whole_draft_comment_count": counts.get(None, 0),
        "attachments": [{"id": a.id, "filename": a.filename, "content_type": a.content_type,
                         "size": a.size} for a in item.attachments],
        "notice": ({"id": notice.id, "status": notice.status} if notice else None),
        "announced_at": isoformat_local(item.announced_at),
        "summary": item.summary,
        "summary_published_at": isoformat_local(item.summary_published_at),
        "author": item.author.username,
        "created_at": isoformat_local(item.created_at),
    }


def dump_response_staff(response) -> dict[str, Any]:
    """A response with its comments' ids."""
    return {**dump_response_public(response), "author": response.author.username}
