"""Each app has its receivers once; lost synthesis jobs are picked up by the sweep."""

from datetime import timedelta

import sqlalchemy as sa

import radio
from app import create_app
from core import clock
from core.db import commit, db
from notices.signals import notice_published, notice_withdrawn
from radio import service, source
from radio.models import NoticeAudio
from radio.signals import audio_ready
from tests.dbutil import fresh_database


def test_receivers_are_connected_once_to_each_app(tmp_path, app):
    extra = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI":
                        fresh_database(str(tmp_path), "_wiring")})
    with extra.app_context():
        db.engine.dispose()
    for each in (app, extra):
        published = list(notice_published.receivers_for(each))
        assert published.count(radio.on_notice_published) == 1
        assert list(notice_withdrawn.receivers_for(each)).count(radio.on_notice_withdrawn) == 1
        assert list(audio_ready.receivers_for(each)).count(source.on_audio_ready) == 1
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
