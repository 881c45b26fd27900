"""Request schemas of the staff notices API and the staff view of a notice."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from core.clock import LOCAL_TZ, isoformat_local
from core.schemas import BaseSchema, CleanString, between, length, max_length, one_of
from notices import messages
from notices.models import CATEGORIES, PRIORITIES, STATUSES, Notice
from notices.public import risk


def _when():
    # Times without an offset are read as Vietnam time.
    return fields.AwareDateTime(default_timezone=LOCAL_TZ, allow_none=True)


class NoticeInSchema(BaseSchema):
    """A new notice (draft)."""

    unit_code = fields.String(validate=length(2, 5))
    title = CleanString(required=True, single_line=True, validate=length(5, 200))
    summary = CleanString(required=True, validate=length(5, 500))
    body = fields.String(required=True, validate=length(1, 50000))
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    priority = fields.String(load_default="normal", validate=one_of(PRIORITIES))
    risk_level = fields.Integer(allow_none=True, strict=True, validate=between(1, 5))
    publish_at = _when()
    expires_at = _when()
    targets = fields.List(fields.String(validate=length(2, 5)), validate=length(1, 200))


class NoticeUpdateSchema(NoticeInSchema):
    """Changes to a draft or the content of a correction: every field optional."""

    class Meta(BaseSchema.Meta):
        exclude = ("unit_code",)

    title = CleanString(single_line=True, validate=length(5, 200))
    summary = CleanString(validate=length(5, 500))
    body = fields.String(validate=length(1, 50000))
    category = fields.String(validate=one_of(CATEGORIES))
    priority = fields.String(validate=one_of(PRIORITIES))


class ApproveSchema(BaseSchema):
    """Approval, optionally (re)scheduling the publish time."""

    publish_at = _when()


class ReasonSchema(BaseSchema):
    """A reason (withdrawal, rejection)."""

    reason = CleanString(required=True, validate=length(3, 500))


class StaffListArgsSchema(BaseSchema):
    """Filters of the staff list; ``before`` is the last id of the previous page."""

    status = fields.String(validate=one_of(STATUSES))
    before = fields.Integer(validate=between(1, 2**31 - 1))
    limit = fields.Integer(load_default=50, validate=between(1, 200))


class ImageFormSchema(BaseSchema):
    """Form fields sent with an image."""

    alt = CleanString(single_line=True, load_default="", validate=max_length(300))


def dump_staff(notice: Notice, with_details: bool = True,
               versions: list[Notice] | None = None) -> dict[str, Any]:
    """A notice as staff see it."""
    data: dict[str, Any] = {
        "id": notice.id,
        "series_id": notice.series_id,
        "version": notice.version,
        "supersedes_id": notice.supersedes_id,
        "unit_code": notice.unit_code,
        "title": notice.title,
        "summary": notice.summary,
        "category": notice.category,
        "category_label": messages.CATEGORY_LABELS[notice.category],
        "priority": notice.priority,
        "risk": risk(notice),
        "status": notice.status,
        "status_label": messages.STATUS_LABELS[notice.status],
        "targets": notice.target_codes,
        "publish_at": isoformat_local(notice.publish_at),
        "expires_at": isoformat_local(notice.expires_at),
        "published_at": isoformat_local(notice.published_at),
        "ended_at": isoformat_local(notice.ended_at),
        "withdraw_reason": notice.withdraw_reason,
        "author": notice.author.username,
        "approver": notice.approver.username if notice.approver else None,
        "created_at": isoformat_local(notice.created_at),
    }
    if with_details:
        data["body"] = notice.body
        data["images"] = [{"id": i.id, "alt": i.alt, "content_type": i.content_type,
                           "size": i.size} for i in notice.images]
        data["events"] = [{"kind": e.kind, "actor": e.actor.username if e.actor else None,
                           "from_status": e.from_status, "to_status": e.to_status,
                           "note": e.note, "at": isoformat_local(e.created_at)}
                          for e in notice.events]
        data["versions"] = [{"id": v.id, "version": v.version, "status": v.status}
                            for v in versions or []]
    return data


# --- response documentation (the views build these dicts themselves) ---------------------------
class NoticeRiskSchema(BaseSchema):
    """Risk level, official colour and label."""

    level = fields.Integer()
    colour = fields.String()
    label = fields.String()


class NoticeImageStaffSchema(BaseSchema):
    """An image of a notice, as staff see it."""

    id = fields.Integer()
    alt = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class NoticeEventSchema(BaseSchema):
    """One line of a notice's log."""

    kind = fields.String()
    actor = fields.String(allow_none=True)
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    at = fields.String()


