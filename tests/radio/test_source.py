"""Source information system: signed pushes through the outbox to a fake provincial system
on 127.0.0.1, retries, statistics, and signed items received from it."""

import json
import time
from datetime import date

import sqlalchemy as sa

from core import outbox
from core.clock import now
from core.db import commit, db, unit_of_work
from core.models import Delivery
from directory.models import StaffUser
from notices.models import Notice, NoticeEvent
from radio import source
from radio.models import SourceItem

RECEIVE = "/integrations/source-system/v1/items"


def _deliveries(app, kind=None):
    with app.app_context():
        query = sa.select(Delivery).where(Delivery.channel == "source_system")
        if kind:
            query = query.where(Delivery.kind == kind)
        return list(db.session.scalars(query.order_by(Delivery.id)))


def test_published_notice_is_pushed_signed(app, source_on, notices_api, world):
    notice = notices_api.publish(title="Lịch cắt điện phường Phú Xuân",
                                 expires_at="2030-01-01T00:00:00+07:00")
    [delivery] = _deliveries(app)
    assert delivery.status == "sent" and delivery.attempts == 1
    [got] = source_on.received  # the fake checked the signature, timestamp and key id
    assert got["path"] == "/api/v1/notices"
    assert got["headers"]["X-Source-Message-Id"] == f"source:notice:{notice['id']}"
    assert got["headers"]["X-Source-Signature"].startswith("v1=")
    body = got["json"]
    assert body["id"] == f"vn.thongtin.{world.commune}.{notice['id']}"
    assert body["title"] == "Lịch cắt điện phường Phú Xuân"
    assert body["text"] == "Điện lực thông báo cắt điện để bảo dưỡng."
    assert body["category"] == "local_programmes" and body["priority"] == "normal"
    assert body["targets"] == [world.commune]
    assert body["valid_until"] == "2030-01-01T00:00:00+07:00" and body["valid_from"]
    assert body["audio"] is None and body["revision"] == 1
    assert "officer" not in json.dumps(body)  # no staff names, no personal data
    assert source_on.refused == []


def test_emergency_push_is_followed_by_its_audio(app, source_on, notices_api):
    notice = notices_api.publish(priority="emergency", category="disaster_incident",
                                 title="Cảnh báo sạt lở đất")
    pushes = [r["json"] for r in source_on.received]
    assert len(pushes) == 2
    with_audio = next(p for p in pushes if p["audio"])
    without = next(p for p in pushes if not p["audio"])
    assert with_audio["revision"] > without["revision"]  # the receiver keeps the newest
    audio = with_audio["audio"]
    assert audio["url"] == f"https://thongtin.example.vn/api/v1/notices/{notice['id']}/audio"
    assert audio["content_type"] == "audio/mpeg" and len(audio["sha256"]) == 64
    assert audio["duration"] > 1 and audio["size"] > 1000


def test_staff_audio_for_a_pushed_notice_is_pushed_again(app, client, staff_headers,
                                                         source_on, notices_api):
    notice = notices_api.publish()
    client.post(f"/api/v1/staff/notices/{notice['id']}/audio", headers=staff_headers("officer"))
    assert [bool(r["json"]["audio"]) for r in source_on.received] == [False, True]
    assert [d.status for d in _deliveries(app)] == ["sent", "sent"]


def test_unavailable_province_is_retried_then_sent(app, source_on, notices_api):
    source_on.statuses[:] = [503]
    notices_api.publish()
    [delivery] = _deliveries(app)
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_error.startswith("HTTP 503")
    with app.app_context():
        row = db.session.get(Delivery, delivery.id)
        row.next_attempt_at = now()  # the back-off has passed
        commit()
        assert outbox.send(delivery.id) == "sent"
    assert len(source_on.received) == 1


def test_refusal_is_final_and_unreachable_host_is_retried(app, source_on, notices_api,
                                                          monkeypatch):
    source_on.statuses[:] = [400]
    notices_api.publish()
    [refused] = _deliveries(app)
    assert refused.status == "unreachable" and refused.last_error.startswith("HTTP 400")
    monkeypatch.setitem(app.config, "SOURCE_SYSTEM_URL", "http://127.0.0.1:9/api")  # closed
    notices_api.publish(title="Thông báo thứ hai")
    down = _deliveries(app)[-1]
    assert down.status == "pending" and down.last_error.startswith("transport")


