"""Text prepared for Vietnamese speech: numbers, dates, times, units, abbreviations."""

import pytest

from radio.speech import (
    date_words,
    decimal_words,
    number_words,
    prepare,
    time_words,
)


@pytest.mark.parametrize(("n", "words"), [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),           # "một" after "mười"
    (15, "mười lăm"),           # "lăm" after a ten
    (20, "hai mươi"),           # "mươi" from 20
    (21, "hai mươi mốt"),       # "mốt" after "mươi"
    (25, "hai mươi lăm"),
    (44, "bốn mươi bốn"),
    (101, "một trăm lẻ một"),   # zero ten: "lẻ"
    (105, "một trăm lẻ năm"),   # "năm", not "lăm", after "lẻ"
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1000, "một nghìn"),
    (1005, "một nghìn không trăm lẻ năm"),
    (2026, "hai nghìn không trăm hai mươi sáu"),
    (15000, "mười lăm nghìn"),
    (100005, "một trăm nghìn không trăm lẻ năm"),
    (1000005, "một triệu không trăm lẻ năm"),
    (2500000, "hai triệu năm trăm nghìn"),
    (1000000000, "một tỷ"),
    (3000500000, "ba tỷ năm trăm nghìn"),
    (1200000000000, "một nghìn hai trăm tỷ"),
    (-7, "âm bảy"),
])
def test_numbers(n, words):
    assert number_words(n) == words


def test_zero_ten_can_be_southern_linh():
    assert number_words(105, zero_ten="linh") == "một trăm linh năm"
    assert prepare("Có 208 hộ.", zero_ten="linh") == "Có hai trăm linh tám hộ."


def test_decimals_with_phay():
    assert decimal_words("37", "5") == "ba mươi bảy phẩy năm"
    assert decimal_words("3", "14") == "ba phẩy mười bốn"
    assert decimal_words("0", "05") == "không phẩy không năm"  # zero-led: digit by digit
    assert prepare("Mực nước 2,35 m") == "Mực nước hai phẩy ba mươi lăm mét"


def test_dates_and_times_helpers():
    assert date_words(5, 9, 2026) == ("ngày mùng năm tháng chín năm hai nghìn không trăm "
                                      "hai mươi sáu")
    assert date_words(20, 4) == "ngày hai mươi tháng tư"  # April is "tháng tư"
    assert time_words(7, 30) == "bảy giờ ba mươi phút"
    assert time_words(14, 0) == "mười bốn giờ"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Ngày 05/09/2026 họp dân.",
     "Ngày mùng năm tháng chín năm hai nghìn không trăm hai mươi sáu họp dân."),
    ("Hạn cuối 15-10-2026.",
     "Hạn cuối ngày mười lăm tháng mười năm hai nghìn không trăm hai mươi sáu."),
    ("Từ ngày 5/9 đến ngày 30/4.",
     "Từ ngày mùng năm tháng chín đến ngày ba mươi tháng tư."),
    ("Trong tháng 12/2026.", "Trong tháng mười hai năm hai nghìn không trăm hai mươi sáu."),
    ("Họp lúc 7h30, kết thúc 11h.", "Họp lúc bảy giờ ba mươi phút, kết thúc mười một giờ."),
    ("Bắt đầu 07:30 sáng.", "Bắt đầu bảy giờ ba mươi phút sáng."),
    ("Cắt điện từ 7h-11h30.", "Cắt điện từ bảy giờ đến mười một giờ ba mươi phút."),
    ("Thứ 2 và thứ 4 hằng tuần.", "Thứ hai và thứ tư hằng tuần."),
])
def test_dates_and_times_in_text(text, spoken):
    assert prepare(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Cách 3 km", "Cách ba ki lô mét"),
    ("Đoạn 500m đường", "Đoạn năm trăm mét đường"),
    ("Hỗ trợ 20 kg gạo", "Hỗ trợ hai mươi ki lô gam gạo"),
    ("Ngập 2,5 ha lúa", "Ngập hai phẩy năm héc ta lúa"),
    ("Nhiệt độ 37,5°C", "Nhiệt độ ba mươi bảy phẩy năm độ xê"),
    ("Mưa 150 mm", "Mưa một trăm năm mươi mi li mét"),
    ("Đạt 95%", "Đạt chín mươi lăm phần trăm"),
    ("Gió 60 km/h", "Gió sáu mươi ki lô mét một giờ"),
    ("Nhiệt độ 20-25°C", "Nhiệt độ hai mươi đến hai mươi lăm độ xê"),
    ("Mức hỗ trợ 1.500.000 đồng", "Mức hỗ trợ một triệu năm trăm nghìn đồng"),
    ("Mức phạt 500.000đ", "Mức phạt năm trăm nghìn đồng"),
])
def test_units(text, spoken):
    assert prepare(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("UBND phường Phú Xuân thông báo", "ủy ban nhân dân phường Phú Xuân thông báo"),
    ("Kỳ họp HĐND TP. Huế", "Kỳ họp hội đồng nhân dân thành phố Huế"),
    ("UBND TX. Hương Trà", "ủy ban nhân dân thị xã Hương Trà"),
    ("Ban công tác MTTQ", "Ban công tác mặt trận tổ quốc"),
    ("Mang theo CCCD và thẻ BHYT", "Mang theo căn cước công dân và thẻ bảo hiểm y tế"),
    ("Học sinh THCS, THPT", "Học sinh trung học cơ sở, trung học phổ thông"),
    ("Gạo, muối, nước uống v.v. Bà con chú ý.",
     "Gạo, muối, nước uống vân vân. Bà con chú ý."),
    ("Gạo, muối v.v., và thuốc", "Gạo, muối vân vân, và thuốc"),
    ("Theo Nghị định 13/2023/NĐ-CP", "Theo Nghị định mười ba trên hai nghìn không trăm hai "
                                     "mươi ba trên nghị định của chính phủ"),
])
def test_abbreviations(text, spoken):
    assert prepare(text) == spoken


