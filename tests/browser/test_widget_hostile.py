"""The widget embedded on a page of another origin whose stylesheet tries everything to hide
and deform it, at a laptop and a phone viewport: it stays visible and readable, a refused
submission puts the server's messages next to the fields they name, photos are scaled down in
the browser before they are sent, and the tracking code works in the widget (look-up with the
phone or the secret token, rating of the answer). axe-core finds nothing serious in it."""

from __future__ import annotations

import os
import struct
import uuid
import zlib

import pytest
import sqlalchemy as sa
from flask import Flask

from core import storage
from core.db import db
from directory.models import StaffUser
from feedback import messages as feedback_messages
from feedback import workflow
from feedback.models import Attachment, Feedback
from tests.conftest import app_unit
from tests.live import serve

pytestmark = pytest.mark.browser

HOSTILE_CSS = """
div, section, form, p, label, input, button, ul, li, h2, h3 { display: none !important; }
* { text-transform: uppercase !important; letter-spacing: 5px !important;
    direction: rtl !important; word-spacing: 20px !important; line-height: 5 !important;
    font-family: "Courier New", monospace !important; font-size: 30px !important;
    color: #ff00ff !important; font-style: italic !important; text-align: right !important;
    visibility: hidden !important; white-space: pre !important; }
html, body { visibility: visible !important; }
"""
VIEWPORTS = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]
ROOT = "document.querySelector('thongtin-widget').shadowRoot"
STYLES = """(sels) => {
    const root = document.querySelector('thongtin-widget').shadowRoot;
    return sels.map(sel => { const el = root.querySelector(sel), cs = getComputedStyle(el);
        return [sel, el.innerText, cs.textTransform, cs.letterSpacing, cs.direction,
                cs.wordSpacing, cs.fontStyle, cs.visibility, cs.textAlign]; });
}"""
FIELD_ERROR = """(name) => {
    const c = document.querySelector('thongtin-widget').shadowRoot
        .querySelector(`[name="${name}"]`);
    const next = c.nextElementSibling;
    return {invalid: c.getAttribute('aria-invalid'),
            describedby: c.getAttribute('aria-describedby'),
            nextId: next.id, nextClass: next.className,
            text: next.hidden ? null : next.textContent};
}"""


def _host_app(widget_src: str, unit: str) -> Flask:
    host = Flask("hostile_host_page")

    @host.get("/")
    def page():
        return (f"<!doctype html><html lang='vi' dir='rtl'><head><meta charset='utf-8'>"
                f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<title>Trang của xã</title><style>{HOSTILE_CSS}</style></head><body>"
                f"<main><div id='host-div'>Trang của xã</div>"
                f"<script src='{widget_src}' data-unit='{unit}' async></script></main>"
                f"</body></html>")

    return host


def _png(path, width: int, height: int, noise: bool = True) -> str:
    """An RGB PNG written without an imaging library (noise does not compress)."""
    row = width * 3
    raw = b"".join(b"\x00" + (os.urandom(row) if noise else b"\x80" * row)
                   for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    path.write_bytes(png)
    return str(path)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a JPEG's start-of-frame marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no SOF marker")


def _axe_serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [["thongtin-widget"]]})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _answer(app, code: str, leader_id: int, answer: str) -> None:
    with app_unit(app):
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == code.replace("-", "")))
        leader = db.session.get(StaffUser, leader_id)
        for action in ("accept", "assign", "start", "answer"):
            actor = db.session.scalar(sa.select(StaffUser).where(
                StaffUser.office_id == item.office_id)) or leader
            workflow.perform(item.id, action, actor, answer=answer)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x768", "390x844"])
