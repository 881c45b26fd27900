"""The masking table of finding 2 (issue 17): Vietnamese texts that must be masked, and
ordinary texts that must stay exactly as written, run through ``privacy.masking`` and through
every public surface that shows citizen text (``test_finding_02_masking.py``).

A case is a text, the reporter's (or commenter's) name when the surface knows it, what
must disappear (``secrets``) and what must stay (``kept``). Ordinary texts (``KEEP``) must
come out unchanged. ``ROUNDED`` texts carry coordinates, which public surfaces round to
three decimals (about 100 m), as they do the items' own coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One row of the table."""

    id: str
    text: str
    secrets: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    name: str | None = None


def mask(id: str, text: str, *secrets: str, kept: tuple[str, ...] = (),
         name: str | None = None) -> Case:
    return Case(id, text, secrets, kept, name)


def keep(id: str, text: str, name: str | None = None) -> Case:
    return Case(id, text, (), (text,), name)


TEO = "Nguyễn Văn Tèo"

MASK_CASES = [
    # phones, every separator, 0 / 84 / +84, mobile and landline
    mask("phone-slashes", "Gọi 0905/111/999 để biết thêm", "0905/111/999", "111/999"),
    mask("phone-underscores", "Gọi 0905_111_999 để biết thêm", "0905_111_999", "111_999"),
    mask("phone-dots", "Gọi 0905.111.999 để biết thêm", "0905.111.999", "111.999"),
    mask("phone-dashes", "Gọi 0905-111-999 để biết thêm", "0905-111-999", "111-999"),
    mask("phone-spaces", "Gọi 0905 111 999 để biết thêm", "0905 111 999", "111 999"),
    mask("phone-plain", "Số của tôi 0905111999 nhé", "0905111999", "905111999"),
    mask("phone-plus84-spaces", "Gọi +84 905 111 999 giúp", "+84 905 111 999", "905 111"),
    mask("phone-plus84-bracket", "ĐT (+84) 913 222 333 gọi giờ hành chính", "913 222 333",
         "+84"),
    mask("phone-84", "Gọi 84905111999 giúp", "84905111999", "905111999"),
    mask("phone-spelled-digits", "số 0 9 0 5 1 1 1 9 9 9 nhé", "9 0 5 1 1 1 9 9 9"),
    mask("phone-after-colon", "ĐT:0905111999 (chị Hai)", "0905111999"),
    mask("landline-hue", "Gọi 0234 3822 123 của tổ trưởng", "0234 3822 123", "3822 123"),
    mask("landline-brackets", "Gọi (0234) 3.822.123 giờ hành chính", "3.822.123", "(0234)"),
    mask("landline-plus84", "Gọi +84 234 3822 123 giúp", "234 3822 123", "+84"),
    mask("landline-hanoi-dots", "Hà Nội: 024.3825.1234 trực đêm", "024.3825.1234",
         "3825.1234", kept=("Hà Nội",)),
    # e-mails, plain and written out
    mask("email-plain", "Email teo.nguyen@gmail.com để nhận", "teo.nguyen", "gmail.com"),
    mask("email-capitals", "Email TEO.NGUYEN@YAHOO.COM.VN nhé", "TEO.NGUYEN", "YAHOO"),
    mask("email-at-brackets", "gửi teo(at)gmail.com giúp", "teo(at)gmail", "gmail.com"),
    mask("email-at-dot-square", "gửi teo [at] gmail [dot] com giúp", "teo [at]", "gmail"),
    mask("email-a-cong", "gửi teo a còng gmail chấm com giúp", "teo a còng", "gmail"),
    mask("email-a-cong-brackets", "gửi teo (a còng) gmail (chấm) com.vn nhé", "teo (a còng)",
         "gmail"),
    mask("email-at-dot-words", "gửi teo at gmail dot com nhé", "teo at gmail", "gmail dot"),
    # names: lower case, capitals, after a form of address, labelled
    mask("name-lowercase", "nguyễn văn tèo báo mất điện", "nguyễn văn tèo",
         kept=("báo mất điện",)),
    mask("name-lowercase-four-words", "con gái trần thị bích ngọc đi học về", "trần thị",
         "bích", "ngọc", kept=("đi học về",)),
    mask("name-capitals", "NGUYỄN VĂN TÈO báo mất điện", "NGUYỄN", "TÈO"),
    mask("name-capitalised", "Nguyễn Hữu Phước báo mất điện", "Nguyễn Hữu Phước", "Phước"),
    mask("name-ong", "ông Phạm Văn Khoa phản ánh", "Phạm", "Khoa", kept=("phản ánh",)),
    mask("name-ba", "bà Lan báo cống tắc", "Lan", kept=("báo cống tắc",)),
    mask("name-chi", "chị Hoa ở tổ 5 báo", "Hoa", kept=("tổ 5",)),
    mask("name-anh", "anh Tèo báo đèn hỏng", "Tèo"),
    mask("name-co", "cô Mai giáo viên báo", "Mai"),
    mask("name-chu", "chú Ba Đức bán nước đầu kiệt", "Ba Đức"),
    mask("name-bac", "bác Tư bán nước", "Tư"),
    mask("name-o-hue", "o Lài bán chè ở đầu ngõ", "Lài"),
    mask("name-me-hue", "mệ Hường báo cây đổ", "Hường"),
    mask("name-dong-chi", "đồng chí Trần Văn Hùng trực ban", "Trần", "Hùng"),
    mask("name-title-capitals", "ÔNG PHẠM VĂN KHOA tổ trưởng", "PHẠM", "KHOA"),
    mask("name-labelled", "Tôi là Lê Thị Hoa, tổ 3", "Lê Thị Hoa", "Hoa"),
    mask("name-tôi-tên-là", "tôi tên là Hoa, nhà gần chợ", "Hoa"),
    # the reporter's own name, also the given name on its own
    mask("known-name-no-diacritics", "nguyen van teo goi lai", "nguyen van teo", name=TEO),
    mask("known-given-sentence-start", "Tèo báo đèn đường hỏng", "Tèo", name=TEO,
         kept=("báo đèn đường hỏng",)),
    mask("known-given-lowercase", "mấy hôm nay tèo đã báo", "tèo", name=TEO),
    mask("known-given-capitals", "TÈO đã báo nhiều lần", "TÈO", name=TEO),
    mask("known-given-no-diacritics", "Hôm qua Teo có gọi", "Teo", name=TEO),
    mask("known-middle-and-given", "hỏi văn tèo ở tổ 5", "văn tèo", name=TEO),
    mask("known-common-given-as-name", "Hôm qua Lan báo cống tắc", "Lan",
         name="Lê Thị Lan", kept=("báo cống tắc",)),
    # house numbers and addresses
    mask("house-so-slash", "số 12/3 Lê Lợi bị ngập", "12/3", kept=("Lê Lợi bị ngập",)),
    mask("house-bare-slash", "Nước ngập trước 12/3 Lê Lợi", "12/3", kept=("Lê Lợi",)),
    mask("house-kiet", "kiệt 5/12 Nguyễn Trãi tối om", "5/12", kept=("Nguyễn Trãi",)),
    mask("house-hem", "hẻm 34 Trần Phú có rác", "hẻm 34", kept=("Trần Phú",)),
    mask("house-ngo", "ngõ 7 phố Huế ngập", "ngõ 7", kept=("phố Huế",)),
    mask("house-nha-so-kiet", "nhà số 45 kiệt 12 Nguyễn Trãi", "45", "kiệt 12"),
    mask("house-so-nha", "số nhà 27 đường Trần Phú", "27", kept=("đường Trần Phú",)),
    mask("house-dia-chi", "địa chỉ: 27 Trần Phú, phường Phú Xuân", "27",
         kept=("Trần Phú, phường Phú Xuân",)),
    mask("house-o", "ở 45 Trần Phú có cây đổ", "45", kept=("Trần Phú",)),
    # identity numbers and plates
    mask("cccd-labelled", "CCCD 046190001234 của tôi", "046190001234"),
    mask("cmnd-labelled", "CMND 191234567 của tôi", "191234567"),
    mask("cccd-grouped", "căn cước công dân số 046 190 001 234", "046 190", "001 234"),
    mask("cccd-bare", "mã 046190001234 là căn cước", "046190001234"),
    mask("cmnd-bare", "giấy 191234567 đã cũ", "191234567"),
    mask("passport", "hộ chiếu C1234567 hết hạn", "C1234567"),
    mask("plate-motorbike", "xe biển số 75A1-234.56 đỗ chắn lối", "75A1", "234.56"),
    mask("plate-car", "ô tô 43A-123.45 đỗ trên vỉa hè", "43A", "123.45"),
]

