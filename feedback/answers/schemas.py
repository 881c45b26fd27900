"""Schemas of the published-answers API."""

from __future__ import annotations

from marshmallow import fields

from core.schemas import BaseSchema, CleanString, LocalDateTime, between, length, max_length


class AnswerSearchArgsSchema(BaseSchema):
    """``GET /api/v1/answers`` filters."""

    unit = fields.String(validate=length(2, 5))
    category = fields.String(validate=max_length(40))
    q = fields.String(validate=max_length(200))
    limit = fields.Integer(load_default=20, validate=between(1, 50))
    offset = fields.Integer(load_default=0, validate=between(0, 1000))


class PublicAnswerSchema(BaseSchema):
    """A published question and answer (no personal data: the texts were masked and
    reviewed before publication)."""

    id = fields.Integer()
    unit_code = fields.String()
    unit = fields.String(attribute="unit.name")
    category_code = fields.String(attribute="category.code")
    category = fields.String(attribute="category.name")
    title = fields.String()
    question = fields.String()
    answer = fields.String()
    published_at = LocalDateTime()


class AnswerPageSchema(BaseSchema):
    """A page of search results."""

    items = fields.List(fields.Nested(PublicAnswerSchema))
    next_offset = fields.Integer(allow_none=True)


class PublicTextsSchema(BaseSchema):
    """The three public texts."""

    title = fields.String()
    question = fields.String()
    answer = fields.String()


class PreviewSchema(BaseSchema):
    """What is, or would be, public for an item."""

    feedback_id = fields.Integer()
    is_published = fields.Boolean()
    published = fields.Nested(PublicTextsSchema, allow_none=True)
    published_at = LocalDateTime()
    exact_location = fields.Boolean()
    proposal = fields.Nested(PublicTextsSchema)


class PublishInSchema(BaseSchema):
    """A reviewer's edits; omitted parts use the masked proposal. ``exact_location``
    publishes the item's coordinates as given (default: rounded to about 100 m)."""

    title = CleanString(single_line=True, validate=length(2, 200))
    question = CleanString(validate=length(2, 8000))
    answer = CleanString(validate=length(2, 8000))
    exact_location = fields.Boolean(metadata={
        "description": "Công khai đúng tọa độ đã phản ánh (mặc định: làm tròn khoảng 100 m)."})

