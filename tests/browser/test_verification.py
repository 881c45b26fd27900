"""Verification in Chromium: the check page by keyboard (a genuine code, a forged text with
the link to report it), its QR code decoded from a screenshot, the printable page fetched
by the browser and its QR code decoded (pypdfium2 renders the PDF, zxing-cpp decodes), the
board refusing a notice whose signature no longer verifies, and axe-core on the pages."""

from __future__ import annotations

import io
import uuid
from urllib.parse import parse_qs, urlsplit

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from core.db import db
from notices import cache
from notices.models import Notice
from tests.browser.test_answers_page import assert_accessible
from tests.browser.test_board import board  # noqa: F401 - fixture: a commune of its own
from tests.conftest import app_unit

pytestmark = pytest.mark.browser

BODY = ("Ủy ban nhân dân phường thông báo: từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ tại "
        "nhà văn hóa tổ dân phố 5, mang theo căn cước. Việc nhận gạo không mất phí.")


def _code(live_app, notice_id: int) -> str:
    with app_unit(live_app):
        return db.session.get(Notice, notice_id).verification_code


def _qr_texts(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)
            if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_check_page_by_code_and_by_forged_text(page, live_app, live_server, board):
    tag = "t" + uuid.uuid4().hex[:5]
    notice_id = board(title=f"Nhận gạo hỗ trợ {tag}", body=BODY)
    code = _code(live_app, notice_id)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/xac-minh")
    assert page.get_by_role("heading", level=1).inner_text() == "Xác minh thông báo chính thức"
    assert_accessible(page, "form")
    # Keyboard only: the labelled code field, typed as people say it, Enter submits.
    page.get_by_label("Mã xác minh (6 ký tự, ví dụ ABC-234)").focus()
    page.keyboard.type(f"{code[:3].lower()} {code[3:].lower()}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    verdict = page.locator("#result .verdict")
    assert verdict.inner_text().startswith("Đây là thông báo chính thức của")
    assert page.locator("#result .code").inner_text() == f"{code[:3]}-{code[3:]}"
    assert page.locator("#result .state").inner_text() == "Thông báo đang có hiệu lực."
    assert_accessible(page, "result")
    # The QR code on the page opens the notice's own page.
    shot = page.locator(".qr img").screenshot()
    url = f"{live_server.url}/xac-minh/{code}"
    assert _qr_texts(Image.open(io.BytesIO(shot))) == [url]
    page.goto(url)
    assert f"Nhận gạo hỗ trợ {tag}" in page.get_by_role("heading", level=2).inner_text()

    # A forged text, the commune chosen: a plain answer and the link to report it.
    page.goto(f"{live_server.url}/xac-minh")
    forged = ("KHẨN: UBND yêu cầu mỗi hộ nộp 300.000 đồng phí di dời qua tài khoản cá nhân "
              "của cán bộ trước 17 giờ hôm nay.")
    page.get_by_label("Hoặc dán nội dung cần kiểm tra").fill(forged)
    page.get_by_label("Xã, phường (nếu biết)").select_option(board.code)
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra").click()
    assert page.locator("#result .verdict").inner_text().startswith(
        "Không có thông báo nào của")
    report = page.get_by_role("link", name="Báo tin giả cho")
    href = urlsplit(report.get_attribute("href"))
    assert href.path == f"/bao-tin-gia/{board.code}"
    assert parse_qs(href.query) == {"content": [forged]}
    assert_accessible(page, "not found")
    assert page.errors == []
    # The link opens the commune's report form with the checked text already in it.
    report.click()
    page.wait_for_url(f"**/bao-tin-gia/{board.code}?*")
    assert page.locator("#f-content").input_value() == forged


def test_printable_page_qr_decodes_to_the_notice_page(page, live_app, live_server,
                                                      board):
    notice_id = board(title=f"Lịch tiêm chủng t{uuid.uuid4().hex[:5]}", body=BODY)
    code = _code(live_app, notice_id)
    page.goto(f"{live_server.url}/xac-minh/{code}")
    link = page.get_by_role("link", name="In trang A4 (PDF)")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = pdfium.PdfDocument(io.BytesIO(response.body()))
    assert len(pdf) == 1
    image = pdf[0].render(scale=3).to_pil()
    assert _qr_texts(image) == [f"{live_server.url}/xac-minh/{code}"]


def test_board_shows_signed_notices_and_refuses_a_changed_one(page, live_app, live_server,
                                                              board):
    tag = "t" + uuid.uuid4().hex[:5]
    notice_id = board(title=f"Thông báo đã ký {tag}", body=BODY)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server.url}/board/{board.code}?rotate=30&refresh=0.5")
    page.wait_for_selector(f"article.notice[data-id='{notice_id}']")
    assert page.locator("body").get_attribute("data-verified") == "1"
    code = _code(live_app, notice_id)
    assert page.locator("article.notice .code").inner_text() == (
        f"Mã xác minh {code[:3]}-{code[3:]}")
    # Someone changes the text behind the signature's back: the board stops showing it.
    with app_unit(live_app):
        db.session.execute(sa.update(Notice).where(Notice.id == notice_id)
                           .values(title=f"Thông báo đã ký {tag} – nộp phí 500.000 đồng"))
        cache.bump({board.code})
        db.session.commit()
    expect(page.locator("body")).to_have_attribute("data-rejected", "1", timeout=15000)
    assert page.locator(f"article.notice[data-id='{notice_id}']").count() == 0
    assert page.locator("body").get_attribute("data-verified") == "0"
