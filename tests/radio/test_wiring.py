"""Registration survives many apps; lost synthesis jobs are picked up by the sweep."""

from datetime import timedelta

import sqlalchemy as sa

from core import clock, create_app
from core.db import commit, db
from notices import hooks
from radio import service, source
from radio.models import NoticeAudio
from tests.dbutil import fresh_database


def test_hooks_and_engines_are_registered_once(tmp_path, app):
    for n in range(2):
        extra = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI":
                            fresh_database(str(tmp_path), f"_wiring{n}")})
        with extra.app_context():
            db.engine.dispose()
    published = hooks._LISTENERS["published"]
    assert published.count(service.on_published) == 1
    assert published.count(source.on_published) == 1
    assert hooks._LISTENERS["withdrawn"].count(source.on_withdrawn) == 1
    assert service._READY_LISTENERS.count(source.on_audio_ready) == 1
    schedule = app.extensions["celery"].conf.beat_schedule
    assert schedule["radio-sweep"]["task"] == "radio.sweep"
    assert schedule["source-statistics"]["task"] == "radio.report_statistics"


def test_sweep_restarts_lost_jobs(app, notices_api, client, staff_headers):
    notice = notices_api.publish(priority="emergency", category="disaster_incident")
    with app.app_context():
        audio = db.session.scalar(sa.select(NoticeAudio).where(
            NoticeAudio.notice_id == notice["id"]))
        assert audio.status == "ready"
        # A worker died while synthesising: the row stays "working" past the lease.
        audio.status = "working"
        audio.requested_at = clock.now() - timedelta(minutes=30)
        commit()
        assert service.sweep() == 1
        db.session.refresh(audio)
        assert audio.status == "ready" and audio.attempts == 2  # the lost try counts
        assert service.sweep() == 0