def test_widget_in_a_hostile_page_of_another_origin(page, live_app, live_server, live_world,
                                                    tmp_path, viewport):
    tag = "t" + uuid.uuid4().hex[:5]
    page.set_viewport_size(viewport)
    big = _png(tmp_path / "big.png", 2400, 1800)  # ~13 MB: over the 5 MB limit as it is
    assert os.path.getsize(big) > live_app.config["FEEDBACK_MAX_IMAGE_BYTES"]
    small = _png(tmp_path / "small.png", 640, 480, noise=False)
    six = [_png(tmp_path / f"p{i}.png", 20, 20, noise=False) for i in range(6)]
    fake = tmp_path / "not-a-photo.jpg"
    fake.write_text("đây không phải là ảnh")

    with serve(_host_app(f"{live_server.url}/widget.js", live_world.commune)) as host:
        assert host.port != live_server.port  # another origin
        previous = live_app.config["WIDGET_ALLOWED_ORIGINS"]
        live_app.config["WIDGET_ALLOWED_ORIGINS"] = [host.url]
        try:
            page.goto(host.url + "/")
            widget = page.locator("thongtin-widget")
            page.get_by_role("tab", name="Thông báo").wait_for()

            # visible, inside the viewport's width, and untouched by the page's rules
            assert widget.is_visible()
            box = widget.bounding_box()
            assert box["width"] > 300 and box["height"] > 100
            assert box["width"] <= viewport["width"]
            assert page.evaluate("getComputedStyle(document.getElementById('host-div')).display"
                                 ) == "none"  # the page's rules do apply to the page
            styles = page.evaluate(STYLES, ["h2", "button[role=tab]", "label", "section.w"])
            assert styles[0][1] == "Thông tin từ chính quyền"  # innerText: not upper-cased
            assert styles[1][1] == "Thông báo"
            for sel, _, transform, spacing, direction, words, font_style, visible, align in styles:
                assert (transform, spacing, direction, words, font_style, visible) == (
                    "none", "normal", "ltr", "0px", "normal", "visible"), sel
                assert align == ("center" if sel.startswith("button") else "left"), sel
            host_styles = page.evaluate("(() => { const cs = getComputedStyle("
                                        "document.querySelector('thongtin-widget'));"
                                        "return [cs.display, cs.visibility, cs.direction]; })()")
            assert host_styles == ["block", "visible", "ltr"]

            # a submission the server refuses: its message next to the field it names
            page.get_by_role("tab", name="Gửi phản ánh").click()
            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.get_by_label("Nội dung phản ánh").fill(
                f"Cống thoát nước đầu kiệt {tag} bị tắc, nước tràn lên đường.")
            page.get_by_label("Họ và tên", exact=True).fill("Trần Thị Bình")
            page.get_by_label("Số điện thoại", exact=True).fill("0123")
            page.get_by_role("checkbox").check()
            page.get_by_role("button", name="Gửi phản ánh").click()
            page.wait_for_function(f"{ROOT}.querySelector('[name=phone]')"
                                   ".getAttribute('aria-invalid') === 'true'", timeout=10000)
            phone_error = page.evaluate(FIELD_ERROR, "phone")
            assert phone_error["text"] == feedback_messages.PHONE_INVALID
            assert phone_error["nextClass"] == "fe"
            assert phone_error["describedby"] == phone_error["nextId"]
            summary = page.locator("p.err").first.inner_text()
            assert "[object Object]" not in summary and summary.startswith("Chưa gửi được")
            assert page.evaluate(FIELD_ERROR, "name")["text"] is None  # others stay clean
            # the refused form, errors shown, has nothing serious for axe
            assert _axe_serious(page) == []

            # photos: too many, then one that is not an image, then two real ones
            photos = page.locator("input[type=file]")
            photos.set_input_files(six)
            assert page.evaluate(FIELD_ERROR, "images")["text"] == \
                "Chỉ gửi được tối đa 5 ảnh. Vui lòng chọn lại."
            photos.set_input_files(str(fake))
            page.wait_for_function(f"{ROOT}.querySelector('[name=images]')"
                                   ".getAttribute('aria-invalid') === 'true'")
            assert "Không đọc được ảnh" in page.evaluate(FIELD_ERROR, "images")["text"]
            photos.set_input_files([big, small])
            page.locator("li[data-photo]").nth(1).wait_for(timeout=15000)
            assert page.evaluate(FIELD_ERROR, "images")["text"] is None

            page.get_by_label("Số điện thoại", exact=True).fill("0905 123 456")
            page.get_by_role("button", name="Gửi phản ánh").click()
            code = page.locator("[data-code]")
            code.wait_for(timeout=15000)
            shown = code.inner_text()
            assert page.evaluate(FIELD_ERROR, "phone")["text"] is None

            # track it in the widget: code filled in, the phone as proof
            page.get_by_role("button", name="Theo dõi phản ánh này").click()
            track = page.locator("form[data-track-form]")
            track.wait_for()
            assert page.get_by_label("Mã tra cứu").input_value() == shown
            page.get_by_label("Số điện thoại đã dùng khi gửi").fill("0999 999 999")
            track.get_by_role("button", name="Tra cứu").click()
            wrong = track.locator("p.err")
            wrong.wait_for()
            page.wait_for_function(f"{ROOT}.querySelector('form[data-track-form] p.err')"
                                   ".textContent.length > 0")
            assert feedback_messages.LOOKUP_NOT_FOUND in wrong.inner_text()
            page.get_by_label("Số điện thoại đã dùng khi gửi").fill("0905 123 456")
            track.get_by_role("button", name="Tra cứu").click()
            status = page.locator("[data-track] [data-status]")
            status.wait_for(timeout=10000)
            assert status.get_attribute("data-status") == "received"
            assert page.locator("form[data-rate-form]").count() == 0  # nothing to rate yet

            # answered: the answer shows and the owner rates it once
            _answer(live_app, shown, live_world.staff_ids["leader"],
                    f"Phường đã nạo vét cống kiệt {tag}.")
            track.get_by_role("button", name="Tra cứu").click()
            page.locator("[data-track] [data-answer]").wait_for(timeout=10000)
            assert f"nạo vét cống kiệt {tag}" in page.locator("[data-track] [data-answer]"
                                                              ).inner_text()
            rate = page.locator("form[data-rate-form]")
            assert _axe_serious(page) == []  # the tracking tab with its rating form
            rate.get_by_role("button", name="Gửi đánh giá").click()
            assert page.evaluate(FIELD_ERROR, "comment")["text"] is None
            assert "chọn số sao" in rate.locator("p.err").inner_text()
            rate.get_by_label("4 sao").check()
            rate.get_by_label("Góp ý thêm (không bắt buộc)").fill("Xử lý nhanh, cảm ơn.")
            rate.get_by_role("button", name="Gửi đánh giá").click()
            rated = page.locator("[data-rated]")
            rated.wait_for(timeout=10000)
            assert rated.get_attribute("data-rated") == "4"

            # an anonymous item: the secret token the submission returned is the proof
            page.get_by_role("tab", name="Gửi phản ánh").click()
            page.get_by_role("button", name="Gửi phản ánh khác").click()
            page.get_by_label("Lĩnh vực", exact=True).select_option("ha-tang")
            page.get_by_label("Nội dung phản ánh").fill(f"Đèn đường kiệt {tag} không sáng.")
            page.get_by_role("button", name="Gửi phản ánh").click()
            code.wait_for(timeout=10000)
            second = code.inner_text()
            assert second != shown
            page.get_by_role("button", name="Theo dõi phản ánh này").click()
            page.wait_for_function(f"{ROOT}.querySelector('[name=token]').value.length > 10")
            assert page.get_by_label("Mã tra cứu").input_value() == second
            track.get_by_role("button", name="Tra cứu").click()
            page.wait_for_function(f"{ROOT}.querySelector('[data-track] h4') && {ROOT}"
                                   f".querySelector('[data-track] h4').textContent"
                                   f".endsWith('{second}')", timeout=10000)
            assert page.locator("[data-track] [data-status]").get_attribute(
                "data-status") == "received"
            assert _axe_serious(page) == []
        finally:
            live_app.config["WIDGET_ALLOWED_ORIGINS"] = previous
    assert page.errors == []

    with app_unit(live_app):
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == shown.replace("-", "")))
        assert item.channel == "widget" and item.rating == 4
        assert item.rating_comment == "Xử lý nhanh, cảm ơn."
        assert item.consent["policy_version"] == "2026-01"
        files = list(db.session.scalars(sa.select(Attachment).where(
            Attachment.feedback_id == item.id).order_by(Attachment.id)))
        assert [f.content_type for f in files] == ["image/jpeg", "image/jpeg"]
        sizes = []
        for f in files:
            with open(storage.path_of(f.storage_key), "rb") as fh:
                data = fh.read()
            assert len(data) <= live_app.config["FEEDBACK_MAX_IMAGE_BYTES"]
            sizes.append(_jpeg_size(data))
        assert sizes == [(1600, 1200), (640, 480)]  # scaled to 1600 px; small ones kept
