"""Comments on drafts from Zalo: the chat ("góp ý dự thảo"), the Mini App token, and the
summary reaching a Zalo commenter through the outbox and the Zalo sender."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from consultations import messages as consultations_messages
from consultations import service
from consultations.models import Consultation, ConsultationComment
from core import clock
from core.db import db, unit_of_work
from directory.models import StaffUser
from integrations.zalo import messages
from notices import service as notices_service

SECTIONS = [{"title": "Phạm vi điều chỉnh"}, {"title": "Lối đi cho người đi bộ"},
            {"title": "Thời gian sử dụng"}]


@pytest.fixture
def open_consultation(ctx, world):
    """``open_consultation(title)`` writes, announces and publishes an open consultation."""

    def _open(title="Dự thảo Quy chế quản lý vỉa hè", unit=None):
        officer = db.session.get(StaffUser, world.staff_ids["officer"])
        leader = db.session.get(StaffUser, world.staff_ids["leader"])
        moment = clock.now()
        with unit_of_work():
            item = service.create({"title": title, "description": "Lấy ý kiến người dân.",
                                   "office_id": world.office_infra, "sections": SECTIONS,
                                   "opens_at": moment - timedelta(hours=1),
                                   "closes_at": moment + timedelta(days=7)}, officer)
            item = service.announce(item.id, officer)
        with unit_of_work():
            notices_service.approve(item.notice_id, leader)
        return item.id

    return _open


@pytest.fixture
def say(send_event, zalo):
    """``say("text", user=…)`` sends a text and returns the bot's new replies."""

    def _say(text, user="UC1"):
        before = len(zalo.texts_to(user))
        response = send_event(text, user=user)
        assert response.status_code == 200, response.json
        return zalo.texts_to(user)[before:]

    return _say


def _comments(cid):
    return list(db.session.scalars(sa.select(ConsultationComment).where(
        ConsultationComment.consultation_id == cid).order_by(ConsultationComment.id)))


def _close(cid):
    item = db.session.get(Consultation, cid)
    item.closes_at = clock.now() - timedelta(minutes=1)
    db.session.commit()


def test_comment_in_the_chat_then_the_summary_arrives_on_zalo(say, zalo, open_consultation,
                                                               world):
    cid = open_consultation()
    assert say("Góp ý dự thảo") == [messages.CONSULT_ASK_UNIT]
    [sections] = say("phu xuan")
    assert sections.startswith("Dự thảo “Dự thảo Quy chế quản lý vỉa hè” nhận góp ý đến")
    assert "0. Toàn bộ dự thảo\n1. Điều 1. Phạm vi điều chỉnh\n2. Điều 2." in sections
    assert say("2") == [messages.CONSULT_ASK_TEXT.format(target="Điều 2. Lối đi cho người đi bộ")]
    assert say("ngắn") == [messages.CONSULT_TEXT_SHORT]
    [confirm] = say("Nên để lối đi rộng 2 mét cho xe lăn, gọi tôi 0912 345 678")
    assert "• Góp ý cho: Điều 2. Lối đi cho người đi bộ" in confirm
    assert say("gui") == [messages.CONSULT_SENT.format(title="Dự thảo Quy chế quản lý vỉa hè")]

    [row] = _comments(cid)
    assert (row.channel, row.zalo_user_id, row.section.number) == ("zalo", "UC1", 2)
    assert row.is_anonymous and row.author_phone is None and row.consent is None
    assert "0912 345 678" not in row.public_body

    # the second time the commune is remembered; the whole draft is "0"
    [again] = say("gop y du thao")
    assert again.startswith("Dự thảo “Dự thảo Quy chế")
    say("0")
    say("Dự thảo cần công khai mức phí sử dụng vỉa hè")
    say("gửi")
    assert [c.section_id for c in _comments(cid)][1] is None

    _close(cid)
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    with unit_of_work():
        service.publish_summary(cid, leader, "Tiếp thu: lối đi tối thiểu 2 mét.")
    summary = zalo.texts_to("UC1")[-1]
    assert summary.startswith("Kết quả tiếp thu ý kiến về dự thảo “Dự thảo Quy chế")
    assert "lối đi tối thiểu 2 mét" in summary
    assert sum(t.startswith("Kết quả tiếp thu ý kiến") for t in zalo.texts_to("UC1")) == 1


def test_choosing_among_several_and_bad_numbers(say, open_consultation):
    first = open_consultation("Dự thảo thứ nhất về vỉa hè")
    second = open_consultation("Dự thảo thứ hai về chợ đêm")
    say("gop y du thao", user="UC2")
    [pick] = say("Phú Xuân", user="UC2")
    assert pick.startswith("Các dự thảo của Phường Phú Xuân đang lấy ý kiến")
    assert "1. Dự thảo" in pick and "2. Dự thảo" in pick
    assert say("7", user="UC2") == [messages.CONSULT_PICK_INVALID.format(n=2)]
    [sections] = say("2", user="UC2")
    chosen = second if "chợ đêm" in sections else first
    assert say("9", user="UC2") == [messages.CONSULT_SECTION_INVALID.format(n=3)]
    say("1", user="UC2")
    say("Ý kiến cho điều một của dự thảo", user="UC2")
    assert say("thôi", user="UC2") == [messages.CANCELLED]
    assert _comments(chosen) == []


def test_a_window_that_closes_during_the_chat(say, open_consultation):
    cid = open_consultation()
    say("gop y du thao", user="UC3")
    say("Phú Xuân", user="UC3")
    say("1", user="UC3")
    say("Phạm vi nên gồm cả các tuyến hẻm", user="UC3")
    _close(cid)
    [refused] = say("gửi", user="UC3")
    assert refused == messages.CONSULT_FAILED.format(
        reason=consultations_messages.WINDOW_CLOSED.format(
            closes=service.local_text(db.session.get(Consultation, cid).closes_at)))
    assert _comments(cid) == []
    assert say("gop y du thao", user="UC3") == [
        messages.CONSULT_NONE.format(unit="Phường Phú Xuân")]


def test_miniapp_comment_with_a_zalo_token(http_client, zalo, open_consultation):
    cid = open_consultation()
    zalo.add_miniapp_user("ut-binh", "app-user-9", "Bình")
    body = {"section": 3, "body": "Giờ sử dụng nên kết thúc lúc 21 giờ.", "anonymous": True,
            "channel": "miniapp"}
    response = http_client.post(f"/api/v1/consultations/{cid}/comments", json=body,
                                headers={"Authorization": "Bearer ut-binh"})
    assert response.status_code == 201, response.json
    [row] = _comments(cid)
    assert (row.channel, row.zalo_app_user_id, row.zalo_user_id) == ("miniapp", "app-user-9",
                                                                   None)
    forged = http_client.post(f"/api/v1/consultations/{cid}/comments", json=body,
                              headers={"Authorization": "Bearer ut-forged"})
    assert forged.status_code == 401
    assert len(_comments(cid)) == 1
