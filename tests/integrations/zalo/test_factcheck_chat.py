"""“báo tin giả” in the Zalo chat: the commune, then the forwarded text, link or screenshot,
then “xong”; the verdict comes back in the conversation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.db import db, unit_of_work
from factcheck import messages as factcheck_messages
from factcheck import service
from factcheck.models import MisinformationReport
from integrations.zalo.models import ZaloUser

pytestmark = pytest.mark.usefixtures("zalo")


@pytest.fixture
def say(send_event, zalo):
    """``say("text", user=…)`` sends a text and returns the bot's new replies."""

    def _say(text=None, user="U1", **kwargs):
        before = len(zalo.texts_to(user))
        response = send_event(text, user=user, **kwargs)
        assert response.status_code == 200, response.json
        return zalo.texts_to(user)[before:]

    return _say


def _reports(user="U1"):
    return list(db.session.scalars(sa.select(MisinformationReport).where(
        MisinformationReport.zalo_user_id == user).order_by(MisinformationReport.id)))


def test_a_follower_reports_a_rumour_and_hears_the_verdict(say, zalo, fake_server, world):
    url = fake_server[1].url
    assert say("Báo tin giả") == [factcheck_messages.CHAT_ASK_UNIT]
    assert say("Phú Xuân") == [factcheck_messages.CHAT_ASK_CONTENT.format(unit="Phường Phú Xuân")]
    assert (say("UBND phường thông báo thu phí vệ sinh 500.000 đồng mỗi hộ")
            == [factcheck_messages.CHAT_GOT])
    assert (say(event="user_send_image", image=f"{url}/_fake/img/a.jpg")
            == [factcheck_messages.CHAT_GOT])
    assert say("thấy trong nhóm Zalo tổ 5 sáng nay") == [factcheck_messages.CHAT_GOT]
    [sent] = say("xong")
    [row] = _reports()
    code = f"{row.tracking_code[:4]}-{row.tracking_code[4:]}"
    assert sent == factcheck_messages.CHAT_SENT.format(code=code, unit="Phường Phú Xuân")
    assert row.channel == "zalo" and row.unit_code == world.commune
    assert row.content.startswith("UBND phường thông báo") and "tổ 5" in row.content
    assert row.image_key and row.image_type == "image/jpeg"
    assert db.session.get(ZaloUser, "U1").state == "idle"
    from directory.models import StaffUser

    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    with unit_of_work():  # the reporter is told once the verdict is committed
        service.record_verdict(row.case_id, leader, "true", "Phường có thu phí theo quy định.")
    [told] = zalo.texts_to("U1")[-1:]
    assert code in told and "ĐÚNG" in told


def test_unaccented_with_the_content_on_the_same_line(say, world):
    say("bao tin gia")
    say("phu xuan")
    say("huy")
    assert say("bao tin gia co lenh so tan toan phuong truoc 17 gio") == [
        factcheck_messages.CHAT_ASK_CONTENT.format(unit="Phường Phú Xuân")]
    say("XONG")
    [row] = _reports()
    assert row.content == "co lenh so tan toan phuong truoc 17 gio"
    assert row.case.priority == "emergency"


def test_nothing_sent_yet_and_cancel(say, world):
    say("báo tin giả")
    say("Phú Xuân")
    assert say("xong") == [factcheck_messages.CHAT_NOTHING]
    say("hủy")
    assert db.session.get(ZaloUser, "U1").state == "idle"
    assert _reports() == []
