"""marshmallow base schema whose messages are Vietnamese, and shared field helpers."""

from __future__ import annotations

from http import HTTPStatus

from marshmallow import RAISE, Schema, fields, validate

from core import messages
from core.text import clean, clean_line


def _vietnamese_messages(field: fields.Field) -> None:
    kind = next((cls.__name__ for cls in type(field).__mro__
                 if cls.__name__ in messages.FIELD_INVALID), None)
    field.error_messages.update({
        "required": messages.FIELD_REQUIRED,
        "null": messages.FIELD_NULL,
        "invalid": messages.FIELD_INVALID.get(kind, messages.FIELD_INVALID_DEFAULT),
        "validator_failed": messages.FIELD_INVALID_DEFAULT,
    })
    if "too_large" in field.error_messages:
        field.error_messages["too_large"] = messages.FIELD_TOO_LARGE
    if "special" in field.error_messages:
        field.error_messages["special"] = messages.FIELD_NOT_FINITE
    if "type" in field.error_messages:  # Nested
        field.error_messages["type"] = messages.FIELD_INVALID["Nested"]
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        _vietnamese_messages(inner)


class BaseSchema(Schema):
    """Refuses unknown fields and speaks Vietnamese."""

    class Meta:
        unknown = RAISE
        ordered = True

    error_messages = {
        "unknown": messages.FIELD_UNKNOWN,
        "type": messages.FIELD_TYPE_SCHEMA,
    }

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        """Give every bound field Vietnamese error messages."""
        _vietnamese_messages(field_obj)


class CleanString(fields.String):
    """A string normalised to NFC with control characters removed."""

    def __init__(self, *args, single_line: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.single_line = single_line

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        return clean_line(value) if self.single_line else clean(value)


def length(lo: int, hi: int) -> validate.Length:
    """Length validator with a Vietnamese message."""
    return validate.Length(min=lo, max=hi, error=messages.length_between(lo, hi))


def max_length(hi: int) -> validate.Length:
    """Maximum length validator with a Vietnamese message."""
    return validate.Length(max=hi, error=messages.at_most(hi))


def one_of(choices) -> validate.OneOf:
    """Choice validator with a Vietnamese message."""
    return validate.OneOf(choices, error=messages.ONE_OF)


def between(lo, hi) -> validate.Range:
    """Range validator with a Vietnamese message."""
    return validate.Range(min=lo, max=hi, error=messages.range_between(lo, hi))


class ErrorSchema(Schema):
    """The one error shape, for the OpenAPI document."""

    code = fields.Integer(required=True)
    status = fields.String(required=True)
    message = fields.String(required=True)
    errors = fields.Dict()


def error_responses(blueprint, *codes: int):
    """Document error responses of a flask-smorest view, each in the one error shape.

    ``@error_responses(blp, 401, 403, 404)`` on a view lists those codes in the OpenAPI
    document (the 422 of ``@blp.arguments`` is added by flask-smorest itself).
    """

    def decorate(view):
        for code in codes:
            view = blueprint.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorate
