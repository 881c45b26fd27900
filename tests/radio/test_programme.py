"""A commune's radio programme for a day: TT 39 priorities, durations, M3U and JSON."""

from datetime import UTC, datetime

from tests.notices.conftest import notice_body

PROGRAMME = "/api/v1/staff/units/{code}/radio/programme"


def _publish(notices_api, frozen, client, staff_headers, title, priority, audio=True,
             **overrides):
    frozen.advance(minutes=10)
    extra = {"category": "disaster_incident"} if priority == "emergency" else {}
    notice = notices_api.publish(title=title, priority=priority,
                                 body=f"<p>{title}. Bà con chú ý theo dõi.</p>",
                                 **extra, **overrides)
    if audio and priority != "emergency":  # emergencies are synthesised on publication
        client.post(f"/api/v1/staff/notices/{notice['id']}/audio",
                    headers=staff_headers("officer"))
        response = client.get(f"/api/v1/staff/notices/{notice['id']}/audio",
                              headers=staff_headers("officer"))
        assert response.json["status"] == "ready"  # the job ran after the request committed
    return notice


def test_programme_orders_emergency_then_priority_then_normal(
        client, staff_headers, notices_api, frozen, world, second_admin):
    normal_1 = _publish(notices_api, frozen, client, staff_headers, "Lịch thu gom rác", "normal")
    priority_1 = _publish(notices_api, frozen, client, staff_headers, "Lịch tiêm chủng",
                          "priority")
    normal_2 = _publish(notices_api, frozen, client, staff_headers, "Họp tổ dân phố", "normal",
                        audio=False)
    emergency = _publish(notices_api, frozen, client, staff_headers, "Cảnh báo lũ quét",
                         "emergency")
    priority_2 = _publish(notices_api, frozen, client, staff_headers, "Cắt điện ngày mai",
                          "priority")
    # A province notice for this commune belongs in the commune's programme too.
    frozen.advance(minutes=10)
    province = client.post("/api/v1/staff/notices", json=notice_body(
        title="Tỉnh thông báo lịch nghỉ lễ", targets=[world.commune]),
        headers=staff_headers("province_admin")).json
    client.post(f"/api/v1/staff/notices/{province['id']}/submit",
                headers=staff_headers("province_admin"))
    assert client.post(f"/api/v1/staff/notices/{province['id']}/approve", json={},
                       headers=second_admin).status_code == 200
    # Another commune's notice is not.
    frozen.advance(minutes=10)
    notices_api.publish(author="other_officer", approver="other_leader", title="Tin Kim Long")

    body = client.get(PROGRAMME.format(code=world.commune), query_string={"date": "2026-12-01"},
                      headers=staff_headers("viewer")).json
    ids = [item["notice_id"] for item in body["items"]]
    assert ids == [emergency["id"], priority_1["id"], priority_2["id"], normal_1["id"],
                   normal_2["id"], province["id"]]
    assert [item["play"] for item in body["items"]] == [
        "immediately", "ahead", "ahead", "scheduled", "scheduled", "scheduled"]
    assert body["items"][0]["play_label"] == "Phát ngay (khẩn cấp)"
    assert body["unit"] == {"code": world.commune, "name": body["unit"]["name"]}
    assert body["date"] == "2026-12-01"

    with_audio = [i for i in body["items"] if i["audio"]]
    assert [i["notice_id"] for i in with_audio] == [emergency["id"], priority_1["id"],
                                                    priority_2["id"], normal_1["id"]]
    # Start offsets add up the durations in order; items without audio have none.
    offset = 0.0
    for item in with_audio:
        assert item["start"] == round(offset, 3) and item["duration"] > 1
        offset += item["duration"]
    assert body["total_duration"] == round(offset, 3)
    assert body["items"][4]["audio"] is None and body["items"][4]["duration"] is None
    assert with_audio[0]["audio"]["url"].endswith(f"/api/v1/notices/{emergency['id']}/audio")

    m3u = client.get(PROGRAMME.format(code=world.commune) + ".m3u",
                     query_string={"date": "2026-12-01"}, headers=staff_headers("viewer"))
    assert m3u.status_code == 200 and m3u.mimetype == "audio/x-mpegurl"
    lines = m3u.get_data(as_text=True).splitlines()
    assert lines[0] == "#EXTM3U" and lines[2].startswith("#PLAYLIST:Chương trình phát thanh")
    entries = lines[3:]
    assert len(entries) == 2 * len(with_audio)
    pairs = zip(entries[::2], entries[1::2], strict=True)
    for (info, url), item in zip(pairs, with_audio, strict=True):
        assert info.startswith("#EXTINF:") and info.endswith(item["title"])
        assert int(info.split(":")[1].split(",")[0]) >= item["duration"]
        assert url == item["audio"]["url"]
    assert entries[0].split(",", 1)[1] == "[Khẩn cấp] Cảnh báo lũ quét"


def test_programme_of_another_day_and_expired_notices(client, staff_headers, notices_api,
                                                      frozen, world):
    expiring = notices_api.publish(title="Tin hết hạn trong ngày",
                                   expires_at="2026-12-01T20:00:00+07:00")
    lasting = notices_api.publish(title="Tin còn hiệu lực lâu")
    today = client.get(PROGRAMME.format(code=world.commune), query_string={"date": "2026-12-01"},
                       headers=staff_headers("leader")).json
    assert [i["notice_id"] for i in today["items"]] == [expiring["id"], lasting["id"]]
    tomorrow = client.get(PROGRAMME.format(code=world.commune),
                          query_string={"date": "2026-12-02"}, headers=staff_headers("leader"))
    assert [i["notice_id"] for i in tomorrow.json["items"]] == [lasting["id"]]
    yesterday = client.get(PROGRAMME.format(code=world.commune),
                           query_string={"date": "2026-11-30"}, headers=staff_headers("leader"))
    assert yesterday.json["items"] == []
    # Without a date: today in Vietnam (the frozen clock says 2026-12-01 08:00 +07:00).
    assert frozen.moment == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    default = client.get(PROGRAMME.format(code=world.commune), headers=staff_headers("leader"))
    assert default.json["date"] == "2026-12-01"


def test_programme_scope_and_bad_input(client, staff_headers, world):
    other = client.get(PROGRAMME.format(code=world.other_commune),
                       headers=staff_headers("officer"))
    assert other.status_code == 403
    assert other.json["message"] == "Đơn vị này nằm ngoài phạm vi của tài khoản."
    assert client.get(PROGRAMME.format(code=world.other_commune),
                      headers=staff_headers("province_admin")).status_code == 200
    bad = client.get(PROGRAMME.format(code=world.commune), query_string={"date": "01/12/2026"},
                     headers=staff_headers("officer"))
    assert bad.status_code == 422 and bad.json["errors"]
    unknown = client.get(PROGRAMME.format(code=world.commune), query_string={"page": "2"},
                         headers=staff_headers("officer"))
    assert unknown.status_code == 422
    missing = client.get(PROGRAMME.format(code="99999"), headers=staff_headers("province_admin"))
    assert missing.status_code == 404
    assert client.get(PROGRAMME.format(code=world.commune)).status_code == 401
