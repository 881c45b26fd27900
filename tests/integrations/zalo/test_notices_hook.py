"""Wired to the notices package: publishing fans out to subscribers, withdrawing stops it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.db import commit, db
from core.models import Delivery
from integrations.zalo import messages
from integrations.zalo.models import ZaloArticle, ZaloSubscription, ZaloUser
from notices.models import Notice


@pytest.fixture
def publish(http_client, staff_headers):
    def _publish(**overrides):
        body = {"title": "Lịch cắt điện khu vực phường",
                "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
                "body": "<p>Điện lực thông báo <strong>cắt điện</strong> để bảo dưỡng.</p>",
                "category": "local_programmes", **overrides}
        created = http_client.post("/api/v1/staff/notices", json=body,
                                   headers=staff_headers("officer"))
        assert created.status_code == 201, created.json
        notice_id = created.json["id"]
        for action, who in (("submit", "officer"), ("approve", "leader")):
            response = http_client.post(f"/api/v1/staff/notices/{notice_id}/{action}", json={},
                                        headers=staff_headers(who))
            assert response.status_code == 200, response.json
        return notice_id

    return _publish


def _subscribe(users, unit_code):
    for user_id in users:
        db.session.add(ZaloUser(user_id=user_id, state="idle", data={}))
        db.session.flush()
        db.session.add(ZaloSubscription(user_id=user_id, unit_code=unit_code))
    commit()


def test_published_notice_reaches_subscribers(zalo, world, publish):
    _subscribe(["N1", "N2"], world.commune)
    notice_id = publish()
    code = db.session.get(Notice, notice_id).verification_code
    expected = ("[Thông báo] Lịch cắt điện khu vực phường\n"
                "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.\n"
                f"Mã xác minh: {code[:3]}-{code[3:]}")
    assert zalo.texts_to("N1") == [expected] and zalo.texts_to("N2") == [expected]
    keys = set(db.session.scalars(sa.select(Delivery.idempotency_key).where(
        Delivery.subject_type == "notice", Delivery.subject_id == notice_id)))
    assert keys == {f"notice:{notice_id}:zalo:N1", f"notice:{notice_id}:zalo:N2"}


def test_emergency_notice_is_an_article_and_withdrawal_hides_it(zalo, world, publish,
                                                                http_client, staff_headers):
    _subscribe(["N3"], world.commune)
    notice_id = publish(priority="emergency", category="disaster_incident", risk_level=3,
                        title="Lũ quét", summary="Sơ tán ngay khỏi vùng trũng.")
    article = db.session.scalar(sa.select(ZaloArticle).where(ZaloArticle.notice_id == notice_id))
    assert article.status == "broadcast" and len(zalo.broadcasts) == 1
    assert zalo.articles[article.article_id]["body"][0]["content"].startswith("<p>Điện lực")
    assert zalo.texts_to("N3") == []
    response = http_client.post(f"/api/v1/staff/notices/{notice_id}/withdraw",
                                json={"reason": "Đã hết nguy cơ."}, headers=staff_headers("leader"))
    assert response.status_code == 200, response.json
    assert zalo.articles[article.article_id]["status"] == "hide"


def test_nothing_is_queued_when_zalo_is_off(world, publish, app, ctx):
    _subscribe(["N4"], world.commune)
    notice_id = publish()
    assert db.session.scalar(sa.select(sa.func.count()).where(
        Delivery.channel == "zalo", Delivery.subject_id == notice_id)) == 0


def test_published_correction_is_labelled(zalo, world, publish, http_client, staff_headers):
    _subscribe(["N5"], world.commune)
    notice_id = publish()
    draft = http_client.post(f"/api/v1/staff/notices/{notice_id}/correct",
                             json={"summary": "Cắt điện từ 8 giờ đến 12 giờ."},
                             headers=staff_headers("officer"))
    assert draft.status_code == 201, draft.json
    for action, who in (("submit", "officer"), ("approve", "leader")):
        response = http_client.post(f"/api/v1/staff/notices/{draft.json['id']}/{action}",
                                    json={}, headers=staff_headers(who))
        assert response.status_code == 200, response.json
    label = messages.CORRECTION_LABEL.format(label="Thông báo")
    code = db.session.get(Notice, draft.json["id"]).verification_code
    assert zalo.texts_to("N5")[-1] == (f"[{label}] Lịch cắt điện khu vực phường\n"
                                       "Cắt điện từ 8 giờ đến 12 giờ.\n"
                                       f"Mã xác minh: {code[:3]}-{code[3:]}")
