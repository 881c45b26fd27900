"""No personal data on any public surface: Open311 (JSON and XML, every endpoint), the
answers API (as the widget's "Hỏi đáp" tab calls it), the public Q&A pages, the notices API,
Atom and CAP feeds, ``/widget.js`` and the board page, from items whose text and contact
data are full of it (names, phones, e-mails, CCCD/CMND numbers, Zalo ids, house numbers),
and staff accounts with full names.
"""

from __future__ import annotations

import html
import json
import unicodedata

import pytest
import sqlalchemy as sa

from core.db import db
from directory.models import StaffUser
from feedback.answers import service as answers
from feedback.service import Identity
from notices import service as notices
from notices.models import CapAlert
from tests.open311.helpers import create_item

NAME = "Trần Thị Bích Ngọc"
REPORTER = {"name": NAME, "phone": "0905 123 456", "email": "ngoc.tran88@gmail.com"}
ZALO = Identity(zalo_user_id="4425131928512345678", zalo_app_user_id="8899001122334455")
TEXT = (f"Tôi là {NAME}, nhà số 45 kiệt 12 Nguyễn Trãi. Gọi 0905 123 456 hoặc 0905123456, "
        "email ngoc.tran88@gmail.com, Zalo 4425131928512345678, CCCD 046190001234, "
        "CMND 191234567. Chị Ngọc báo đường ngập nước trước nhà, anh Lê Văn Tám hàng xóm "
        "cũng thấy. Con trai tôi là Nguyễn Hữu Phước, CCCD số 046 190 001 235, CMND "
        "191.234.568, email PHUOC.NH@YAHOO.COM.VN, Zalo 1234567890123456789, "
        "ĐT (+84) 913 222 333. ÔNG PHẠM VĂN KHOA tổ trưởng biết rõ, địa chỉ: 27 Trần Phú.")
ANSWER = (f"Đã liên hệ bà {NAME} qua số 0905123456 và email ngoc.tran88@gmail.com để xác "
          "minh tại số nhà 45; Zalo 8899001122334455. Cống thoát nước đã được khơi thông.")
FORBIDDEN = ("Trần Thị", "Bích", "Ngọc", "Lê Văn Tám", "0905 123 456", "0905123456",
             "905123456", "84905123456", "ngoc.tran88", "gmail.com", "4425131928512345678",
             "8899001122334455", "046190001234", "191234567", "số 45", "45 kiệt",
             "Hữu Phước", "046 190 001 235", "001 235", "191.234.568", "234.568", "PHUOC.NH",
             "yahoo", "1234567890123456789", "913 222 333", "PHẠM VĂN KHOA", "27 Trần Phú")
# staff who wrote, approved and published: public bodies speak, not named officials
STAFF_NAMES = {"officer": "Hoàng Minh Tuấn", "leader": "Đặng Thu Hà"}
NOTICE_TITLES = ("Lịch nạo vét cống thoát nước", "Cảnh báo ngập sâu trên đường Nguyễn Trãi")


@pytest.fixture
def leaky(ctx, world):
    """An answered, refused and open item full of personal data; the answered one published."""
    common = dict(reporter=REPORTER, identity=ZALO, title=f"Chị {NAME} (0905123456) báo ngập",
                  description=TEXT, address="số nhà 45 kiệt 12 Nguyễn Trãi")
    answered = create_item(world, actions=("accept", "assign", "start", "answer"),
                           answer=ANSWER, **common)
    refused = create_item(world, actions=("refuse",),
                          refuse_reason=f"Bà {NAME} (0905123456) gửi trùng.", **common)
    opened = create_item(world, **common)
    answers.publish(answered.id, db.session.get(StaffUser, world.staff_ids["leader"]))
    return [answered, refused, opened]


@pytest.fixture
def published_notices(ctx, world):
    """A normal and an emergency notice (with its CAP alert) for the commune, written and
    approved by staff whose full names are set."""
    staff = {k: db.session.get(StaffUser, world.staff_ids[k]) for k in STAFF_NAMES}
    for key, full_name in STAFF_NAMES.items():
        staff[key].full_name = full_name
    db.session.flush()
    ids = []
    for title, extra in zip(NOTICE_TITLES, ({}, {"category": "disaster_incident",
                                                "priority": "emergency", "risk_level": 3}),
                            strict=True):
        notice = notices.create({
            "title": title, "unit_code": world.commune, "category": "local_programmes",
            "summary": "Bà con lưu ý đường ngập nước sau mưa lớn.",
            "body": "<p>Đội công trình khơi thông cống thoát nước trong tuần.</p>", **extra},
            staff["officer"])
        notices.submit(notice.id, staff["officer"])
        notices.approve(notice.id, staff["leader"])
        ids.append(notice.id)
    alert = db.session.scalar(sa.select(CapAlert.id).where(CapAlert.notice_id == ids[1]))
    assert alert is not None
    return {"notice_ids": ids, "cap_alert_id": alert}


