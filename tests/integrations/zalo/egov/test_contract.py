"""Contract: each call of the e-government template, replayed as its service layer makes it,
answers in its envelope and shapes, over the existing services; Zalo identity from the fake."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from core.db import commit, db
from core.models import Delivery
from directory.models import Category, StaffUser
from feedback.answers import service as answers_service
from feedback.models import Attachment, Feedback
from integrations.zalo.egov.models import MiniAppUpload
from integrations.zalo.models import ZaloUser, ZaloVerifiedPhone
from privacy.models import ConsentRecord
from tests.feedback.images import FAKE, JPEG, PNG
from tests.integrations.zalo.egov.conftest import MINI_APP_ID, OA_ID, envelope_error, envelope_ok
from tests.open311.helpers import create_item


def _user(fake, token: str, user_id: str, name: str = "Trần Văn Bình") -> str:
    fake.add_miniapp_user(token, user_id, name)
    return token


def _follow(user_id: str, oa_user_id: str) -> None:
    db.session.add(ZaloUser(user_id=oa_user_id, user_id_by_app=user_id, is_follower=True))
    commit()


# --- organization, articles, feedback types ----------------------------------------------------
def test_the_mini_app_id_names_the_unit_and_its_official_account(template, egov, world):
    token = _user(egov, "tk-org", "app-org")
    data = envelope_ok(template(token).get_organization(MINI_APP_ID))
    assert data["id"] == world.commune and data["name"] == "Phường Phú Xuân"
    assert data["description"] == "Cổng dịch vụ công phường"
    assert data["logoUrl"] == "https://example.invalid/logo.png"
    assert data["officialAccounts"] == [{"oaId": OA_ID, "name": "UBND phường Phú Xuân",
                                         "logoUrl": "https://example.invalid/oa.png",
                                         "follow": False}]
    _follow("app-org", "oa-org")
    data = envelope_ok(template(token).get_organization(MINI_APP_ID))
    assert data["officialAccounts"][0]["follow"] is True


def test_an_unknown_mini_app_or_unit_is_an_error_envelope(template, egov, world):
    response = template().get_organization("999")
    assert response.status_code == 404
    envelope_error(response, -404)
    envelope_error(template().get_feedback_types(world.other_commune), -404)
    envelope_error(template().get_feedbacks("not-a-unit"), -404)


def test_articles_are_the_units_current_notices_with_their_public_link(
        template, egov, world, notices_api, app, monkeypatch):
    # the Mini App opens the link itself: it must be absolute, from PUBLIC_BASE_URL
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://thongtin.hue.gov.vn")
    first = notices_api.publish(title="Lịch tiêm chủng tháng 12")
    second = notices_api.publish(title="Lịch cắt điện", summary="Cắt điện sáng thứ Bảy.")
    page = envelope_ok(template().get_articles(world.commune, page=0, limit=1))
    assert (page["current"], page["pageSize"], page["total"]) == (0, 1, 2)
    (article,) = page["data"]
    assert article["id"] == str(second["id"]) and article["title"] == "Lịch cắt điện"
    assert article["desc"] == "Cắt điện sáng thứ Bảy." and article["thumb"] == ""
    assert article["link"] == f"https://thongtin.hue.gov.vn/api/v1/notices/{second['id']}"
    assert isinstance(article["createdAt"], int) and article["createdAt"] > 1_700_000_000_000
    later = envelope_ok(template().get_articles(world.commune, page=1, limit=1))
    assert [a["id"] for a in later["data"]] == [str(first["id"])]


def test_feedback_types_are_the_units_categories(template, egov, world):
    data = envelope_ok(template().get_feedback_types(world.commune))
    names = db.session.scalars(sa.select(Category.name).where(
        Category.code.in_(("ha-tang", "an-ninh", "khac")))).all()
    assert {t["title"] for t in data} == set(names)
    assert [t["order"] for t in data] == list(range(1, len(data) + 1))
    assert all(isinstance(t["id"], int) for t in data)
    assert "Riêng Kim Long" not in {t["title"] for t in data}


# --- photos and feedback -----------------------------------------------------------------------
def _type_id(code: str = "ha-tang") -> int:
    return db.session.scalar(sa.select(Category.id).where(Category.code == code))


def _feedback(**overrides) -> dict:
    body = {"title": "Đèn đường hỏng", "content": "Đèn đường trước số 20 Lê Lợi tắt ba hôm nay.",
            "imageUrls": [], "feedbackTypeId": _type_id(), "token": ""}
    body.update(overrides)
    return body


def test_upload_then_feedback_with_the_issued_photos(template, egov, world, client):
    token = _user(egov, "tk-photo", "app-photo")
    uploaded = envelope_ok(template(token).upload_images([(JPEG, "a.jpg"), (PNG, "b.png")]))
    assert uploaded["domain"].startswith("http://localhost/miniapp_uploads/")
    assert len(uploaded["images"]) == 2
    with client.get(uploaded["domain"] + uploaded["images"][0]) as shown:  # domain + image
        assert shown.status_code == 200 and shown.data == JPEG
        assert shown.headers["Content-Type"] == "image/jpeg"

    response = template(token).create_feedback(
        _feedback(imageUrls=uploaded["images"]), world.commune)
    assert envelope_ok(response) is True
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_app_user_id == "app-photo"))
    assert (item.channel, item.unit_code, item.title) == ("miniapp", world.commune,
                                                           "Đèn đường hỏng")
    photos = db.session.scalars(sa.select(Attachment).where(Attachment.feedback_id == item.id))
    assert sorted(p.content_type for p in photos) == ["image/jpeg", "image/png"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MiniAppUpload)) == 0
    assert client.get(uploaded["domain"] + uploaded["images"][0]).status_code == 404
    # a name is good for one feedback only
    again = template(token).create_feedback(
        _feedback(imageUrls=uploaded["images"][:1]), world.commune)
    envelope_error(again, -422)


def test_uploads_go_through_the_feedback_photo_checks(template, egov, app):
    refused = template().upload_images([(FAKE, "x.jpg")])
    assert refused.status_code == 422
    assert envelope_error(refused, -422)["message"].startswith("Tệp không phải")
    saved = app.config["FEEDBACK_MAX_IMAGE_BYTES"]
    app.config["FEEDBACK_MAX_IMAGE_BYTES"] = 50
    try:
        envelope_error(template().upload_images([(JPEG, "big.jpg")]), -413)
    finally:
        app.config["FEEDBACK_MAX_IMAGE_BYTES"] = saved
    envelope_error(template().upload_images([(JPEG, f"{n}.jpg") for n in range(6)]), -422)


def test_only_photos_this_service_issued_to_this_user_are_accepted(template, egov, world):
    mine = _user(egov, "tk-a", "app-a")
    theirs = _user(egov, "tk-b", "app-b")
    # the picker's upload carries no token; one that does binds the photo to its user
    issued_to_b = envelope_ok(template(theirs).upload_images([(JPEG, "b.jpg")],
                                                             with_token=True))["images"]
    envelope_error(template(mine).create_feedback(
        _feedback(imageUrls=issued_to_b), world.commune), -422)
    envelope_error(template(mine).create_feedback(
        _feedback(imageUrls=["https://evil.example/x.jpg"]), world.commune), -422)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback).where(
        Feedback.zalo_app_user_id == "app-a")) == 0


def test_feedback_needs_a_zalo_token_the_app_refreshes_on_minus_115(template, egov, world):
    missing = template().create_feedback(_feedback(), world.commune)
    assert missing.status_code == 401
    envelope_error(missing, -115)
    envelope_error(template("forged").create_feedback(_feedback(), world.commune), -115)
    envelope_error(template("forged").get_work_schedule(world.commune), -115)


def test_feedback_of_another_units_type_or_bad_body_is_refused(template, egov, world):
    token = _user(egov, "tk-bad", "app-bad")
    envelope_error(template(token).create_feedback(
        _feedback(feedbackTypeId=_type_id("rieng-kim-long")), world.commune), -422)
    envelope_error(template(token).create_feedback(_feedback(content="ít"), world.commune), -422)
    envelope_error(template(token).create_feedback(
        {**_feedback(), "extra": 1}, world.commune), -422)


def test_the_phone_zalo_verified_is_the_reporters_with_consent_recorded(
        template, egov, world):
    token = _user(egov, "tk-phone", "app-phone", "Lê Thị Hoa")
    egov.add_phone_code("pc-1", "84912000111")
    assert envelope_ok(template(token).create_feedback(
        _feedback(token="pc-1"), world.commune)) is True
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_app_user_id == "app-phone"))
    assert (item.reporter_name, item.reporter_phone) == ("Lê Thị Hoa", "+84912000111")
    record = db.session.scalar(sa.select(ConsentRecord).where(
        ConsentRecord.feedback_id == item.id))
    assert record.channel == "miniapp" and "cho phép Zalo chia sẻ số điện thoại" in record.text
    assert record.evidence["phone"] == "verified_by_zalo"
    assert db.session.get(ZaloVerifiedPhone, "app-phone").phone == "+84912000111"
    # a spent phone token is refused, and nothing is created
    envelope_error(template(token).create_feedback(_feedback(token="pc-1"), world.commune),
                   -422)


def test_the_receipt_reaches_the_mini_app_user_in_the_oa_conversation(template, egov, world):
    token = _user(egov, "tk-follow", "app-follow")
    _follow("app-follow", "oa-follow")
    envelope_ok(template(token).create_feedback(_feedback(), world.commune))
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_app_user_id == "app-follow"))
    assert item.zalo_user_id == "oa-follow"
    receipt = db.session.scalar(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id,
        Delivery.kind == "feedback_receipt"))
    assert (receipt.channel, receipt.recipient, receipt.status) == ("zalo", "oa-follow", "sent")
    code = item.tracking_code
    assert any(f"{code[:4]}-{code[4:]}" in text for text in egov.texts_to("oa-follow"))


def test_the_receipt_of_a_non_follower_goes_to_the_phone_zalo_verified(
        template, egov, world, app):
    from core import outbox
    from core.outbox import SendResult

    sent = []
    outbox.unregister_sender(app, "zns")
    outbox.register_sender(app, "sms", lambda d: sent.append((d.recipient, d.kind))
                           or SendResult("sent", external_id="sms-1"))
    try:
        token = _user(egov, "tk-sms", "app-sms")
        egov.add_phone_code("pc-sms", "84912000222")
        # the phone is verified once (through our own Mini App API) and remembered
        response = template(token).client.post(
            "/api/v1/me/phone", json={"token": "pc-sms"},
            headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200 and response.json["phone"] == "+84912000222"
        envelope_ok(template(token).create_feedback(_feedback(), world.commune))
    finally:
        outbox.unregister_sender(app, "sms")
    assert sent == [("+84912000222", "feedback_receipt")]


# --- published answers, guides ----------------------------------------------------------------
def _published(world) -> Feedback:
    item = create_item(world, reporter={"name": "Phan Thị Mai", "phone": "0935 111 222"},
                       title="Chị Mai báo đèn đường hỏng",
                       description="Tôi là Phan Thị Mai, gọi 0935111222. Đèn đường hỏng.",
                       actions=("accept", "assign", "start", "answer"),
                       answer="Đã liên hệ chị Mai (0935 111 222) và thay bóng đèn mới.")
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    answers_service.publish(item.id, leader)
    return item


def test_feedback_list_is_the_units_published_masked_answers(template, egov, world):
    item = _published(world)
    page = envelope_ok(template().get_feedbacks(world.commune, page=0, limit=10))
    assert (page["current"], page["pageSize"], page["total"]) == (0, 10, 1)
    (shown,) = page["data"]
    assert shown["type"] == "Hạ tầng, giao thông" and shown["imageUrls"] == []
    assert "0935" not in shown["content"] + shown["response"] + shown["title"]
    assert "Phan Thị Mai" not in shown["content"]
    assert shown["creationTime"] == int(item.created_at.timestamp() * 1000)
    assert isinstance(shown["responseTime"], int) and isinstance(shown["id"], int)
    assert envelope_ok(template().get_feedbacks(world.commune, page=1))["data"] == []
    envelope_error(template().get_feedbacks(world.other_commune), -404)  # no Mini App there


def test_information_guides_are_the_units_published_questions_and_answers(
        template, egov, world):
    _published(world)
    page = envelope_ok(template().get_information_guides(world.commune, page=0, limit=5))
    assert (page["current"], page["pageSize"], page["total"]) == (0, 5, 1)
    (guide,) = page["data"]
    assert set(guide) == {"id", "question", "answer"}
    assert "thay bóng đèn mới" in guide["answer"] and "0935" not in guide["answer"]


# --- dossier look-up --------------------------------------------------------------------------
def test_search_shows_an_item_to_its_zalo_user_only(template, egov, world):
    owner = _user(egov, "tk-own", "app-own")
    stranger = _user(egov, "tk-str", "app-str")
    envelope_ok(template(owner).create_feedback(_feedback(), world.commune))
    item = db.session.scalar(sa.select(Feedback).where(Feedback.zalo_app_user_id == "app-own"))
    code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    (profile,) = envelope_ok(template(owner).search_profiles(code.lower(), world.commune))
    assert profile["profileCode"] == code and profile["name"] == "Đèn đường hỏng"
    assert profile["dueDate"] == int(item.due_at.timestamp() * 1000)
    assert profile["notifications"][0]["message"].startswith("Tiếp nhận")
    assert isinstance(profile["notifications"][0]["createdAt"], int)
    assert envelope_ok(template(stranger).search_profiles(code, world.commune)) == []
    assert envelope_ok(template(owner).search_profiles("ZZZZ-ZZZZ", world.commune)) == []


def test_search_shows_an_item_to_the_user_whose_phone_zalo_verified(template, egov, world,
                                                                    client):
    item = create_item(world, reporter={"name": "Phan Văn Tâm", "phone": "0912 000 333"})
    code = item.tracking_code
    token = _user(egov, "tk-tam", "app-tam")
    assert envelope_ok(template(token).search_profiles(code, world.commune)) == []
    egov.add_phone_code("pc-tam", "84912000333")
    client.post("/api/v1/me/phone", json={"token": "pc-tam"},
                headers={"Authorization": f"Bearer {token}"})
    (profile,) = envelope_ok(template(token).search_profiles(code, world.commune))
    assert profile["profileCode"].replace("-", "") == code


def test_search_is_limited_per_user_per_day_with_minus_117(template, egov, world, app):
    app.config["MINIAPP_SEARCH_LIMIT"] = "2 per day"
    token = _user(egov, "tk-limit", "app-limit")
    for _ in range(2):
        envelope_ok(template(token).search_profiles("AAAA-BBBB", world.commune))
    limited = template(token).search_profiles("AAAA-BBBB", world.commune)
    assert limited.status_code == 429
    assert envelope_error(limited, -117)["message"] == "Bạn đã đạt giới hạn tìm kiếm trong ngày"


# --- appointments ------------------------------------------------------------------------------
def test_booking_gives_the_days_queue_number_and_get_schedule_returns_it(
        template, egov, world):
    from tests.integrations.zalo.egov.conftest import next_working_day

    day = next_working_day()
    first = _user(egov, "tk-q1", "app-q1")
    second = _user(egov, "tk-q2", "app-q2")
    none = template(first).get_work_schedule(world.commune).get_json()
    assert none["err"] == 0 and none["data"] is None  # the template then shows the form
    booked = envelope_ok(template(first).create_work_schedule(
        world.commune, day, "Nguyễn Văn An", "Chứng thực bản sao giấy khai sinh",
        "091-234-5678"))
    assert booked == {"fullName": "Nguyễn Văn An", "yourNumber": 1, "currentNumber": 0,
                      "date": day.strftime("%m-%d-%Y"),
                      "content": "Chứng thực bản sao giấy khai sinh",
                      "phoneNumber": "0912345678", "organizationId": world.commune,
                      "status": "pending"}
    assert envelope_ok(template(second).create_work_schedule(
        world.commune, day, "Trần Thị Bé", "Đăng ký tạm trú", "0905111222"))["yourNumber"] == 2
    assert envelope_ok(template(first).get_work_schedule(world.commune)) == booked
    again = template(first).create_work_schedule(world.commune, day, "Nguyễn Văn An", "Lần 2",
                                                 "0912345678")
    assert again.status_code == 409
    assert "Bạn đã có lịch làm việc" in envelope_error(again, -409)["message"]


def test_booking_refuses_past_days_weekends_and_bad_dates(template, egov, world):
    token = _user(egov, "tk-days", "app-days")
    envelope_error(template(token).create_work_schedule(
        world.commune, date(2020, 1, 6), "An", "Việc", "0912345678"), -422)
    sunday = date(2030, 1, 6)
    envelope_error(template(token).create_work_schedule(
        world.commune, sunday, "An", "Việc", "0912345678"), -422)
    bad = template(token).request("POST", "/create_schedule_api", {
        "date": "2030-01-07", "fullName": "An", "content": "Việc", "phoneNumber": "0912345678"},
        {"x-organization-id": world.commune})
    assert "mm-dd-yyyy" in envelope_error(bad, -422)["message"]


def test_staff_decisions_reach_the_template_and_the_citizen(template, egov, world, client,
                                                          staff_headers):
    from tests.integrations.zalo.egov.conftest import next_working_day

    day = next_working_day()
    token = _user(egov, "tk-dec", "app-dec")
    _follow("app-dec", "oa-dec")
    envelope_ok(template(token).create_work_schedule(world.commune, day, "An", "Việc",
                                                     "0912345678"))
    listed = client.get(f"/api/v1/staff/appointments?day={day.isoformat()}",
                        headers=staff_headers("officer")).json
    (appointment,) = listed["items"]
    approved = client.post(f"/api/v1/staff/appointments/{appointment['id']}/approve",
                           headers=staff_headers("officer"))
    assert approved.status_code == 200 and approved.json["status"] == "approved"
    assert envelope_ok(template(token).get_work_schedule(world.commune))["status"] == "approved"
    assert any("đã được xác nhận" in t for t in egov.texts_to("oa-dec"))
    called = client.post("/api/v1/staff/appointments/call-next",
                         json={"day": day.isoformat()}, headers=staff_headers("officer"))
    assert called.status_code == 200
    assert envelope_ok(template(token).get_work_schedule(world.commune))["currentNumber"] == 1
    assert any("đã đến lượt của bạn" in t for t in egov.texts_to("oa-dec"))

    other = _user(egov, "tk-dec2", "app-dec2")
    envelope_ok(template(other).create_work_schedule(world.commune, day, "Bình", "Việc",
                                                     "0912345679"))
    second = client.get(f"/api/v1/staff/appointments?day={day.isoformat()}",
                        headers=staff_headers("leader")).json["items"][1]
    refused = client.post(f"/api/v1/staff/appointments/{second['id']}/reject",
                          json={"reason": "Hồ sơ cần nộp trực tuyến"},
                          headers=staff_headers("leader"))
    assert refused.status_code == 200
    shown = envelope_ok(template(other).get_work_schedule(world.commune))
    assert (shown["status"], shown["rejectedInfo"]) == ("rejected", "Hồ sơ cần nộp trực tuyến")


def test_cors_lets_the_mini_app_runtime_in_and_no_one_else(client, egov):
    for origin in ("https://h5.zdn.vn", "https://zalo.me", "https://stc.h5.zdn.vn"):
        response = client.options("/feedback_api", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,x-organization-id"})
        assert response.headers.get("Access-Control-Allow-Origin") == origin
        allowed = response.headers["Access-Control-Allow-Headers"].lower()
        assert {"authorization", "x-organization-id"} <= set(allowed.replace(" ", "")
                                                             .split(","))
    for origin in ("https://evil.example", "http://h5.zdn.vn", "https://h5.zdn.vn.evil.io"):
        response = client.options("/feedback_api", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST"})
        assert "Access-Control-Allow-Origin" not in response.headers
    # our own API is left as it is
    own = client.get("/api/v1/units/19753/categories", headers={"Origin": "https://h5.zdn.vn"})
    assert own.headers.get("Access-Control-Allow-Origin") != "https://h5.zdn.vn"
