"""The console as officials use it (issue 18), in headless Chromium: entering a call, "Sửa
lại" on the answer's preview, assigning inside the office, the leader's pending extensions,
answer templates, publishing as Q&A, dates in one format, statistics on a phone."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from core.clock import LOCAL_TZ
from core.db import commit, db
from directory.models import Category, Office
from feedback.models import Feedback
from tests.browser.test_console_accessibility import _item
from tests.conftest import PASSWORD, app_unit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DATE_TIME = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/console/")


def test_officer_enters_a_phone_call(page, live_server, live_app):
    base, tag = live_server.url, "t" + uuid.uuid4().hex[:5]
    _login(page, base, "officer")
    page.click("nav.nav >> text=Tiếp nhận phản ánh")
    page.wait_for_url(f"{base}/console/feedback/new")
    page.check("input[name=received_via][value=phone]")
    page.select_option("select[name=category_code]", "ha-tang")
    page.fill("textarea[name=description]", f"Ông gọi báo đèn đường tổ 5 không sáng {tag}.")
    page.fill("input[name=reporter_name]", "Hồ Văn Bình")
    page.fill("input[name=reporter_phone]", "0905 333 444")
    page.click("#receive-submit")  # the consent not confirmed: said beside the box
    assert "đồng ý" in page.text_content("#error-consent_given")
    assert page.input_value("input[name=reporter_name]") == "Hồ Văn Bình"  # nothing lost
    page.check("input[name=consent_given]")
    page.click("#receive-submit")
    page.wait_for_selector("#receipt-code")
    code = page.text_content("#receipt-code").strip()
    page.click("#receipt-item")
    page.wait_for_url(re.compile(r".*/console/feedback/\d+$"))
    assert code in page.text_content("h1")
    assert "Cán bộ nhập" in page.text_content("aside")
    first = page.locator(".timeline li").first
    assert "Tiếp nhận qua điện thoại" in first.text_content()
    assert "officer" in first.text_content()  # the receiving officer
    with app_unit(live_app):
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == code.replace("-", "")))
        assert item.channel == "staff" and item.consent["evidence"]["source"] == "verbal"
    assert page.errors == []


def test_edit_keeps_the_typed_answer_and_assigning_stays_internal(page, live_server, live_app,
                                                                  live_world):
    base = live_server.url
    item_id = _item(live_app, live_world, "t" + uuid.uuid4().hex[:5], ("accept",))
    _login(page, base, "officer")
    page.goto(f"{base}/console/feedback/{item_id}")
    assert page.locator("form[data-action=assign] select[name=office_id]").count() == 0
    page.select_option("form[data-action=assign] select[name=assignee_id]", label="officer")
    page.click("form[data-action=assign] button")
    page.wait_for_selector("#item-status[data-status=assigned]")
    assert "officer" in page.text_content("#item-assignee")
    with app_unit(live_app):
        from core.models import Delivery

        kinds = list(db.session.scalars(sa.select(Delivery.kind).where(
            Delivery.subject_type == "feedback", Delivery.subject_id == item_id)
            .order_by(Delivery.id)))
        assert kinds == ["feedback_receipt", "feedback_status"]  # receipt, accepted: no more

    typed = "Đội duy tu đã vá ổ gà trước trường.\nXin cảm ơn."
    page.fill("#answer-text", typed)
    page.fill("#answer-note", "Chi phí 2 triệu")
    page.click("#answer-form button[value=preview]")
    page.wait_for_selector("#answer-preview")
    page.click("#answer-edit")
    page.wait_for_selector("#answer-text")
    assert page.input_value("#answer-text") == typed  # "Sửa lại" keeps what was typed
    assert page.input_value("#answer-note") == "Chi phí 2 triệu"
    assert page.locator("#answer-preview").count() == 0
    assert page.errors == []


def test_leader_finds_pending_extensions_and_decides_where_the_request_is(
        page, live_server, live_app, live_world):
    base = live_server.url
    item_id = _item(live_app, live_world, "t" + uuid.uuid4().hex[:5],
                    ("accept", "assign", "start", "request_extension"))
    answered_id = _item(live_app, live_world, "t" + uuid.uuid4().hex[:5],
                        ("accept", "assign", "start", "request_extension", "answer"),
                        answer={"answer": "Đã vá ổ gà."})
    _login(page, base, "leader")
    page.click("#pending-extensions a")
    page.wait_for_url(re.compile(r".*/console/\?.*extension=1.*"))
    ids = [int(i) for i in page.locator(".queue-item").evaluate_all(
        "items => items.map(i => i.dataset.id)")]
    assert item_id in ids and answered_id not in ids  # answering closed its request
    assert page.locator(f"li[data-id='{item_id}'] .badge-extension").count() == 1
    page.click(f"li[data-id='{item_id}'] a")
    page.wait_for_url(f"{base}/console/feedback/{item_id}")
    box = page.locator("#extension-request")
    assert "Chờ vật tư." in box.text_content()
    assert page.locator("#actions form[data-action=approve_extension]").count() == 0
    box.locator("form[data-action=approve_extension] button").click()
    page.wait_for_selector(".flash-success")
    assert page.locator("#extension-request").count() == 0
    with app_unit(live_app):
        kinds = [e.kind for e in db.session.get(Feedback, answered_id).events]
        assert kinds.index("extension_closed") < kinds.index("answer")
    assert page.errors == []


def test_templates_are_managed_and_used_when_answering(page, live_server, live_app,
                                                       live_world):
    base, tag = live_server.url, "t" + uuid.uuid4().hex[:5]
    _login(page, base, "leader")
    page.click("nav.nav >> text=Mẫu câu trả lời")
    page.wait_for_url(f"{base}/console/templates")
    page.select_option("#template-form select[name=category_code]", "ha-tang")
    page.fill("#template-form input[name=title]", f"Đã vá đường {tag}")
    page.fill("#template-form textarea[name=body]", "Đội duy tu đã vá mặt đường. Cảm ơn bạn.")
    page.click("#template-form button[type=submit]")
    page.wait_for_selector(".flash-success")
    row = page.locator("tr", has_text=f"Đã vá đường {tag}")
    assert "Đang dùng" in row.text_content()
    page.context.clear_cookies()

    item_id = _item(live_app, live_world, tag, ("accept", "assign", "start"))
    _login(page, base, "officer")
    page.goto(f"{base}/console/feedback/{item_id}")
    page.select_option("select[name=template_id]", label=f"Đã vá đường {tag}")
    assert page.input_value("#answer-text") == "Đội duy tu đã vá mặt đường. Cảm ơn bạn."
    assert page.errors == []


def test_leader_publishes_an_answer_as_qa_from_the_console(page, live_server, live_app,
                                                          live_world):
    base = live_server.url
    item_id = _item(live_app, live_world, "t" + uuid.uuid4().hex[:5],
                    ("accept", "assign", "start", "answer"),
                    answer={"answer": "Đã vá ổ gà trước trường học."})
    _login(page, base, "leader")
    page.goto(f"{base}/console/feedback/{item_id}")
    page.click("#qa-link")
    page.wait_for_url(f"{base}/console/feedback/{item_id}/publication")
    assert "0905" not in page.text_content("#qa-preview")
    page.fill("#qa-form input[name=title]", "Ổ gà trước trường học đã được vá")
    page.click("#qa-preview-button")
    page.wait_for_selector("#qa-preview-heading")
    assert page.text_content("#qa-preview-heading") == "Ổ gà trước trường học đã được vá"
    assert page.get_attribute("#qa-state", "data-published") == "no"
    page.click("#qa-publish")
    page.wait_for_selector("#qa-state[data-published=yes]")
    assert DATE_TIME.search(page.text_content("#qa-state").split("từ ")[1].strip().rstrip("."))
    assert page.errors == []


def test_dates_have_one_format(page, live_server, live_app, live_world):
    base = live_server.url
    item_id = _item(live_app, live_world, "t" + uuid.uuid4().hex[:5], ())
    with app_unit(live_app):
        item = db.session.get(Feedback, item_id)
        item.created_at = datetime(2026, 12, 4, 21, 3, tzinfo=LOCAL_TZ)
        commit()
    _login(page, base, "officer")
    page.goto(f"{base}/console/feedback/{item_id}")
    received = page.locator("dt", has_text="Tiếp nhận lúc").locator(
        "xpath=following-sibling::dd[1]")
    assert received.text_content() == "04/12/2026 21:03"
    due = page.locator("dt", has_text="Hạn xử lý").locator("xpath=following-sibling::dd[1]")
    assert DATE_TIME.match(due.text_content())
    for time in page.locator(".timeline time").all_text_contents():
        assert DATE_TIME.match(time), time
    page.goto(f"{base}/console/")
    for due in page.locator(".queue-item .due").all_text_contents():
        assert DATE_TIME.search(due.split(":", 1)[1].strip()[:16]), due


def test_statistics_are_readable_on_a_phone(page, live_server, live_app, live_world):
    base, tag = live_server.url, "t" + uuid.uuid4().hex[:5]
    name = f"Phòng Quản lý đô thị, Hạ tầng kỹ thuật và Môi trường phường Phú Xuân {tag}"
    with app_unit(live_app):
        office = Office(unit_code=live_world.commune, name=name, kind="office")
        db.session.add(office)
        db.session.flush()
        office_id = office.id
        category = db.session.scalar(sa.select(Category.id).where(Category.code == "ha-tang"))
        received = datetime(2019, 5, 6, 9, tzinfo=LOCAL_TZ)
        db.session.add(Feedback(
            tracking_code=f"PH{tag.upper()}", channel="web", unit_code=live_world.commune,
            category_id=category, office_id=office.id, title="Thống kê điện thoại",
            description="Mô tả", search_text="mo ta", status="answered",
            due_at=received + timedelta(days=10), created_at=received, updated_at=received,
            first_response_at=received + timedelta(days=3),
            answered_at=received + timedelta(days=3)))
        commit()
    page.set_viewport_size(PHONE)
    _login(page, base, "leader")
    page.goto(f"{base}/console/stats?from=2019-05-06&to=2019-05-12")
    # The office's whole name is on the chart, wrapped over lines that fit the phone.
    link = page.locator(f"#chart-offices a[data-key='{office_id}']")
    spans = link.locator("text.label tspan")
    assert " ".join(spans.all_text_contents()) == name
    assert spans.count() >= 2
    for index in range(spans.count()):
        box = spans.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # Every label and number of the bar charts is drawn at a readable size.
    for chart in ("chart-offices", "chart-ages", "chart-categories"):
        sizes = page.locator(f"#{chart} text").evaluate_all(
            "texts => texts.map(t => t.getBoundingClientRect().height)")
        assert sizes and min(sizes) >= 12, (chart, sizes)
    # The page itself does not scroll sideways (the weekly columns scroll in their box).
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tiles = page.locator(".tiles").text_content()
    assert "Một nửa số phản ánh được trả lời trong" in tiles and "trung vị" not in tiles
    assert "3 ngày" in tiles
    assert page.errors == []
