"""Query arguments of the statistics API and its export."""

from __future__ import annotations

from marshmallow import fields

from core.schemas import BaseSchema, length, one_of


class StatsArgsSchema(BaseSchema):
    """``unit`` (default: the caller's unit), ``from`` and ``to`` (local dates, inclusive;
    default: 1 January of this year to today)."""

    unit = fields.String(validate=length(2, 5))
    date_from = fields.Date(data_key="from")
    date_to = fields.Date(data_key="to")


class ExportArgsSchema(StatsArgsSchema):
    """The statistics arguments, the file format and, for CSV, which part."""

    format = fields.String(load_default="xlsx", validate=one_of(("xlsx", "csv")))
    part = fields.String(load_default="summary", validate=one_of(("summary", "detail")))


class StatsSchema(BaseSchema):
    """Statistics of a unit over a period (see ``reports.service`` for the definitions)."""

    unit = fields.Dict()
    period = fields.Dict()
    as_of = fields.String()
    feedback = fields.Dict()
    messages = fields.Dict(metadata={"description": "Tin gửi người phản ánh theo kênh và kết "
                                                    "quả gửi; undelivered: số tin không đến được"})
    notices = fields.Dict()
