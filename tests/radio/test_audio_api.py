"""Staff produce the spoken version of a published notice; emergencies are automatic."""

import sqlalchemy as sa

from core.db import db
from radio import engines
from radio.audio import Audio, mp3_duration
from radio.engines import EngineError
from radio.models import NoticeAudio


def _audio_row(app, notice_id):
    with app.app_context():
        return db.session.scalar(sa.select(NoticeAudio).where(NoticeAudio.notice_id == notice_id))


def test_staff_request_produces_downloadable_mp3(client, staff_headers, notices_api):
    notice = notices_api.publish(title="Lịch tiêm chủng tháng 12",
                                 body="<p>Tiêm chủng cho trẻ dưới 5 tuổi từ 7h30 ngày 5/12/2026 "
                                      "tại trạm y tế phường. Mang theo sổ tiêm và thẻ BHYT.</p>")
    response = client.post(f"/api/v1/staff/notices/{notice['id']}/audio",
                           headers=staff_headers("officer"))
    # Queued: the job starts once the request's unit of work has committed, after the answer
    # was written (with no broker, in tests, it runs in-process right then).
    assert response.status_code == 202, response.json
    assert response.json["status"] == "pending"
    status = client.get(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("officer")).json
    assert status["status"] == "ready", status
    assert status["status_label"] == "Đã có bản âm thanh"
    assert status["engine"] == "espeak-ng" and status["voice"] == "vi"
    assert status["content_type"] == "audio/mpeg"
    assert 0.04 <= status["duration"] / status["characters"] <= 0.2

    download = client.get(status["download"].replace("http://localhost", ""),
                          headers=staff_headers("viewer"))
    assert download.status_code == 200
    assert download.mimetype == "audio/mpeg"
    assert download.headers["Cache-Control"] == "private, no-store"
    assert abs(mp3_duration(download.data) - status["duration"]) < 0.01
    download.close()
    # Asking again for the same text keeps the stored audio.
    again = client.post(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("leader"))
    assert again.status_code == 200 and again.json["sha256"] == status["sha256"]


def test_public_download_only_for_current_notices(client, staff_headers, notices_api):
    notice = notices_api.publish()
    client.post(f"/api/v1/staff/notices/{notice['id']}/audio", headers=staff_headers("officer"))
    public = client.get(f"/api/v1/notices/{notice['id']}/audio")
    assert public.status_code == 200 and public.mimetype == "audio/mpeg"
    assert "public" in public.headers["Cache-Control"]
    public.close()
    notices_api.act(notice["id"], "withdraw", "leader", reason="Đăng nhầm thông báo")
    gone = client.get(f"/api/v1/notices/{notice['id']}/audio")
    assert gone.status_code == 404
    assert gone.json["message"] == "Thông báo này chưa có bản âm thanh."
    # Staff can still fetch it.
    staff = client.get(f"/api/v1/staff/notices/{notice['id']}/audio/file",
                       headers=staff_headers("officer"))
    assert staff.status_code == 200
    staff.close()


def test_only_published_notices_and_only_writers(client, staff_headers, notices_api):
    draft = notices_api.create()
    refused = client.post(f"/api/v1/staff/notices/{draft['id']}/audio",
                          headers=staff_headers("officer"))
    assert refused.status_code == 409
    assert refused.json["message"] == "Chỉ tạo bản âm thanh cho thông báo đang đăng."
    published = notices_api.publish()
    viewer = client.post(f"/api/v1/staff/notices/{published['id']}/audio",
                         headers=staff_headers("viewer"))
    assert viewer.status_code == 403
    other = client.post(f"/api/v1/staff/notices/{published['id']}/audio",
                        headers=staff_headers("other_officer"))
    assert other.status_code == 404  # another commune's notice does not exist for them
    none_yet = client.get(f"/api/v1/staff/notices/{published['id']}/audio",
                          headers=staff_headers("officer"))
    assert none_yet.status_code == 404
    assert client.post(f"/api/v1/staff/notices/{published['id']}/audio").status_code == 401


def test_emergency_notice_is_synthesised_on_publication(app, client, staff_headers,
                                                        notices_api):
    notice = notices_api.publish(priority="emergency", category="disaster_incident",
                                 risk_level=3, title="Cảnh báo lũ trên sông Hương",
                                 body="<p>Mực nước sông Hương lên 3,5 m. Bà con ven sông "
                                      "sơ tán trước 17h00.</p>")
    row = _audio_row(app, notice["id"])
    assert row is not None and row.status == "ready" and row.requested_by_id is None
    status = client.get(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("officer")).json
    assert status["duration"] > 2


def test_normal_notice_is_not_synthesised_automatically(app, notices_api):
    notice = notices_api.publish(priority="priority")
    assert _audio_row(app, notice["id"]) is None


def test_engine_failure_is_recorded_and_can_be_retried(app, client, staff_headers,
                                                       notices_api, monkeypatch):
    class Broken:
        name, voice = "broken", None

        def synthesise(self, text):
            raise EngineError("engine down")

    engines.register(app, "broken", lambda config: Broken())
    monkeypatch.setitem(app.config, "RADIO_TTS_ENGINE", "broken")
    notice = notices_api.publish()
    client.post(f"/api/v1/staff/notices/{notice['id']}/audio", headers=staff_headers("officer"))
    status = client.get(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("officer")).json
    assert status["status"] == "failed" and status["error"] == "engine down"
    assert status["download"] is None

    class Silent:
        name, voice = "silent", "none"

        def synthesise(self, text):
            import io
            import wave

            buffer = io.BytesIO()
            with wave.open(buffer, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(8000)
                out.writeframes(b"\0\0" * 8000)
            return Audio(buffer.getvalue(), "audio/wav", "wav", 1.0)

    engines.register(app, "silent", lambda config: Silent())  # another engine, by configuration
    monkeypatch.setitem(app.config, "RADIO_TTS_ENGINE", "silent")
    retry = client.post(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("officer"))
    assert retry.status_code == 202  # requested again; ready once the job has run
    status = client.get(f"/api/v1/staff/notices/{notice['id']}/audio",
                        headers=staff_headers("officer")).json
    assert status["status"] == "ready" and status["engine"] == "silent"
    assert status["content_type"] == "audio/wav" and status["duration"] == 1.0
