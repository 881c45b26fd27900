"""Webhook: signature check (good, bad, missing, tampered, wrong key), storage, dedupe."""

from __future__ import annotations

import json

import sqlalchemy as sa

from core.db import db
from integrations.zalo.cli import build_event, sign
from integrations.zalo.models import ZaloEvent
from integrations.zalo.webhook import signature, verify
from tests.integrations.zalo.conftest import APP_ID

URL = "/integrations/zalo/webhook"


def _post(client, raw: bytes, header: str | None):
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["X-ZEvent-Signature"] = header
    return client.post(URL, data=raw, headers=headers)


def _events():
    return db.session.scalars(sa.select(ZaloEvent)).all()


def test_signature_is_plain_sha256_of_app_id_body_timestamp_oa_key():
    import hashlib

    raw = b'{"a":1}'
    assert signature("app", raw, "123", "key") == hashlib.sha256(b'app{"a":1}123key').hexdigest()


def test_good_signature_is_accepted_and_stored(zalo, client):
    body = build_event("xin chào", "U1", "user_send_text", None, None, APP_ID)
    raw, header = sign(body)
    response = _post(client, raw, header)
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    [event] = _events()
    assert event.event_key == f"msg:{body['message']['msg_id']}"
    assert event.user_id == "U1"


def test_bad_signature_is_refused_and_dropped(zalo, client):
    body = build_event("xin chào", "U1", "user_send_text", None, None, APP_ID)
    raw, _ = sign(body)
    response = _post(client, raw, "mac=" + "0" * 64)
    assert response.status_code == 401
    assert set(response.json) >= {"code", "status", "message"}
    assert response.json["message"] == "Chữ ký sự kiện Zalo không hợp lệ."
    assert _events() == []


def test_missing_signature_is_refused(zalo, client):
    raw, _ = sign(build_event("a", "U1", "user_send_text", None, None, APP_ID))
    response = _post(client, raw, None)
    assert response.status_code == 401
    assert _events() == []


def test_tampered_body_is_refused(zalo, client):
    body = build_event("xin chào", "U1", "user_send_text", None, None, APP_ID)
    raw, header = sign(body)
    tampered = raw.replace("xin chào".encode(), "tạm biệt".encode())
    assert _post(client, tampered, header).status_code == 401
    assert _events() == []


def test_wrong_key_is_refused(zalo, client, app):
    body = build_event("xin chào", "U1", "user_send_text", None, None, APP_ID)
    raw = json.dumps(body).encode()
    wrong = signature(APP_ID, raw, body["timestamp"], "fake-app-secret")  # the APP secret
    assert _post(client, raw, f"mac={wrong}").status_code == 401
    assert verify(raw, body, f"mac={signature(APP_ID, raw, body['timestamp'], 'fake-oa-secret')}")


def test_report_only_mode_logs_and_accepts(zalo, client, app, caplog):
    app.config["ZALO_WEBHOOK_REPORT_ONLY"] = True
    try:
        raw, _ = sign(build_event("xin chào", "U1", "user_send_text", None, None, APP_ID))
        response = _post(client, raw, "mac=bad")
    finally:
        app.config["ZALO_WEBHOOK_REPORT_ONLY"] = False
    assert response.status_code == 200
    assert "report-only" in caplog.text
    assert len(_events()) == 1


def test_unsigned_empty_object_is_the_url_check(zalo, client):
    response = _post(client, b"{}", None)
    assert response.status_code == 200
    assert _events() == []


def test_duplicate_msg_id_is_stored_and_processed_once(zalo, client):
    body = build_event("phan anh", "U1", "user_send_text", None, None, APP_ID)
    raw, header = sign(body)
    first = _post(client, raw, header)
    second = _post(client, raw, header)
    assert first.json["status"] == "ok"
    assert second.status_code == 200 and second.json["status"] == "duplicate"
    [event] = _events()
    assert event.status == "processed"
    assert len(zalo.texts_to("U1")) == 1  # one reply, not two


def test_other_events_are_ignored_without_error(zalo, client):
    body = build_event("x", "U1", "user_send_text", None, None, APP_ID)
    body["event_name"] = "user_seen_message"
    raw, header = sign(body)
    response = _post(client, raw, header)
    assert response.status_code == 200 and response.json["status"] == "ignored"
    assert _events() == []


def test_off_without_app_id(client):
    raw = json.dumps({"app_id": "x", "timestamp": "1", "event_name": "follow"}).encode()
    response = _post(client, raw, "mac=x")
    assert response.status_code == 404  # off by configuration: not "temporarily unavailable"
    assert response.json["code"] == 404
    assert client.get("/readyz").json["checks"]["zalo"].startswith("off")