def test_wrong_secret_is_refused_by_the_province(app, source_on, notices_api, monkeypatch):
    monkeypatch.setitem(app.config, "SOURCE_SYSTEM_SECRET", "not-the-shared-secret")
    notices_api.publish()
    assert source_on.received == [] and source_on.refused[0][1] == "signature"
    assert _deliveries(app)[0].status == "pending"  # 401 is retried (key rotation)


def test_withdrawal_is_pushed(app, source_on, notices_api):
    notice = notices_api.publish()
    notices_api.act(notice["id"], "withdraw", "leader", reason="Thông tin chưa chính xác")
    last = source_on.received[-1]
    assert last["path"] == "/api/v1/notices/withdrawals"
    assert last["json"]["reason"] == "Thông tin chưa chính xác"
    assert last["json"]["id"].endswith(f".{notice['id']}")


def test_nothing_is_pushed_while_off(app, notices_api, fake_source):
    fake_source.received.clear()
    notices_api.publish()
    assert _deliveries(app) == [] and fake_source.received == []


def test_daily_statistics_are_reported_once(app, source_on, notices_api, frozen, world, submit):
    notices_api.publish(priority="emergency", category="disaster_incident")
    notices_api.publish()
    assert submit().status_code == 201
    with app.app_context():
        from feedback.models import Feedback

        # Move this test's feedback to the frozen day (its model stamps the real time).
        db.session.execute(sa.update(Feedback).where(Feedback.unit_code == world.commune)
                           .values(created_at=frozen.moment))
        commit()
        with unit_of_work():  # the report is sent once the unit commits
            assert source.queue_statistics(date(2026, 12, 1)) is not None
        assert source.queue_statistics(date(2026, 12, 1)) is None  # once per day
    report = source_on.received[-1]
    assert report["path"] == "/api/v1/statistics"
    stats = report["json"]
    assert stats["province"] == world.province and stats["period"]["from"] == "2026-12-01"
    [commune] = [u for u in stats["units"] if u["code"] == world.commune]
    assert commune["notices_published"] == {"normal": 1, "priority": 0, "emergency": 1}
    assert commune["audio_items"] == 1 and commune["audio_seconds"] > 1
    assert commune["feedback_received"] == 1
    assert "0912" not in json.dumps(stats)  # counts only


# --- receiving -------------------------------------------------------------------------------
def _item(world, **overrides):
    item = {"id": "HUE-2026-0001", "issuer": "Sở Văn hóa và Thể thao tỉnh",
            "title": "Phòng chống sốt xuất huyết",
            "summary": "Diệt lăng quăng, bọ gậy tại hộ gia đình.",
            "text": "Mỗi tuần một lần, các hộ dọn dẹp dụng cụ chứa nước.\n\nGọi 115 khi cần.",
            "category": "economy_culture", "priority": "priority",
            "targets": [world.commune], "valid_until": "2030-12-31T23:59:00+07:00",
            "audio": {"url": "https://nguon.example.vn/a.mp3"}}  # extra fields are ignored
    item.update(overrides)
    return item


def _post(client, fake, item, **sign):
    body = json.dumps(item, ensure_ascii=False).encode()
    return client.post(RECEIVE, data=body, headers=fake.sign("POST", RECEIVE, body, **sign))


