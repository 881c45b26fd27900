"""Issue 18 in the staff API: assigning an item to an officer of its office is an internal
step, unlike a transfer to another office, which tells the citizen where it went; a pending
extension request shows in the queue filter and is closed when the item is answered."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core.db import commit, db
from core.models import Delivery
from feedback.models import Feedback, FeedbackEvent


def _item(submit) -> Feedback:
    code = submit().json["tracking_code"].replace("-", "")
    return db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))


def _act(client, headers, item, action, **body):
    return client.post(f"/api/v1/staff/feedback/{item.id}/{action}", json=body,
                       headers=headers)


def _messages(item) -> list[Delivery]:
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id,
        Delivery.channel == "sms").order_by(Delivery.id)))


def test_assigning_to_an_officer_is_internal(client, submit, staff_headers, world, ctx):
    item = _item(submit)
    officer = staff_headers("officer")
    assert _act(client, officer, item, "accept").status_code == 200
    before = len(_messages(item))
    response = _act(client, officer, item, "assign", assignee_id=world.staff_ids["officer"])
    assert response.status_code == 200, response.json
    assert response.json["assignee_id"] == world.staff_ids["officer"]
    assert len(_messages(item)) == before  # nothing sent to the citizen
    event = db.session.scalar(sa.select(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item.id, FeedbackEvent.kind == "assign"))
    assert event.public_note is None and event.note == "Giao cho officer"
    # What the citizen reads when they look it up: not "transferred to another office".
    public = client.get(f"/api/v1/feedback/{item.tracking_code}?phone=0912345678").json
    assert public["status_label"] == "Đã giao xử lý"
    assert "chuyển" not in " ".join(e["label"] for e in public["timeline"]).lower()


def test_assign_refuses_another_office_or_its_officer(client, submit, staff_headers, world,
                                                      ctx):
    item = _item(submit)
    leader = staff_headers("leader")
    _act(client, leader, item, "accept")
    moved = _act(client, leader, item, "assign", office_id=world.office_police)
    assert moved.status_code == 422 and "Chuyển cơ quan xử lý" in moved.json["message"]
    stranger = _act(client, leader, item, "assign", assignee_id=world.staff_ids["police"])
    assert stranger.status_code == 422 and "assignee_id" in stranger.json["errors"]
    db.session.refresh(item)
    assert item.status == "accepted" and item.office_id == world.office_infra


def test_transfer_tells_the_citizen_the_new_office_and_clears_the_assignee(
        client, submit, staff_headers, world, ctx):
    item = _item(submit)
    leader = staff_headers("leader")
    _act(client, leader, item, "accept")
    _act(client, leader, item, "assign", assignee_id=world.staff_ids["officer"])
    response = _act(client, leader, item, "transfer", office_id=world.office_police,
                    reason="Thuộc lĩnh vực an ninh")
    assert response.status_code == 200, response.json
    assert response.json["assignee_id"] is None
    last = _messages(item)[-1]
    assert last.kind == "feedback_status"
    assert last.payload["text"].endswith(
        "đã được chuyển đến Công an phường Phú Xuân để xử lý.")
    assert last.payload["status_label"] == "Đã chuyển đến Công an phường Phú Xuân để xử lý"


def test_pending_extension_is_listed_then_closed_by_the_answer(client, submit, staff_headers,
                                                               ctx):
    item, other = _item(submit), _item(submit)
    officer, leader = staff_headers("officer"), staff_headers("leader")
    for one in (item, other):
        for action in ("accept", "assign", "start"):
            _act(client, officer, one, action)
        due = (one.due_at + timedelta(days=5)).isoformat()
        assert _act(client, officer, one, "request_extension", due_at=due,
                    reason="Chờ vật tư.").status_code == 200
    listed = client.get("/api/v1/staff/feedback?extension=1", headers=leader).json
    assert {i["id"] for i in listed["items"]} >= {item.id, other.id}
    assert all(i["extension"] for i in listed["items"])

    answered = _act(client, officer, item, "answer", answer="Đã vá ổ gà.")
    assert answered.status_code == 200 and answered.json["extension"] is None
    kinds = [e["kind"] for e in answered.json["timeline"]]
    assert kinds[-2:] == ["extension_closed", "answer"]
    listed = client.get("/api/v1/staff/feedback?extension=1", headers=leader).json
    ids = {i["id"] for i in listed["items"]}
    assert item.id not in ids and other.id in ids
    # Nothing left to decide on the answered item.
    assert _act(client, leader, item, "approve_extension").status_code == 409
    commit()
