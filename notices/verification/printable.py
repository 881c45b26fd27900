"""The printable A4 page of a notice (PDF), for village bulletin boards and loudspeaker
staff: unit header, national heading, place and date, title, text, verification code and a
QR code that opens the notice's page. fpdf2 writes it with a font that has Vietnamese
glyphs (DejaVu Sans from Debian's fonts-dejavu-core, ``VERIFICATION_PDF_FONT``); the QR
code (segno) is drawn as vector squares, sharp at any print size. No browser involved.
"""

from __future__ import annotations

import os

import segno
from flask import current_app
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core import clock
from notices.html import to_text
from notices.models import Notice
from notices.verification import messages, service

FONT = "Viet"
MARGIN = 20  # mm


class MissingFont(RuntimeError):
    """The configured font file is not there (install fonts-dejavu-core)."""


def _place(unit_name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Thành phố ", "Tỉnh "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix):]
    return unit_name


def _fonts(pdf: FPDF) -> None:
    regular = current_app.config["VERIFICATION_PDF_FONT"]
    bold = current_app.config["VERIFICATION_PDF_FONT_BOLD"]
    for path in (regular, bold):
        if not os.path.exists(path):
            raise MissingFont(f"font file missing: {path}")
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    qr = segno.make(url, error="m")
    rows = list(qr.matrix_iter(border=4))
    cell = size / len(rows)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * cell, y + r * cell, (c - start) * cell, cell, style="F")
            else:
                c += 1


def _cell(pdf: FPDF, width: float, height: float, text: str, align: str = "L") -> None:
    """A wrapped block; the next one starts on the next line at the left margin."""
    pdf.multi_cell(width, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render(notice: Notice, url: str) -> bytes:
    """The PDF of ``notice``; its QR code and check line name ``url``."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 45)
    _fonts(pdf)
    published = clock.to_local(notice.published_at or clock.now())
    pdf.set_title(notice.title)
    pdf.set_author(notice.unit.name)
    pdf.set_lang("vi")
    pdf.set_creation_date(published)
    pdf.add_page()
    pdf.set_line_width(0.3)
    width = pdf.w - 2 * MARGIN
    left = width * 0.42
    top = pdf.get_y()
    pdf.set_font(FONT, "", 11)
    _cell(pdf, left, 6, "ỦY BAN NHÂN DÂN", align="C")
    pdf.set_x(MARGIN)
    pdf.set_font(FONT, "B", 11)
    _cell(pdf, left, 6, notice.unit.name.upper(), align="C")
    rule = pdf.get_y() + 1
    pdf.line(MARGIN + left / 2 - 12, rule, MARGIN + left / 2 + 12, rule)
    pdf.set_xy(MARGIN + left, top)
    pdf.set_font(FONT, "B", 11)
    _cell(pdf, width - left, 6, messages.PDF_STATE, align="C")
    pdf.set_x(MARGIN + left)
    pdf.set_font(FONT, "B", 12)
    _cell(pdf, width - left, 6, messages.PDF_MOTTO, align="C")
    rule, middle = pdf.get_y() + 1, MARGIN + left + (width - left) / 2
    pdf.line(middle - 27, rule, middle + 27, rule)
    pdf.ln(4)
    pdf.set_x(MARGIN + left)
    pdf.set_font(FONT, "", 11)
    _cell(pdf, width - left, 6, messages.PDF_DATE.format(
        place=_place(notice.unit.name), day=published.day, month=published.month,
        year=published.year), align="C")
    pdf.ln(8)
    pdf.set_font(FONT, "B", 16)
    _cell(pdf, width, 8, messages.PDF_NOTICE, align="C")
    pdf.set_font(FONT, "B", 13)
    _cell(pdf, width, 7, notice.title, align="C")
    if notice.version > 1:
        pdf.set_font(FONT, "", 10)
        _cell(pdf, width, 6, messages.PDF_VERSION.format(version=notice.version), align="C")
    pdf.ln(5)
    pdf.set_font(FONT, "B", 12)
    _cell(pdf, width, 6.5, notice.summary, align="J")
    pdf.ln(2)
    pdf.set_font(FONT, "", 12)
    for paragraph in to_text(notice.body).split("\n"):
        if paragraph.strip():
            _cell(pdf, width, 6.5, paragraph.strip(), align="J")
            pdf.ln(1.5)
    if notice.expires_at:
        pdf.set_font(FONT, "", 11)
        _cell(pdf, width, 6, messages.PDF_EXPIRES.format(
            date=clock.to_local(notice.expires_at).strftime("%H:%M ngày %d/%m/%Y")))
    # The verification block at the foot of the (last) page.
    size = 38
    y = pdf.h - MARGIN - size
    pdf.set_auto_page_break(False)
    pdf.line(MARGIN, y - 4, pdf.w - MARGIN, y - 4)
    _qr(pdf, url, pdf.w - MARGIN - size, y, size)
    pdf.set_xy(MARGIN, y)
    pdf.set_font(FONT, "B", 12)
    code = service.display(notice.verification_code)
    _cell(pdf, width - size - 5, 7, f"{messages.CODE_LABEL}: {code}")
    pdf.set_x(MARGIN)
    pdf.set_font(FONT, "", 10.5)
    _cell(pdf, width - size - 5, 5.5, messages.PDF_CHECK.format(url=url, code=code))
    return bytes(pdf.output())