KEEP_CASES = [
    keep("children-to-school", "trẻ em đi học"),
    keep("people-report", "bà con báo đường ngập"),
    keep("people-complain", "bà con phản ánh nhiều lần"),
    keep("she-reports", "bà ấy báo đèn hỏng"),
    keep("street-flooded", "đường Lê Lợi bị ngập"),
    keep("street-long-name", "đường Nguyễn Chí Thanh ngập nước"),
    keep("date", "ngày 12/12/2026 có mưa lớn"),
    keep("date-and-time", "ngày 01/12/2026 08:00 mất điện"),
    keep("time", "lúc 7h30 sáng nay"),
    keep("time-colon", "vào lúc 14:30 ngày 5/12"),
    keep("amount", "hỗ trợ 2.000.000 đồng mỗi hộ"),
    keep("amount-large", "kinh phí 150.000.000 đồng"),
    keep("national-road", "Quốc lộ 1A đoạn qua phường"),
    keep("residential-group", "tổ dân phố 5 mất điện"),
    keep("year", "từ năm 2026 đến nay"),
    keep("year-before-capitals", "năm 2025 Ủy ban đã sửa"),
    keep("decree", "theo Nghị định 13/2023/NĐ-CP về dữ liệu cá nhân"),
    keep("decision", "Quyết định số 1234/QĐ-UBND Ủy ban nhân dân"),
    keep("circular", "Thông tư số 01/2024/TT-BTTTT"),
    keep("hotline", "gọi tổng đài 1900 9095 để được hỗ trợ"),
    keep("emergency-number", "gọi 113 khi có việc khẩn cấp"),
    keep("school", "Trường THPT Nguyễn Huệ tổ chức"),
    keep("city", "Thành phố Hồ Chí Minh"),
    keep("market", "chợ Đông Ba đông người"),
    keep("brothers", "anh em trong xóm cùng dọn rác"),
    keep("women", "chị em phụ nữ tham gia"),
    keep("ancestors", "ông bà ta có câu"),
    keep("teacher", "cô giáo dạy lớp 5"),
    keep("class-name", "em học sinh lớp 12A1 bị ngã"),
    keep("lamp-number", "đèn đường số 12 bị hỏng"),
    keep("street-number", "đường số 5 khu tái định cư"),
    keep("kilometre", "km 12+300 Quốc lộ 49"),
    keep("rainfall", "mưa lớn 200 mm trong 3 giờ"),
    keep("area", "diện tích 120 m2"),
    keep("uncle-ho", "học tập và làm theo Bác Hồ"),
    keep("ward", "phường Phú Xuân, thành phố Huế"),
    keep("cultural-house", "Cống trước nhà văn hóa Phan Đình Phùng"),
    keep("common-given-name-as-word", "Dịch bệnh lan rộng", name="Lê Thị Lan"),
    keep("common-given-name-sentence-start", "An toàn giao thông là trên hết",
         name="Lê Văn An"),
    keep("common-given-name-in-place", "Công an phường An Cựu đã đến", name="Lê Văn An"),
]

ROUNDED = [
    ("coordinates-comma", "vị trí 16.463712, 107.590866 ngập", "vị trí 16.464, 107.591 ngập"),
    ("coordinates-space", "tọa độ 16.4637 107.5909 cây đổ", "tọa độ 16.464 107.591 cây đổ"),
]

CASES = MASK_CASES + KEEP_CASES
