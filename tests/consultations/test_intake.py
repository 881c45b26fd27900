"""Taking comments: the feedback rules for contact and consent, idempotency, sections,
the widget's CORS, and the statistics."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from consultations import messages
from consultations.models import ConsultationComment
from core.db import db
from privacy import messages as privacy_messages

CONSENT = {"purpose": "Gửi kết quả tiếp thu", "policy_version": "2026-01",
           "text": "Tôi đồng ý cho dùng số điện thoại để nhận kết quả."}


@pytest.fixture
def cid(frozen, consult):
    """An open consultation."""
    cid = consult.published()["id"]
    frozen.advance(days=1)
    return cid


def _rows(cid):
    return list(db.session.scalars(sa.select(ConsultationComment).where(
        ConsultationComment.consultation_id == cid).order_by(ConsultationComment.id)))


@pytest.mark.parametrize("overrides, field, message", [
    ({"anonymous": False}, "author", messages.NAME_REQUIRED),
    ({"anonymous": False, "author": {"name": "Lê Hoa"}}, "author", messages.CONTACT_REQUIRED),
    ({"anonymous": False, "author": {"name": "Lê Hoa", "phone": "0905111222"}}, "consent",
     messages.CONSENT_REQUIRED),
    ({"author": {"name": "Lê Hoa", "phone": "0905111222"}}, "author",
     messages.ANONYMOUS_WITH_CONTACT),
    ({"anonymous": False, "author": {"name": "Lê Hoa", "phone": "12"}, "consent": CONSENT},
     "phone", messages.PHONE_INVALID),
    ({"body": "ngắn"}, "body", None),
    ({"section": "2"}, "section", None),
    ({"channel": "zalo"}, "channel", None),
    ({"extra": 1}, "extra", None),
])
def test_bad_comments_are_422_and_save_nothing(cid, consult, overrides, field, message):
    answer = consult.comment(cid, expect=422, **overrides)
    flat = str(answer["errors"])
    assert field in flat
    if message:
        assert message in flat
    assert _rows(cid) == []


def test_contact_kept_only_with_consent_and_its_evidence(cid, consult):
    answer = consult.comment(cid, anonymous=False, author={"name": "Lê Thị Hoa",
                                                         "phone": "0905 111 222"},
                             consent=CONSENT)
    [row] = _rows(cid)
    assert answer["id"] == row.id
    assert row.author_phone == "+84905111222" and row.author_name == "Lê Thị Hoa"
    assert row.consent["policy_version"] == "2026-01" and row.consent["channel"] == "widget"
    assert row.consent["text"] == CONSENT["text"] and row.consent["at"].startswith("2026-12-02")
    consult.comment(cid)
    anonymous = _rows(cid)[1]
    assert anonymous.is_anonymous and anonymous.consent is None and anonymous.author_phone is None


@pytest.mark.parametrize("version", ["widget-1", "2099-01", "2025-12"])
def test_a_consent_naming_an_unknown_privacy_notice_version_is_refused(cid, consult, version):
    """Only versions of the privacy notice that exist are accepted (the widget once sent a
    fixed "widget-1"): 422 with the Vietnamese message, on the field, and nothing saved."""
    answer = consult.comment(cid, expect=422, anonymous=False,
                             author={"name": "Lê Thị Hoa", "phone": "0905 111 222"},
                             consent={**CONSENT, "policy_version": version})
    assert answer["code"] == 422
    assert answer["message"] == privacy_messages.POLICY_VERSION_UNKNOWN
    assert answer["errors"] == {"consent": {"policy_version": [
        privacy_messages.POLICY_VERSION_UNKNOWN]}}
    assert _rows(cid) == []
    # the version in force is taken
    consult.comment(cid, anonymous=False, author={"name": "Lê Thị Hoa", "phone": "0905111222"},
                    consent={**CONSENT, "policy_version": "2026-01"})
    assert [r.consent["policy_version"] for r in _rows(cid)] == ["2026-01"]


def test_sections_and_unknown_consultations(cid, consult):
    assert consult.comment(cid, section=None)["section"] is None
    refused = consult.comment(cid, section=9, expect=422)
    assert refused["message"] == messages.SECTION_UNKNOWN.format(n=9)
    consult.comment(999999, expect=404)
    hidden_draft = consult.create(title="Dự thảo chưa thông báo lấy ý kiến")["id"]
    assert consult.comment(hidden_draft, expect=404)["message"] == messages.NOT_FOUND


def test_idempotency_key(cid, consult):
    key = {"Idempotency-Key": "consult-key-1"}
    first = consult.comment(cid, headers=key)
    assert consult.comment(cid, headers=key) == first
    assert len(_rows(cid)) == 1
    other = consult.comment(cid, headers=key, expect=409, body="Một nội dung khác hẳn trước.")
    assert other["code"] == 409
    assert len(_rows(cid)) == 1
    bad = consult.comment(cid, headers={"Idempotency-Key": "x" * 201}, expect=422)
    assert "Idempotency-Key" in bad["errors"]


def test_widget_cors_get_and_post_with_preflight(cid, client, app, world):
    origin = {"Origin": "https://xa.example.vn"}
    preflight = client.options(f"/api/v1/consultations/{cid}/comments", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, idempotency-key"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "POST"
    get_preflight = client.options(f"/api/v1/consultations/{cid}/comments", headers={
        **origin, "Access-Control-Request-Method": "GET"})
    assert get_preflight.headers["Access-Control-Allow-Methods"] == "GET"
    for path in (f"/api/v1/units/{world.commune}/consultations", f"/api/v1/consultations/{cid}",
                 f"/api/v1/consultations/{cid}/comments"):
        assert client.get(path, headers=origin).headers["Access-Control-Allow-Origin"] == "*"
    posted = client.post(f"/api/v1/consultations/{cid}/comments", headers=origin,
                         json={"body": "Góp ý từ trang của xã.", "anonymous": True,
                               "channel": "widget"})
    assert posted.status_code == 201
    assert posted.headers["Access-Control-Allow-Origin"] == "*"
    # staff endpoints stay same-origin
    staff = client.get(f"/api/v1/staff/consultations/{cid}", headers=origin)
    assert "Access-Control-Allow-Origin" not in staff.headers
    app.config["WIDGET_ALLOWED_ORIGINS"], previous = ["https://khac.example.vn"], \
        app.config["WIDGET_ALLOWED_ORIGINS"]
    try:
        refused = client.get(f"/api/v1/consultations/{cid}", headers=origin)
        assert "Access-Control-Allow-Origin" not in refused.headers
    finally:
        app.config["WIDGET_ALLOWED_ORIGINS"] = previous


def test_statistics_per_consultation_section_and_channel(cid, consult, frozen):
    from consultations import service
    from feedback.service import Identity

    consult.comment(cid)
    consult.comment(cid, channel="web")
    consult.comment(cid, section=None, channel="miniapp")
    hidden = consult.comment(cid, section=3, body="Ý kiến sẽ bị ẩn vì xúc phạm.")
    consult.act(f"/comments/{hidden['id']}/hide", reason="Xúc phạm")
    service.comment(cid, {"section": 1, "body": "Góp ý qua Zalo OA.", "anonymous": True},
                    identity=Identity(zalo_user_id="Z1"), channel="zalo")
    other = consult.published(title="Dự thảo thứ hai, chưa có ý kiến")["id"]

    stats = consult.get(f"/{cid}/statistics", who="viewer")
    assert (stats["total"], stats["published"], stats["hidden"]) == (5, 4, 1)
    assert [(s["section"], s["count"]) for s in stats["by_section"]] == [
        (None, 1), (1, 1), (2, 2), (3, 1)]
    assert {c["channel"]: c["count"] for c in stats["by_channel"]} == {
        "miniapp": 1, "web": 1, "widget": 2, "zalo": 1}
    assert stats["by_channel"][0]["label"] == "Zalo Mini App"

    overview = {i["id"]: i for i in consult.get("/statistics", who="province_admin")["items"]}
    assert overview[cid]["comments"] == 5 and overview[other]["comments"] == 0
    assert overview[cid]["by_channel"] == {"miniapp": 1, "web": 1, "widget": 2, "zalo": 1}
    assert consult.get("/statistics", who="other_leader")["items"] == []
    consult.get(f"/{cid}/statistics", who="other_leader", expect=404)
    listed = consult.get("", who="leader")["items"]
    assert {i["id"]: i["comments"] for i in listed} == {cid: 5, other: 0}
