"""The state machine: every action from every status, legal or refused, and its effects."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.db import db
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.models import Delivery
from directory.models import Office, StaffUser
from feedback import workflow
from feedback.models import STATUSES, Feedback, FeedbackEvent


@pytest.fixture
def item(submit, ctx):
    code = submit().json["tracking_code"].replace("-", "")
    return db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))


@pytest.fixture
def officer(world, ctx):
    return db.session.get(StaffUser, world.staff_ids["officer"])


def _duplicate_target(item):
    """Another item of the same commune to merge into."""
    from feedback import service

    _, answer = service.submit({"unit_code": item.unit_code, "category_code": item.category.code,
                                "description": "Cùng nội dung, gửi lần nữa.", "anonymous": True,
                                "channel": "api"}, channel="api")
    return answer["tracking_code"]


def args_for(action, item, world):
    """Valid input for an action."""
    if action == "merge":
        return {"target_code": _duplicate_target(item)}
    return {
        "refuse": {"reason": "Không thuộc thẩm quyền"},
        "transfer": {"office_id": world.office_police, "reason": "Thuộc lĩnh vực an ninh"},
        "progress": {"note": "Đã khảo sát hiện trường"},
        "request_info": {"note": "Xin gửi thêm ảnh chụp vị trí."},
        "answer": {"answer": "Đã xử lý xong."},
        "reopen": {"reason": "Người dân báo chưa xử lý"},
        "request_extension": {"due_at": item.due_at + timedelta(days=7), "reason": "Chờ vật tư"},
    }.get(action, {})


LEGAL = {(status, action) for action, spec in workflow.ACTIONS.items() for status in spec.sources}
MATRIX = [(s, a) for s in STATUSES for a in workflow.ACTIONS]


@pytest.mark.parametrize("status,action", MATRIX, ids=[f"{s}-{a}" for s, a in MATRIX])
def test_every_action_from_every_status(item, world, status, action):
    item.status = status
    if action in ("approve_extension", "reject_extension"):
        item.extension_due_at, item.extension_reason = item.due_at + timedelta(days=5), "x"
    db.session.flush()
    leader = db.session.get(StaffUser, world.staff_ids["leader"])  # sees every office
    events_before = len(item.events)
    if (status, action) in LEGAL:
        result = workflow.perform(item.id, action, leader, **args_for(action, item, world))
        expected = workflow.ACTIONS[action].target or status
        assert result.status == expected
        db.session.refresh(item)
        assert len(item.events) == events_before + 1
        event = item.events[-1]
        assert event.actor_id == leader.id and event.from_status == status
        assert event.to_status == expected
    else:
        with pytest.raises(Conflict) as refused:
            workflow.perform(item.id, action, leader, **args_for(action, item, world))
        assert "Không thể" in refused.value.message
        db.session.rollback()


def test_happy_path_sets_times_and_notifies_citizen(item, officer):
    for action, args in (("accept", {}), ("assign", {}), ("start", {}),
                         ("progress", {"note": "Đã khảo sát"}),
                         ("answer", {"answer": "Đã vá xong ổ gà."}), ("close", {})):
        workflow.perform(item.id, action, officer, **args)
    db.session.refresh(item)
    assert item.status == "closed"
    assert item.first_response_at and item.answered_at and item.closed_at
    kinds = db.session.scalars(sa.select(Delivery.kind).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id)
        .order_by(Delivery.id)).all()
    # receipt + accept, start, answer, close (progress keeps the status; assigning inside
    # the office is internal)
    assert kinds == ["feedback_receipt"] + ["feedback_status"] * 2 + ["feedback_answer",
                                                                      "feedback_status"]
    public = [e.public_note for e in item.events if e.kind in ("progress", "answer")]
    assert public == ["Đã khảo sát", "Đã vá xong ổ gà."]


@pytest.mark.parametrize("action,missing", [
    ("refuse", "reason"), ("answer", "answer"), ("reopen", "reason"),
    ("transfer", "office_id"), ("request_extension", "due_at"),
])
def test_required_input(item, officer, world, action, missing):
    source = sorted(workflow.ACTIONS[action].sources)[0]
    item.status = source
    db.session.flush()
    args = args_for(action, item, world)
    args.pop(missing)
    with pytest.raises(UserValueError) as refused:
        workflow.perform(item.id, action, officer, **args)
    assert missing in refused.value.errors


def test_transfer_moves_the_item_and_records_offices(item, officer, world):
    workflow.perform(item.id, "accept", officer)
    workflow.perform(item.id, "transfer", officer, office_id=world.office_police,
                     reason="Thuộc lĩnh vực an ninh")
    db.session.refresh(item)
    assert (item.status, item.office_id) == ("assigned", world.office_police)
    event = item.events[-1]
    assert (event.from_office_id, event.to_office_id) == (world.office_infra, world.office_police)
    assert event.note == "Thuộc lĩnh vực an ninh"  # internal
    assert event.public_note == "Công an phường Phú Xuân"
    # the officer of the old office no longer sees it
    with pytest.raises(NotFound):
        workflow.perform(item.id, "start", officer)


def test_transfer_refuses_same_office_and_foreign_office(item, world):
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    workflow.perform(item.id, "accept", leader)
    with pytest.raises(UserValueError):
        workflow.perform(item.id, "transfer", leader, office_id=world.office_infra, reason="x")
    with pytest.raises(UserValueError):
        workflow.perform(item.id, "transfer", leader, office_id=world.office_other_commune,
                         reason="x")
    hanoi = db.session.scalar(sa.select(Office.id).where(Office.unit_code.like("0%")).limit(1))
    with pytest.raises(UserValueError):
        workflow.perform(item.id, "transfer", leader, office_id=hanoi, reason="x")


def test_extension_request_and_decision(item, officer, world):
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    workflow.perform(item.id, "accept", officer)
    old_due = item.due_at
    with pytest.raises(UserValueError):
        workflow.perform(item.id, "request_extension", officer, due_at=old_due, reason="x")
    workflow.perform(item.id, "request_extension", officer,
                     due_at=old_due + timedelta(days=7), reason="Chờ vật tư")
    with pytest.raises(Conflict):
        workflow.perform(item.id, "request_extension", officer,
                         due_at=old_due + timedelta(days=9), reason="lần hai")
    workflow.perform(item.id, "approve_extension", leader)
    db.session.refresh(item)
    assert item.due_at == old_due + timedelta(days=7) and item.extension_due_at is None
    kinds = [e.kind for e in item.events]
    assert kinds[-2:] == ["extension_requested", "extension_approved"]
    with pytest.raises(Conflict):
        workflow.perform(item.id, "reject_extension", leader)


def test_viewer_cannot_act(item, world):
    viewer = db.session.get(StaffUser, world.staff_ids["viewer"])
    with pytest.raises(Forbidden):
        workflow.perform(item.id, "accept", viewer)


def test_staff_of_other_units_get_not_found(item, world):
    for who in ("other_leader", "other_officer", "other_province_admin", "police"):
        user = db.session.get(StaffUser, world.staff_ids[who])
        with pytest.raises(NotFound):
            workflow.perform(item.id, "accept", user)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item.id)) == 1
