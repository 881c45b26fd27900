""""Tiếp nhận phản ánh" (issue 18): staff enter feedback received by phone, in person or on
paper, in the console and the staff API: channel ``staff``, the caller's consent recorded as
given verbally, the receiving officer on the first event."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from feedback.models import Feedback, FeedbackEvent
from privacy.models import ConsentRecord

CALL = {
    "category_code": "ha-tang", "received_via": "phone",
    "description": "Bà gọi điện báo cống thoát nước ở kiệt 12 bị tắc, nước tràn ra đường.",
    "reporter": {"name": "Trần Thị Mai", "phone": "0905 111 444"}, "consent_given": True,
}


def _item(code: str) -> Feedback:
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))


def test_api_records_channel_verbal_consent_and_receiving_officer(client, staff_headers, world,
                                                                  ctx):
    response = client.post("/api/v1/staff/feedback", json=CALL,
                           headers=staff_headers("officer"))
    assert response.status_code == 201, response.json
    assert "lookup_token" not in response.json  # the caller gave a phone number
    item = _item(response.json["tracking_code"])
    assert response.json["id"] == item.id
    assert item.channel == "staff" and item.unit_code == world.commune
    assert item.office_id == world.office_infra and item.reporter_phone == "+84905111444"
    created = item.events[0]
    assert created.kind == "created" and created.actor_id == world.staff_ids["officer"]
    assert created.actor_label == "staff" and created.note == "Tiếp nhận qua điện thoại"
    record = db.session.scalar(sa.select(ConsentRecord).where(
        ConsentRecord.feedback_id == item.id))
    assert record.channel == "staff" and record.policy_version == "2026-01"
    assert record.evidence == {"source": "verbal", "received_via": "phone",
                               "officer_id": world.staff_ids["officer"]}
    assert sorted(record.data_types) == ["name", "phone"]
    assert item.consent["channel"] == "staff"
    # The caller gets the receipt like any citizen (SMS to the phone they gave).
    assert db.session.scalar(sa.select(Delivery.kind).where(
        Delivery.subject_id == item.id, Delivery.channel == "sms")) == "feedback_receipt"


def test_api_contact_without_consent_is_refused(client, staff_headers, ctx):
    response = client.post("/api/v1/staff/feedback", json={**CALL, "consent_given": False},
                           headers=staff_headers("leader"))
    assert response.status_code == 422
    assert "consent_given" in response.json["errors"]
    assert "đồng ý" in response.json["errors"]["consent_given"][0]


def test_api_anonymous_letter_gets_a_secret_token(client, staff_headers, ctx):
    body = {k: v for k, v in CALL.items() if k not in ("reporter", "consent_given")}
    response = client.post("/api/v1/staff/feedback", json={**body, "received_via": "paper"},
                           headers=staff_headers("leader"))
    assert response.status_code == 201, response.json
    assert response.json["lookup_token"]
    item = _item(response.json["tracking_code"])
    assert item.is_anonymous and item.reporter_name is None and item.consent is None
    assert item.events[0].note == "Tiếp nhận đơn, thư giấy"


def test_api_refuses_an_unknown_way_of_receiving(client, staff_headers, ctx):
    response = client.post("/api/v1/staff/feedback", json={**CALL, "received_via": "fax"},
                           headers=staff_headers("officer"))
    assert response.status_code == 422 and "received_via" in response.json["errors"]


def test_console_form_enters_a_call_and_shows_the_code(console, world, ctx):
    c = console("police")  # another office of the commune: the item goes to the right one
    page = c.get("/console/feedback/new")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'name="received_via"' in html
    assert "Tiếp nhận qua điện thoại" in html and 'name="consent_given"' in html
    response = c.post("/console/feedback/new", {
        "category_code": "ha-tang", "received_via": "in_person",
        "description": CALL["description"], "reporter_name": "Trần Thị Mai",
        "reporter_phone": "0905 111 444", "consent_given": "1", "address": "Kiệt 12"},
        page="/console/feedback/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    item = _item(code)
    assert item.office_id == world.office_infra and item.address == "Kiệt 12"
    assert item.events[0].actor_id == world.staff_ids["police"]
    assert item.events[0].note == "Tiếp nhận trực tiếp tại cơ quan"
    assert 'id="receipt-item"' not in html  # police cannot open the infra office's item
    leader_page = console("leader").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert "Cán bộ nhập" in leader_page  # the channel, as the console names it


def test_console_form_keeps_input_and_names_the_missing_consent(console, ctx):
    c = console("officer")
    response = c.post("/console/feedback/new", {
        "category_code": "ha-tang", "received_via": "phone", "description": CALL["description"],
        "reporter_name": "Trần Thị Mai", "reporter_phone": "0905 111 444"},
        page="/console/feedback/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="error-consent_given"' in html and "Trần Thị Mai" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback).where(
        Feedback.channel == "staff")) == 0


def test_viewer_cannot_receive(console, ctx):
    c = console("viewer")
    assert c.get("/console/feedback/new").status_code == 403
    assert "Tiếp nhận phản ánh" not in c.get("/console/").get_data(as_text=True)


def test_created_event_is_on_the_timeline_with_the_officer(client, staff_headers, world, ctx):
    response = client.post("/api/v1/staff/feedback", json=CALL,
                           headers=staff_headers("officer"))
    detail = client.get(f"/api/v1/staff/feedback/{response.json['id']}",
                        headers=staff_headers("officer")).json
    assert detail["channel"] == "staff"
    assert detail["timeline"][0]["actor"] == "officer"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackEvent).where(
        FeedbackEvent.feedback_id == response.json["id"])) == 1
