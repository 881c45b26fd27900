"""Reporters' contact data and screenshots under privacy/'s rules: erased by retention after
their case closed, and by a completed deletion request matching their phone, e-mail or Zalo
id; the screenshot's file goes once the erasure is committed."""

from __future__ import annotations

import io
import os
from datetime import timedelta

from core import storage
from core.clock import now
from core.db import commit, db
from factcheck import service
from privacy.erasure import Identity
from tests.factcheck.conftest import CONSENT, case_of, report_of
from tests.factcheck.images import encode, screenshot
from tests.factcheck.test_reports import OTHER, RUMOUR


def test_retention_erases_contact_data_of_closed_cases_only(report, client, culture, ctx):
    closed = report(content=OTHER, reporter={"name": "Lan", "phone": "0912345678"},
                    consent=CONSENT).json["tracking_code"]
    still_open = report(content=RUMOUR, reporter={"name": "Bình", "phone": "0987654321"},
                        consent=CONSENT).json["tracking_code"]
    case = case_of(closed)
    client.post(f"/api/v1/staff/misinformation-cases/{case.id}/verdict",
                json={"verdict": "true"}, headers=culture["headers"])
    assert service.erase_expired(now() + timedelta(days=1)) == 1
    erased, kept = report_of(closed), report_of(still_open)
    db.session.refresh(erased)
    assert erased.reporter_phone is None and erased.reporter_name is None
    assert erased.personal_data_erased_at is not None and erased.content == OTHER
    assert erased.consent["evidence_erased_at"]
    assert kept.reporter_phone == "+84987654321"
    assert service.erase_expired(now() + timedelta(days=1)) == 0


def test_a_deletion_request_erases_matching_reports(report, ctx):
    code = report(content=OTHER, reporter={"name": "Lan", "email": "Lan@Example.vn"},
                  consent=CONSENT).json["tracking_code"]
    other = report(content=RUMOUR, reporter={"name": "Bình", "phone": "0987654321"},
                   consent=CONSENT).json["tracking_code"]
    assert service.erase_matching(Identity(emails=("lan@example.vn",)), now()) == 1
    db.session.flush()
    assert report_of(code).reporter_email is None
    assert report_of(other).reporter_phone == "+84987654321"
    assert service.erase_matching(Identity(), now()) == 0


def _with_screenshot(client, world, seed: int, **fields) -> str:
    response = client.post("/api/v1/misinformation-reports", data={
        "unit_code": world.commune, "channel": "widget", **fields,
        "image": (io.BytesIO(encode(screenshot(seed))), "s.png")},
        content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    return response.json["tracking_code"]


def test_retention_deletes_the_screenshot_of_a_closed_case_even_when_anonymous(
        client, world, culture, ctx):
    code = _with_screenshot(client, world, 21)
    row = report_of(code)
    path, image_hash = storage.path_of(row.image_key), row.image_hash
    assert os.path.exists(path)
    client.post(f"/api/v1/staff/misinformation-cases/{row.case_id}/verdict",
                json={"verdict": "true"}, headers=culture["headers"])
    assert service.erase_expired(now() - timedelta(days=1)) == 0  # not closed long enough
    assert os.path.exists(path)
    assert service.erase_expired(now() + timedelta(days=1)) == 1
    assert os.path.exists(path)  # until the erasure is committed
    commit()
    assert not os.path.exists(path)
    db.session.refresh(row)
    assert row.image_key is None and row.image_hash == image_hash
    assert row.personal_data_erased_at is not None


def test_a_deletion_request_deletes_the_reporters_screenshot(client, world, ctx):
    mine = _with_screenshot(client, world, 22, **{
        "reporter.phone": "0912 000 111", "notify_via": "sms",
        "consent.purpose": CONSENT["purpose"], "consent.policy_version": CONSENT["policy_version"]})
    other = _with_screenshot(client, world, 23)
    mine_path = storage.path_of(report_of(mine).image_key)
    other_path = storage.path_of(report_of(other).image_key)
    assert service.erase_matching(Identity(phones=("+84912000111",)), now()) == 1
    commit()
    assert not os.path.exists(mine_path) and os.path.exists(other_path)
    assert report_of(mine).image_key is None
