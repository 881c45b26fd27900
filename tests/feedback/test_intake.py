"""POST /api/v1/feedback: JSON and multipart intake, and every way it can be refused."""

import io
import os

import pytest
import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from feedback.models import Attachment, Feedback, FeedbackEvent
from tests.feedback.images import FAKE, JPEG, PNG, WEBP


def _item(code):
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_json_intake_in_one_transaction(submit, world, ctx):
    response = submit()
    assert response.status_code == 201, response.json
    body = response.json
    assert set(body) == {"tracking_code", "status", "due_at", "office"}
    assert body["status"] == "received"
    assert body["office"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert body["due_at"].endswith("T23:59:59+07:00")
    item = _item(body["tracking_code"])
    assert item.reporter_phone == "+84912345678"
    assert item.office_id == world.office_infra and item.channel == "api"
    assert item.search_text == "o ga tren duong le loi doan truoc so 12 co o ga sau " \
                               "rat nguy hiem khi troi mua"
    assert item.consent["policy_version"] == "2026-01" and item.consent["channel"] == "api"
    assert [e.kind for e in item.events] == ["created"]
    receipt = db.session.scalar(sa.select(Delivery).where(Delivery.subject_id == item.id))
    assert receipt.channel == "sms" and receipt.recipient == "+84912345678"
    assert receipt.kind == "feedback_receipt" and body["tracking_code"] in receipt.payload["text"]


def test_text_is_stored_nfc(submit, ctx):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Cống thoát nước bị tắc ở đầu kiệt")
    body = submit(description=nfd, title=None).json
    item = _item(body["tracking_code"])
    assert unicodedata.is_normalized("NFC", item.description)
    assert item.title == "Cống thoát nước bị tắc ở đầu kiệt"  # derived from the description


def test_anonymous_gets_a_lookup_token(submit, client):
    body = submit(reporter=None, consent=None, anonymous=True).json
    assert body["lookup_token"]
    lookup = client.get(f"/api/v1/feedback/{body['tracking_code']}?token={body['lookup_token']}")
    assert lookup.status_code == 200


def test_multipart_with_images(client, world, ctx, app):
    data = {
        "unit_code": world.commune, "category_code": "ha-tang",
        "description": "Cây đổ chắn ngang đường sau bão.",
        "reporter.name": "Trần Thị Bình", "reporter.phone": "+84 987 654 321",
        "consent.purpose": "Tiếp nhận phản ánh", "consent.policy_version": "2026-01",
        "location.lat": "16.4637", "location.lng": "107.5909",
        "location.address": "Đường Lê Lợi", "channel": "widget",
        "images": [(io.BytesIO(PNG), "a.png"), (io.BytesIO(JPEG), "b.jpg"),
                   (io.BytesIO(WEBP), "c.bin")],
    }
    response = client.post("/api/v1/feedback", data=data, content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    item = _item(response.json["tracking_code"])
    assert (item.lat, item.lng, item.channel) == (16.4637, 107.5909, "widget")
    kinds = [a.content_type for a in item.attachments]
    assert kinds == ["image/png", "image/jpeg", "image/webp"]
    for attachment in item.attachments:
        path = os.path.join(app.config["UPLOAD_DIR"], attachment.storage_key)
        assert os.path.getsize(path) == attachment.size


def _errors(response, status=422):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.json
    assert body["code"] == status and body["message"]
    return body.get("errors", {})


@pytest.mark.parametrize("overrides,field", [
    ({"unit_code": None}, "unit_code"),
    ({"category_code": None}, "category_code"),
    ({"description": None}, "description"),
    ({"description": 12345}, "description"),
    ({"description": "ngắn"}, "description"),
    ({"unit_code": 19753}, "unit_code"),
    ({"anonymous": "có lẽ"}, "anonymous"),
    ({"location": {"lat": "abc", "lng": 1}}, "location"),
    ({"location": {"lat": 95, "lng": 1}}, "location"),
    ({"location": {"lat": 16.4}}, "location"),
    ({"reporter": {"name": "An", "phone": "12345"}}, "reporter"),
    ({"reporter": {"name": "An", "phone": "01234567890"}}, "reporter"),
    ({"reporter": {"name": "An", "email": "không phải email"}}, "reporter"),
    ({"reporter": {"phone": "0912345678"}}, "reporter"),
    ({"reporter": {"name": "An"}}, "reporter"),
    ({"reporter": None, "consent": None}, "reporter"),
    ({"consent": None}, "consent"),
    ({"consent": {"purpose": "x"}}, "consent"),
    ({"anonymous": True}, "reporter"),
    ({"channel": "zalo"}, "channel"),
    ({"unit_code": "00000"}, "unit_code"),
    ({"unit_code": "46000"}, "unit_code"),
    ({"category_code": "khong-co"}, "category_code"),
    ({"category_code": "rieng-kim-long"}, "category_code"),
    ({"tracking_code": "AAAA"}, "tracking_code"),
])
def test_validation_failures_are_422_in_vietnamese(submit, ctx, overrides, field):
    before = _count(Feedback)
    errors = _errors(submit(**overrides))
    assert field in errors
    assert _count(Feedback) == before  # nothing half-saved


def test_province_is_not_a_commune(submit):
    errors = _errors(submit(unit_code="46   "))
    assert "unit_code" in errors


def test_phone_error_message_is_vietnamese(submit):
    errors = _errors(submit(reporter={"name": "An", "phone": "12345"}))
    assert errors["reporter"]["phone"] == [
        "Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc +84 912 345 678."]


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/feedback", data="{not json",
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json["message"] == "Dữ liệu JSON không hợp lệ."


def test_json_that_is_not_an_object_is_422(client):
    assert client.post("/api/v1/feedback", json=["a"]).status_code == 422
    assert client.post("/api/v1/feedback", json="chuỗi").status_code == 422


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml",
                                          "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_415(client, content_type):
    response = client.post("/api/v1/feedback", data="a=b", content_type=content_type)
    assert response.status_code == 415 and response.json["code"] == 415


def _files(app):
    directory = app.config["UPLOAD_DIR"]
    return set(os.listdir(directory)) if os.path.isdir(directory) else set()


def _multipart(world, images):
    return {"unit_code": world.commune, "category_code": "ha-tang", "anonymous": "true",
            "description": "Cây đổ chắn ngang đường sau bão.", "images": images}


def test_fake_image_is_refused_and_nothing_stored(client, world, ctx, app):
    before = _files(app)
    response = client.post("/api/v1/feedback", content_type="multipart/form-data",
                           data=_multipart(world, [(io.BytesIO(PNG), "ok.png"),
                                                   (io.BytesIO(FAKE), "anh.jpg")]))
    errors = _errors(response)
    assert errors["images"] == ["Tệp không phải ảnh JPEG, PNG hoặc WebP."]
    assert _files(app) == before and _count(Attachment) == 0


def test_too_many_images(client, world):
    images = [(io.BytesIO(PNG), f"{i}.png") for i in range(6)]
    errors = _errors(client.post("/api/v1/feedback", content_type="multipart/form-data",
                                 data=_multipart(world, images)))
    assert errors["images"] == ["Tối đa 5 ảnh."]


def test_oversized_image_is_413(client, world, app):
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    big = PNG + b"\x00" * app.config["FEEDBACK_MAX_IMAGE_BYTES"]
    # Encode the body ourselves: werkzeug's test client would spool it to a file it never closes.
    fields = MultiDict({k: v for k, v in _multipart(world, []).items() if k != "images"})
    fields.add("images", FileStorage(io.BytesIO(big), "big.png", content_type="image/png"))
    boundary, body = encode_multipart(fields)
    response = client.post("/api/v1/feedback", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert _errors(response, 413)["images"] == ["Mỗi ảnh tối đa 5 MB."]


def test_unknown_multipart_fields_are_refused(client, world):
    data = _multipart(world, [])
    data["reporter.phone.extra"] = "x"
    assert "reporter.phone.extra" in _errors(client.post(
        "/api/v1/feedback", content_type="multipart/form-data", data=data))
    data = _multipart(world, [])
    data["file"] = (io.BytesIO(PNG), "a.png")
    assert "file" in _errors(client.post("/api/v1/feedback",
                                         content_type="multipart/form-data", data=data))


def test_failure_after_images_are_saved_removes_them(world, ctx, app):
    from core.storage import Upload
    from feedback.service import submit as submit_service

    def explode(item):  # fails in the transaction, after the images are stored
        raise RuntimeError("database went away")

    before = _files(app)
    data = {"unit_code": world.commune, "category_code": "ha-tang", "anonymous": True,
            "description": "Cây đổ chắn ngang đường sau bão."}
    with pytest.raises(RuntimeError):
        submit_service(data, [Upload(PNG, "image/png", "png")], on_created=explode)
    assert _files(app) == before
    assert _count(Feedback) == 0 and _count(FeedbackEvent) == 0


def test_tracking_code_clash_retries_with_a_new_code(submit, ctx, monkeypatch):
    import feedback.service

    codes = iter(["AAAABBBB", "AAAABBBB", "CCCCDDDD"])
    monkeypatch.setattr(feedback.service, "new_tracking_code", lambda: next(codes))
    first = submit()
    second = submit()
    assert (first.status_code, second.status_code) == (201, 201)
    assert [first.json["tracking_code"], second.json["tracking_code"]] == ["AAAA-BBBB",
                                                                           "CCCC-DDDD"]
    assert _count(Feedback) == 2
    # The attempt that clashed left none of its rows behind (PostgreSQL retries it without
    # a savepoint: the clash writes nothing).
    from privacy.models import ConsentRecord

    assert _count(ConsentRecord) == 2 and _count(FeedbackEvent) == 2 and _count(Delivery) == 2


def test_public_id_clash_retries_too(submit, ctx, monkeypatch):
    import feedback.service

    ids = iter(["PUBLICID01", "PUBLICID01", "PUBLICID02"])
    monkeypatch.setattr(feedback.service, "new_public_id", lambda: next(ids))
    assert (submit().status_code, submit().status_code) == (201, 201)
    assert sorted(db.session.scalars(sa.select(Feedback.public_id))) == [
        "PUBLICID01", "PUBLICID02"]


def test_due_date_counts_working_days_across_tet(submit, monkeypatch):
    from datetime import datetime

    from core.clock import LOCAL_TZ

    # Wednesday 3 February 2027, the day before the Tết holiday (4-10 February).
    frozen = datetime(2027, 2, 3, 10, 0, tzinfo=LOCAL_TZ)
    monkeypatch.setattr("feedback.service.now", lambda: frozen)
    security = submit(category_code="an-ninh").json  # the rule gives 3 working days
    assert security["due_at"] == "2027-02-15T23:59:59+07:00"  # 11, 12, then Monday 15
    infra = submit().json  # the category gives 10 working days
    assert infra["due_at"] == "2027-02-24T23:59:59+07:00"
