"""Reports of false information through the citizen API: a tracking code at once, routing to
the culture office, deadlines in hours (emergencies first), grouping into cases, hostile
input refused in the one error shape, no personal data on the public status."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.clock import LOCAL_TZ
from core.db import db
from core.models import Delivery
from factcheck import grouping, service
from tests.factcheck.conftest import CONSENT, case_of, report_of
from tests.factcheck.images import encode, screenshot

RUMOUR = ("KHẨN: UBND phường Phú Xuân thông báo thu phí vệ sinh 500.000 đồng mỗi hộ, "
          "nộp trước ngày 10/12 tại nhà văn hóa.")
# The same text forwarded without diacritics, in other case and punctuation.
RUMOUR_FOLDED = ("khan ubnd phuong phu xuan thong bao thu phi ve sinh 500 000 dong moi ho "
                 "nop truoc ngay 10 12 tai nha van hoa!!!")
OTHER = "Tin đồn: chợ Đông Ba đóng cửa ba tháng để sửa chữa từ tuần sau."


def test_a_report_gets_a_tracking_code_at_once_and_goes_to_the_culture_office(
        report, culture, ctx):
    answer = report(content=RUMOUR, seen_where="Nhóm Zalo tổ 5").json
    assert len(answer["tracking_code"]) == 9 and answer["tracking_code"][4] == "-"
    assert answer["status"] == "open" and answer["status_label"] == "Đang xác minh"
    case = case_of(answer["tracking_code"])
    assert case.office_id == culture["office"].id
    assert case.report_count == 1 and case.title.startswith("KHẨN: UBND")
    assert report_of(answer["tracking_code"]).channel == "widget"


def test_without_a_culture_office_the_default_office_takes_reports(report, world, ctx):
    case = case_of(report(content=OTHER).json["tracking_code"])
    assert case.office.is_default and case.office.unit_code == world.commune


def test_deadlines_are_hours_and_emergencies_come_first(report, culture, client, ctx,
                                                        monkeypatch):
    # Thursday 10/12/2026 10:00 in Vietnam.
    moment = datetime(2026, 12, 10, 10, 0, tzinfo=LOCAL_TZ).astimezone(UTC)
    monkeypatch.setattr("factcheck.service.now", lambda: moment)
    normal = case_of(report(content=OTHER).json["tracking_code"])
    urgent = case_of(report(content="Có lệnh sơ tán khẩn cấp toàn bộ phường Phú Xuân "
                                    "trước 17 giờ hôm nay vì vỡ đê.").json["tracking_code"])
    assert normal.priority == "normal" and normal.due_at == moment + timedelta(hours=24)
    assert urgent.priority == "emergency" and urgent.due_at == moment + timedelta(hours=4)
    listed = client.get("/api/v1/staff/misinformation-cases",
                        headers=culture["headers"]).json["items"]
    assert [c["id"] for c in listed] == [urgent.id, normal.id]


def test_a_normal_deadline_on_a_day_off_moves_to_the_next_working_day(ctx, app):
    friday = datetime(2026, 12, 11, 15, 0, tzinfo=LOCAL_TZ)
    assert service.due_at(friday, "normal") == datetime(2026, 12, 14, 23, 59, 59,
                                                        tzinfo=LOCAL_TZ)
    assert service.due_at(friday, "emergency") == friday + timedelta(hours=4)


def test_texts_differing_by_punctuation_and_diacritics_form_one_case(report, culture, ctx):
    first = report(content=RUMOUR).json["tracking_code"]
    second = report(content=RUMOUR_FOLDED, channel="miniapp").json["tracking_code"]
    third = report(content=OTHER).json["tracking_code"]
    assert case_of(first).id == case_of(second).id != case_of(third).id
    assert case_of(first).report_count == 2


def test_the_same_link_shared_differently_forms_one_case(report, culture, ctx):
    first = report(link="https://www.facebook.com/groups/phuxuan/posts/123?fbclid=AbC").json
    second = report(content="Xem tin này https://m.facebook.com/groups/phuxuan/posts/123/ "
                            "có thật không?").json
    assert case_of(first["tracking_code"]).id == case_of(second["tracking_code"]).id
    assert report_of(second["tracking_code"]).link.startswith("https://m.facebook.com/")


def test_two_resized_copies_of_one_screenshot_form_one_case(client, world, culture, ctx):
    picture = screenshot(7)
    codes = []
    for data, name in ((encode(picture, "PNG"), "a.png"),
                       (encode(picture, "JPEG", (360, 640), 60), "b.jpg")):
        response = client.post("/api/v1/misinformation-reports", data={
            "unit_code": world.commune, "channel": "widget", "image": (io.BytesIO(data), name)},
            content_type="multipart/form-data")
        assert response.status_code == 201, response.json
        codes.append(response.json["tracking_code"])
    other = client.post("/api/v1/misinformation-reports", data={
        "unit_code": world.commune, "image": (io.BytesIO(encode(screenshot(8))), "c.png")},
        content_type="multipart/form-data").json["tracking_code"]
    assert case_of(codes[0]).id == case_of(codes[1]).id != case_of(other).id
    assert report_of(codes[0]).image_hash == report_of(codes[1]).image_hash


def test_reports_of_other_communes_never_join(report, world, ctx):
    here = report(content=RUMOUR).json["tracking_code"]
    there = report(content=RUMOUR, unit_code=world.other_commune).json["tracking_code"]
    assert case_of(here).id != case_of(there).id


def test_a_reporter_with_contact_gets_a_receipt_and_the_same_key_gives_one_report(
        report, culture, ctx):
    headers = {"Idempotency-Key": "fc-key-1"}
    body = dict(content=OTHER, reporter={"name": "Lan", "email": "lan@example.vn"},
                consent=CONSENT, notify_via="email")
    first = report(headers=headers, **body).json
    again = report(headers=headers, **body).json
    assert first == again
    row = report_of(first["tracking_code"])
    [receipt] = db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "factcheck_report", Delivery.subject_id == row.id))
    assert receipt.kind == "factcheck_receipt" and receipt.recipient == "lan@example.vn"
    assert first["tracking_code"] in receipt.payload["text"]
    assert row.consent["policy_version"] == "2026-01"


@pytest.mark.parametrize(("body", "field"), [
    ({}, "content"),
    ({"content": "abc"}, "content"),
    ({"link": "javascript:alert(1)"}, "link"),
    ({"link": "ftp://example.vn/a"}, "link"),
    ({"content": OTHER, "seen_at": "2099-01-01T00:00:00+07:00"}, "seen_at"),
    ({"content": OTHER, "reporter": {"name": "Lan"}}, "reporter"),
    ({"content": OTHER, "reporter": {"phone": "0912345678"}}, "consent"),
    ({"content": OTHER, "reporter": {"phone": "12"}, "consent": CONSENT}, "reporter"),
    ({"content": OTHER, "channel": "staff"}, "channel"),
    ({"content": OTHER, "unit_code": "46"}, "unit_code"),
    ({"content": OTHER, "unit_code": "99999"}, "unit_code"),
    ({"content": OTHER, "admin": True}, "admin"),
    ({"content": ["a"]}, "content"),
])
def test_hostile_input_gets_a_422_in_the_one_error_shape(report, body, field, ctx):
    response = report(expect=422, **body)
    assert set(response.json) == {"code", "status", "message", "errors"}
    assert response.json["code"] == 422 and field in response.json["errors"]


def test_malformed_bodies_and_files_get_4xx(client, world, ctx):
    url = "/api/v1/misinformation-reports"
    assert client.post(url, data="{", content_type="application/json").status_code == 400
    assert client.post(url, data="x", content_type="text/plain").status_code == 415
    not_image = client.post(url, data={"unit_code": world.commune,
                                       "image": (io.BytesIO(b"<svg onload=x>"), "a.svg")},
                            content_type="multipart/form-data")
    assert not_image.status_code == 422 and "image" in not_image.json["errors"]
    two = client.post(url, data={"unit_code": world.commune, "image": [
        (io.BytesIO(encode(screenshot(1))), "a.png"),
        (io.BytesIO(encode(screenshot(2))), "b.png")]}, content_type="multipart/form-data")
    assert two.status_code == 422
    extra = client.post(url, data={"unit_code": world.commune, "content": OTHER,
                                   "file": (io.BytesIO(b"x"), "x.txt")},
                        content_type="multipart/form-data")
    assert extra.status_code == 422


def test_the_public_status_shows_no_personal_data(report, client, culture, ctx):
    code = report(content=OTHER, reporter={"name": "Nguyễn Văn An", "phone": "0912 345 678"},
                  consent=CONSENT).json["tracking_code"]
    status = client.get(f"/api/v1/misinformation-reports/{code.lower()}")
    assert status.status_code == 200
    text = status.get_data(as_text=True)
    for secret in ("Nguyễn", "0912", "+84", "chợ Đông Ba"):
        assert secret not in text
    assert status.json["status"] == "open" and status.json["verdict"] is None
    assert client.get("/api/v1/misinformation-reports/ZZZZ-ZZZZ").status_code == 404


def test_grouping_helpers():
    assert grouping.url_key("HTTPS://WWW.Example.vn/a/b/?utm_source=x&b=2&a=1#top") \
        == "example.vn/a/b?a=1&b=2"
    assert grouping.url_key("https://youtu.be/abc") == "youtube.com/watch?v=abc"
    assert grouping.url_key("not a link") is None
    assert grouping.text_key(RUMOUR) == grouping.text_key(RUMOUR_FOLDED)
    assert grouping.similarity(grouping.text_key(RUMOUR),
                               grouping.text_key(OTHER)) < 0.1
    assert grouping.image_hash(b"not an image") is None


@pytest.mark.parametrize("query", ["limit=0", "limit=9223372036854775808", "offset=-1",
                                   "offset=99999999999999999999", "status=x"])
def test_bad_queue_arguments_are_422(client, culture, query, ctx):
    response = client.get(f"/api/v1/staff/misinformation-cases?{query}",
                          headers=culture["headers"])
    assert response.status_code == 422 and response.json["code"] == 422


def test_demo_reports_group_and_load_once(ctx, culture):
    from factcheck import demo
    from factcheck.models import FactcheckCase, MisinformationReport

    demo.load()
    demo.load()
    count = db.session.scalar(sa.select(sa.func.count()).select_from(MisinformationReport))
    cases = list(db.session.scalars(sa.select(FactcheckCase).order_by(FactcheckCase.id)))
    assert count == 4 and [c.report_count for c in cases] == [2, 1, 1]
    assert cases[1].priority == "emergency"
