"""The template's requests, as its service layer sends them (query names included:
``pargeSize`` is the template's own spelling)."""

from __future__ import annotations

from datetime import date, datetime

from marshmallow import ValidationError, fields, post_load, validates

from core.schemas import BaseSchema, CleanString, between, length, max_length
from integrations.zalo.egov import messages


class PageArgsSchema(BaseSchema):
    """``?page&pargeSize``: pages count from 0, as the template's lists ask for them."""

    page = fields.Integer(load_default=0, validate=between(0, 10_000))
    pargeSize = fields.Integer(load_default=10, validate=between(1, 50))


class OrganizationArgsSchema(BaseSchema):
    """``?miniAppId``."""

    miniAppId = fields.String(required=True, validate=length(1, 40))


class SearchArgsSchema(BaseSchema):
    """``?profileCode&organizationId``."""

    profileCode = fields.String(required=True, validate=length(1, 40))
    organizationId = fields.String(validate=max_length(20))


class FeedbackInSchema(BaseSchema):
    """``POST /feedback_api``: ``token`` is the phone token of ``getPhoneNumber()`` (the
    template sends "" when it does not ask for the phone)."""

    title = CleanString(required=True, single_line=True, validate=length(1, 200))
    content = CleanString(required=True, validate=length(5, 4000))
    imageUrls = fields.List(fields.String(validate=length(1, 300)),
                            load_default=list)
    feedbackTypeId = fields.Integer(required=True, validate=between(1, 2**31 - 1))
    token = fields.String(load_default="", validate=max_length(2000))
    organizationId = fields.String(validate=max_length(20))


class ScheduleInSchema(BaseSchema):
    """``POST /create_schedule_api``: the date as ``mm-dd-yyyy``."""

    date = fields.String(required=True, validate=length(8, 10))
    fullName = CleanString(required=True, single_line=True, validate=length(1, 120))
    content = CleanString(required=True, validate=length(1, 2000))
    phoneNumber = fields.String(required=True, validate=length(1, 32))

    @validates("date")
    def _date(self, value: str, **kwargs) -> None:
        parse_date(value)

    @post_load
    def _day(self, data, **kwargs):
        data["day"] = parse_date(data["date"])
        return data


def parse_date(value: str) -> date:
    """``mm-dd-yyyy`` (what the template's ``formatDate(date, "mm-dd-yyyy")`` writes)."""
    try:
        return datetime.strptime(value, "%m-%d-%Y").date()
    except ValueError:
        raise ValidationError(messages.DATE_FORMAT) from None


def schedule_date(day: date) -> str:
    """A day as the template reads it back (``mm-dd-yyyy``)."""
    return day.strftime("%m-%d-%Y")
