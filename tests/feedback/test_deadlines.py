"""The overdue check: across Tết 2027, with a frozen clock, exactly the overdue items, once."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from core.clock import LOCAL_TZ
from core.db import db
from core.models import Delivery
from directory.models import StaffUser
from feedback import service, workflow
from feedback.models import Feedback, FeedbackEvent

CLOCK_USERS = ("core.clock", "feedback.service", "feedback.workflow", "feedback.deadlines",
               "feedback.queue", "core.outbox")


@pytest.fixture
def freeze(monkeypatch):
    """``freeze(datetime)`` sets "now" everywhere the feedback flow reads it."""
    def _freeze(moment: datetime) -> None:
        import importlib

        for name in CLOCK_USERS:
            monkeypatch.setattr(importlib.import_module(name), "now", lambda: moment)
    return _freeze


def local(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


def _submit(world, category: str) -> Feedback:
    _, answer = service.submit({
        "unit_code": world.commune, "category_code": category, "title": "Đèn đường hỏng",
        "description": "Đèn đường trước chợ không sáng nhiều ngày.", "anonymous": True,
        "channel": "web"}, channel="web")
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == answer["tracking_code"].replace("-", "")))


def _overdue_events(item_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item_id, FeedbackEvent.kind == "overdue"))


def _leader_notices(item_id: int) -> list[Delivery]:
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item_id,
        Delivery.kind == "feedback_overdue")))


def test_overdue_task_across_tet_marks_exactly_the_overdue_items_once(app, world, ctx, freeze):
    from directory.models import StaffUser

    # The registered Celery task of this app, run in-process (as the worker would run it).
    task = app.extensions["celery"].tasks["feedback.mark_overdue"]

    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    # Monday 25 January 2027: police items (3 working days) due Thursday 28 January.
    freeze(local(2027, 1, 25, 9, 0))
    early = _submit(world, "an-ninh")
    answered = _submit(world, "an-ninh")
    for action, args in (("accept", {}), ("assign", {}), ("answer", {"answer": "Đã xử lý."})):
        workflow.perform(answered.id, action, leader, **args)
    # Monday 1 February 2027, just before Tết (4–10 February are holidays).
    freeze(local(2027, 2, 1, 9, 0))
    before_tet = _submit(world, "an-ninh")  # 3 working days: 2, 3, then 11 February
    long_one = _submit(world, "ha-tang")  # 10 working days: due 22 February
    assert before_tet.due_at == local(2027, 2, 11, 23, 59, 59)
    assert long_one.due_at == local(2027, 2, 22, 23, 59, 59)
    assert early.due_at == local(2027, 1, 28, 23, 59, 59)

    # During Tết: only the January item is late (calendar days alone would also flag the
    # item received on 1 February).
    freeze(local(2027, 2, 10, 12, 0))
    task.apply()
    task.apply()
    assert {i.id: _overdue_events(i.id) for i in (early, answered, before_tet, long_one)} == \
        {early.id: 1, answered.id: 0, before_tet.id: 0, long_one.id: 0}

    # The Friday after Tết: the item due on Thursday 11 February joins, the first stays at one.
    freeze(local(2027, 2, 12, 8, 0))
    task.apply()
    task.apply()
    assert {i.id: _overdue_events(i.id) for i in (early, answered, before_tet, long_one)} == \
        {early.id: 1, answered.id: 0, before_tet.id: 1, long_one.id: 0}
    db.session.expire_all()
    assert [i.is_overdue for i in (early, answered, before_tet, long_one)] == \
        [True, False, True, False]
    # One notice per overdue item to the commune leader, on the staff channel.
    for item in (early, before_tet):
        notices = _leader_notices(item.id)
        assert [(d.channel, d.recipient) for d in notices] == \
            [("staff_email", f"staff:{leader.id}")]
        assert item.tracking_code[:4] in notices[0].payload["text"]
    assert _leader_notices(long_one.id) == []
    event = db.session.scalar(sa.select(FeedbackEvent).where(
        FeedbackEvent.feedback_id == early.id, FeedbackEvent.kind == "overdue"))
    assert event.is_public is False and event.actor_label == "system"


def test_extension_approved_then_missed_again_is_marked_again(world, ctx, freeze):
    from datetime import timedelta

    from directory.models import StaffUser
    from feedback import deadlines

    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    freeze(local(2027, 8, 30, 9, 0))  # Monday; 2 and 3 September 2027 are holidays
    item = _submit(world, "an-ninh")
    assert item.due_at == local(2027, 9, 6, 23, 59, 59)  # 31/8, 1/9, then 6/9
    freeze(local(2027, 9, 7, 9, 0))
    assert deadlines.mark_overdue() == [item.id]
    workflow.perform(item.id, "accept", leader)
    workflow.perform(item.id, "request_extension", leader, reason="Chờ vật tư",
                     due_at=item.due_at + timedelta(days=3))
    workflow.perform(item.id, "approve_extension", leader)
    assert item.is_overdue is False
    assert deadlines.mark_overdue() == []
    freeze(local(2027, 9, 10, 9, 0))
    assert deadlines.mark_overdue() == [item.id]
    assert _overdue_events(item.id) == 2
    assert len(_leader_notices(item.id)) == 2


def test_overdue_check_is_scheduled(app):
    schedule = app.extensions["celery"].conf.beat_schedule
    assert schedule["feedback-overdue"]["task"] == "feedback.mark_overdue"
    assert schedule["feedback-overdue"]["schedule"] == app.config["FEEDBACK_OVERDUE_CHECK_SECONDS"]


def _reminders(item_id: int) -> list[Delivery]:
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item_id,
        Delivery.kind == "feedback_reminder").order_by(Delivery.id)))


def test_officers_are_reminded_two_working_days_before_the_due_date_once(app, world, ctx,
                                                                          freeze):
    from feedback import deadlines

    task = app.extensions["celery"].tasks["feedback.remind_due"]
    assert app.extensions["periodic"]["feedback-reminders"][0] == "feedback.remind_due"
    # Friday 15 January 2027: a 10-working-day item is due Friday 29 January.
    freeze(local(2027, 1, 15, 9, 0))
    item = _submit(world, "ha-tang")
    assert item.due_at == local(2027, 1, 29, 23, 59, 59)
    # Tuesday 26 January: three working days left, too early.
    freeze(local(2027, 1, 26, 9, 0))
    task.apply()
    assert _reminders(item.id) == []
    # Wednesday 27 January: due by the end of the second working day after today.
    freeze(local(2027, 1, 27, 9, 0))
    task.apply()
    task.apply()
    rows = _reminders(item.id)
    assert [(d.channel, d.recipient) for d in rows] == [
        ("staff_email", f"staff:{world.staff_ids['officer']}")]
    assert "29/01/2027" in rows[0].payload["text"]
    assert rows[0].payload["subject"].startswith("Nhắc hạn: phản ánh")
    assert rows[0].payload["feedback_id"] == item.id
    # An approved extension moves the due date: a new reminder before the new date.
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    workflow.perform(item.id, "accept", leader)
    workflow.perform(item.id, "request_extension", leader,
                     due_at=local(2027, 2, 19, 23, 59, 59), reason="Chờ vật tư")
    workflow.perform(item.id, "approve_extension", leader)
    assert deadlines.remind_due() == []
    freeze(local(2027, 2, 18, 9, 0))
    assert deadlines.remind_due() == [item.id]
    assert len(_reminders(item.id)) == 2


def test_an_office_without_officers_reminds_the_commune_leaders(world, ctx, freeze):
    from feedback import deadlines

    freeze(local(2027, 3, 1, 9, 0))
    item = _submit(world, "khac")  # the commune's default office, which has no officer
    assert deadlines.officers_of(item.office_id) == []
    freeze(item.due_at.astimezone(LOCAL_TZ).replace(hour=8, minute=0, second=0))
    deadlines.remind_due()
    assert [d.recipient for d in _reminders(item.id)] == [
        f"staff:{world.staff_ids['leader']}"]
