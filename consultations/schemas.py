"""Request and response schemas of the consultations API: what each audience sees."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validates_schema

from consultations import messages
from consultations.models import CHANNELS, COMMENT_STATUSES, DECISIONS
from core.schemas import (
    BaseSchema,
    CleanString,
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
from privacy.schemas import ConsentSchema, ContactSchema

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
    author = fields.Nested(ContactSchema)
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


# --- responses -------------------------------------------------------------------------------
# Routes hand these schemas the rows, wrapped in a ``View`` where a response needs values the
# row does not hold: ``status`` (``service.status_of``), comment counts, the staff member's
# right to see contact data (``show_contact``: the route decides it and logs the showing).
class ConsultationUnitSchema(BaseSchema):
    """A unit named as a public body."""

    code = fields.String()
    name = fields.String()


class ConsultationLinksSchema(BaseSchema):
    """Where the consultation is."""

    self = computed(lambda item: public_url("consultations_public.detail",
                                            consultation_id=item.id))


def _section_number(row) -> int | None:
    return row.section.number if row.section else None


class PublicResponseSchema(BaseSchema):
    """Staff's answer to a group of comments, as published."""

    id = fields.Integer()
    decision = fields.String()
    decision_label = Label(messages.DECISION_LABELS, attribute="decision")
    body = fields.String()
    at = LocalDateTime(attribute="created_at")


class PublicSummarySchema(BaseSchema):
    """A consultation in a public list (public bodies only, no personal data)."""

    id = fields.Integer()
    title = fields.String()
    unit = fields.Nested(ConsultationUnitSchema)
    office = fields.String(attribute="office.name")
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    opens_at = LocalDateTime()
    closes_at = LocalDateTime()
    comment_count = fields.Integer()
    links = Part(ConsultationLinksSchema)


class UnitConsultationsSchema(BaseSchema):
    """``GET /api/v1/units/<code>/consultations``."""

    unit = fields.Nested(ConsultationUnitSchema)
    items = fields.List(fields.Nested(PublicSummarySchema))


class ConsultationSectionSchema(BaseSchema):
    """One part of the draft and its number of comments."""

    number = fields.Integer()
    label = fields.String()
    title = fields.String()
    body = fields.String()
    comment_count = fields.Integer()


class ConsultationAttachmentSchema(BaseSchema):
    """A file of the draft."""

    id = fields.Integer()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class PublicConsultationAttachmentSchema(ConsultationAttachmentSchema):
    """A file of the draft and where to get it."""

    url = computed(lambda a: public_url("consultations_public.attachment",
                                        consultation_id=a.consultation_id, attachment_id=a.id))


class PublishedSummarySchema(BaseSchema):
    """What was accepted and why, with the answers to each group of comments."""

    text = fields.String(attribute="summary")
    published_at = LocalDateTime(attribute="summary_published_at")
    responses = fields.List(fields.Nested(PublicResponseSchema))


class PublicConsultationSchema(PublicSummarySchema):
    """The draft with comment counts per section, attachments, and the summary."""

    description = fields.String()
    targets = fields.List(fields.String(), attribute="target_codes")
    whole_draft_comment_count = fields.Integer()
    sections = fields.List(fields.Nested(ConsultationSectionSchema))
    attachments = fields.List(fields.Nested(PublicConsultationAttachmentSchema))
    summary = Part(PublishedSummarySchema, when=lambda item: item.summary_published_at)


class PublicCommentSchema(BaseSchema):
    """A published comment: the masked text, its section, the answer; nothing about who."""

    id = fields.Integer()
    section = computed(_section_number, "integer", allow_none=True)
    body = fields.String(attribute="public_body")
    created_at = LocalDateTime()
    response = fields.Nested(PublicResponseSchema, allow_none=True)


class PublicCommentPageSchema(BaseSchema):
    """A page of published comments."""

    consultation_id = fields.Integer()
    total = fields.Integer()
    items = fields.List(fields.Nested(PublicCommentSchema))


class CommentCreatedSchema(BaseSchema):
    """Answer to a comment."""

    id = fields.Integer()
    consultation_id = fields.Integer()
    section = fields.Integer(allow_none=True)
    status = fields.String()
    message = fields.String()


class StaffConsultationListItemSchema(BaseSchema):
    """A consultation in the staff list."""

    id = fields.Integer()
    unit_code = fields.String()
    title = fields.String()
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    announced = computed(lambda item: item.announced_at is not None, "boolean")
    comments = fields.Integer()


class StaffConsultationListSchema(BaseSchema):
    """The consultations in the staff member's scope."""

    items = fields.List(fields.Nested(StaffConsultationListItemSchema))


class NoticeRefSchema(BaseSchema):
    """The announcement's notice (latest version)."""

    id = fields.Integer()
    status = fields.String()


