"""The bulletin board on a hall TV (1920×1080) in headless Chromium: paragraphs and lists,
an emergency kept on screen while the other notices rotate in a strip, risk badges that
meet WCAG AA, a reload without network served by the service worker, the time the board
last heard from the server, a readable page for an unknown board, and axe-core."""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from core.db import db
from directory import auth
from directory.models import AdminUnit, StaffUser
from notices import service
from notices.models import NoticeTarget
from tests.conftest import app_unit

pytestmark = pytest.mark.browser

TV = {"width": 1920, "height": 1080}
FLOOD_BODY = ("Do mưa lớn kéo dài, lượng mưa dự báo 200–350 mm.\n"
              "Bà con lưu ý:\n"
              "- Không qua lại ngầm tràn.\n"
              "- Chằng chống nhà cửa, kê cao đồ đạc.\n"
              "\n"
              "Liên hệ trực ban phường khi cần hỗ trợ.")
_used: set[str] = set()


@pytest.fixture
def board(live_app, live_world):
    """A commune of the seeded province that no other test uses, with two leaders: one
    writes, the other approves. Its notices are withdrawn afterwards."""
    tag = "t" + uuid.uuid4().hex[:5]
    with app_unit(live_app):
        busy = set(db.session.scalars(sa.select(NoticeTarget.unit_code).distinct()))
        busy |= set(db.session.scalars(sa.select(StaffUser.unit_code).distinct()))
        code = next(c for c in db.session.scalars(
            sa.select(AdminUnit.code).where(AdminUnit.parent_code == live_world.province)
            .order_by(AdminUnit.code)) if c not in busy | _used)
        _used.add(code)
        writer = auth.create_staff(f"bw_{tag}", "commune_leader", code).id
        approver = auth.create_staff(f"ba_{tag}", "commune_leader", code).id
    made: list[int] = []

    def publish(**data) -> int:
        with app_unit(live_app):
            author, leader = db.session.get(StaffUser, writer), db.session.get(StaffUser,
                                                                                approver)
            notice = service.create({"summary": "Tóm tắt thông báo cho bà con.",
                                     "body": "Nội dung chi tiết.",
                                     "category": "local_programmes", "unit_code": code,
                                     **data}, author)
            service.submit(notice.id, author)
            service.approve(notice.id, leader)
            made.append(notice.id)
            return notice.id

    publish.code = code
    yield publish
    with app_unit(live_app):
        leader = db.session.get(StaffUser, approver)
        for notice_id in made:
            service.withdraw(notice_id, leader, "Hết thời gian kiểm thử.")


