"""The printable A4 page: a PDF with Vietnamese text, the unit header, the date, the
verification code and a QR code that decodes to the notice's page (rendered to pixels with
pypdfium2, decoded with zxing-cpp)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import zxingcpp

BODY = ("<p>Ủy ban nhân dân phường thông báo lịch tiêm vắc-xin sởi cho trẻ từ 1 đến 5 tuổi "
        "tại Trạm Y tế phường vào sáng thứ Bảy, ngày 12/12/2026.</p>"
        "<ul><li>Mang theo sổ tiêm chủng.</li><li>Đến đúng giờ hẹn.</li></ul>")


def _pdf(client, notices_api, base="https://thongtin.hue.gov.vn"):
    client.application.config["PUBLIC_BASE_URL"] = base
    try:
        item = notices_api.publish(title="Lịch tiêm vắc-xin sởi tháng 12", body=BODY,
                                   expires_at="2026-12-31T17:00:00+07:00")
        code = item["verification_code"].replace("-", "")
        response = client.get(f"/xac-minh/{code}.pdf")
    finally:
        client.application.config["PUBLIC_BASE_URL"] = None
    return item, code, response


def test_printable_page_is_an_a4_pdf_with_vietnamese_text_and_code(client, notices_api):
    item, code, response = _pdf(client, notices_api)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    document = pdfium.PdfDocument(io.BytesIO(response.data))
    page = document[0]
    width, height = page.get_size()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, mm
    text = page.get_textpage().get_text_range()
    for expected in ("ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ XUÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Phú Xuân, ngày", "THÔNG BÁO",
                     "Lịch tiêm vắc-xin sởi tháng 12", "Trạm Y tế phường",
                     f"Mã xác minh: {item['verification_code']}"):
        assert expected in text, expected


def test_printable_qr_code_decodes_to_the_notice_page(client, notices_api):
    _item, code, response = _pdf(client, notices_api)
    page = pdfium.PdfDocument(io.BytesIO(response.data))[0]
    image = page.render(scale=3).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image)
             if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert found == [f"https://thongtin.hue.gov.vn/xac-minh/{code}"]


def test_without_a_public_origin_the_page_is_not_cached_for_others(client, notices_api):
    item = notices_api.publish()
    response = client.get(f"/xac-minh/{item['verification_code']}.pdf")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert client.get("/xac-minh/ZZZ999.pdf").status_code == 404