class StaffConsultationSchema(BaseSchema):
    """A consultation as staff see it."""

    id = fields.Integer()
    unit_code = fields.String()
    title = fields.String()
    description = fields.String()
    office_id = fields.Integer()
    office = fields.String(attribute="office.name")
    status = fields.String()
    status_label = Label(messages.STATUS_LABELS, attribute="status")
    opens_at = LocalDateTime()
    closes_at = LocalDateTime()
    targets = fields.List(fields.String(), attribute="target_codes")
    sections = fields.List(fields.Nested(ConsultationSectionSchema))
    whole_draft_comment_count = fields.Integer()
    attachments = fields.List(fields.Nested(ConsultationAttachmentSchema))
    notice = fields.Nested(NoticeRefSchema, allow_none=True)
    announced_at = LocalDateTime()
    summary = fields.String(allow_none=True)
    summary_published_at = LocalDateTime()
    author = fields.String(attribute="author.username")
    created_at = LocalDateTime()


class CommentAuthorSchema(BaseSchema):
    """Who wrote a comment (staff allowed to see contact data only)."""

    name = fields.String(attribute="author_name", allow_none=True)
    phone = fields.String(attribute="author_phone", allow_none=True)
    email = fields.String(attribute="author_email", allow_none=True)


class CommentHiddenSchema(BaseSchema):
    """Why, by whom and when a comment was hidden."""

    reason = fields.String(attribute="hidden_reason")
    by = computed(lambda row: row.hidden_by.username if row.hidden_by else None,
                  allow_none=True)
    at = LocalDateTime(attribute="hidden_at")


def _shows_contact(row) -> bool:
    return bool(getattr(row, "show_contact", False))


class StaffCommentSchema(BaseSchema):
    """A comment for staff: the original text and contact data only with ``show_contact``
    (viewers get the masked text), consent and moderation."""

    id = fields.Integer()
    consultation_id = fields.Integer()
    section = computed(_section_number, "integer", allow_none=True)
    channel = fields.String()
    body = computed(lambda row: row.body if _shows_contact(row) else row.public_body)
    public_body = fields.String()
    author = Part(CommentAuthorSchema,
                  when=lambda row: _shows_contact(row) and not row.is_anonymous)
    contact_erased_at = LocalDateTime(attribute="personal_data_erased_at")
    is_anonymous = fields.Boolean()
    has_zalo = computed(lambda row: bool(row.zalo_user_id or row.zalo_app_user_id), "boolean")
    consent = fields.Dict(allow_none=True)
    status = fields.String()
    hidden = Part(CommentHiddenSchema, when=lambda row: row.hidden_at)
    tags = fields.List(fields.String(), attribute="tag_names")
    response_id = fields.Integer(allow_none=True)
    created_at = LocalDateTime()


class StaffCommentPageSchema(BaseSchema):
    """A page of comments for staff."""

    consultation_id = fields.Integer()
    total = fields.Integer()
    items = fields.List(fields.Nested(StaffCommentSchema))


class StaffResponseSchema(PublicResponseSchema):
    """An answer to a group of comments, its author and the comments it answers."""

    author = fields.String(attribute="author.username")
    comment_ids = fields.List(fields.Integer())


class StaffResponsesSchema(BaseSchema):
    """The answers of a consultation."""

    items = fields.List(fields.Nested(StaffResponseSchema))


class SectionCountSchema(BaseSchema):
    """Comments on one section (``null``: the whole draft)."""

    section = fields.Integer(allow_none=True)
    label = fields.String()
    count = fields.Integer()


class ChannelCountSchema(BaseSchema):
    """Comments from one channel."""

    channel = fields.String()
    label = fields.String()
    count = fields.Integer()


class TagCountSchema(BaseSchema):
    """Comments with one tag."""

    tag = fields.String()
    count = fields.Integer()


class ConsultationStatisticsSchema(BaseSchema):
    """Comments per section, per channel, per tag, and hidden ones."""

    consultation_id = fields.Integer()
    status = fields.String()
    total = fields.Integer()
    published = fields.Integer()
    hidden = fields.Integer()
    answered = fields.Integer()
    by_section = fields.List(fields.Nested(SectionCountSchema))
    by_channel = fields.List(fields.Nested(ChannelCountSchema))
    by_tag = fields.List(fields.Nested(TagCountSchema))


class ConsultationStatisticsItemSchema(BaseSchema):
    """One consultation's comments, per channel."""

    id = fields.Integer()
    title = fields.String()
    unit_code = fields.String()
    status = fields.String()
    comments = fields.Integer()
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer())


class ConsultationStatisticsAllSchema(BaseSchema):
    """Comments of every consultation in scope."""

    items = fields.List(fields.Nested(ConsultationStatisticsItemSchema))


class ConsultationDeliveryCountSchema(BaseSchema):
    """Messages of one channel in one status."""

    channel = fields.String()
    status = fields.String()
    count = fields.Integer()


class ConsultationDeliveriesSchema(BaseSchema):
    """Messages telling commenters of the summary."""

    consultation_id = fields.Integer()
    total = fields.Integer()
    by_channel = fields.List(fields.Nested(ConsultationDeliveryCountSchema))
