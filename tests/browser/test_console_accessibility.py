"""Accessibility of every console page (issue 18): axe-core (axe-playwright-python) reports no
serious or critical violation on any page the console serves, at 1366×768 and 390×844.

The pages are listed from the URL map, so a new page cannot be forgotten: a GET route of the
console either gets example values for its arguments here (ARGUMENTS) or is named in SKIPPED
with the reason it is not a page; anything else fails the test. A few states that only a
form shows (errors, the answer's preview) are checked too.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from core.db import db
from directory.models import StaffUser
from factcheck.models import MisinformationReport
from feedback import workflow
from feedback.models import Feedback, ResponseTemplate
from privacy import rights_requests
from tests.browser.test_consultations import _open_consultation
from tests.conftest import PASSWORD, app_unit

pytestmark = pytest.mark.browser

VIEWPORTS = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})

# Console GET routes that are not pages, and why.
SKIPPED = {
    "console.static": "stylesheet and script files",
    "console.not_found": "the 404 page of unknown addresses (checked with one below)",
    "console.attachment": "an image sent with feedback",
    "console.notice_image": "an image of a notice",
    "console.stats_export": "a report download (XLSX or CSV)",
    "console.factcheck_image": "a screenshot sent with a report of false information",
}


def assert_accessible(page, where: str) -> None:
    """Fail on any serious or critical axe-core violation, naming rules and nodes."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, where + ": " + "; ".join(
        f"{v['id']} ({v['impact']}): " + ", ".join(
            str(n.get("target")) for n in v["nodes"][:5]) for v in bad)


def _staff(world, key: str) -> StaffUser:
    return db.session.get(StaffUser, world.staff_ids[key])


