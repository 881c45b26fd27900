"""Writing a consultation and announcing it as a notice (approved like any notice)."""

from __future__ import annotations

from consultations import messages
from core.db import db
from notices.models import Notice
from tests.consultations.conftest import draft


def test_not_public_until_the_announcement_is_published(frozen, consult, world, client,
                                                       staff_headers):
    item = consult.create()
    cid = item["id"]
    assert item["notice"] is None and item["status"] == "planned"
    assert [s["label"] for s in item["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    consult.public(f"/consultations/{cid}", expect=404)
    assert consult.public(f"/units/{world.commune}/consultations")["items"] == []

    announced = consult.announce(cid, approver=None)
    notice = db.session.get(Notice, announced["notice"]["id"])
    assert notice.status == "submitted" and notice.category == "policy_law"
    assert notice.title == ("Lấy ý kiến người dân: Dự thảo Quy chế quản lý vỉa hè "
                            "trên địa bàn phường")
    assert "08:00 ngày 02/12/2026" in notice.summary and "08:00 ngày 09/12/2026" in notice.summary
    assert "Lối đi cho người đi bộ" in notice.body and "góp ý dự thảo" in notice.body
    assert notice.expires_at == frozen.moment.replace(day=9)
    consult.public(f"/consultations/{cid}", expect=404)  # waiting for the leader
    consult.announce(cid, expect=409)  # not twice

    # the leader approves: the notice is published on every channel, the consultation too
    approved = client.post(f"/api/v1/staff/notices/{notice.id}/approve", json={},
                           headers=staff_headers("leader"))
    assert approved.status_code == 200, approved.json
    listed = consult.public(f"/units/{world.commune}/notices")["items"]
    assert [n["id"] for n in listed] == [notice.id]
    [summary] = consult.public(f"/units/{world.commune}/consultations")["items"]
    assert summary["id"] == cid and summary["status"] == "planned"
    assert summary["office"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert consult.staff(cid)["notice"] == {"id": notice.id, "status": "published"}


def test_province_targets_reach_their_communes(frozen, consult, world):
    item = consult.create(who="province_admin", unit_code=world.province,
                          office_id=None, targets=[world.commune], expect=422)
    assert "office_id" in item["errors"]
    office = consult.act("", who="province_admin", expect=422, **draft(
        world, unit_code=world.province, targets=[world.commune]))
    assert office["message"] == messages.OFFICE_WRONG_UNIT


def test_editing_rules(frozen, consult, world):
    cid = consult.create()["id"]
    changed = consult.act(f"/{cid}", method="patch", title="Dự thảo đã sửa tên gọi",
                          sections=[{"title": "Điều duy nhất"}])
    assert changed["title"] == "Dự thảo đã sửa tên gọi"
    assert [(s["label"], s["title"]) for s in changed["sections"]] == [("Điều 1", "Điều duy nhất")]
    bad = consult.act(f"/{cid}", method="patch", expect=422,
                      closes_at="2026-12-01T00:00:00+07:00")
    assert bad["message"] == messages.CLOSES_BEFORE_OPENS
    consult.act(f"/{cid}", method="patch", who="viewer", expect=403, title="Không được sửa")
    consult.act(f"/{cid}", method="patch", who="other_officer", expect=404, title="Không thấy")
    consult.announce(cid)
    refused = consult.act(f"/{cid}", method="patch", expect=409, title="Sửa sau thông báo")
    assert refused["message"] == messages.ALREADY_ANNOUNCED


def test_bad_drafts_are_422(frozen, consult):
    assert "sections" in consult.create(expect=422, sections=[])["errors"]
    assert "opens_at" in consult.create(expect=422, opens_at="2026-12-02T08:00:00")["errors"]
    assert "targets" in consult.create(expect=422, targets=["19774"])["errors"]
    assert "nonsense" in consult.create(expect=422, nonsense=1)["errors"]
    consult.create(who="viewer", expect=403)


def test_announcing_after_the_window_is_refused(frozen, consult):
    cid = consult.create()["id"]
    frozen.advance(days=9)
    assert consult.announce(cid, expect=409)["message"] == messages.WINDOW_PASSED


def test_attachments(frozen, consult, client, staff_headers):
    from io import BytesIO

    cid = consult.create()["id"]
    pdf = b"%PDF-1.4\n% du thao\n"
    response = client.post(f"/api/v1/staff/consultations/{cid}/attachments",
                           data={"file": (BytesIO(pdf), "Dự thảo quy chế.pdf")},
                           headers=staff_headers("officer"))
    assert response.status_code == 201, response.json
    [attachment] = response.json["attachments"]
    assert attachment["filename"] == "Dự thảo quy chế.pdf"
    assert attachment["content_type"] == "application/pdf"
    bad = client.post(f"/api/v1/staff/consultations/{cid}/attachments",
                      data={"file": (BytesIO(b"MZ\x90\x00 not a document"), "x.exe")},
                      headers=staff_headers("officer"))
    assert bad.status_code == 422 and bad.json["message"] == messages.ATTACHMENT_TYPE
    consult.announce(cid)
    detail = consult.public(f"/consultations/{cid}")
    [public] = detail["attachments"]
    download = client.get(public["url"])
    assert download.status_code == 200 and download.data == pdf
    assert download.mimetype == "application/pdf"
    download.close()
    assert client.get(
        f"/api/v1/consultations/{cid}/attachments/{public['id'] + 999}").status_code == 404


def test_withdrawing_the_announcement_takes_the_consultation_down(frozen, consult, client,
                                                                  staff_headers, world):
    item = consult.published()
    cid, notice_id = item["id"], item["notice"]["id"]
    frozen.advance(days=1)
    consult.comment(cid)
    response = client.post(f"/api/v1/staff/notices/{notice_id}/withdraw",
                           json={"reason": "Dự thảo cần sửa lại"}, headers=staff_headers("leader"))
    assert response.status_code == 200, response.json
    consult.public(f"/consultations/{cid}", expect=404)
    assert consult.comment(cid, expect=404)["message"] == messages.NOT_FOUND
    assert consult.public(f"/units/{world.commune}/consultations")["items"] == []
    assert consult.get(f"/{cid}/comments")["total"] == 1  # kept for staff
    assert consult.staff(cid)["announced_at"] is None
