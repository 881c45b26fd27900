"""Notices in the console, in headless Chromium: a commune leader writes a notice and sends
it for approval; the province's administrator approves it and it is published at once."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/console/")
    assert "/console/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/console/")


def test_leader_writes_a_notice_and_the_administrator_publishes_it(page, live_server, live_app,
                                                                   live_world):
    title = f"Lịch tiêm chủng mở rộng {uuid.uuid4().hex[:8]}"
    _login(page, live_server, "leader")
    page.click("nav.nav >> text=Thông báo")
    page.wait_for_url(f"{live_server.url}/console/notices")
    page.click("#notice-new")
    page.wait_for_url(f"{live_server.url}/console/notices/new")
    # Nothing filled in: the form comes back with the reasons, in Vietnamese.
    page.click("#notice-form button[type=submit]")
    assert page.text_content("#error-title").strip() == "Thiếu thông tin bắt buộc."
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", "Trạm y tế phường tiêm chủng cho trẻ dưới 5 tuổi.")
    page.fill("textarea[name=body]", "<p>Mời phụ huynh đưa trẻ đến <strong>trạm y tế</strong>"
                                     " từ 7 giờ.</p><script>window.__xss = 1</script>")
    page.select_option("select[name=category]", "local_programmes")
    page.click("#notice-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/console/notices/\d+$"))
    notice_id = int(page.url.rsplit("/", 1)[1])
    assert page.get_attribute("#notice-status", "data-status") == "draft"
    assert page.text_content("#notice-body strong") == "trạm y tế"
    assert page.locator("#notice-body script").count() == 0
    page.click("form[data-action=submit] button")
    page.wait_for_selector("#notice-status[data-status=submitted]")
    assert page.locator("form[data-action=approve]").count() == 0  # the leader wrote it
    page.context.clear_cookies()

    _login(page, live_server, "admin")
    page.goto(f"{live_server.url}/console/notices?status=submitted")
    page.click(f"li[data-notice-id='{notice_id}'] a")
    page.wait_for_url(f"{live_server.url}/console/notices/{notice_id}")
    page.click("form[data-action=approve] button")
    page.wait_for_selector("#notice-status[data-status=published]")
    assert "Đã duyệt thông báo." in page.text_content(".flash-success")
    assert page.locator("#history li[data-kind=publish]").count() == 1
    assert page.locator(f"#surfaces a[href='/board/{live_world.commune}']").count() == 1
    public = live_app.test_client().get(f"/api/v1/units/{live_world.commune}/notices",
                                        query_string={"per_page": 50})
    assert title in [n["title"] for n in public.json["items"]]
    assert page.evaluate("window.__xss === undefined")
    assert page.errors == []


def test_plain_text_body_preview_then_save(page, live_server, live_world):
    """Officials type plain text; the preview (same renderer as saving) shows paragraphs
    and a list; the typed text stays in the box; saving gives the same HTML."""
    from axe_playwright_python.sync_playwright import Axe

    title = f"Cảnh báo mưa lớn {uuid.uuid4().hex[:8]}"
    body = ("Do mưa lớn, lượng mưa dự báo 200–350 mm.\nBà con lưu ý:\n"
            "- Không qua lại ngầm tràn.\n- Chằng chống nhà cửa.\n\nLiên hệ trực ban phường.")
    _login(page, live_server, "leader")
    page.goto(f"{live_server.url}/console/notices/new")
    help_text = page.text_content("#body-help")
    assert "dòng trống" in help_text and "<p>" not in help_text
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", "Mưa lớn, nguy cơ ngập sâu.")
    page.fill("textarea[name=body]", body)
    page.select_option("select[name=category]", "local_programmes")
    page.click("#notice-preview")
    page.wait_for_selector("#body-preview")
    assert page.url.endswith("/console/notices/new")  # nothing saved yet
    preview = page.locator("#body-preview-content")
    assert preview.locator("ul > li").all_inner_texts() == ["Không qua lại ngầm tràn.",
                                                            "Chằng chống nhà cửa."]
    assert preview.locator("p").count() == 2
    assert "mm.Không" not in preview.inner_text()
    assert page.input_value("textarea[name=body]") == body
    assert page.input_value("input[name=title]") == title
    violations = [v for v in Axe().run(page).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    shown = preview.inner_html()
    page.click("#notice-form button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/console/notices/\d+$"))
    assert page.inner_html("#notice-body") == shown  # the same renderer
    page.click("a[href$='/edit']")
    assert page.input_value("textarea[name=body]") == body  # edited as typed
    assert page.errors == []