def public_urls(items, published_ids, world, published_notices):
    """Every public URL with the content it must show (so the scan reads real content)."""
    codes = [i.public_id for i in items]
    feedback = "ngập"
    urls = []
    for fmt in ("json", "xml"):
        urls += [(f"/open311/v2/requests.{fmt}", feedback),
                 (f"/open311/v2/requests.{fmt}?extensions=true", feedback),
                 (f"/open311/v2/requests.{fmt}?service_request_id={','.join(codes)}"
                  "&extensions=true", feedback)]
        urls += [(f"/open311/v2/requests/{c}.{fmt}?extensions=true", feedback) for c in codes]
        urls += [(f"/open311/v2/discovery.{fmt}", "open311"),
                 (f"/open311/v2/services.{fmt}", "ha-tang")]
    answered = "khơi thông"
    urls += [("/api/v1/answers", answered), ("/api/v1/answers?q=duong ngap nuoc", answered),
             ("/api/v1/answers?q=cong thoat nuoc&unit=46", answered),
             # what the widget's Hỏi đáp tab asks for
             (f"/api/v1/answers?limit=10&unit={world.commune}", answered),
             (f"/api/v1/answers?limit=10&unit={world.commune}&q=duong%20ngap%20nuoc", answered)]
    urls += [(f"/api/v1/answers/{i}", answered) for i in published_ids]
    # the public Q&A pages (HTML): the list, a search and each answer's own page
    urls += [(f"/answers/{world.commune}", "ngập"),
             (f"/answers/{world.commune}?q=duong+ngap+nuoc", "ngập"),
             (f"/answers/{world.province}?q=cong+thoat+nuoc", "ngập")]
    urls += [(f"/answers/{world.commune}/{i}", answered) for i in published_ids]
    normal, urgent = published_notices["notice_ids"]
    urls += [(f"/api/v1/units/{world.commune}/notices", NOTICE_TITLES[1]),
             (f"/api/v1/units/{world.commune}/notices?per_page=10", NOTICE_TITLES[0]),
             (f"/api/v1/notices/{normal}", NOTICE_TITLES[0]),
             (f"/api/v1/notices/{urgent}", NOTICE_TITLES[1]),
             (f"/api/v1/units/{world.commune}/categories", "ha-tang"),
             (f"/feeds/{world.commune}.atom", NOTICE_TITLES[0]),
             (f"/feeds/{world.commune}/cap.atom", NOTICE_TITLES[1]),
             (f"/cap/{published_notices['cap_alert_id']}.xml", NOTICE_TITLES[1]),
             ("/widget.js", "Hỏi đáp"),
             ("/widget-more.js", "Tra cứu phản ánh đã gửi"),
             (f"/board/{world.commune}", "Phú Xuân")]
    return urls


def _readable(response) -> str:
    """The body as a reader sees it: raw, entities and JSON escapes decoded, NFC."""
    body = response.data.decode()
    texts = [body, html.unescape(body)]
    if response.is_json:
        texts.append(json.dumps(response.get_json(), ensure_ascii=False))
    return unicodedata.normalize("NFC", "\n".join(texts))


def test_no_personal_data_in_any_public_output(client, leaky, world, published_notices):
    published = client.get("/api/v1/answers?q=ngap").json["items"]
    assert len(published) == 1
    urls = public_urls(leaky, [a["id"] for a in published], world, published_notices)
    for url, shown in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = _readable(response)
        assert shown in body, url
        for value in FORBIDDEN + tuple(STAFF_NAMES.values()):
            assert value not in body, (url, value)


def test_open311_post_answer_carries_no_contact_data(client, ctx, world, consent_key):
    response = client.post("/open311/v2/requests.json", data={
        "api_key": consent_key, "jurisdiction_id": world.commune, "service_code": "khac",
        "address_string": "Chợ Đông Ba", "description": TEXT, "first_name": "Trần Thị",
        "last_name": "Bích Ngọc", "phone": "0905123456", "email": "ngoc.tran88@gmail.com"})
    assert response.status_code == 201
    listing = client.get("/open311/v2/requests.xml?extensions=true").data.decode()
    for body in (response.data.decode(), listing):
        for value in FORBIDDEN:
            assert value not in body, value


def test_the_scan_sees_the_masked_texts(client, leaky):
    (record,) = client.get(f"/open311/v2/requests/{leaky[0].public_id}.json").get_json()
    assert record["description"].startswith("Tôi là ***, nhà số *** Nguyễn Trãi. Gọi ***")
    assert record["address"] == "số nhà *** Nguyễn Trãi"
    assert "Cống thoát nước đã được khơi thông." in record["status_notes"]
