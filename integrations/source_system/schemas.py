"""The inbound item of the JSON exchange (``docs/source-system.md``)."""

from __future__ import annotations

from marshmallow import EXCLUDE, fields

from core.schemas import BaseSchema, CleanString, between, length, max_length, one_of
from notices.models import CATEGORIES, PRIORITIES


class ItemSchema(BaseSchema):
    """An item the province issues for our units. Unknown fields are ignored (the
    exchange may grow); times must carry their UTC offset."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(required=True, validate=length(1, 100))
    issuer = CleanString(required=True, single_line=True, validate=length(1, 200))
    title = CleanString(required=True, single_line=True, validate=length(5, 200))
    summary = CleanString(validate=max_length(500), allow_none=True)
    text = CleanString(required=True, validate=length(1, 50000))
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    priority = fields.String(load_default="normal", validate=one_of(PRIORITIES))
    risk_level = fields.Integer(allow_none=True, strict=True, validate=between(1, 5))
    targets = fields.List(fields.String(validate=length(2, 5)), required=True,
                          validate=length(1, 500))
    valid_from = fields.AwareDateTime(allow_none=True)
    valid_until = fields.AwareDateTime(allow_none=True)
