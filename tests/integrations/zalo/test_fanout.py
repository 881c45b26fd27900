"""Notices to followers: per-subscriber deliveries, emergency first, idempotent fan-out,
the article broadcast path, withdrawal, and the staff counts."""

from __future__ import annotations

import sqlalchemy as sa

from core import clock, outbox
from core.db import commit, db
from core.models import Delivery
from integrations.zalo import fanout
from integrations.zalo.models import ZaloArticle, ZaloSubscription, ZaloUser


def _subscribe(users, unit_code, follower=True):
    for user_id in users:
        if db.session.get(ZaloUser, user_id) is None:
            db.session.add(ZaloUser(user_id=user_id, state="idle", data={},
                                    is_follower=follower))
            db.session.flush()
        db.session.add(ZaloSubscription(user_id=user_id, unit_code=unit_code))
    commit()


def test_fan_out_messages_each_subscriber_once(zalo, world):
    users = [f"S{i:03d}" for i in range(40)]
    _subscribe(users, world.commune)
    _subscribe(["OTHER"], world.other_commune)
    _subscribe(["GONE"], world.commune, follower=False)
    result = fanout.fan_out(101, world.commune, "normal", "Lịch cúp nước", "Sáng mai 7h-11h.")
    assert result == {"deliveries": 40, "broadcast": False}
    commit()  # sending starts after the commit (eager here)
    assert {u: len(zalo.texts_to(u)) for u in users} == {u: 1 for u in users}
    assert zalo.texts_to("S000") == ["[Thông báo] Lịch cúp nước\nSáng mai 7h-11h."]
    assert zalo.texts_to("OTHER") == [] and zalo.texts_to("GONE") == []
    # Publishing again (a retry) adds nothing and sends nothing.
    assert fanout.fan_out(101, world.commune, "normal", "Lịch cúp nước", "x")["deliveries"] == 0
    commit()
    assert zalo.state()["max_per_user"] == 1
    keys = set(db.session.scalars(sa.select(Delivery.idempotency_key)
                                  .where(Delivery.subject_id == 101)))
    assert "notice:101:zalo:S007" in keys


def test_province_notice_reaches_its_communes_subscribers(zalo, world):
    _subscribe(["A"], world.commune)
    _subscribe(["B"], world.other_commune)
    assert fanout.fan_out(102, world.province, "priority", "Bão số 5", "Chằng chống nhà cửa.",
                          broadcast=False)["deliveries"] == 2
    commit()
    assert zalo.texts_to("A") == ["[ƯU TIÊN] Bão số 5\nChằng chống nhà cửa."]
    assert len(zalo.texts_to("B")) == 1


def test_emergency_messages_go_first(zalo, world, app):
    users = [f"E{i:02d}" for i in range(10)]
    _subscribe(users, world.commune)
    outbox.unregister_sender(app, "zalo")  # hold sending until both notices are queued
    fanout.fan_out(201, world.commune, "normal", "Họp dân", "Tối thứ bảy.")
    fanout.fan_out(202, world.commune, "emergency", "Lũ quét", "Sơ tán ngay.", broadcast=False)
    commit()
    from integrations.zalo import register_sender

    register_sender(app)
    fanout.drain()
    order = [m["text"].split("]")[0] for m in zalo.messages]
    assert order == ["[KHẨN CẤP"] * 10 + ["[Thông báo"] * 10


