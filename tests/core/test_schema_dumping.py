"""The dumping helpers of ``core.schemas``: a View adds values to a row, dates come out in
Vietnam time, labels come from their code, groups of a row's attributes are null unless their
condition holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from marshmallow import fields

from core.schemas import BaseSchema, Derived, Label, LocalDateTime, Part, View, computed


@dataclass
class Row:
    id: int
    status: str
    created_at: datetime | None
    contact_name: str | None = None
    contact_phone: str | None = None


class ContactSchema(BaseSchema):
    name = fields.String(attribute="contact_name")
    phone = fields.String(attribute="contact_phone")


class RowSchema(BaseSchema):
    id = fields.Integer()
    status = fields.String()
    status_label = Label({"open": "Đang mở"}, attribute="status")
    created_at = LocalDateTime()
    contact = Part(ContactSchema, when=lambda row: getattr(row, "show", False))
    count = fields.Integer()
    twice = computed(lambda row: row.id * 2, "integer")
    parts = Derived(ContactSchema, lambda row: [row, row], many=True)


def test_a_view_adds_values_and_reads_the_rest_from_its_row():
    row = Row(7, "open", datetime(2026, 3, 1, 17, 30, 15, 123, tzinfo=UTC), "Lan", "0912")
    data = RowSchema().dump(View(row, count=3, show=True))
    assert data == {
        "id": 7, "status": "open", "status_label": "Đang mở",
        "created_at": "2026-03-02T00:30:15+07:00",
        "contact": {"name": "Lan", "phone": "0912"}, "count": 3, "twice": 14,
        "parts": [{"name": "Lan", "phone": "0912"}] * 2}


def test_a_part_is_null_unless_its_condition_holds_and_absent_values_are_left_out():
    row = Row(1, "closed", None, "Lan", "0912")
    data = RowSchema().dump(row)
    assert data["contact"] is None  # no View saying the reader may see it
    assert data["created_at"] is None
    assert data["status_label"] == "closed"  # a code without a label stays itself
    assert "count" not in data  # neither the row nor a View has it


def test_the_helpers_document_their_types(client):
    spec = client.get("/api/openapi.json").json
    schemas = spec["components"]["schemas"]
    notice = schemas["NoticeStaff"]["properties"]
    assert notice["created_at"]["type"] == "string"
    assert notice["created_at"]["format"] == "date-time"
    assert notice["status_label"]["type"] == "string"
    audio = schemas["Audio"]["properties"]
    assert audio["size"]["type"] == "integer" and audio["size"].get("nullable") is True