class NoticeVersionSchema(BaseSchema):
    """A version of the same notice."""

    id = fields.Integer()
    version = fields.Integer()
    status = fields.String()


class NoticeSummarySchema(BaseSchema):
    """A notice in the staff list."""

    id = fields.Integer()
    series_id = fields.Integer()
    version = fields.Integer()
    supersedes_id = fields.Integer(allow_none=True)
    unit_code = fields.String()
    title = fields.String()
    summary = fields.String()
    category = fields.String()
    category_label = fields.String()
    priority = fields.String()
    risk = fields.Nested(NoticeRiskSchema, allow_none=True)
    status = fields.String()
    status_label = fields.String()
    targets = fields.List(fields.String())
    publish_at = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True)
    published_at = fields.String(allow_none=True)
    ended_at = fields.String(allow_none=True)
    withdraw_reason = fields.String(allow_none=True)
    author = fields.String()
    approver = fields.String(allow_none=True)
    created_at = fields.String()


class NoticeStaffSchema(NoticeSummarySchema):
    """A notice with its body, images, log and versions."""

    body = fields.String()
    images = fields.List(fields.Nested(NoticeImageStaffSchema))
    events = fields.List(fields.Nested(NoticeEventSchema))
    versions = fields.List(fields.Nested(NoticeVersionSchema))


class NoticePageSchema(BaseSchema):
    """A page of the staff list; ``next`` is the ``before`` of the next page."""

    items = fields.List(fields.Nested(NoticeSummarySchema))
    next = fields.Integer(allow_none=True)


class NoticeChannelCountSchema(BaseSchema):
    """Deliveries of one channel in one status."""

    channel = fields.String()
    status = fields.String()
    count = fields.Integer()


class NoticeDeliveriesSchema(BaseSchema):
    """Where a notice was sent."""

    notice_id = fields.Integer()
    total = fields.Integer()
    by_channel = fields.List(fields.Nested(NoticeChannelCountSchema))


class PublicBodySchema(BaseSchema):
    """A unit named as a public body."""

    code = fields.String()
    name = fields.String()


class NoticeCategorySchema(BaseSchema):
    """A notice category and its label."""

    code = fields.String()
    label = fields.String()


class NoticeImagePublicSchema(BaseSchema):
    """An image of a public notice."""

    url = fields.String()
    alt = fields.String()
    content_type = fields.String()


class NoticeLinksSchema(BaseSchema):
    """Links of a public notice."""

    self = fields.String()
    cap = fields.String(allow_none=True)


class PublicNoticeSchema(BaseSchema):
    """A notice as every public surface shows it."""

    id = fields.Integer()
    version = fields.Integer()
    corrected = fields.Boolean()
    title = fields.String()
    summary = fields.String()
    body = fields.String()
    category = fields.Nested(NoticeCategorySchema)
    priority = fields.String()
    priority_label = fields.String()
    risk = fields.Nested(NoticeRiskSchema, allow_none=True)
    unit = fields.Nested(PublicBodySchema)
    targets = fields.List(fields.Nested(PublicBodySchema))
    published_at = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True)
    images = fields.List(fields.Nested(NoticeImagePublicSchema))
    links = fields.Nested(NoticeLinksSchema)


class NoticeUnitSchema(PublicBodySchema):
    """The unit whose notices are listed."""

    level = fields.String()


class UnitNoticesSchema(BaseSchema):
    """One page of a unit's current notices."""

    unit = fields.Nested(NoticeUnitSchema)
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    items = fields.List(fields.Nested(PublicNoticeSchema))
