"""The public report page ``/bao-tin-gia/<unit_code>``: a form that works without JavaScript,
errors next to their fields, the tracking code; no personal data, a strict CSP."""

from __future__ import annotations

import io

from tests.factcheck.conftest import case_of
from tests.factcheck.images import encode, screenshot
from tests.factcheck.test_reports import RUMOUR


def test_the_form_and_its_prefill(client, world, ctx):
    page = client.get(f"/bao-tin-gia/{world.commune}",
                      query_string={"content": "Tin  lan\ntruyền <b>x</b>"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="vi"' in html
    assert "Phường Phú Xuân" in html and 'name="image"' in html
    assert "Tin lan truyền &lt;b&gt;x&lt;/b&gt;</textarea>" in html
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    assert "script-src" not in page.headers["Content-Security-Policy"]
    assert client.get("/bao-tin-gia/99999").status_code == 404
    assert client.get(f"/bao-tin-gia/{world.province}").status_code == 404


def test_errors_come_back_next_to_their_fields(client, world, ctx):
    empty = client.post(f"/bao-tin-gia/{world.commune}", data={"phone": "0912"})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert 'value="0912"' in html  # what was typed is kept
    bad_link = client.post(f"/bao-tin-gia/{world.commune}", data={"link": "javascript:x"})
    assert bad_link.status_code == 422 and 'href="#f-link"' in bad_link.get_data(as_text=True)
    svg = client.post(f"/bao-tin-gia/{world.commune}", data={
        "image": (io.BytesIO(b"<svg/>"), "a.svg")}, content_type="multipart/form-data")
    assert svg.status_code == 422


def test_a_report_from_the_page_with_a_screenshot(client, world, culture, ctx):
    response = client.post(f"/bao-tin-gia/{world.commune}", data={
        "content": RUMOUR, "seen_at": "2026-12-01T08:30", "seen_where": "Facebook",
        "name": "Nguyễn Văn An", "phone": "0912 345 678", "consent": "yes",
        "image": (io.BytesIO(encode(screenshot(5))), "a.png")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 201
    code = html.split("data-code>")[1].split("<")[0]
    case = case_of(code)
    row = case.reports[0]
    assert (row.channel, row.reporter_phone, row.image_type) == ("web", "+84912345678",
                                                                "image/png")
    assert row.seen_at.isoformat().startswith("2026-12-01T01:30")
    assert "Nguyễn" not in html and "0912" not in html
