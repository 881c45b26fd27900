"""Finding 8 (issue 17): a ``\\u000b`` in a notice body made the Atom feed not well-formed;
a ``\\u0008`` made an emergency's CAP alert invalid, and CAP alerts cannot be re-issued.

Characters XML 1.0 forbids are stripped at input (every schema, so the staff API and the
console form alike); the XML writers strip them too (rows stored before the fix); every
feed must parse and every CAP alert must validate against the CAP 1.2 schema before it is
stored or served: an alert that would not validate is refused before it is stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from lxml import etree

from core.db import db
from notices import xml
from notices.models import CapAlert, Notice
from tests.console.conftest import Console, csrf_from

DATA = Path(__file__).parent.parent / "data"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
VT, BS = "\u000b", "\u0008"  # the two characters of the finding


@pytest.fixture(scope="module")
def atom_schema():
    return etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))


@pytest.fixture(scope="module")
def cap_schema():
    return etree.XMLSchema(etree.parse(str(xml.CAP_SCHEMA)))


def _emergency(**extra):
    return {"title": f"Cảnh báo lũ{BS} trên sông Hương",
            "summary": f"Nước lên nhanh,{BS} tránh xa bờ sông.",
            "body": f"<p>Người dân{VT} chủ động{BS} di dời.</p>",
            "category": "disaster_incident", "priority": "emergency", "risk_level": 3,
            **extra}


def _publish_via_api(client, staff_headers, body: dict) -> int:
    created = client.post("/api/v1/staff/notices", headers=staff_headers("officer"),
                          data=json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.json
    notice_id = created.json["id"]
    assert client.post(f"/api/v1/staff/notices/{notice_id}/submit",
                       headers=staff_headers("officer")).status_code == 200
    approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                           headers=staff_headers("leader"))
    assert approved.status_code == 200, approved.json
    return notice_id


def _feeds_are_valid(client, world, atom_schema, cap_schema) -> None:
    for url in (f"/feeds/{world.commune}.atom", f"/feeds/{world.commune}/cap.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert atom_schema.validate(etree.fromstring(response.data)), atom_schema.error_log
    alerts = db.session.scalars(sa.select(CapAlert.id)).all()
    assert alerts
    for alert_id in alerts:
        response = client.get(f"/cap/{alert_id}.xml")
        assert response.status_code == 200
        assert cap_schema.validate(etree.fromstring(response.data)), cap_schema.error_log


def test_finding_08_control_characters_through_the_staff_api(client, ctx, world, staff_headers,
                                                              atom_schema, cap_schema):
    normal = _publish_via_api(client, staff_headers, {
        "title": f"Lịch cắt điện{VT} khu vực", "summary": f"Cắt điện{BS} để bảo dưỡng lưới.",
        "body": f"<p>Điện lực{VT} thông báo\u0000 cắt điện.</p>", "category": "local_programmes"})
    emergency = _publish_via_api(client, staff_headers, _emergency())
    for notice_id in (normal, emergency):
        stored = db.session.get(Notice, notice_id)
        for text in (stored.title, stored.summary, stored.body):
            assert not FORBIDDEN.search(text), text
    assert db.session.get(Notice, emergency).title == "Cảnh báo lũ trên sông Hương"
    _feeds_are_valid(client, world, atom_schema, cap_schema)
    public = client.get(f"/api/v1/notices/{emergency}").json
    assert not FORBIDDEN.search(json.dumps(public, ensure_ascii=False))


def test_finding_08_control_characters_through_the_console_form(app, client, ctx, world,
                                                                 atom_schema, cap_schema):
    officer, leader = Console(app.test_client()), Console(app.test_client())
    assert officer.login("officer").status_code == 303
    assert leader.login("leader").status_code == 303

    def post(c, path, data=None):
        token = csrf_from(c.get("/console/notices").get_data(as_text=True))
        return c.client.post(path, data={"csrf_token": token, **(data or {})})

    created = post(officer, "/console/notices/new", {**_emergency(), "risk_level": "3"})
    assert created.status_code == 303, created.get_data(as_text=True)
    notice_id = int(re.search(r"/console/notices/(\d+)$", created.headers["Location"])[1])
    stored = db.session.get(Notice, notice_id)
    for text in (stored.title, stored.summary, stored.body):
        assert not FORBIDDEN.search(text), text
    assert post(officer, f"/console/notices/{notice_id}/do/submit").status_code == 303
    assert post(leader, f"/console/notices/{notice_id}/do/approve").status_code == 303
    assert db.session.get(Notice, notice_id).status == "published"
    _feeds_are_valid(client, world, atom_schema, cap_schema)


def test_finding_08_rows_stored_before_the_fix_still_give_valid_xml(client, ctx, world,
                                                                     staff_headers,
                                                                     atom_schema, cap_schema):
    notice_id = _publish_via_api(client, staff_headers, _emergency())
    stored = db.session.get(Notice, notice_id)
    stored.body = f"<p>Cũ{VT}{BS}\ufffe\u001f</p>"  # as a row written before the fix
    stored.summary = f"Tóm tắt{BS} cũ"
    db.session.commit()
    _feeds_are_valid(client, world, atom_schema, cap_schema)


def test_finding_08_an_alert_that_would_not_validate_is_refused_before_it_is_stored(
        client, ctx, world, staff_headers, monkeypatch):
    created = client.post("/api/v1/staff/notices", json=_emergency(),
                          headers=staff_headers("officer"))
    notice_id = created.json["id"]
    client.post(f"/api/v1/staff/notices/{notice_id}/submit", headers=staff_headers("officer"))
    real = xml.cap_alert
    monkeypatch.setattr(xml, "cap_alert", lambda alert: real(alert).replace(
        b">Immediate<", b">Soon-ish<"))  # not a CAP urgency
    refused = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                          headers=staff_headers("leader"))
    assert refused.status_code == 422, refused.json
    assert "CAP" in refused.json["message"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CapAlert)) == 0
    assert db.session.get(Notice, notice_id).status == "submitted"


def test_finding_08_a_feed_that_is_not_well_formed_is_not_served(client, world, monkeypatch):
    monkeypatch.setattr(xml, "atom_feed", lambda *a: b"<feed>\x0b</feed>")
    response = client.get(f"/feeds/{world.commune}.atom")
    assert response.status_code == 500
    assert response.json["code"] == 500 and response.mimetype == "application/json"
