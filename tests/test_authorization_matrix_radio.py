"""Authorisation matrix of the radio staff API (issue 11): a notice's spoken version and a
unit's daily programme, × every role × the places A, C, P, D (own commune, other commune,
the province, another province's commune; see tests/test_authorization_matrix_notices.py).
"""

from __future__ import annotations

import pytest
from flask import current_app

from core import clock, storage
from core.db import commit, db
from radio.models import NoticeAudio
from radio.service import spoken_text, text_digest
from tests.feedback.test_authorization_matrix import ROLES, UNIT_PLACES, cells, unit_codes
from tests.test_authorization_matrix_notices import READ, make_notices

ONE = "/api/v1/staff/notices/<int:notice_id>"
UNIT = "/api/v1/staff/units/<code>"

# Asking for the spoken version of a published notice: writers in their scope; the viewer is
# refused before the notice is looked up, so 403 wherever it is.
SPEAK = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 404, 404, 404),
    "officer":              (200, 404, 404, 404),
    "police":               (200, 404, 404, 404),
    "other_leader":         (404, 200, 404, 404),
    "other_officer":        (404, 200, 404, 404),
    "viewer":               (403, 403, 403, 403),
}

# A unit's programme (JSON and M3U): the caller's unit, and for a province administrator its
# communes. Units are public, so another unit is a 403.
PROGRAMME = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 403),
    "other_province_admin": (403, 403, 403, 200),
    "leader":               (200, 403, 403, 403),
    "officer":              (200, 403, 403, 403),
    "police":               (200, 403, 403, 403),
    "other_leader":         (403, 200, 403, 403),
    "other_officer":        (403, 200, 403, 403),
    "viewer":               (200, 403, 403, 403),
}

NOTICE_ROUTES = {
    ("POST", ONE + "/audio"): ("/audio", SPEAK),
    ("GET", ONE + "/audio"): ("/audio", READ),
    ("GET", ONE + "/audio/file"): ("/audio/file", READ),
}
UNIT_ROUTES = {
    ("GET", UNIT + "/radio/programme"): "/radio/programme",
    ("GET", UNIT + "/radio/programme.m3u"): "/radio/programme.m3u",
}
COVERED = set(NOTICE_ROUTES) | set(UNIT_ROUTES)

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400


def _ready_audio(notice) -> None:
    """A finished spoken version of the notice's current text (nothing to synthesise)."""
    stored = storage.save(MP3, "mp3")
    text = spoken_text(notice)
    db.session.add(NoticeAudio(
        notice_id=notice.id, status="ready", engine=current_app.config["RADIO_TTS_ENGINE"],
        voice="vi", text_sha256=text_digest(text), chars=len(text), storage_key=stored.key,
        content_type="audio/mpeg", size=stored.size, sha256=stored.sha256, duration_ms=1000,
        ready_at=clock.now()))
    commit()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(NOTICE_ROUTES), ids=" ".join)
def test_notice_audio_routes(route, role, world, client, staff_headers, ctx):
    suffix, table = NOTICE_ROUTES[route]
    got = {}
    for place, notice in make_notices(world, "published").items():
        _ready_audio(notice)
        response = client.open(f"/api/v1/staff/notices/{notice.id}{suffix}",
                               method=route[0], headers=staff_headers(role))
        got[place] = response.status_code
        if response.status_code == 200 and suffix == "/audio/file":
            assert response.get_data() == MP3
        response.close()
    assert got == cells(table, role, UNIT_PLACES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(UNIT_ROUTES), ids=" ".join)
def test_programme_routes(route, role, world, client, staff_headers, ctx):
    got = {place: client.get(f"/api/v1/staff/units/{code}{UNIT_ROUTES[route]}",
                             headers=staff_headers(role)).status_code
           for place, code in unit_codes(world).items()}
    assert got == cells(PROGRAMME, role, UNIT_PLACES)
