"""Lookup by owner only (phone or token), 404 for everyone else; rating once after an answer."""

import pytest
import sqlalchemy as sa

from core.db import db
from directory.models import StaffUser
from feedback import workflow
from feedback.models import Feedback


def test_owner_sees_status_and_public_timeline(submit, client):
    code = submit().json["tracking_code"]
    for phone in ("0912345678", "+84 912 345 678", "84912345678"):
        response = client.get(f"/api/v1/feedback/{code}", query_string={"phone": phone})
        assert response.status_code == 200, phone
    body = response.json
    assert body["status"] == "received" and body["status_label"] == "Đã tiếp nhận"
    assert body["office"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert [e["kind"] for e in body["timeline"]] == ["created"]
    text = response.get_data(as_text=True)
    assert "Nguyễn Văn An" not in text and "912345678" not in text  # no personal data echoed


def test_code_is_accepted_as_people_type_it(submit, client):
    code = submit().json["tracking_code"]
    loose = code.lower().replace("-", " ")
    assert client.get(f"/api/v1/feedback/{loose}?phone=0912345678").status_code == 200


@pytest.mark.parametrize("query", [
    {"phone": "0987654321"},           # someone else's phone
    {"token": "doan-bua"},             # a guessed token
    {"phone": "khong-phai-so"},        # not a phone at all
])
def test_others_get_404_not_403(submit, client, query):
    code = submit().json["tracking_code"]
    response = client.get(f"/api/v1/feedback/{code}", query_string=query)
    assert response.status_code == 404
    assert response.json["message"] == (
        "Không tìm thấy phản ánh. Vui lòng kiểm tra mã tra cứu và số điện thoại đã dùng khi "
        "gửi phản ánh, hoặc mã bí mật để tra cứu.")


def test_unknown_code_is_the_same_404(client):
    response = client.get("/api/v1/feedback/ABCD-EFGH?phone=0912345678")
    assert response.status_code == 404


def test_proof_is_required(submit, client):
    code = submit().json["tracking_code"]
    assert client.get(f"/api/v1/feedback/{code}").status_code == 422


def test_anonymous_item_cannot_be_read_with_a_phone(submit, client):
    body = submit(reporter=None, consent=None, anonymous=True).json
    code = body["tracking_code"]
    assert client.get(f"/api/v1/feedback/{code}?phone=0912345678").status_code == 404
    assert client.get(f"/api/v1/feedback/{code}?token={body['lookup_token']}x").status_code == 404
    assert client.get(f"/api/v1/feedback/{code}?token={body['lookup_token']}").status_code == 200


def _answer(code, world):
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))
    officer = db.session.get(StaffUser, world.staff_ids["officer"])
    for action in ("accept", "assign", "start"):
        workflow.perform(item.id, action, officer)
    workflow.perform(item.id, "answer", officer, answer="Đã vá ổ gà ngày 20/11.",
                     note="Đội công trình báo xong")
    return item


def test_public_answer_and_internal_note(submit, client, world, ctx):
    code = submit().json["tracking_code"]
    _answer(code, world)
    body = client.get(f"/api/v1/feedback/{code}?phone=0912345678").json
    assert body["status"] == "answered"
    assert body["public_answer"] == "Đã vá ổ gà ngày 20/11."
    assert [e["kind"] for e in body["timeline"]] == ["created", "accept", "assign", "start",
                                                     "answer"]
    assert "Đội công trình" not in str(body)  # internal notes stay internal


def test_rating_once_after_answer(submit, client, world, ctx):
    code = submit().json["tracking_code"]
    early = client.post(f"/api/v1/feedback/{code}/rating",
                        json={"rating": 5, "phone": "0912345678"})
    assert early.status_code == 409
    _answer(code, world)
    bad = client.post(f"/api/v1/feedback/{code}/rating", json={"rating": 6, "phone": "0912345678"})
    assert bad.status_code == 422 and "rating" in bad.json["errors"]
    stranger = client.post(f"/api/v1/feedback/{code}/rating",
                           json={"rating": 1, "phone": "0987654321"})
    assert stranger.status_code == 404
    ok = client.post(f"/api/v1/feedback/{code}/rating",
                     json={"rating": 4, "comment": "Xử lý nhanh", "phone": "0912345678"})
    assert ok.status_code == 200 and ok.json["rating"] == 4
    again = client.post(f"/api/v1/feedback/{code}/rating",
                        json={"rating": 5, "phone": "0912345678"})
    assert again.status_code == 409 and again.json["message"] == "Phản ánh này đã được đánh giá."