def _item(app, world, tag: str, actions: tuple[str, ...], **args) -> int:
    response = app.test_client().post("/api/v1/feedback", json={
        "unit_code": world.commune, "category_code": "ha-tang", "title": f"Ổ gà {tag}",
        "description": "Đoạn trước trường học có ổ gà sâu, xe máy dễ ngã.",
        "location": {"lat": 16.4637, "lng": 107.5909, "address": "Đường Lê Lợi"},
        "reporter": {"name": "Phạm Thị Hoa", "phone": "0905 111 222"},
        "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}})
    assert response.status_code == 201, response.json
    with app_unit(app):
        item_id = db.session.scalar(sa.select(Feedback.id).where(
            Feedback.tracking_code == response.json["tracking_code"].replace("-", "")))
        officer = _staff(world, "officer")
        for action in actions:
            if action == "request_extension":
                due = db.session.get(Feedback, item_id).due_at + timedelta(days=7)
                args[action] = {"due_at": due, "reason": "Chờ vật tư."}
            workflow.perform(item_id, action, officer, **args.get(action, {}))
    return item_id


def _examples(app, world) -> tuple[dict[str, int], dict[str, dict[str, int]], dict]:
    """Example values of the console routes' arguments (the admin sees them all), values for
    particular routes, and the ids of the extra states."""
    tag = "t" + uuid.uuid4().hex[:5]
    answered = _item(app, world, tag, ("accept", "assign", "start", "answer"),
                     answer={"answer": "Đã vá ổ gà trước trường học."})
    waiting = _item(app, world, f"{tag}-gh", ("accept", "assign", "start",
                                              "request_extension"))
    consultation = _open_consultation(app, world, f"Dự thảo quy định vỉa hè {tag}")
    headers = {"Authorization": f"Bearer {world.tokens['leader']}"}
    draft = app.test_client().post("/api/v1/staff/notices", headers=headers, json={
        "title": f"Lịch cắt điện {tag}", "category": "local_programmes",
        "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
        "body": "Điện lực thông báo cắt điện.\n\n- Tổ 1\n- Tổ 2"})
    assert draft.status_code == 201, draft.json
    rumour = app.test_client().post("/api/v1/misinformation-reports", json={
        "unit_code": world.commune, "channel": "widget", "link": f"https://tin.example/{tag}",
        "content": "Phường thu phí 500.000 đồng mỗi hộ để nhận gạo hỗ trợ."})
    assert rumour.status_code == 201, rumour.json
    with app_unit(app):
        from consultations.models import Consultation

        published = db.session.get(Consultation, consultation).notice_id
        item = db.session.get(Feedback, answered)
        created = rights_requests.create(item, "access", "staff",
                                         entered_by=_staff(world, "leader"))
        template = ResponseTemplate(kind="answer", unit_code=world.commune, title=f"Mẫu {tag}",
                                    body="Đã xử lý xong. Cảm ơn bạn đã phản ánh.")
        db.session.add(template)
        db.session.commit()
        request_id, template_id = created.request.id, template.id
        case_id = db.session.scalar(sa.select(MisinformationReport.case_id).where(
            MisinformationReport.tracking_code
            == rumour.json["tracking_code"].replace("-", "")))
    arguments = {"case_id": case_id, "item_id": answered, "notice_id": draft.json["id"],
                 "consultation_id": consultation, "request_id": request_id,
                 "staff_id": world.staff_ids["officer"], "template_id": template_id}
    per_route = {"console.notice_correction": {"notice_id": published}}
    return arguments, per_route, {"waiting": waiting}


def _pages(app, arguments, per_route) -> list[tuple[str, str]]:
    """(endpoint, path) of every console page, from the URL map."""
    pages, unknown = [], []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] != "console" or "GET" not in rule.methods \
                or rule.endpoint in SKIPPED:
            continue
        values = {**{name: arguments.get(name) for name in rule.arguments},
                  **per_route.get(rule.endpoint, {})}
        missing = [name for name, value in values.items() if value is None]
        if missing:
            unknown.append(f"{rule.endpoint} ({', '.join(missing)})")
            continue
        pages.append((rule.endpoint, rule.build(values, append_unknown=False)[1]))
    assert not unknown, "console pages without example values: " + ", ".join(unknown)
    return sorted(pages)


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/console/")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x768", "390x844"])
def test_every_console_page_has_no_serious_violation(page, live_app, live_server, live_world,
                                                     viewport):
    page.set_viewport_size(viewport)
    base = live_server.url
    arguments, per_route, extra = _examples(live_app, live_world)
    pages = _pages(live_app, arguments, per_route)
    assert len(pages) >= 24

    page.goto(f"{base}/console/login")  # signed out
    assert_accessible(page, "console.login")
    _login(page, base, "admin")
    for endpoint, path in pages:
        if endpoint == "console.login":
            continue
        response = page.goto(f"{base}{path}")
        assert response.status == 200, (endpoint, path, response.status)
        assert_accessible(page, f"{endpoint} {path}")

    # States only a form shows.
    page.goto(f"{base}/console/does-not-exist")
    assert_accessible(page, "404")
    page.goto(f"{base}/console/feedback/new")
    page.click("#receive-submit")  # nothing filled in: errors beside the fields
    page.wait_for_selector(".field-error")
    assert_accessible(page, "reception form with errors")
    page.goto(f"{base}/console/feedback/{extra['waiting']}")  # the extension to decide
    assert page.locator("#extension-request form[data-action=approve_extension]").count() == 1
    assert_accessible(page, "item with a pending extension")
    page.fill("#answer-text", "Đã vá ổ gà. Chị Phạm Thị Hoa cần gì thêm xin gọi 0905 111 222.")
    page.click("#answer-form button[value=preview]")
    page.wait_for_selector("#answer-preview")
    assert_accessible(page, "answer preview")
    page.goto(f"{base}/console/feedback/{arguments['item_id']}/publication")
    page.click("#qa-preview-button")
    page.wait_for_selector("#qa-preview")
    assert_accessible(page, "Q&A preview")
    assert page.errors == []
