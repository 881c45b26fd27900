"""The one renderer of notice bodies: plain text becomes paragraphs and lists, HTML is
sanitised as before, and stored bodies go back to the text an official typed."""

from __future__ import annotations

import pytest

from notices.html import is_html, render_body, to_source, to_text

FLOOD = ("Do mưa lớn kéo dài, lượng mưa dự báo 200–350 mm.\n"
         "Bà con lưu ý:\n"
         "- Không qua lại ngầm tràn.\n"
         "- Chằng chống nhà cửa.\n"
         "\n"
         "Liên hệ trực ban: 0234 3822 123.")


def test_blank_lines_make_paragraphs_and_line_breaks_stay():
    assert render_body("Đoạn một dòng một\nĐoạn một dòng hai\n\n\nĐoạn hai") == (
        "<p>Đoạn một dòng một<br>Đoạn một dòng hai</p><p>Đoạn hai</p>")


def test_dash_lines_make_a_list_after_the_paragraph_they_follow():
    assert render_body(FLOOD) == (
        "<p>Do mưa lớn kéo dài, lượng mưa dự báo 200–350 mm.<br>Bà con lưu ý:</p>"
        "<ul><li>Không qua lại ngầm tràn.</li><li>Chằng chống nhà cửa.</li></ul>"
        "<p>Liên hệ trực ban: 0234 3822 123.</p>")


def test_windows_line_ends_bullets_and_indented_continuations():
    assert render_body("Chuẩn bị:\r\n• Gạo\r\n- Nước uống,\r\n  thuốc men\r\n") == (
        "<p>Chuẩn bị:</p><ul><li>Gạo</li><li>Nước uống, thuốc men</li></ul>")


def test_a_dash_without_a_space_is_not_a_list():
    assert render_body("-5 độ C\n200-350 mm") == "<p>-5 độ C<br>200-350 mm</p>"


def test_plain_text_is_escaped_not_interpreted():
    assert render_body("Nhiệt độ <30 độ & >20 độ; <đồ đạc>") == (
        "<p>Nhiệt độ &lt;30 độ &amp; &gt;20 độ; &lt;đồ đạc&gt;</p>")
    assert not is_html("Nhiệt độ <30 độ")


@pytest.mark.parametrize("body", [
    "<p>Điện lực thông báo <strong>cắt điện</strong>.</p>",
    "<ul><li>Một</li><li>Hai</li></ul>",
    'Xem <a href="https://example.vn/x">văn bản</a>.',
])
def test_existing_html_bodies_keep_working(body):
    assert is_html(body)
    assert render_body(body) == render_body(render_body(body))  # stable
    assert "<strong>cắt điện</strong>" in render_body(body) or "<li>" in render_body(body) \
        or 'href="https://example.vn/x"' in render_body(body)


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script><p>Hết.</p>",
    '<p onclick="x()">Hết.</p>',
    '<a href="javascript:alert(1)">Hết.</a>',
    "<!-- x --><p>Hết.</p><style>p{}</style>",
])
def test_html_is_sanitised_as_before(hostile):
    out = render_body(hostile)
    assert "Hết." in out
    for bad in ("<script", "onclick", "javascript:", "<style", "<!--"):
        assert bad not in out


def test_plain_text_with_markup_characters_cannot_inject():
    out = render_body('- <img src=x onerror="alert(1)">\n\nxin chào')
    assert "<img" not in out and "onerror" not in out


def test_stored_body_goes_back_to_the_typed_text():
    stored = render_body(FLOOD)
    typed = to_source(stored)
    assert typed == FLOOD
    assert render_body(typed) == stored


def test_formatted_html_stays_html_when_editing():
    stored = render_body("<p>Điện lực thông báo <strong>cắt điện</strong>.</p>")
    assert to_source(stored) == stored


def test_text_for_feeds_and_radio_keeps_items_apart():
    text = to_text(render_body(FLOOD))
    assert "200–350 mm.\nBà con lưu ý:\nKhông qua lại ngầm tràn.\nChằng chống" in text
