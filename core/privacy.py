"""Masking personal data in free text before it is shown publicly.

Used for published answers, Open311 output and previews. It masks phone numbers, e-mail
addresses, ID numbers (CMND 9 digits, CCCD 12 digits), house-number street addresses and
names: the reporter's own name when known, names after a Vietnamese form of address
("ông Nguyễn Văn A", "chị Lan", "ÔNG PHẠM VĂN KHOA") and full names (three or four words)
starting with a common family name unless they follow a place word ("đường Nguyễn Chí
Thanh" stays: streets locate the problem). ID numbers after their label ("CCCD số 046 190
001 234", "CMND 191.234.567", "hộ chiếu C1234567") are masked in any grouping. It errs on
the side of masking.
"""

from __future__ import annotations

import re
import unicodedata

MASK = "***"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Phones: 0 or +84/84 then 8-10 digits, separators allowed between groups.
_PHONE = re.compile(r"(?<!\w)(?:\+?84|0)(?:[\s.\-()]*\d){8,10}(?!\w)")
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_ID_LABELLED = re.compile(
    r"(?P<label>\b(?:CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?"
    r"|định danh(?: cá nhân)?|hộ chiếu)\s*(?:số\s*)?:?\s*)"
    r"(?P<num>[A-Z]?\d(?:[\s.\-]?\d){5,14})(?!\d)", re.IGNORECASE)
_UPPER = "A-ZÀ-ỸĐ"
_CAPITALS = "".join(c for c in map(chr, range(0x41, 0x1EF9))
                    if c.isupper() and unicodedata.name(c, "").startswith("LATIN CAPITAL"))
_NAME_WORD = rf"(?:[{_CAPITALS}]{{2,}}\b|[{_UPPER}][a-zà-ỹđ]+)"  # "KHOA" or "Khoa"
_TITLES = (r"ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ|Ông|Bà|Anh|Chị|Em|Cô|Chú|Bác|Cháu|Cụ"
           r"|ong|ba|chi|Ong|Ba|Chi|ÔNG|BÀ|ANH|CHỊ|CÔ|CHÚ|BÁC|CHÁU|CỤ")
_TITLED_NAME = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
_SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
             "Trương Đoàn Lâm Mai Trịnh Cao Lương Tôn Châu Thái Hà Tạ").split()
_FULL_NAME = re.compile(rf"\b(?:{'|'.join(_SURNAMES + [n.upper() for n in _SURNAMES])})"
                        rf"(?:\s+(?:[{_CAPITALS}]{{2,}}|[{_CAPITALS}][a-zà-ỹđ]+)){{2,3}}\b")
# Words after which a name names a place (street, school, market...), which stays readable.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:đường|phố|kiệt|kiet|hẻm|hem|ngõ|ngo|ngách|trường|THPT|THCS|tiểu học|chợ|cầu"
    r"|phường|xã|quận|huyện|tỉnh|thành phố|TP\.?|thôn|khu|bệnh viện|công viên|lăng|đền|chùa"
    r"|nhà văn hóa|tư tưởng)|\d[\w/\-]*,?)\s*$", re.IGNORECASE)
_LABELLED_NAME = re.compile(
    rf"(?P<label>(?:tôi tên là|tên tôi là|tôi là|họ tên|họ và tên)\s*:?\s*)"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})", re.IGNORECASE)
_ADDRESS = re.compile(
    r"(?P<lead>\b(?:(?:số nhà|nhà số|số|so|nhà)\s+|địa chỉ\s*:?\s*))(?P<num>\d+[\w/\-]*)"
    r"(?P<rest>(?:\s*,?\s*(?:ngõ|ngách|hẻm|kiệt|kiet|hem|ngo)\s+\d+[\w/\-]*)*)",
    re.IGNORECASE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _full_name(match: re.Match) -> str:
    before = match.string[max(0, match.start() - 30):match.start()]
    return match.group(0) if _PLACE_BEFORE.search(before) else MASK


def mask_personal_data(text: str, known_names: list[str] | None = None) -> str:
    """Return ``text`` with personal data replaced by ``***``."""
    text = _nfc(text)
    for name in known_names or []:
        name = _nfc(name).strip()
        if len(name) >= 2:
            text = re.sub(re.escape(name), MASK, text, flags=re.IGNORECASE)
            for part in name.split():
                if len(part) >= 3 and part[0].isupper():
                    text = re.sub(rf"\b{re.escape(part)}\b", MASK, text)
    text = _EMAIL.sub(MASK, text)
    text = _ID_LABELLED.sub(lambda m: f"{m.group('label')}{MASK}", text)
    text = _PHONE.sub(MASK, text)
    text = _ID_NUMBER.sub(MASK, text)
    text = _TITLED_NAME.sub(lambda m: f"{m.group('title')} {MASK}", text)
    text = _FULL_NAME.sub(_full_name, text)
    text = _LABELLED_NAME.sub(lambda m: f"{m.group('label')}{MASK}", text)
    text = _ADDRESS.sub(lambda m: f"{m.group('lead')}{MASK}", text)
    return text


def mask_contact_patterns(text: str) -> str:
    """Mask only what identifies by itself: e-mail addresses, phone numbers and ID numbers
    (labelled or bare CMND/CCCD). Names and places stay (used when erasing one person's
    data from a text that must stay readable)."""
    text = _nfc(text)
    text = _EMAIL.sub(MASK, text)
    text = _ID_LABELLED.sub(lambda m: f"{m.group('label')}{MASK}", text)
    text = _PHONE.sub(MASK, text)
    return _ID_NUMBER.sub(MASK, text)


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFD", ch.lower().replace("đ", "d"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded if len(folded) == 1 else ch.lower()


def fold_same_length(text: str) -> str:
    """Lowercase, no diacritics, ``đ`` → ``d``, one character for one: positions in the
    result are positions in ``text`` (unlike ``core.text.fold``, which trims spaces)."""
    return "".join(_fold_char(c) for c in text)


def mask_values(text: str, values: list[str]) -> str:
    """Replace each of ``values`` in ``text`` with ``***``, ignoring case, diacritics and
    the spacing between words ("Nguyễn Văn An" also goes when typed "nguyen  van an")."""
    text = _nfc(text)
    for value in values:
        words = fold_same_length(_nfc(value)).split()
        if not words or len("".join(words)) < 2:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        spans = [m.span() for m in pattern.finditer(fold_same_length(text))]
        for start, end in reversed(spans):
            text = text[:start] + MASK + text[end:]
    return text