def test_phones_and_hotlines_digit_by_digit():
    assert prepare("Gọi 114 hoặc 0912 345 678.") == (
        "Gọi một một bốn hoặc không chín một hai ba bốn năm sáu bảy tám.")
    assert prepare("Đường dây nóng +84 234.3822.123") == (
        "Đường dây nóng không hai ba bốn ba tám hai hai một hai ba")


def test_a_whole_notice():
    text = ("UBND phường Phú Xuân thông báo: do mưa lớn 250 mm, từ 14h00 ngày 5/9/2026 "
            "cấm phương tiện trên 10 tấn qua cầu, các hộ cách sông dưới 1,5 km chuẩn bị "
            "sơ tán. Liên hệ SĐT 0234 3822 123.")
    spoken = prepare(text)
    assert spoken == (
        "ủy ban nhân dân phường Phú Xuân thông báo: do mưa lớn hai trăm năm mươi mi li mét, "
        "từ mười bốn giờ ngày mùng năm tháng chín năm hai nghìn không trăm hai mươi sáu "
        "cấm phương tiện trên mười tấn qua cầu, các hộ cách sông dưới một phẩy năm ki lô "
        "mét chuẩn bị sơ tán. Liên hệ số điện thoại không hai ba bốn ba tám hai hai một "
        "hai ba.")
    assert not any(ch.isdigit() for ch in spoken)


def test_text_without_numbers_is_unchanged_but_tidied():
    assert prepare("  Bà con   chú ý ,  giữ gìn vệ sinh.\n\n") == (
        "Bà con chú ý, giữ gìn vệ sinh.")


@pytest.mark.parametrize(("text", "spoken"), [
    ("Họp dân 12/12.", "Họp dân ngày mười hai tháng mười hai."),
    ("12/12", "ngày mười hai tháng mười hai"),
    ("Tiêm phòng từ 1/10 đến 5/10.",
     "Tiêm phòng từ ngày mùng một tháng mười đến ngày mùng năm tháng mười."),
    ("Cắt nước 5/12 – 10/12.",
     "Cắt nước ngày mùng năm tháng mười hai đến ngày mùng mười tháng mười hai."),
    ("Ngày 1/11 - ngày 3/11 nghỉ.",
     "Ngày mùng một tháng mười một đến ngày mùng ba tháng mười một nghỉ."),
    ("Sáng thứ 2 (3/11) họp.", "Sáng thứ hai, ngày mùng ba tháng mười một, họp."),
    ("Tết Trung thu 15/8 âm lịch.", "Tết Trung thu ngày mười lăm tháng tám âm lịch."),
    ("Hạn nộp 05/9.", "Hạn nộp ngày mùng năm tháng chín."),
    ("Ngày 24/7 tri ân.", "Ngày hai mươi bốn tháng bảy tri ân."),
])
def test_day_and_month_without_a_year_are_read_as_dates(text, spoken):
    assert prepare(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("3/4 số hộ đã nhận gạo.", "ba trên bốn số hộ đã nhận gạo."),
    ("Đã xong 5/7 thôn.", "Đã xong năm trên bảy thôn."),
    ("Trực 24/7.", "Trực hai mươi bốn trên bảy."),
    ("Theo Nghị định 13/2023/NĐ-CP", ("Theo Nghị định mười ba trên hai nghìn không trăm hai "
                                      "mươi ba trên nghị định của chính phủ")),
    ("Tỷ số 45/32.", "Tỷ số bốn mươi lăm trên ba mươi hai."),
])
def test_fractions_and_numbers_that_are_not_dates_stay_as_they_are(text, spoken):
    assert prepare(text) == spoken
