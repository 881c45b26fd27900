"""The privacy notice (current and old versions, HTML and JSON) and consent: required before
contact data is stored, recorded uniformly on every channel."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from core.errors import UserValueError
from feedback import service
from feedback.models import Feedback
from privacy import notice
from privacy.models import ConsentRecord, PrivacyNotice
from tests.privacy.conftest import E164, item_by_code


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_current_notice_is_served_as_html_and_json(client, ctx):
    page = client.get("/privacy")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'data-version="2026-01"' in html
    assert "Quyền của bạn" in html and "2 ngày làm việc" in html
    assert "script" not in html.lower()
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    body = client.get("/api/v1/privacy-notice").json
    assert body["version"] == "2026-01" and body["is_current"] is True
    assert body["consent_text"].startswith("Tôi đồng ý")
    assert body["url"].endswith("/privacy/2026-01")
    assert [v["version"] for v in body["versions"]] == ["2026-01"]
    assert {"heading", "paragraphs"} <= set(body["sections"][0])


def test_a_new_version_becomes_current_and_the_old_one_stays_retrievable(
        client, runner, ctx, tmp_path):
    text = {"version": "2027-01", "title": "Thông báo mới", "summary": "Tóm tắt mới.",
            "consent_text": "Tôi đồng ý (bản 2027).",
            "sections": [{"heading": "Mục", "paragraphs": ["Nội dung."]}],
            "effective_date": clock.now().strftime("%Y-%m-%d")}
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(text, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["privacy", "add-notice", str(path)])
    assert result.exit_code == 0, result.output
    assert "2027-01" in result.output
    assert notice.current_version() == "2027-01"
    assert client.get("/api/v1/privacy-notice").json["version"] == "2027-01"
    old = client.get("/api/v1/privacy-notice/2026-01").json
    assert old["version"] == "2026-01" and old["is_current"] is False
    assert 'data-version="2026-01"' in client.get("/privacy/2026-01").get_data(as_text=True)
    # versions are immutable: the same version again is refused
    again = runner.invoke(args=["privacy", "add-notice", str(path)])
    assert again.exit_code != 0
    assert db.session.get(PrivacyNotice, "2027-01").title == "Thông báo mới"
    # a consent under the older version is still accepted (it was published)
    assert notice.is_known("2026-01")


def test_a_future_version_is_not_current_yet(ctx):
    notice.add("2030-01", "Sau này", "Tóm tắt.", "Đồng ý.", [],
               clock.now() + timedelta(days=30))
    assert notice.current_version() == "2026-01"


def test_unknown_version_is_a_json_404(client):
    response = client.get("/api/v1/privacy-notice/1999-01")
    assert response.status_code == 404 and response.json["code"] == 404
    assert client.get("/privacy/1999-01").status_code == 404


def test_contact_data_without_consent_is_refused_and_nothing_is_stored(submit, ctx):
    before = (_count(Feedback), _count(ConsentRecord))
    response = submit(consent=None)
    assert response.status_code == 422 and "consent" in response.json["errors"]
    unknown = submit(consent={"purpose": "Tiếp nhận", "policy_version": "không-có"})
    assert unknown.status_code == 422
    assert "policy_version" in unknown.json["errors"]["consent"]
    assert (_count(Feedback), _count(ConsentRecord)) == before


def test_the_intake_service_itself_refuses_contact_without_consent(ctx, world):
    before = _count(Feedback)
    with pytest.raises(UserValueError):
        service.submit({"unit_code": world.commune, "category_code": "ha-tang",
                        "description": "Đèn đường hỏng nhiều ngày.",
                        "reporter": {"name": "Lê Văn C", "phone": E164}}, channel="zalo")
    assert _count(Feedback) == before


def test_api_consent_is_recorded_with_the_text_shown_and_its_origin(submit, client, ctx):
    text = "Tôi đồng ý để chính quyền sử dụng họ tên và số điện thoại của tôi."
    response = submit(consent={"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01",
                               "text": text}, channel="widget",
                      headers={"Origin": "https://xa.example.vn"})
    item = item_by_code(response.json["tracking_code"])
    [record] = db.session.scalars(sa.select(ConsentRecord)
                                  .where(ConsentRecord.feedback_id == item.id)).all()
    assert (record.channel, record.policy_version, record.policy_owner, record.text) == (
        "widget", "2026-01", "controller", text)
    assert record.data_types == ["name", "phone"]
    assert record.evidence == {"source": "form", "channel": "widget",
                               "origin": "https://xa.example.vn"}
    assert record.given_at == item.created_at and record.withdrawn_at is None
    assert item.consent["text"] == text and item.consent["data"] == ["name", "phone"]


def test_anonymous_feedback_records_no_consent(submit, ctx):
    response = submit(reporter=None, consent=None, anonymous=True)
    item = item_by_code(response.json["tracking_code"])
    assert item.consent is None
    assert db.session.scalars(sa.select(ConsentRecord)
                              .where(ConsentRecord.feedback_id == item.id)).all() == []


def test_open311_consent_names_the_partner_and_its_policy(client, ctx, world, consent_key):
    response = client.post("/open311/v2/requests.json", data={
        "api_key": consent_key, "jurisdiction_id": world.commune, "service_code": "khac",
        "description": "Cây đổ chắn ngang đường.", "lat": "16.46", "long": "107.59",
        "first_name": "Bình", "last_name": "Trần", "phone": "0905123456"})
    assert response.status_code == 201, response.get_data(as_text=True)
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.public_id == response.json[0]["service_request_id"]))
    [record] = db.session.scalars(sa.select(ConsentRecord)
                                  .where(ConsentRecord.feedback_id == item.id)).all()
    assert record.channel == "open311" and record.policy_owner == "partner"
    assert record.evidence["partner"] == "Cổng dịch vụ có đồng ý"
    assert record.data_types == ["name", "phone"]


def test_zalo_chat_consent_is_recorded_with_the_question_and_the_answer(
        send_event, zalo, ctx):
    from integrations.zalo import messages as zalo_messages

    for text in ("phan anh", "phu xuan", "2", "Cây đổ chắn ngang đường Nguyễn Huệ", "xong",
                 "có"):
        assert send_event(text).status_code == 200
    send_event("Trần Thị Bình", event="user_submit_info")
    send_event("gui")
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_user_id == "U1"))
    [record] = db.session.scalars(sa.select(ConsentRecord)
                                  .where(ConsentRecord.feedback_id == item.id)).all()
    assert record.channel == "zalo" and record.text == zalo_messages.ASK_CONTACT
    assert record.policy_version == notice.current_version()
    assert record.evidence["answer"] == "có" and record.evidence["msg_id"]
