"""Atom validates against RFC 4287's RELAX NG schema; CAP against the OASIS CAP 1.2 XSD."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree

from core.clock import isoformat_local, now
from notices.xml import CAP_SCHEMA

DATA = Path(__file__).parent.parent / "data"
ATOM = "{http://www.w3.org/2005/Atom}"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
NS = {"a": "http://www.w3.org/2005/Atom", "cap": "urn:oasis:names:tc:emergency:cap:1.2"}
W3C_LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


@pytest.fixture(scope="module")
def atom_schema():
    return etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))


@pytest.fixture(scope="module")
def cap_schema():
    return etree.XMLSchema(etree.parse(str(CAP_SCHEMA)))  # the copy the service ships


def _valid(schema, data: bytes):
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log
    return doc


# Two days ahead of the real clock (the feeds are read at the real time): a fixed date
# would expire, and the alert with it.
EXPIRES = isoformat_local(now() + timedelta(days=2))


def _emergency(notices_api, **overrides):
    return notices_api.publish(**{
        "title": "Cảnh báo lũ quét khẩn cấp", "category": "disaster_incident",
        "priority": "emergency", "risk_level": 3,
        "expires_at": EXPIRES, **overrides})


def test_schemas_reject_invalid_documents(atom_schema, cap_schema):
    assert not atom_schema.validate(etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'))
    assert not cap_schema.validate(etree.fromstring(
        b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>'
        b'</alert>'))


def test_atom_feed_validates_and_lists_current_notices(notices_api, world, client,
                                                       atom_schema, frozen):
    notices_api.create(title="Bản nháp không được đăng")
    normal = notices_api.publish(body='<p>Đoạn <a href="https://hue.gov.vn">một</a></p>')
    urgent = _emergency(notices_api)
    response = client.get(f"/feeds/{world.commune}.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    doc = _valid(atom_schema, response.data)
    entries = doc.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [f"tag:thongtin.local,2026:notice:{urgent['id']}",
                   f"tag:thongtin.local,2026:notice:{normal['id']}"]
    assert "Bản nháp" not in response.get_data(as_text=True)
    assert doc.xpath("string(a:entry[1]/a:link[@rel='related']/@type)", namespaces=NS) == \
        "application/cap+xml"
    assert W3C_LOCAL.match(doc.findtext(f"{ATOM}updated"))
    cached = client.get(f"/feeds/{world.commune}.atom",
                        headers={"If-None-Match": response.headers["ETag"]})
    assert cached.status_code == 304


def test_empty_atom_feed_is_valid(client, world, atom_schema):
    _valid(atom_schema, client.get(f"/feeds/{world.other_commune}.atom").data)
    assert client.get("/feeds/99999.atom").status_code == 404


def test_cap_alert_validates_with_vietnamese_info_and_area(notices_api, world, client,
                                                           cap_schema):
    urgent = _emergency(notices_api)
    cap_url = notices_api.public(world.commune).json["items"][0]["links"]["cap"]
    response = client.get(cap_url)
    assert response.status_code == 200 and response.mimetype == "application/cap+xml"
    doc = _valid(cap_schema, response.data)
    assert doc.findtext(f"{CAP}msgType") == "Alert"
    assert doc.findtext(f"{CAP}status") == "Actual"
    assert W3C_LOCAL.match(doc.findtext(f"{CAP}sent"))
    info = doc.find(f"{CAP}info")
    assert info.findtext(f"{CAP}language") == "vi-VN"
    assert info.findtext(f"{CAP}headline") == urgent["title"]
    assert info.findtext(f"{CAP}severity") == "Severe"
    assert info.findtext(f"{CAP}expires") == EXPIRES
    assert W3C_LOCAL.match(info.findtext(f"{CAP}effective"))
    area = info.find(f"{CAP}area")
    assert area.findtext(f"{CAP}areaDesc") == "Phường Phú Xuân"
    assert [g.findtext(f"{CAP}value") for g in area.findall(f"{CAP}geocode")] == [world.commune]
    params = {p.findtext(f"{CAP}valueName"): p.findtext(f"{CAP}value")
              for p in info.findall(f"{CAP}parameter")}
    assert params == {"Cấp độ rủi ro thiên tai": "3", "riskColour": "#ff9800",
                      "verificationCode": urgent["verification_code"]}


def test_cap_update_and_cancel_are_new_alerts_with_references(
        notices_api, world, client, staff_headers, cap_schema, atom_schema, frozen):
    first = _emergency(notices_api)
    alert1 = _valid(cap_schema, client.get(
        notices_api.public(world.commune).json["items"][0]["links"]["cap"]).data)
    ident1, sent1 = alert1.findtext(f"{CAP}identifier"), alert1.findtext(f"{CAP}sent")
    frozen.advance(minutes=30)
    fixed = client.post(f"/api/v1/staff/notices/{first['id']}/correct",
                        json={"risk_level": 4}, headers=staff_headers("officer")).json
    notices_api.act(fixed["id"], "submit", "officer")
    notices_api.act(fixed["id"], "approve", "leader")
    alert2 = _valid(cap_schema, client.get(
        notices_api.public(world.commune).json["items"][0]["links"]["cap"]).data)
    assert alert2.findtext(f"{CAP}msgType") == "Update"
    assert alert2.findtext(f"{CAP}references") == f"cap@thongtin.local,{ident1},{sent1}"
    assert alert2.find(f"{CAP}info").findtext(f"{CAP}severity") == "Extreme"
    ident2 = alert2.findtext(f"{CAP}identifier")

    frozen.advance(minutes=30)
    notices_api.act(fixed["id"], "withdraw", "leader", reason="Mưa đã giảm, hết nguy cơ")
    index = _valid(atom_schema, client.get(f"/feeds/{world.commune}/cap.atom").data)
    entries = index.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{CAP}msgType") == "Cancel"
    cancel_url = entries[0].find(f"{ATOM}link").get("href")
    cancel = _valid(cap_schema, client.get(cancel_url).data)
    assert cancel.findtext(f"{CAP}msgType") == "Cancel"
    refs = cancel.findtext(f"{CAP}references").split(" ")
    assert [r.split(",")[1] for r in refs] == [ident1, ident2]
    assert "Mưa đã giảm" in cancel.find(f"{CAP}info").findtext(f"{CAP}description")


def test_cap_index_lists_alerts_in_force(notices_api, world, client, atom_schema):
    urgent = _emergency(notices_api)
    notices_api.publish()  # not an emergency: no CAP
    index = _valid(atom_schema, client.get(f"/feeds/{world.commune}/cap.atom").data)
    entries = index.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [urgent["title"]]
    assert entries[0].findtext(f"{CAP}severity") == "Severe"
    assert entries[0].find(f"{ATOM}link").get("type") == "application/cap+xml"
    assert client.get("/cap/999999.xml").status_code == 404
