"""The chat bot: a conversation becomes feedback; commands; unaccented input; time-outs."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from feedback.models import Feedback
from integrations.zalo import messages
from integrations.zalo.cli import build_event
from integrations.zalo.models import ZaloSubscription, ZaloUser
from tests.integrations.zalo.conftest import APP_ID


@pytest.fixture
def say(send_event, zalo):
    """``say("text", user=…)`` sends a text and returns the bot's new replies."""

    def _say(text=None, user="U1", **kwargs):
        before = len(zalo.texts_to(user))
        response = send_event(text, user=user, **kwargs)
        assert response.status_code == 200, response.json
        return zalo.texts_to(user)[before:]

    return _say


def _item(user="U1"):
    return db.session.scalar(sa.select(Feedback).where(Feedback.zalo_user_id == user))


def test_full_conversation_with_photo_and_location(say, zalo, fake_server, world):
    url = fake_server[1].url
    assert say("Phản ánh") == [messages.ASK_UNIT]
    [reply] = say("Phú Xuân")
    assert reply.startswith("Phản ánh thuộc lĩnh vực nào?")
    assert "2. Hạ tầng, giao thông" in reply
    assert say("2") == [messages.ASK_DESCRIPTION]
    assert say("Đường Lê Lợi có ổ gà rất sâu trước số 12") == [messages.ASK_MEDIA.format(n=5)]
    assert say(event="user_send_image", image=f"{url}/_fake/img/a.jpg") == [
        messages.PHOTO_SAVED.format(count=1)]
    assert say(event="user_send_location", location=(16.4637, 107.5909)) == [
        messages.LOCATION_SAVED]
    assert say("xong") == [messages.ASK_CONTACT]
    [confirm] = say("không")
    assert "Ảnh: 1 · Vị trí: có" in confirm
    replies = say("gửi")
    item = _item()
    assert item is not None
    code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    assert any(code in r and r.startswith("Đã gửi phản ánh") for r in replies)
    assert any(r.startswith("Phản ánh của bạn đã được tiếp nhận") for r in replies)  # receipt
    assert item.channel == "zalo" and item.unit_code == world.commune
    assert item.category.code == "ha-tang"
    assert (item.lat, item.lng) == (16.4637, 107.5909)
    assert len(item.attachments) == 1 and item.attachments[0].content_type == "image/jpeg"
    assert item.zalo_app_user_id == "app-U1"
    assert item.reporter_phone is None and item.consent is None
    user = db.session.get(ZaloUser, "U1")
    assert user.state == "idle" and user.unit_code == world.commune


def test_unaccented_input_and_remembered_commune(say, world):
    say("phan anh")
    say("phu xuan")
    say("1")
    say("co nguoi tu tap gay roi ban dem")
    say("bo qua")
    say("khong")
    say("gui")
    item = _item()
    assert item.category.code == "an-ninh"
    # Next time the commune is remembered.
    [remembered, categories] = say("PHAN ANH")
    assert remembered == messages.UNIT_REMEMBERED.format(unit="Phường Phú Xuân")
    assert categories.startswith("Phản ánh thuộc lĩnh vực nào?")


def test_lookup_status_accented_and_unaccented(say, submit):
    say("phan anh"), say("phu xuan"), say("2"), say("Đèn đường hỏng cả tuần nay"), say("xong")
    say("không"), say("gửi")
    item = _item()
    code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    [reply] = say(f"tra cứu {code}")
    assert reply.startswith(f"Phản ánh {code}: Đã tiếp nhận.")
    [reply] = say(f"tra cuu {item.tracking_code.lower()}")
    assert reply.startswith(f"Phản ánh {code}: Đã tiếp nhận.")
    # Someone else's code (or an unknown one) is not found.
    assert say(f"tra cuu {code}", user="U2") == [messages.LOOKUP_NOT_FOUND.format(code=code)]


def test_cancel_and_help(say):
    assert say("xin chào") == [messages.HELP]
    assert say("hủy") == [messages.NOTHING_TO_CANCEL]
    say("phản ánh")
    assert say("huy") == [messages.CANCELLED]
    assert db.session.get(ZaloUser, "U1").state == "idle"


def test_step_help_on_text_that_fits_no_step(say):
    say("phan anh"), say("phu xuan")
    assert say("abc") == [messages.CATEGORY_INVALID.format(n=3)]
    assert say("9") == [messages.CATEGORY_INVALID.format(n=3)]
    say("2")
    assert say("ngắn") == [messages.DESCRIPTION_SHORT]


def test_unknown_commune(say):
    say("phan anh")
    assert say("Không Có Xã Này") == [messages.UNIT_NOT_FOUND.format(text="Không Có Xã Này")]


