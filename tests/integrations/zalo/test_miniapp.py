"""Mini App backend: the Zalo user token is verified with Zalo, never trusted blindly."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from core.db import db
from feedback.models import Feedback
from integrations.zalo import client


@pytest.fixture
def user_token(zalo):
    zalo.add_miniapp_user("ut-an", "app-user-1", "An")
    return "ut-an"


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_submit_with_zalo_token_links_the_item_and_lists_it(http_client, submit, user_token,
                                                          zalo):
    response = submit(headers=_bearer(user_token), channel="miniapp")
    assert response.status_code == 201, response.json
    submit()  # someone else's item, without the header
    mine = http_client.get("/api/v1/me/feedback", headers=_bearer(user_token))
    assert mine.status_code == 200
    assert [i["tracking_code"] for i in mine.json["items"]] == [response.json["tracking_code"]]
    assert "reporter" not in mine.json["items"][0]
    item = db.session.query(Feedback).filter_by(zalo_app_user_id="app-user-1").one()
    assert item.channel == "miniapp"


def test_a_mini_app_user_is_told_on_zalo_by_phone_and_not_by_sms_first(http_client, submit,
                                                                     user_token):
    response = submit(headers=_bearer(user_token), channel="miniapp")
    item = db.session.query(Feedback).filter_by(
        tracking_code=response.json["tracking_code"].replace("-", "")).one()
    # not a follower of the OA: ZNS to the phone first, SMS after
    assert item.zalo_user_id is None
    assert item.notify_routes == ["zns", "sms"]


def test_a_mini_app_user_who_follows_the_oa_is_answered_in_the_conversation(
        http_client, submit, user_token, ctx):
    from integrations.zalo.models import ZaloUser

    db.session.add(ZaloUser(user_id="oa-user-9", user_id_by_app="app-user-1", is_follower=True))
    db.session.commit()
    response = submit(headers=_bearer(user_token), channel="miniapp")
    item = db.session.query(Feedback).filter_by(
        tracking_code=response.json["tracking_code"].replace("-", "")).one()
    assert (item.zalo_user_id, item.zalo_app_user_id) == ("oa-user-9", "app-user-1")
    assert item.notify_routes == ["zalo", "zns", "sms"]


def test_verification_is_cached_by_token_hash(http_client, user_token, zalo):
    for _ in range(3):
        assert http_client.get("/api/v1/me/feedback",
                               headers=_bearer(user_token)).status_code == 200
    assert zalo.calls["/v2.0/me"] == 1


def test_appsecret_proof_is_sent(zalo, ctx, user_token):
    expected = hmac.new(b"fake-app-secret", b"ut-an", hashlib.sha256).hexdigest()
    assert client.appsecret_proof("ut-an") == expected
    assert client.graph_me("ut-an")["id"] == "app-user-1"  # the fake checks the proof


def test_unknown_token_is_refused(http_client, zalo):
    response = http_client.get("/api/v1/me/feedback", headers=_bearer("ut-forged"))
    assert response.status_code == 401
    assert response.json["message"].startswith("Phiên đăng nhập Zalo không hợp lệ")
    assert http_client.get("/api/v1/me/feedback").status_code == 401
    refused = http_client.post("/api/v1/feedback", headers=_bearer("ut-forged"), json={
        "unit_code": "19753", "category_code": "ha-tang", "anonymous": True,
        "description": "Một phản ánh thử nghiệm."})
    assert refused.status_code == 401


def test_client_sent_user_id_is_not_accepted(submit, zalo):
    response = submit(zalo_user_id="U-forged")
    assert response.status_code == 422
    assert "zalo_user_id" in response.json["errors"]


def test_zalo_down_is_503_not_401(http_client, user_token, zalo):
    zalo.fail_next = [502]
    response = http_client.get("/api/v1/me/feedback", headers=_bearer(user_token))
    assert response.status_code == 503


def test_phone_token_is_exchanged_server_side_once(http_client, user_token, zalo):
    zalo.add_phone_code("pc-1", "84912345678")
    response = http_client.post("/api/v1/me/phone", headers=_bearer(user_token),
                                json={"token": "pc-1"})
    assert response.status_code == 200 and response.json == {"phone": "+84912345678"}
    again = http_client.post("/api/v1/me/phone", headers=_bearer(user_token),
                             json={"token": "pc-1"})
    assert again.status_code == 422
