"""Finding 13: consultation commenters' contact data was shown to every staff member in
scope, viewers included, with no access log, and was never erased by retention or deletion
requests. It follows the same rules as feedback contact data now:

- viewers never see it (staff API and console);
- every showing to other staff is a row in the contact-access log, which leaders review;
- retention erases it ``PRIVACY_CONTACT_RETENTION_DAYS`` after the consultation closed;
- a citizen's deletion request (made about their feedback) also erases it from their
  comments (same phone, e-mail or Zalo id); a leader erases it on a request made in person.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from consultations.models import ConsultationComment
from core.db import db
from core.models import Delivery
from feedback.service import get_for_owner
from privacy import retention, rights_requests
from privacy.models import ContactAccess
from tests.console.conftest import Console

CONSENT = {"purpose": "Gửi kết quả tiếp thu", "policy_version": "2026-01"}
MAI = {"name": "Nguyễn Thị Mai", "phone": "0912 345 678", "email": "mai.nguyen@example.vn"}
BAO = {"name": "Trần Văn Bảo", "phone": "0987 654 321"}
MAI_SECRETS = ("Nguyễn Thị Mai", "0912345678", "+84912345678", "912 345 678",
               "mai.nguyen@example.vn")


@pytest.fixture
def comments(frozen, consult):
    """An announced, open consultation of Phú Xuân with comments by Mai (contact data, her
    phone in the text too), Bảo (contact data) and someone anonymous."""
    cid = consult.published()["id"]
    frozen.advance(days=1)
    ids = {
        "mai": consult.comment(cid, author=MAI, consent=CONSENT, anonymous=False,
                               body="Tôi là Nguyễn Thị Mai, gọi 0912 345 678 khi cần.")["id"],
        "bao": consult.comment(cid, author=BAO, consent=CONSENT, anonymous=False)["id"],
        "anon": consult.comment(cid)["id"],
    }
    return cid, ids


def _log(**filters) -> list[ContactAccess]:
    return list(db.session.scalars(sa.select(ContactAccess).filter_by(**filters)
                                   .order_by(ContactAccess.id)))


def test_finding_13_viewers_never_see_commenters_contact_data(comments, consult, app, world):
    cid, ids = comments
    listed = consult.get(f"/{cid}/comments", who="viewer")
    assert [c["author"] for c in listed["items"]] == [None, None, None]
    text = json.dumps(listed, ensure_ascii=False)
    page = Console(app.test_client())
    assert page.login("viewer").status_code == 303
    html = page.get(f"/console/consultations/{cid}").get_data(as_text=True)
    for secret in MAI_SECRETS[2:] + ("Trần Văn Bảo", "0987654321"):
        assert secret not in text and secret not in html, secret
    assert "chỉ cán bộ xử lý và lãnh đạo được xem" in html
    assert _log(staff_id=world.staff_ids["viewer"]) == []


def test_finding_13_staff_who_see_it_are_logged_and_leaders_review_it(comments, consult, app,
                                                                      world, client,
                                                                      staff_headers):
    cid, ids = comments
    listed = consult.get(f"/{cid}/comments", who="officer")
    assert {c["id"]: (c["author"] or {}).get("phone") for c in listed["items"]} == {
        ids["mai"]: "+84912345678", ids["bao"]: "+84987654321", ids["anon"]: None}
    officer = world.staff_ids["officer"]
    assert [(r.consultation_comment_id, r.surface) for r in _log(staff_id=officer)] == [
        (ids["mai"], "api_comments"), (ids["bao"], "api_comments")]  # not the anonymous one
    consult.act(f"/comments/{ids['bao']}/hide", reason="Trùng lặp")
    assert _log(staff_id=officer)[-1].surface == "api_comment_action"
    page = Console(app.test_client())
    assert page.login("leader").status_code == 303
    html = page.get(f"/console/consultations/{cid}").get_data(as_text=True)
    assert "+84912345678" in html and "Việc xem thông tin liên hệ được ghi vào nhật ký." in html
    assert {r.surface for r in _log(staff_id=world.staff_ids["leader"])} == {
        "console_consultation"}

    # Leaders review those rows with the feedback ones (console and staff API) …
    review = page.get("/console/privacy/access-log").get_data(as_text=True)
    assert f'data-comment="{ids["mai"]}"' in review and f"Ý kiến góp ý #{ids['mai']}" in review
    api = client.get("/api/v1/staff/privacy/contact-access", headers=staff_headers("leader"))
    assert {(r["consultation_comment_id"], r["consultation_id"], r["staff"])
            for r in api.json["items"]} >= {(ids["mai"], cid, "officer"),
                                             (ids["bao"], cid, "leader")}
    # … and only within their scope.
    other = client.get("/api/v1/staff/privacy/contact-access",
                       headers=staff_headers("other_leader"))
    assert other.status_code == 200 and other.json["items"] == []


def test_finding_13_retention_erases_commenters_contact_data_after_the_close(
        comments, consult, frozen, app, runner):
    cid, ids = comments
    frozen.advance(days=7)  # closed
    consult.act(f"/{cid}/summary", who="leader", summary="Tiếp thu ý kiến về lối đi.")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.subject_type == "consultation", Delivery.recipient == "+84912345678")) == 1
    days = app.config["PRIVACY_CONTACT_RETENTION_DAYS"]
    frozen.advance(days=days - 1)
    assert retention.erase_expired().comments_erased == 0
    frozen.advance(days=1, seconds=1)
    result = runner.invoke(args=["privacy", "retention"])
    assert result.exit_code == 0, result.output
    rows = {r.id: r for r in db.session.scalars(sa.select(ConsultationComment).where(
        ConsultationComment.consultation_id == cid))}
    for key in ("mai", "bao"):
        row = rows[ids[key]]
        db.session.refresh(row)
        assert (row.author_name, row.author_phone, row.author_email) == (None, None, None)
        assert row.personal_data_erased_at is not None
    assert not any(s in rows[ids["mai"]].body for s in MAI_SECRETS)
    assert "***" in rows[ids["mai"]].body and "gọi" in rows[ids["mai"]].body  # content stays
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.subject_type == "consultation", Delivery.recipient == "+84912345678")) == 0
    run = retention.erase_expired()
    assert run.comments_erased == 0  # nothing left to erase


def test_finding_13_a_deletion_request_covers_the_persons_comments(comments, submit, client,
                                                                   staff_headers):
    cid, ids = comments
    code = submit(reporter={"name": "Nguyễn Thị Mai", "phone": "0912 345 678"}).json[
        "tracking_code"]
    item = get_for_owner(code, "0912345678", None)
    created = rights_requests.create(item, "delete", "api")
    done = client.post(f"/api/v1/staff/privacy-requests/{created.request.id}/complete",
                       json={}, headers=staff_headers("leader"))
    assert done.status_code == 200, done.json
    assert done.json["result"]["comments"] == 1
    mai = db.session.get(ConsultationComment, ids["mai"])
    bao = db.session.get(ConsultationComment, ids["bao"])
    db.session.refresh(mai)
    db.session.refresh(bao)
    assert mai.author_phone is None and mai.personal_data_erased_at is not None
    assert bao.author_phone == "+84987654321"  # another person's comment is left alone


def test_finding_13_a_leader_erases_a_commenters_contact_data_on_request(comments, app):
    cid, ids = comments
    officer = Console(app.test_client())
    assert officer.login("officer").status_code == 303
    page = f"/console/consultations/{cid}"
    assert 'data-action="erase-contact"' not in officer.get(page).get_data(as_text=True)
    refused = officer.post(f"/console/consultations/comments/{ids['mai']}/erase-contact",
                           {"confirm": "1"}, page=page)
    assert refused.status_code == 403
    leader = Console(app.test_client())
    assert leader.login("leader").status_code == 303
    assert 'data-action="erase-contact"' in leader.get(page).get_data(as_text=True)
    unconfirmed = leader.post(f"/console/consultations/comments/{ids['mai']}/erase-contact",
                              page=page, follow_redirects=True)
    assert "Vui lòng đánh dấu xác nhận" in unconfirmed.get_data(as_text=True)
    done = leader.post(f"/console/consultations/comments/{ids['mai']}/erase-contact",
                       {"confirm": "1"}, page=page, follow_redirects=True)
    assert "Đã xóa thông tin liên hệ ở 1 ý kiến." in done.get_data(as_text=True)
    row = db.session.get(ConsultationComment, ids["mai"])
    db.session.refresh(row)
    assert row.author_phone is None and row.personal_data_erased_at is not None
    assert timedelta(0) <= row.personal_data_erased_at - row.created_at
