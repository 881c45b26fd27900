"""The summary reaches each commenter once, on their channel, through the outbox."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from consultations import service
from core import outbox
from core.db import db
from core.models import Delivery
from feedback.service import Identity

CONSENT = {"purpose": "Gửi kết quả tiếp thu", "policy_version": "2026-01"}


@pytest.fixture
def sms_sent(ctx, app):
    """A recording sender for channel ``sms``."""
    calls = []

    def sender(delivery):
        calls.append((delivery.recipient, delivery.payload["text"]))
        return outbox.SendResult()

    outbox.register_sender(app, "sms", sender)
    yield calls
    outbox.unregister_sender(app, "sms")


def _deliveries(cid):
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "consultation", Delivery.subject_id == cid)
        .order_by(Delivery.channel)))


def test_one_message_per_commenter_on_their_channel(frozen, consult, sms_sent):
    cid = consult.published()["id"]
    frozen.advance(days=1)
    phone = {"author": {"name": "Lê Thị Hoa", "phone": "0905 111 222"}, "consent": CONSENT,
             "anonymous": False}
    consult.comment(cid, **phone)
    consult.comment(cid, section=3, **{**phone, "body": "Thêm một ý nữa về giờ giấc buổi tối."})
    consult.comment(cid, author={"name": "Phan Văn Nam", "email": "nam@example.vn"},
                    consent=CONSENT, anonymous=False)
    consult.comment(cid)  # anonymous on the widget: nobody to tell
    hidden = consult.comment(cid, author={"name": "Người Xấu", "phone": "0905 999 888"},
                             consent=CONSENT, anonymous=False, body="Lời lẽ thô tục, xúc phạm.")
    consult.act(f"/comments/{hidden['id']}/hide", reason="Xúc phạm")
    for _ in range(2):  # two comments through the Zalo chat by one follower
        service.comment(cid, {"section": None, "body": "Góp ý qua Zalo về dự thảo này.",
                              "anonymous": True}, identity=Identity(zalo_user_id="Z-42"),
                        channel="zalo")
    assert _deliveries(cid) == []  # nothing before the summary

    frozen.advance(days=7)
    consult.act(f"/{cid}/summary", who="leader",
                summary="Tiếp thu ý kiến về lối đi; giữ nguyên khung giờ buổi tối.")
    rows = _deliveries(cid)
    assert [(d.channel, d.recipient) for d in rows] == [
        ("email", "nam@example.vn"), ("sms", "+84905111222"), ("zalo", "Z-42")]
    assert len({d.idempotency_key for d in rows}) == 3
    assert all(d.kind == "consultation_summary" for d in rows)
    text = rows[0].payload["text"]
    assert "Dự thảo Quy chế quản lý vỉa hè" in text and "giữ nguyên khung giờ" in text
    assert f"/api/v1/consultations/{cid}" in text
    # the channel with a sender got it at once; the others have none here, so they fail
    # with that reason at once instead of waiting for ever
    assert sms_sent == [("+84905111222", text)]
    rows = _deliveries(cid)
    assert {d.channel: d.status for d in rows} == {"email": "failed", "sms": "sent",
                                                   "zalo": "failed"}
    assert {d.channel: d.last_error for d in rows if d.status == "failed"} == {
        "email": "Chưa cấu hình kênh gửi email.", "zalo": "Chưa cấu hình kênh gửi zalo."}
    counts = consult.get(f"/{cid}/deliveries", who="leader")
    assert counts["total"] == 3
    assert {"channel": "sms", "status": "sent", "count": 1} in counts["by_channel"]


def test_nothing_queued_when_the_summary_is_refused(frozen, consult):
    cid = consult.published()["id"]
    frozen.advance(days=1)
    consult.comment(cid, author={"name": "Lê Thị Hoa", "phone": "0905 111 222"},
                    consent=CONSENT, anonymous=False)
    consult.act(f"/{cid}/summary", who="leader", expect=409, summary="Chưa hết hạn.")
    frozen.advance(days=7)
    consult.act(f"/{cid}/summary", who="leader", expect=422, summary="  ")
    assert _deliveries(cid) == []