def _open(page, live_server, code: str, rotate: float = 30, refresh: float = 30) -> None:
    page.set_viewport_size(TV)
    page.goto(f"{live_server.url}/board/{code}?rotate={rotate}&refresh={refresh}")


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): " + "; ".join(str(n["target"]) for n in v["nodes"])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def _contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text colour against its own background colour, both
    read from the computed styles."""
    return page.evaluate("""(sel) => {
        const cs = getComputedStyle(document.querySelector(sel));
        const rgb = (v) => v.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
            const c = [r, g, b].map((x) => { x /= 255;
                return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        const a = lum(rgb(cs.color)), b = lum(rgb(cs.backgroundColor));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }""", selector)


def _vietnam_now() -> datetime:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))


def _heard(page) -> datetime:
    text = page.inner_text("#updated")
    match = re.fullmatch(r"Cập nhật lần cuối (\d\d/\d\d/\d{4} \d\d:\d\d)", text.strip())
    assert match, text
    return datetime.strptime(match.group(1), "%d/%m/%Y %H:%M").replace(
        tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_lists_and_paragraphs_on_the_tv_and_the_last_heard_time(page, live_server, board):
    tag = "t" + uuid.uuid4().hex[:5]
    notice_id = board(title=f"Cảnh báo mưa lớn {tag}", body=FLOOD_BODY)
    _open(page, live_server, board.code)
    page.wait_for_selector(f"article.notice[data-id='{notice_id}']")
    body = page.locator("article.notice .body")
    assert body.locator("p").count() == 2
    assert body.locator("ul > li").all_inner_texts() == [
        "Không qua lại ngầm tràn.", "Chằng chống nhà cửa, kê cao đồ đạc."]
    text = body.inner_text()
    assert "mm.Không" not in text and "200–350 mm.\nBà con lưu ý:" in text
    # each list item on its own line, below the paragraph it follows
    boxes = [body.locator("ul > li").nth(i).bounding_box() for i in range(2)]
    first_p = body.locator("p").first.bounding_box()
    assert first_p["y"] + first_p["height"] <= boxes[0]["y"] < boxes[1]["y"]
    assert page.locator("#counter").inner_text() == "Thông báo 1/1"
    # when the board last heard from the server, in the one date format
    page.wait_for_function("document.getElementById('updated').textContent.length > 0")
    heard = _heard(page)
    assert abs((_vietnam_now() - heard).total_seconds()) < 120
    assert page.locator("#offline").is_hidden()
    problems = _serious(page)
    assert problems == [], problems
    assert page.errors == []


def test_emergency_stays_on_screen_while_the_others_rotate_in_a_strip(page, live_server,
                                                                      board):
    tag = "t" + uuid.uuid4().hex[:5]
    normal = [board(title=f"Thông báo thường {i} {tag}") for i in range(3)]
    urgent = board(title=f"Sơ tán khẩn cấp {tag}", body=FLOOD_BODY, category="disaster_incident",
                   priority="emergency", risk_level=3)
    _open(page, live_server, board.code, rotate=0.4)
    page.wait_for_selector(f"article.notice[data-id='{urgent}']")
    assert "emergency" in page.get_attribute("body", "class")
    seen: set[int] = set()
    deadline = time.time() + 8
    while time.time() < deadline and not set(normal) <= seen:
        assert page.get_attribute("article.notice", "data-id") == str(urgent)
        seen.add(int(page.get_attribute("#strip", "data-id")))
        assert re.fullmatch(r"Thông báo khác [123]/3", page.inner_text("#strip-counter"))
        page.wait_for_timeout(100)
    assert set(normal) <= seen  # every other notice came round in the strip
    assert page.get_attribute("article.notice", "data-id") == str(urgent)
    assert page.inner_text("#counter") == (
        "Khẩn cấp 1/1 · Tổng số 4 thông báo đang có hiệu lực")
    assert page.locator("article.notice .body ul > li").count() == 2
    # the risk badge (official orange) and the emergency badge meet WCAG AA
    assert page.inner_text("article.notice .badge.risk") == "Cấp độ 3 – Rủi ro thiên tai lớn"
    assert _contrast(page, "article.notice .badge.risk") >= 4.5
    assert _contrast(page, "article.notice .badge:not(.risk)") >= 4.5
    problems = _serious(page)
    assert problems == [], problems
    assert page.errors == []


def test_every_risk_level_badge_meets_wcag_aa(page, live_server, board):
    ids = {board(title=f"Cấp độ rủi ro {level}", category="disaster_incident",
                 risk_level=level): level for level in range(1, 6)}
    _open(page, live_server, board.code, rotate=0.3)
    contrast: dict[int, float] = {}
    deadline = time.time() + 8
    while time.time() < deadline and len(contrast) < 5:
        shown = page.get_attribute("article.notice", "data-id")
        if shown and int(shown) in ids:
            contrast[ids[int(shown)]] = _contrast(page, "article.notice .badge.risk")
        page.wait_for_timeout(80)
    assert sorted(contrast) == [1, 2, 3, 4, 5]
    assert all(value >= 4.5 for value in contrast.values()), contrast


def test_reload_while_offline_shows_the_last_content(page, live_server, board):
    tag = "t" + uuid.uuid4().hex[:5]
    notice_id = board(title=f"Lịch tiêm chủng {tag}", body=FLOOD_BODY)
    assert page.evaluate("window.isSecureContext") is False  # about:blank
    _open(page, live_server, board.code, refresh=0.5)
    page.wait_for_selector(f"article.notice[data-id='{notice_id}']")
    assert page.evaluate("window.isSecureContext")  # 127.0.0.1: service workers allowed
    page.wait_for_selector("body[data-kept='1']", state="attached", timeout=10000)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function("document.getElementById('updated').textContent.length > 0")
    heard = _heard(page)

    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector(f"article.notice[data-id='{notice_id}']", timeout=10000)
        assert page.inner_text("article.notice h2") == f"Lịch tiêm chủng {tag}"
        assert page.locator("article.notice .body ul > li").count() == 2
        page.wait_for_selector("#offline:not([hidden])", timeout=5000)
        assert page.inner_text("#offline") == "Mất kết nối – đang hiển thị nội dung đã lưu."
        assert _heard(page) == heard  # the time it last heard from the server, kept
        assert page.evaluate("navigator.onLine") is False
    finally:
        page.context.set_offline(False)
    # back online: the offline notice goes away by itself
    page.wait_for_selector("#offline", state="hidden", timeout=5000)
    assert page.errors == []


def test_unknown_board_is_a_readable_vietnamese_page(page, live_server):
    page.set_viewport_size(TV)
    response = page.goto(f"{live_server.url}/board/99999")
    assert response.status == 404
    assert page.inner_text("h1") == "Không tìm thấy bảng tin"
    text = page.inner_text("body")
    assert "“99999”" in text and "kiểm tra lại địa chỉ" in text
    assert "{" not in text and '"code"' not in text
    assert page.get_attribute("html", "lang") == "vi"
    problems = _serious(page)
    assert problems == [], problems
