"""Workflow: write, submit, approve (never by the author), schedule, expire, withdraw, correct."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import outbox
from core.clock import isoformat_local
from notices import service, signals
from notices.html import sanitise
from tests.notices.conftest import notice_body


def test_draft_submit_approve_publishes_now(notices_api, world):
    item = notices_api.create()
    assert item["status"] == "draft"
    assert notices_api.act(item["id"], "submit", "officer")["status"] == "submitted"
    done = notices_api.act(item["id"], "approve", "leader")
    assert done["status"] == "published"
    assert done["approver"] == "leader" and done["author"] == "officer"
    assert [e["kind"] for e in done["events"]] == ["create", "submit", "approve", "publish"]
    assert [i["id"] for i in notices_api.public(world.commune).json["items"]] == [item["id"]]


def test_author_cannot_approve_own_notice(notices_api):
    item = notices_api.create("leader")
    notices_api.act(item["id"], "submit", "leader")
    refused = notices_api.act(item["id"], "approve", "leader", expect=403)
    assert "tự duyệt" in refused["message"]
    assert notices_api.act(item["id"], "approve", "province_admin")["status"] == "published"


def test_officer_and_viewer_cannot_approve_and_viewer_cannot_write(notices_api):
    item = notices_api.create()
    notices_api.act(item["id"], "submit", "officer")
    notices_api.act(item["id"], "approve", "police", expect=403)
    notices_api.act(item["id"], "approve", "viewer", expect=403)
    notices_api.create("viewer", expect=403)
    # another commune's leader does not even see it
    notices_api.act(item["id"], "approve", "other_leader", expect=404)


def test_only_drafts_can_be_submitted_and_approval_needs_submission(notices_api):
    item = notices_api.create()
    notices_api.act(item["id"], "approve", "leader", expect=409)
    notices_api.act(item["id"], "submit", "officer")
    notices_api.act(item["id"], "submit", "officer", expect=409)


def test_reject_returns_to_draft_with_reason(notices_api):
    item = notices_api.create()
    notices_api.act(item["id"], "submit", "officer")
    notices_api.act(item["id"], "reject", "leader", expect=422)
    back = notices_api.act(item["id"], "reject", "leader", reason="Sửa lại giờ cắt điện")
    assert back["status"] == "draft"
    assert back["events"][-1]["note"] == "Sửa lại giờ cắt điện"


def test_scheduled_publish_and_expiry_with_frozen_clock(notices_api, world, frozen, app):
    start = frozen.moment
    item = notices_api.create(expires_at=isoformat_local(start + timedelta(hours=5)))
    notices_api.act(item["id"], "submit", "officer")
    approved = notices_api.act(item["id"], "approve", "leader",
                               publish_at=isoformat_local(start + timedelta(hours=2)))
    assert approved["status"] == "approved"
    assert notices_api.public(world.commune).json["items"] == []

    frozen.advance(hours=1, minutes=59)
    assert service.run_schedule() == (0, 0)
    assert notices_api.public(world.commune).json["items"] == []

    frozen.advance(minutes=1)
    assert service.run_schedule() == (1, 0)
    listing = notices_api.public(world.commune).json
    assert [i["id"] for i in listing["items"]] == [item["id"]]
    assert listing["items"][0]["published_at"] == "2026-12-01T10:00:00+07:00"

    # past the expiry it disappears at once, before the beat task records it
    frozen.advance(hours=3)
    assert notices_api.public(world.commune).json["items"] == []
    assert service.run_schedule() == (0, 1)
    with app.app_context():
        from core.db import db
        from notices.models import Notice

        notice = db.session.get(Notice, item["id"])
        assert notice.status == "expired"
        assert isoformat_local(notice.ended_at) == "2026-12-01T13:00:00+07:00"


def test_beat_task_is_registered_and_runs(notices_api, world, frozen, app):
    assert app.extensions["periodic"]["notices-schedule"][0] == "notices.run_schedule"
    item = notices_api.create()
    notices_api.act(item["id"], "submit", "officer")
    notices_api.act(item["id"], "approve", "leader",
                    publish_at=isoformat_local(frozen.moment + timedelta(minutes=10)))
    frozen.advance(minutes=10)
    # this app's Celery (another app made in the session may be the default one)
    app.extensions["celery"].tasks["notices.run_schedule"].apply()
    assert [i["id"] for i in notices_api.public(world.commune).json["items"]] == [item["id"]]


def test_expiry_must_follow_publish_time(notices_api, frozen):
    bad = notices_api.create(expect=422, publish_at="2026-12-02T08:00:00+07:00",
                             expires_at="2026-12-02T07:00:00+07:00")
    assert "expires_at" in bad["errors"]
    item = notices_api.create(expires_at="2026-12-01T09:00:00+07:00")
    notices_api.act(item["id"], "submit", "officer")
    refused = notices_api.act(item["id"], "approve", "leader", expect=422,
                              publish_at="2026-12-01T10:00:00+07:00")
    assert "expires_at" in refused["errors"]


def test_withdrawal_keeps_record_and_reason(notices_api, world, client, staff_headers):
    item = notices_api.publish()
    notices_api.act(item["id"], "withdraw", "officer", expect=403, reason="Sai thông tin")
    notices_api.act(item["id"], "withdraw", "leader", expect=422)
    gone = notices_api.act(item["id"], "withdraw", "leader", reason="Thông tin chưa chính xác")
    assert gone["status"] == "withdrawn"
    assert gone["withdraw_reason"] == "Thông tin chưa chính xác"
    assert gone["events"][-1]["kind"] == "withdraw"
    assert notices_api.public(world.commune).json["items"] == []
    again = client.get(f"/api/v1/staff/notices/{item['id']}", headers=staff_headers("viewer"))
    assert again.json["status"] == "withdrawn"
    notices_api.act(item["id"], "withdraw", "leader", expect=409, reason="Lần nữa")


def test_correction_is_a_new_version_old_stays_readable(notices_api, world, client,
                                                        staff_headers):
    first = notices_api.publish()
    fixed = client.post(f"/api/v1/staff/notices/{first['id']}/correct",
                        json={"summary": "Cắt điện từ 8 giờ đến 11 giờ (đính chính)."},
                        headers=staff_headers("officer"))
    assert fixed.status_code == 201, fixed.json
    new = fixed.json
    assert (new["version"], new["status"], new["supersedes_id"]) == (2, "draft", first["id"])
    assert new["title"] == first["title"]
    # until the correction is published, the first version stays public
    assert [i["id"] for i in notices_api.public(world.commune).json["items"]] == [first["id"]]
    notices_api.act(new["id"], "submit", "officer")
    notices_api.act(new["id"], "approve", "leader")
    items = notices_api.public(world.commune).json["items"]
    assert [(i["id"], i["version"], i["corrected"]) for i in items] == [(new["id"], 2, True)]
    old = client.get(f"/api/v1/staff/notices/{first['id']}", headers=staff_headers("officer"))
    assert old.json["status"] == "superseded"
    assert old.json["summary"] == first["summary"]
    assert [v["version"] for v in old.json["versions"]] == [1, 2]


def test_only_drafts_can_be_edited(notices_api, client, staff_headers):
    item = notices_api.publish()
    response = client.patch(f"/api/v1/staff/notices/{item['id']}", json={"title": "Tiêu đề mới"},
                            headers=staff_headers("officer"))
    assert response.status_code == 409


def test_published_signal_runs_in_transaction_and_deliveries_are_counted(
        app, notices_api, client, staff_headers):
    seen = []

    def receiver(sender, notice):
        seen.append(notice.id)
        outbox.queue("zalo", "broadcast", "notice", {"id": notice.id},
                     key=f"notice:{notice.id}:zalo", subject=("notice", notice.id))

    with signals.notice_published.connected_to(receiver, sender=app):
        item = notices_api.publish()
    assert seen == [item["id"]]
    # Zalo is off in this app: the delivery fails at once with that reason (no sender)
    counts = client.get(f"/api/v1/staff/notices/{item['id']}/deliveries",
                        headers=staff_headers("viewer")).json
    assert counts == {"notice_id": item["id"], "total": 1,
                      "by_channel": [{"channel": "zalo", "status": "failed", "count": 1}]}


def test_failing_receiver_aborts_the_publication(app, notices_api, world, client,
                                                 staff_headers):
    def broken(sender, notice):
        raise RuntimeError("receiver failed")

    item = notices_api.create()
    notices_api.act(item["id"], "submit", "officer")
    with signals.notice_published.connected_to(broken, sender=app), \
            pytest.raises(RuntimeError):
        client.post(f"/api/v1/staff/notices/{item['id']}/approve", json={},
                    headers=staff_headers("leader"))
    still = client.get(f"/api/v1/staff/notices/{item['id']}", headers=staff_headers("leader"))
    assert still.json["status"] == "submitted"
    assert notices_api.public(world.commune).json["items"] == []


def test_withdrawn_signal_sent_for_published_notices(app, notices_api):
    seen = []

    def receiver(sender, notice):
        seen.append((sender, notice.id, notice.withdraw_reason))

    with signals.notice_withdrawn.connected_to(receiver, sender=app):
        item = notices_api.publish()
        notices_api.act(item["id"], "withdraw", "leader", reason="Hủy lịch")
    assert seen == [(app, item["id"], "Hủy lịch")]


# --- targeting ---------------------------------------------------------------------------------
def test_province_notice_reaches_its_communes_not_another_province(
        notices_api, world, second_admin, client):
    item = notices_api.create("province_admin", unit_code=world.province,
                              targets=[world.province])
    notices_api.act(item["id"], "submit", "province_admin")
    response = client.post(f"/api/v1/staff/notices/{item['id']}/approve", json={},
                           headers=second_admin)
    assert response.json["status"] == "published"
    for code in (world.commune, world.other_commune, world.province):
        assert [i["id"] for i in notices_api.public(code).json["items"]] == [item["id"]]
    assert notices_api.public("00004").json["items"] == []  # Ba Đình, Hà Nội
    assert notices_api.public("01").json["items"] == []


def test_commune_notice_stays_in_its_commune(notices_api, world):
    item = notices_api.publish()
    assert notices_api.public(world.other_commune).json["items"] == []
    assert notices_api.public(world.province).json["items"] == []
    assert notices_api.public(world.commune).json["items"][0]["id"] == item["id"]


def test_province_may_choose_communes(notices_api, world, second_admin, client):
    item = notices_api.create("province_admin", unit_code=world.province,
                              targets=[world.other_commune])
    notices_api.act(item["id"], "submit", "province_admin")
    client.post(f"/api/v1/staff/notices/{item['id']}/approve", json={}, headers=second_admin)
    assert [i["id"] for i in notices_api.public(world.other_commune).json["items"]] == [item["id"]]
    assert notices_api.public(world.commune).json["items"] == []


def test_targets_outside_scope_are_refused(notices_api, world):
    bad = notices_api.create(targets=[world.other_commune], expect=422)
    assert "targets" in bad["errors"]
    bad = notices_api.create("province_admin", unit_code=world.province, targets=["00004"],
                             expect=422)
    assert "targets" in bad["errors"]
    notices_api.create("other_province_admin", unit_code=world.province, expect=403)


# --- content -----------------------------------------------------------------------------------
def test_sanitiser_removes_scripts_and_event_handlers():
    dirty = ('<p onclick="steal()">Xin chào <b>bà con</b><script>alert(1)</script></p>'
             '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">xem</a>'
             '<a href="https://hue.gov.vn" onmouseover="x()">Cổng</a><style>p{}</style>')
    clean = sanitise(dirty)
    for bad in ("script", "onclick", "onerror", "onmouseover", "javascript:", "<img", "style",
                "alert"):
        assert bad not in clean
    assert "<p>Xin chào <b>bà con</b></p>" in clean
    assert 'href="https://hue.gov.vn"' in clean


def test_body_is_sanitised_on_the_way_in(notices_api):
    item = notices_api.create(body='<p onload="x()">Nội dung</p><script>alert(1)</script>')
    assert item["body"] == "<p>Nội dung</p>"
    assert notices_api.create(body="<script>alert(1)</script>", expect=422)["errors"]["body"]


def test_validation_errors_are_vietnamese_and_nothing_is_saved(notices_api, client,
                                                               staff_headers):
    bad = notices_api.create(expect=422, risk_level=3)
    assert bad["errors"]["risk_level"] == ["Cấp độ rủi ro thiên tai chỉ dùng cho thông tin "
                                           "thiên tai, sự cố."]
    bad = notices_api.create(expect=422, category="weather", colour="red")
    assert set(bad["errors"]) == {"category", "colour"}
    listing = client.get("/api/v1/staff/notices", headers=staff_headers("officer")).json
    assert listing["items"] == []


def test_notice_body_helper_is_valid():
    assert notice_body()["category"] == "local_programmes"