def test_emergency_is_one_article_broadcast_by_default(zalo, world, app):
    _subscribe([f"B{i}" for i in range(5)], world.commune)
    app.config["ZALO_CITY_CODES"] = {world.province: "4"}
    zalo.verify_pending = 1  # Zalo is still processing the article on the first verify
    try:
        result = fanout.fan_out(301, world.commune, "emergency", "Lũ quét",
                                "Người dân vùng trũng sơ tán ngay.\nGọi 114 khi cần.")
        commit()
    finally:
        app.config["ZALO_CITY_CODES"] = {}
    assert result == {"deliveries": 1, "broadcast": True}
    delivery = db.session.scalar(sa.select(Delivery).where(Delivery.subject_id == 301))
    assert delivery.status == "pending" and delivery.last_error == "article still processing"
    delivery.next_attempt_at = clock.now()
    commit()
    fanout.drain()
    assert db.session.get(Delivery, delivery.id, populate_existing=True).status == "sent"
    article = db.session.scalar(sa.select(ZaloArticle).where(ZaloArticle.notice_id == 301))
    assert article.article_id and article.status == "broadcast"
    [sent] = zalo.broadcasts
    assert sent["recipient"]["target"] == {"cities": "4"}
    element = sent["message"]["attachment"]["payload"]["elements"][0]
    assert element == {"media_type": "article", "attachment_id": article.article_id}
    assert zalo.articles[article.article_id]["body"][0]["content"] == (
        "<p>Người dân vùng trũng sơ tán ngay.</p><p>Gọi 114 khi cần.</p>")
    assert zalo.messages == []  # one call, not one per follower
    # (notice 301 is only an id here; the staff route, which needs a notice in the caller's
    # scope, is in tests/test_authorization_matrix_zalo.py)
    counts = fanout.counts(301)
    assert counts["counts"] == {"sent": 1}
    assert counts["article"]["article_id"] == article.article_id
    # Withdrawal hides the article.
    fanout.withdraw(301)
    commit()
    fanout.drain()
    assert zalo.articles[article.article_id]["status"] == "hide"
    assert db.session.get(ZaloArticle, article.id, populate_existing=True).status == "hidden"


def test_withdrawal_cancels_unsent_messages(zalo, world, app):
    _subscribe(["W1", "W2"], world.commune)
    outbox.unregister_sender(app, "zalo")
    fanout.fan_out(401, world.commune, "normal", "Tiêm chủng", "Thứ hai.")
    commit()
    assert fanout.withdraw(401) == 2
    commit()
    from integrations.zalo import register_sender

    register_sender(app)
    fanout.drain()
    assert zalo.messages == []
    assert fanout.counts(401)["counts"] == {"cancelled": 2}


def test_publish_hook_adapter(zalo, world):
    class Notice:
        id, unit_code, priority = 501, world.commune, "normal"
        title, summary, body = "Thu gom rác", "Đổi lịch thu gom rác.", "…"

    _subscribe(["H1"], world.commune)
    fanout.on_notice_published(None, Notice())
    commit()
    assert zalo.texts_to("H1") == ["[Thông báo] Thu gom rác\nĐổi lịch thu gom rác."]


def test_batch_left_in_flight_by_a_dead_worker_is_not_sent_twice(zalo, world):
    users = ["D1", "D2", "D3"]
    _subscribe(users, world.commune)
    fanout.fan_out(601, world.commune, "normal", "Nước sạch", "Cấp nước trở lại.")
    commit()
    assert zalo.state()["messages"] == 3
    # As a crash would leave them: Zalo has the messages, the rows still say "sending".
    db.session.execute(sa.update(Delivery).where(Delivery.subject_id == 601).values(
        status="sending", sent_at=None, next_attempt_at=clock.now()))
    commit()
    fanout.drain()
    assert zalo.state()["messages"] == 3
    assert fanout.counts(601)["counts"] == {"sent": 3}


def test_several_target_units_message_each_subscriber_once(zalo, world):
    _subscribe(["M1"], world.commune)
    _subscribe(["M2"], world.other_commune)
    db.session.add(ZaloSubscription(user_id="M1", unit_code=world.other_commune))
    commit()
    result = fanout.fan_out(701, [world.commune, world.other_commune], "normal", "Tiêu đề",
                            "Nội dung")
    assert result["deliveries"] == 2
    commit()
    assert len(zalo.texts_to("M1")) == 1 and len(zalo.texts_to("M2")) == 1
