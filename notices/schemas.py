"""Request and response schemas of the notices API: the staff view of a notice and the one
every public surface shows."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from core.clock import LOCAL_TZ
from core.schemas import (
    BaseSchema,
    CleanString,
    Derived,
    Label,
    LocalDateTime,
    Part,
    between,
    computed,
    length,
    max_length,
    one_of,
)
from core.urls import public_url
from notices import messages
from notices.models import CATEGORIES, PRIORITIES, STATUSES, Notice
from notices.public import latest_alert, risk
from notices.verification import service as verification


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


# --- responses: the schemas dump the notices ---------------------------------------------------
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
    actor = computed(lambda e: e.actor.username if e.actor else None, allow_none=True)
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    at = LocalDateTime(attribute="created_at")


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
    category_label = Label(messages.CATEGORY_LABELS, attribute="category")
    priority = fields.String()
    risk = Derived(NoticeRiskSchema, risk)
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    targets = fields.List(fields.String(), attribute="target_codes")
    publish_at = LocalDateTime()
    expires_at = LocalDateTime()
    published_at = LocalDateTime()
    ended_at = LocalDateTime()
    withdraw_reason = fields.String(allow_none=True)
    verification_code = computed(lambda n: verification.display(n.verification_code),
                                 allow_none=True)
    author = fields.String(attribute="author.username")
    approver = computed(lambda n: n.approver.username if n.approver else None, allow_none=True)
    created_at = LocalDateTime()


class NoticeStaffSchema(NoticeSummarySchema):
    """A notice with its body, images, log and versions: dumps ``View(notice,
    versions=…)``."""

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

    code = fields.String(attribute="category")
    label = Label(messages.CATEGORY_LABELS, attribute="category")


class NoticeImagePublicSchema(BaseSchema):
    """An image of a public notice."""

    url = computed(lambda i: public_url("notices_public.image", notice_id=i.notice_id,
                                        image_id=i.id))
    alt = fields.String()
    content_type = fields.String()


def _cap_link(notice: Notice) -> str | None:
    alert = latest_alert(notice) if notice.is_emergency else None
    return public_url("notices_feeds.cap_alert", alert_id=alert.id) if alert else None


class NoticeLinksSchema(BaseSchema):
    """Links of a public notice: itself, its check page and printable page (by
    verification code), and its CAP alert (emergencies)."""

    self = computed(lambda n: public_url("notices_public.notice", notice_id=n.id))
    verify = computed(lambda n: (verification.page_url(n.verification_code)
                                 if n.verification_code else None), allow_none=True)
    print = computed(lambda n: (public_url("verification_pages.printable",
                                           code=n.verification_code)
                                if n.verification_code else None), allow_none=True)
    cap = computed(_cap_link, allow_none=True)


class NoticeSignatureSchema(BaseSchema):
    """The Ed25519 signature of the version (notices/verification/signing.py)."""

    algorithm = fields.String()
    key_id = fields.String()
    value = fields.String()
    format = fields.String()
    keys = fields.String()


def _signature(notice: Notice) -> dict[str, Any] | None:
    """The version's signature block: ``View(notice, signature_row=…)`` when the caller
    fetched those of a whole page at once (``verification.signatures_for``), else read here."""
    try:
        row = notice.signature_row
    except AttributeError:
        row = verification.signatures_for([notice.id]).get(notice.id)
    return verification.signature_block(row)


class PublicNoticeSchema(BaseSchema):
    """A notice as every public surface shows it (needs a request context for URLs)."""

    id = fields.Integer()
    version = fields.Integer()
    corrected = computed(lambda n: n.version > 1, "boolean")
    title = fields.String()
    summary = fields.String()
    body = fields.String()
    category = Part(NoticeCategorySchema)
    priority = fields.String()
    priority_label = Label(messages.PRIORITY_LABELS, attribute="priority")
    risk = Derived(NoticeRiskSchema, risk)
    unit = fields.Nested(PublicBodySchema)
    targets = Derived(PublicBodySchema, lambda n: [t.unit for t in n.targets], many=True)
    published_at = LocalDateTime()
    expires_at = LocalDateTime()
    images = fields.List(fields.Nested(NoticeImagePublicSchema))
    verification_code = computed(lambda n: verification.display(n.verification_code),
                                 allow_none=True)
    signature = Derived(NoticeSignatureSchema, _signature)
    links = Part(NoticeLinksSchema)


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
