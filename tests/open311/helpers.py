"""Helpers shared by the Open311 and published-answer tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import sqlalchemy as sa
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from core.db import db
from directory.models import StaffUser
from feedback import service, workflow
from feedback.models import Feedback
from feedback.schemas import FeedbackInSchema

SCHEMA_DIR = Path(__file__).parent.parent / "data" / "open311"
W3C_LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(contents,
                                                            default_specification=DRAFT7)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(document, schema_name: str) -> None:
    """Validate against a bundled open311/schema-validation schema (relative $refs resolved)."""
    schema = json.loads((SCHEMA_DIR / schema_name).read_text())
    Draft7Validator(schema, registry=REGISTRY).validate(document)


def parse_xml(body: bytes) -> ET.Element:
    """Parse an XML answer back (and check the declared encoding)."""
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(body)


def xml_records(root: ET.Element, child: str) -> list[dict]:
    """Children of ``root`` named ``child`` as flat dicts of their leaf elements."""
    records = []
    for element in root:
        assert element.tag == child
        records.append({e.tag: (e.text or "") for e in element})
    return records


def create_item(world, description: str = "Đoạn trước trường học có ổ gà sâu, rất nguy hiểm.",
                title: str | None = "Ổ gà trên đường Lê Lợi", category: str = "ha-tang",
                unit: str | None = None, reporter: dict | None = None,
                identity: service.Identity | None = None, actions: tuple[str, ...] = (),
                answer: str = "Đã vá ổ gà, cảm ơn bạn.", address: str | None = None,
                refuse_reason: str | None = None) -> Feedback:
    """Create a feedback item through the intake service and move it through ``actions``."""
    data = {"unit_code": unit or world.commune, "category_code": category,
            "description": description, "channel": "web",
            "location": {"lat": 16.4637, "lng": 107.5909}}
    if address:
        data["location"]["address"] = address
    if title:
        data["title"] = title
    if reporter:
        data["reporter"] = reporter
        data["consent"] = {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}
    else:
        data["anonymous"] = True
    _, created = service.submit(FeedbackInSchema().load(data), identity=identity, channel="web")
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == created["tracking_code"].replace("-", "")))
    for action in actions:
        actor = db.session.scalar(sa.select(StaffUser).where(
            StaffUser.office_id == item.office_id)) or db.session.get(
            StaffUser, world.staff_ids["leader"])
        workflow.perform(item.id, action, actor, answer=answer,
                         reason=refuse_reason or "Không thuộc thẩm quyền.")
    return item