def test_idle_for_30_minutes_drops_the_conversation(say, monkeypatch):
    say("phan anh"), say("phu xuan")
    later = clock.now() + timedelta(minutes=31)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert say("2") == [messages.EXPIRED, messages.HELP]
    assert db.session.get(ZaloUser, "U1").state == "idle"


def test_not_yet_idle_after_29_minutes(say, monkeypatch):
    say("phan anh"), say("phu xuan")
    later = clock.now() + timedelta(minutes=29)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert say("2") == [messages.ASK_DESCRIPTION]


def test_subscribe_and_unsubscribe(say, world):
    assert say("đăng ký Phú Xuân") == [messages.SUBSCRIBED.format(unit="Phường Phú Xuân")]
    assert say("dang ky phu xuan") == [messages.ALREADY_SUBSCRIBED.format(unit="Phường Phú Xuân")]
    assert say("dang ky kim long") == [messages.SUBSCRIBED.format(unit="Phường Kim Long")]
    codes = set(db.session.scalars(sa.select(ZaloSubscription.unit_code)
                                   .where(ZaloSubscription.user_id == "U1")))
    assert codes == {world.commune, world.other_commune}
    [reply] = say("huy dang ky")
    assert reply.startswith("Đã hủy đăng ký nhận thông báo của:")
    assert db.session.scalars(sa.select(ZaloSubscription)).all() == []
    assert say("hủy đăng ký") == [messages.NOT_SUBSCRIBED]


def test_contact_consent_is_asked_and_recorded(say, zalo):
    say("phan anh"), say("phu xuan"), say("2"), say("Cây đổ chắn ngang đường Nguyễn Huệ")
    say("xong")
    assert say("có") == [messages.CONTACT_WAIT]
    assert zalo.templates[-1]["message"]["attachment"]["payload"]["template_type"] == \
        "request_user_info"
    [received, confirm] = say("Trần Thị Bình", event="user_submit_info")
    assert received == messages.CONTACT_RECEIVED and "Trần Thị Bình +84912345678" in confirm
    say("gui")
    item = _item()
    assert item.reporter_name == "Trần Thị Bình" and item.reporter_phone == "+84912345678"
    assert item.consent["purpose"] == messages.CONSENT_PURPOSE
    assert item.consent["text"] == messages.ASK_CONTACT
    assert item.consent["evidence"]["answer"] == "có"
    assert item.consent["channel"] == "zalo"


def test_contact_shared_unasked_needs_a_yes(say):
    say("phan anh"), say("phu xuan"), say("2"), say("Cống thoát nước bị tắc nhiều ngày")
    assert say("Lê Văn C", event="user_submit_info") == [messages.CONTACT_UNASKED]
    assert say("không") == [messages.CONTACT_DISCARDED, messages.MEDIA_HINT]
    say("xong"), say("không"), say("gui")
    item = _item()
    assert item.reporter_name is None and item.reporter_phone is None and item.consent is None


def test_file_and_follow_unfollow(say, zalo):
    assert say(event="follow") == [messages.WELCOME]
    assert db.session.get(ZaloUser, "U1").is_follower
    say(event="unfollow")
    assert db.session.get(ZaloUser, "U1").is_follower is False
    event = build_event(None, "U1", "user_send_text", None, None, APP_ID)
    event["event_name"] = "user_send_file"
    event["message"]["attachments"] = [{"type": "file", "payload": {
        "url": "http://127.0.0.1/x.pdf", "name": "x.pdf", "size": "10", "type": "pdf"}}]
    assert say(body=event) == [messages.FILE_NOT_ACCEPTED]


def test_photo_too_large_is_refused(say, fake_server, app):
    url = fake_server[1].url
    say("phan anh"), say("phu xuan"), say("2"), say("Rác thải đổ trộm ven sông")
    big = app.config["FEEDBACK_MAX_IMAGE_BYTES"] + 10
    replies = say(event="user_send_image", image=f"{url}/_fake/img/b.jpg?size={big}")
    assert replies == [messages.PHOTO_FAILED.format(mb=5)]


def test_sweep_drops_idle_conversations_and_their_photos(say, fake_server, app, monkeypatch):
    import os

    from core import storage
    from integrations.zalo import inbound

    url = fake_server[1].url
    say("phan anh"), say("phu xuan"), say("2"), say("Ống nước vỡ tràn ra đường")
    say(event="user_send_image", image=f"{url}/_fake/img/c.jpg")
    [key] = db.session.get(ZaloUser, "U1").data["images"]
    assert os.path.exists(storage.path_of(key))
    assert inbound.drop_idle_conversations() == 0
    later = clock.now() + timedelta(minutes=31)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert inbound.drop_idle_conversations() == 1
    user = db.session.get(ZaloUser, "U1")
    assert user.state == "idle" and user.data == {}
    assert not os.path.exists(storage.path_of(key))
