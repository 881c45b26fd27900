"""Console pages of the reports of false information: the information office's queue, a
case's page, the verdict and clarification forms, a report taken by phone."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from core.db import db
from factcheck.models import MisinformationReport
from notices.models import Notice
from tests.console.conftest import Console
from tests.factcheck.conftest import case_of
from tests.factcheck.images import encode, screenshot
from tests.factcheck.test_reports import OTHER, RUMOUR


@pytest.fixture
def console(app):
    """``console("vanhoa")`` → a client signed in as that username."""
    def _make(username: str) -> Console:
        signed_in = Console(app.test_client())
        assert signed_in.login(username).status_code == 303
        return signed_in

    return _make


def test_the_queue_the_case_and_its_verdict(console, report, culture, client, world, ctx):
    urgent = case_of(report(content="Có lệnh sơ tán khẩn cấp toàn phường trước 17 giờ "
                                    "hôm nay.").json["tracking_code"])
    normal = case_of(report(content=OTHER).json["tracking_code"])
    shot = client.post("/api/v1/misinformation-reports", data={
        "unit_code": world.commune, "content": RUMOUR,
        "image": (io.BytesIO(encode(screenshot(3))), "a.png")},
        content_type="multipart/form-data")
    shot_case = case_of(shot.json["tracking_code"])
    officer = console("vanhoa")
    page = officer.get("/console/factcheck").get_data(as_text=True)
    assert page.index(f'data-case-id="{urgent.id}"') < page.index(f'data-case-id="{normal.id}"')
    detail = officer.get(f"/console/factcheck/{shot_case.id}")
    html = detail.get_data(as_text=True)
    assert detail.status_code == 200 and "thu phí vệ sinh" in html
    image_url = f"/console/factcheck/{shot_case.id}/reports/{shot_case.reports[0].id}/image"
    assert image_url in html
    image = officer.get(image_url)
    assert image.status_code == 200 and image.mimetype == "image/png"
    image.close()
    done = officer.post(f"/console/factcheck/{normal.id}/verdict",
                        {"verdict": "true", "note": "Chợ đóng cửa sửa chữa đúng lịch."},
                        page=f"/console/factcheck/{normal.id}")
    assert done.status_code == 303
    db.session.refresh(normal)
    assert (normal.status, normal.verdict) == ("closed", "true")
    # Another office's officer does not see the case.
    other = console("officer")
    assert other.get(f"/console/factcheck/{normal.id}").status_code == 404


def test_a_false_verdict_and_its_clarification_from_the_console(console, report, culture,
                                                                 ctx):
    case = case_of(report(content=RUMOUR).json["tracking_code"])
    officer = console("vanhoa")
    page = f"/console/factcheck/{case.id}"
    officer.post(f"{page}/verdict", {"verdict": "false", "note": "Không có khoản phí này."},
                 page=page)
    assert 'id="clarification-form"' in officer.get(page).get_data(as_text=True)
    response = officer.post(f"{page}/clarification", {
        "title": "Bác bỏ tin thu phí vệ sinh", "summary": "Phường không thu khoản phí này.",
        "body": "Thông tin thu phí vệ sinh 500.000 đồng là sai sự thật."}, page=page)
    assert response.status_code == 303
    db.session.refresh(case)
    notice = db.session.get(Notice, case.notice_id)
    assert (notice.status, notice.category) == ("submitted", "official_clarification")
    assert f"/console/notices/{notice.id}" in officer.get(page).get_data(as_text=True)


def test_a_report_taken_by_phone(console, culture, world, ctx):
    officer = console("vanhoa")
    form = officer.get("/console/factcheck/new")
    assert form.status_code == 200
    response = officer.post("/console/factcheck/new", {
        "unit_code": world.commune, "content": OTHER, "seen_where": "Loa tổ 3",
        "name": "Ông Hải", "phone": "0905111222", "consent": "yes"},
        page="/console/factcheck/new")
    assert response.status_code == 303
    row = db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.channel == "staff"))
    assert row.reporter_phone == "+84905111222" and row.consent["evidence"]["source"] == "phone"
    empty = officer.post("/console/factcheck/new", {"unit_code": world.commune},
                         page="/console/factcheck/new")
    assert empty.status_code == 422
    viewer = console("viewer")
    refused = viewer.post("/console/factcheck/new", {"unit_code": world.commune,
                                                    "content": OTHER},
                          page="/console/factcheck/new")
    assert refused.status_code == 403
