"""marshmallow base schema whose messages are Vietnamese, and shared field helpers.

Every schema derives from :class:`BaseSchema`, which also guards what all input shares:
characters XML 1.0 forbids are stripped from every string of a body before fields see them,
and refused (422) where they were not (query strings), so no stored or queried text can
break a feed, a CAP alert or a PostgreSQL query (NUL); every date or datetime field refuses
years outside ``core.clock.YEAR_MIN``–``YEAR_MAX`` (date arithmetic cannot overflow).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate
from marshmallow.utils import missing as missing_

from core import clock, messages
from core.text import clean, clean_line, is_xml_safe, xml_safe


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
    _vietnamese_validators(field, kind)
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        _vietnamese_messages(inner)


def _vietnamese_validators(field: fields.Field, kind: str | None) -> None:
    """Marshmallow's own validators that kept their English default message (``Email`` and
    ``Url`` add one when the field is built; a bare ``validate.Length``…) speak Vietnamese."""
    unit = (messages.LENGTH_UNIT_ITEMS if isinstance(field, fields.List)
            else messages.LENGTH_UNIT_TEXT)
    for validator in field.validators:
        if isinstance(validator, validate.Email | validate.URL):
            if validator.error == type(validator).default_message:
                validator.error = messages.FIELD_INVALID.get(kind or "",
                                                             messages.FIELD_INVALID_DEFAULT)
        elif isinstance(validator, validate.Length):
            if validator.error is None:
                validator.error = messages.length_between(
                    validator.equal if validator.equal is not None else validator.min,
                    validator.equal if validator.equal is not None else validator.max, unit)
        elif isinstance(validator, validate.Range):
            if validator.error is None:
                validator.error = messages.range_between(validator.min, validator.max)
        elif isinstance(validator, validate.OneOf):
            if validator.error == validate.OneOf.default_message:
                validator.error = messages.ONE_OF
        elif isinstance(validator, validate.Regexp):
            if validator.error == validate.Regexp.default_message:
                validator.error = messages.REGEXP_MISMATCH


def _supported_date(value) -> None:
    if not clock.in_supported_range(value):
        raise ValidationError(messages.DATE_OUT_OF_RANGE.format(lo=clock.YEAR_MIN,
                                                                hi=clock.YEAR_MAX))


def _guard_dates(field: fields.Field) -> None:
    """Date and datetime fields (also inside lists) refuse years out of range."""
    if isinstance(field, fields.DateTime | fields.Date):  # AwareDateTime… derive from them
        field.validators = [*field.validators, _supported_date]
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        _guard_dates(inner)


def _xml_safe_text(value) -> None:
    if isinstance(value, str) and not is_xml_safe(value):
        raise ValidationError(messages.INVALID_TEXT)


def _guard_text(field: fields.Field) -> None:
    """Text fields (also inside lists) refuse what was not stripped before them (query
    strings): no loaded text holds a character XML forbids, or a NUL PostgreSQL refuses."""
    if isinstance(field, fields.String):
        field.validators = [*field.validators, _xml_safe_text]
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        _guard_text(inner)


def _xml_safe_strings(value: Any) -> Any:
    """``value`` with every string in it (nested lists and objects too) XML-safe."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [_xml_safe_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _xml_safe_strings(v) for k, v in value.items()}
    return value


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
        """Give every bound field Vietnamese error messages and the date range."""
        _vietnamese_messages(field_obj)
        _guard_dates(field_obj)
        _guard_text(field_obj)

    @pre_load
    def _strip_forbidden_characters(self, data: Any, **kwargs: Any) -> Any:
        """Strip characters XML 1.0 forbids from every string of a JSON or form body
        (JSON bodies are depth-limited by ``core.jsonbody``, so this cannot recurse far)."""
        return _xml_safe_strings(data) if isinstance(data, dict) else data


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


# --- dumping responses ------------------------------------------------------------------------
class View:
    """A model object with values computed for one response (counts, a status, whether the
    reader may see contact data), for a response schema to dump: attributes not given here
    are the object's own."""

    def __init__(self, obj: Any, **extra: Any):
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._obj, name)


class LocalDateTime(fields.String):
    """An aware datetime dumped as W3C datetime in Vietnam time, without fractions
    (``core.clock.isoformat_local``); ``null`` when absent."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("allow_none", True)
        metadata = {"format": "date-time", **kwargs.pop("metadata", {})}
        super().__init__(dump_only=True, metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return clock.isoformat_local(value)


class Label(fields.String):
    """The Vietnamese label of a code held in another attribute: ``Label(STATUS_LABELS,
    attribute="status")``."""

    def __init__(self, labels: dict[str, str], **kwargs: Any):
        super().__init__(dump_only=True, **kwargs)
        self.labels = labels

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else self.labels.get(value, value)


class Derived(fields.Nested):
    """A nested value computed from the dumped object (the object's public events, say):
    ``Derived(EventSchema, lambda item: [...], many=True)``."""

    def __init__(self, nested, getter, **kwargs: Any):
        kwargs.setdefault("allow_none", True)
        super().__init__(nested, dump_only=True, **kwargs)
        self.getter = getter

    def get_value(self, obj, attr, accessor=None, default=missing_):
        """What the getter makes of the object."""
        return self.getter(obj)


class Part(Derived):
    """Attributes of the dumped object itself, grouped under one key (``{"name", "phone"}``
    from ``author_name``, ``author_phone`` by the nested schema's ``attribute=``); ``null``
    unless ``when(obj)``."""

    def __init__(self, nested, when=None, **kwargs: Any):
        super().__init__(nested, lambda obj: obj if when is None or when(obj) else None,
                         **kwargs)


def computed(function, kind: str = "string", **kwargs: Any) -> fields.Function:
    """A dump-only value computed from the object, documented as ``kind`` (a JSON type)."""
    metadata = {"type": kind, **kwargs.pop("metadata", {})}
    return fields.Function(function, metadata=metadata, **kwargs)


def error_responses(blueprint, *codes: int):
    """Document error responses of a flask-smorest view, each in the one error shape.

    ``@error_responses(blp, 401, 403, 404)`` on a view lists those codes in the OpenAPI
    document (the 422 of ``@blp.arguments`` is added by flask-smorest itself).
    """

    def decorate(view):
        for code in codes:
            # alt_response wraps the view in a function that only calls it, to carry the
            # documentation: keep the documentation on the view itself and drop the layer
            # (one call and one ensure_sync less per code on every request).
            documented = blueprint.alt_response(code, response=HTTPStatus(code).name)(view)
            view._apidoc = documented._apidoc
        return view

    return decorate