def test_received_item_waits_for_local_approval(app, client, staff_headers, source_on, world):
    response = _post(client, source_on, _item(world))
    assert response.status_code == 200, response.json
    [row] = response.json["received"]
    assert row["unit_code"] == world.commune and row["status"] == "submitted"
    with app.app_context():
        notice = db.session.get(Notice, row["notice_id"])
        assert notice.unit_code == world.commune and notice.priority == "priority"
        assert notice.body == ("<p>Mỗi tuần một lần, các hộ dọn dẹp dụng cụ chứa nước.</p>"
                               "<p>Gọi 115 khi cần.</p>")
        author = db.session.get(StaffUser, notice.author_id)
        assert author.username == f"httt-nguon-{world.province}" and not author.is_active
        event = db.session.scalar(sa.select(NoticeEvent).where(
            NoticeEvent.notice_id == notice.id, NoticeEvent.kind == "receive"))
        assert "HUE-2026-0001" in event.note
    # The commune leader approves it; it is published and not echoed back to the province.
    approved = client.post(f"/api/v1/staff/notices/{row['notice_id']}/approve", json={},
                           headers=staff_headers("leader"))
    assert approved.status_code == 200 and approved.json["status"] == "published"
    assert source_on.received == []


def test_received_item_published_directly_by_configuration(app, client, source_on, world,
                                                           monkeypatch):
    monkeypatch.setitem(app.config, "SOURCE_SYSTEM_INBOUND_MODE", "publish")
    item = _item(world, id="HUE-2026-0002", priority="emergency",
                 category="disaster_incident", targets=[world.commune, world.other_commune])
    response = _post(client, source_on, item)
    assert response.status_code == 200
    assert [r["status"] for r in response.json["received"]] == ["published", "published"]
    public = client.get(f"/api/v1/units/{world.other_commune}/notices").json
    assert public["items"][0]["title"] == "Phòng chống sốt xuất huyết"
    # Emergency: the spoken version was made on publication; nothing was pushed back.
    notice_id = response.json["received"][0]["notice_id"]
    audio = client.get(f"/api/v1/notices/{notice_id}/audio")
    assert audio.status_code == 200
    audio.close()
    assert source_on.received == []


def test_repeated_item_changes_nothing(app, client, source_on, world):
    first = _post(client, source_on, _item(world, id="HUE-2026-0003")).json
    again = _post(client, source_on, _item(world, id="HUE-2026-0003"))
    assert again.status_code == 200 and again.json == first
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SourceItem).where(
            SourceItem.source_id == "HUE-2026-0003")) == 1


def test_bad_signature_stale_or_unsigned_are_refused(app, client, source_on, world):
    bad = _post(client, source_on, _item(world), secret="a-guess")
    assert bad.status_code == 401
    assert bad.json["message"] == "Chữ ký của yêu cầu không hợp lệ."
    stale = _post(client, source_on, _item(world), stamp=int(time.time()) - 3600)
    assert stale.status_code == 401 and "quá hạn" in stale.json["message"]
    unsigned = client.post(RECEIVE, json=_item(world))
    assert unsigned.status_code == 401
    # A signed body that was altered afterwards.
    body = json.dumps(_item(world)).encode()
    headers = source_on.sign("POST", RECEIVE, body)
    tampered = client.post(RECEIVE, data=body.replace(b"0001", b"0666"), headers=headers)
    assert tampered.status_code == 401
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SourceItem)) == 0


def test_invalid_items_are_refused_whole(app, client, source_on, world):
    outside = _post(client, source_on, _item(world, targets=[world.commune, "00004"]))
    assert outside.status_code == 422
    assert outside.json["errors"]["targets"] == ["Không có đơn vị với mã 00004 trong tỉnh."]
    missing = _post(client, source_on, {k: v for k, v in _item(world).items() if k != "title"})
    assert missing.status_code == 422 and "title" in missing.json["errors"]
    expired = _post(client, source_on, _item(world, valid_until="2020-01-01T00:00:00+07:00"))
    assert expired.status_code == 422 and expired.json["message"] == "Tin đã hết hiệu lực."
    garbage = client.post(RECEIVE, data=b"[1, 2]", headers=source_on.sign("POST", RECEIVE,
                                                                          b"[1, 2]"))
    assert garbage.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SourceItem)) == 0


def test_receive_endpoint_is_off_unless_configured(client, world, fake_source):
    response = _post(client, fake_source, _item(world))
    assert response.status_code == 404
    assert response.json["message"] == "Chưa bật kết nối với Hệ thống thông tin nguồn."
