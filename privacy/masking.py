"""Masking personal data in free text before it is shown publicly.

Used for published answers, Open311 output, answers the staff write (console and API),
consultation comments and previews. Each kind of personal data has one rule, applied in
this order (the cases each rule must and must not catch are the table in
``tests/security/masking_cases.py``):

- the person's own values when known (name, phone, e-mail, ids), in any case, with or
  without diacritics, and their given name on its own where that is safe (:func:`mask_name`);
- e-mail addresses, also written ``teo(at)gmail.com``, ``teo [at] gmail [dot] com`` or
  ``teo a còng gmail chấm com``;
- ID numbers after their label (``CCCD số 046 190 001 234``, ``hộ chiếu C1234567``) in any
  grouping, and bare CCCD (12 digits) and CMND (9 digits) numbers;
- vehicle plates (``75A1-234.56``): they name an owner;
- phone numbers, mobile and landline, ``0``/``84``/``+84``, with spaces, dots, dashes,
  slashes, underscores or brackets between the digits (a date such as ``01/12/2026 08``
  is not a phone: the digits must form a Vietnamese number);
- names: after a form of address (``ông``, ``bà``, ``anh``, ``chị``, ``cô``, ``chú``, ``bác``,
  ``o``, ``mệ``… then capitalised words: ``chị Lan``, ``ÔNG PHẠM VĂN KHOA``), full names
  starting with a family name (three or four capitalised words, or in lower case with a
  middle name: ``nguyễn văn tèo``), after ``tôi là``/``họ tên``; never after a place word
  (``đường Nguyễn Chí Thanh``, ``Trường THPT Nguyễn Huệ`` stay: they locate the problem);
- house numbers: after ``số nhà``/``nhà số``/``địa chỉ``, ``số 12/3 Lê Lợi``, ``12/3 Lê Lợi``,
  and alley numbers (``kiệt 5/12``, ``hẻm 34``, ``ngõ 7``);
- coordinates in text are rounded to three decimals (about 100 m), as on every public
  surface (``feedback.public_text.public_coordinate``).

Ordinary words stay: a lower-case word is never taken for a name unless it is the known
person's, or part of a full name with a family and a middle name; dates, times, amounts,
road numbers, statute numbers and hotlines are not phones or house numbers.
"""

from __future__ import annotations

import re
import unicodedata

MASK = "***"

_CAPITALS = "".join(c for c in map(chr, range(0x41, 0x1EF9))
                    if c.isupper() and unicodedata.name(c, "").startswith("LATIN CAPITAL"))
_CAP = f"[{_CAPITALS}]"
_LETTER = r"[^\W\d_]"
_NAME_WORD = rf"{_CAP}{_LETTER}*"  # "Lan", "KHOA", "A" (never a lower-case word)

# --- e-mail ------------------------------------------------------------------------------------
_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|a còng|acong)\s*[)\]}>]\s*|\s+(?:a còng|acong|at)\s+)"
_DOT = r"(?:\.|\s*[(\[{<]\s*(?:dot|chấm|cham)\s*[)\]}>]\s*|\s+(?:dot|chấm|cham)\s+)"
_EMAIL = re.compile(rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}[a-z]{{2,6}}"
                    r"(?![\w-])", re.IGNORECASE)

# --- identity numbers, plates --------------------------------------------------------------------
_ID_LABELLED = re.compile(
    r"(?P<label>\b(?:CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?"
    r"|định danh(?: cá nhân)?|hộ chiếu|mã số thuế|MST)\s*(?:số\s*)?:?\s*)"
    r"(?P<num>[A-Z]?\d(?:[\s.\-]?\d){5,14})(?!\d)", re.IGNORECASE)
_ID_NUMBER = re.compile(r"(?<![\d.,])(?:\d{12}|\d{9})(?![.,]\d)(?!\d)")
_ID_GROUPED = re.compile(r"(?<![\d.])0\d{2}[\s.]\d{3}[\s.]\d{3}[\s.]\d{3}(?![.]?\d)")
_PLATE = re.compile(r"(?<![\w.-])\d{2}[A-Z]{1,2}\d?[\s.-]?(?:\d{3}\.\d{2}|\d{4,5})(?![\w.])")

# --- phones --------------------------------------------------------------------------------------
_PHONE = re.compile(r"(?<![\w+.,/])(?P<prefix>\(?\+84\)?|\(?84\)?|\(?0)"
                    r"(?P<rest>(?:[\s.\-/_()·]*\d){8,10})(?!\w)")
_DATE_INSIDE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:1[89]|2\d)\d\d")


def _phone(match: re.Match) -> str:
    """A candidate is a phone when its digits form a Vietnamese number: a mobile number
    (9 digits from 3, 5, 7, 8 or 9) or a landline (10 digits from 2) after 0, 84 or +84."""
    national = re.sub(r"\D", "", match.group("rest"))
    if _DATE_INSIDE.search(match.group(0)):
        return match.group(0)
    if (len(national) == 9 and national[0] in "35789") or (
            len(national) == 10 and national[0] == "2"):
        whole = match.group(0)  # "(0905123456)": the opening bracket belongs to the text
        return "(" + MASK if whole.count("(") > whole.count(")") else MASK
    return match.group(0)


# --- coordinates ---------------------------------------------------------------------------------
_COORDINATES = re.compile(
    r"(?<![\d.])(?P<lat>-?\d{1,2}\.\d{4,})(?P<sep>\s*[,;]\s*|\s+)(?P<lng>-?\d{1,3}\.\d{4,})"
    r"(?![\d.])")


def round_coordinate(value: float) -> float:
    """A latitude or longitude to three decimals (about 100 m)."""
    return round(value, 3)


def _coordinates(match: re.Match) -> str:
    lat, lng = float(match.group("lat")), float(match.group("lng"))
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return match.group(0)
    return f"{round_coordinate(lat):.3f}{match.group('sep')}{round_coordinate(lng):.3f}"


# --- names ---------------------------------------------------------------------------------------
_TITLES = ("ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ|dì|thím|mợ|cậu|dượng|o|mệ|ôn|bạn|đồng chí"
           "|ong|chi")
_TITLED_NAME = re.compile(rf"(?<!{_LETTER})(?P<title>(?i:{_TITLES}))\s+"
                          rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
# Not people: places and figures named with a form of address.
_TITLED_NOT_PEOPLE = ("bác hồ", "bà rịa", "bà nà", "cô tô", "bà triệu", "bà đen", "bà chiểu",
                      "ông ích khiêm", "bà huyện thanh quan", "bà điểm", "anh quốc", "anh sơn")
_SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
             "Trương Đoàn Lâm Mai Trịnh Cao Lương Tôn Châu Thái Hà Tạ Lưu Kiều Quách Triệu "
             "Đào Phùng Vương Nghiêm").split()
_SURNAME = "|".join(_SURNAMES)
_FULL_NAME = re.compile(rf"(?<!{_LETTER})(?:{_SURNAME}|{'|'.join(s.upper() for s in _SURNAMES)})"
                        rf"(?:\s+{_NAME_WORD}){{2,3}}(?!{_LETTER})")
# In lower case, a family name and one of these middle names make a run a name.
_MIDDLES = "văn|thị|hữu|đức|đình|bá|trọng|thế|viết|duy"
_LOWER_NAME = re.compile(
    rf"(?<!{_LETTER})(?i:{_SURNAME})\s+(?i:{_MIDDLES})\s+(?P<given>{_LETTER}{{1,7}})"
    rf"(?P<more>\s+{_LETTER}{{1,7}})?(?!{_LETTER})")
# Words after which a name names a place (street, school, market...), which stays readable.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:đường|duong|phố|pho|kiệt|kiet|hẻm|hem|ngõ|ngo|ngách|trường|THPT|THCS|tiểu học"
    r"|chợ|cầu|sông|phường|xã|quận|huyện|tỉnh|thành phố|TP\.?|thôn|khu|bệnh viện|công viên"
    r"|lăng|đền|chùa|nhà văn hóa|nhà văn hoá|tư tưởng|tượng đài|giải|quỹ|học bổng)"
    r"|\d[\w/\-]*,?)\s*$", re.IGNORECASE)
_LABELLED_NAME = re.compile(
    rf"(?P<label>(?i:tôi tên là|tên tôi là|tôi là|họ tên|họ và tên|người gửi|người phản ánh)"
    rf"\s*:?\s*)(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
# Given names that are also common words: masked alone only where written as a name.
COMMON_GIVEN_NAMES = frozenset((
    "an bình hoa mai nam hải sơn hà thu xuân đông hương hồng ngọc minh quang trung tâm phúc "
    "vân thảo hùng dũng cường long phong vinh thành tài đức trí nhân hòa hoà bảo khang hạnh yến "
    "tuyết linh châu anh em hoàng lâm sáng tiến toàn tú tùng việt vũ yên khoa lợi lộc lực "
    "mạnh nghĩa ngân nhung phát phương quý sang tân thắng thịnh thủy thuỷ trang trinh vy ba "
    "tư năm sáu bảy tám chín mười út cúc đào liên sen lan huệ nguyệt thanh tình vui mừng "
    "giàu hiền lành thật khỏe chiến công thuận định thái hưng kiên trường bích ngà đạt").split())

# --- house numbers -------------------------------------------------------------------------------
_NUMBER = r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*"
_ALLEY = r"(?:kiệt|kiet|hẻm|hem|ngõ|ngo|ngách|ngach)"
_ADDRESS_LEAD = re.compile(
    rf"(?P<lead>(?<!{_LETTER})(?i:số nhà|so nha|nhà số|nha so|địa chỉ\s*:?|dia chi\s*:?)\s*)"
    rf"(?P<num>{_NUMBER})(?P<rest>(?:\s*,?\s*(?i:{_ALLEY})\s+{_NUMBER})*)(?![\w/])")
_ALLEY_NUMBER = re.compile(rf"(?P<lead>(?<!{_LETTER})(?i:{_ALLEY})\s+)(?P<num>{_NUMBER})"
                           r"(?![\w/])")
# "số 12/3 Lê Lợi", "nhà 45 đường Trần Phú": a number before a street.
_SO_NUMBER = re.compile(
    rf"(?P<lead>(?<!{_LETTER})(?i:số|so|nhà|nha)\s+)(?P<num>{_NUMBER})(?![\w/])"
    rf"(?=\s*,?\s*(?:(?i:đường|phố|{_ALLEY})(?!{_LETTER})|{_CAP}{_LETTER}*\s+{_CAP}))")
# "12/3 Lê Lợi", "ở 45 Trần Phú": a house number before a street of two capitalised words.
_BARE_HOUSE = re.compile(
    rf"(?P<lead>(?<!{_LETTER})(?:(?i:ở|tại|trước|đối diện|cạnh|gần|sau)\s+)?)"
    rf"(?<![\d/])(?P<num>\d+[A-Za-z]?(?:/\d+[A-Za-z]?)+|\d{{1,4}}[A-Za-z]?)(?![\w/])"
    rf"(?=\s+(?:(?i:đường|phố)\s+)?{_CAP}{_LETTER}*\s+{_CAP})")
_NOT_A_HOUSE_BEFORE = re.compile(
    r"(?:ngày|hôm|tháng|năm|từ|đến|lúc|quốc lộ|QL|tỉnh lộ|tuyến|xe|lớp|tổ|tổ dân phố"
    r"|khu phố|thôn|xóm|ấp|khối|đội|phòng|lô|điều|khoản|chương|mục|nghị định|quyết định"
    r"|thông tư|công văn|luật|chỉ thị|kế hoạch|nghị quyết|văn bản|tờ trình|báo cáo"
    r"|thông báo|đường|hotline|tổng đài|đường dây nóng)\s*(?:số\s*)?$", re.IGNORECASE)
_STATUTE = re.compile(r"/(?:(?:19|20)\d\d|[A-ZĐ]{2,})")
_YEAR = re.compile(r"(?:19|20)\d\d")
_FULL_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _before(match: re.Match, size: int = 40) -> str:
    return match.string[max(0, match.start() - size):match.start()]


def _after_place(match: re.Match) -> bool:
    return _PLACE_BEFORE.search(_before(match)) is not None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?…:;\n\"“(-*"


_CAPITALISED_BEFORE = re.compile(rf"{_CAP}{_LETTER}*\s+$")
_CAPITALISED_AFTER = re.compile(rf"\s+{_CAP}")


def _in_proper_noun(text: str, start: int, end: int) -> bool:
    """True when the word at ``start:end`` has a capitalised word right before or after it
    (other than a form of address: "anh An" is a person)."""
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 30):start])
    if before and not re.fullmatch(rf"(?i:{_TITLES})", before.group(0).strip()):
        return True
    return _CAPITALISED_AFTER.match(text, end) is not None


def _titled(match: re.Match) -> str:
    words = f"{match.group('title')} {match.group('name')}".lower()
    if words.startswith(_TITLED_NOT_PEOPLE) or _after_place(match):
        return match.group(0)
    return f"{match.group('title')} {MASK}"


def _full_name(match: re.Match) -> str:
    return match.group(0) if _after_place(match) else MASK


def _lower_name(match: re.Match) -> str:
    if _after_place(match):
        return match.group(0)
    more = match.group("more")
    if more and more.strip().lower() in COMMON_GIVEN_NAMES | _NAME_SYLLABLES:
        return MASK  # "nguyễn thị bích ngọc": the fourth word is a name too
    return MASK + (more or "")


_NAME_SYLLABLES = frozenset("bích tèo tí tủn hằng loan phượng diệp quyên oanh".split())


def _house_number(match: re.Match, bare: bool = False) -> str:
    lead, num = match.group("lead"), match.group("num")
    if bare and not lead.strip() and "/" not in num:
        return match.group(0)  # "5 Hộ dân": a number before capitals is not an address
    if _NOT_A_HOUSE_BEFORE.search(_before(match)) or _STATUTE.search(num):
        return match.group(0)
    if _YEAR.fullmatch(num) or _FULL_DATE.fullmatch(num):
        return match.group(0)
    return f"{lead}{MASK}"


# --- known people ------------------------------------------------------------------------------
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


def _is_name(value: str) -> bool:
    return bool(value) and all(w.isalpha() for w in value.split()) and len(value.split()) >= 1


def given_name(full_name: str | None) -> str | None:
    """The given name (last word) of a Vietnamese full name, if it has one."""
    words = _nfc(full_name or "").split()
    return words[-1] if words and len(words[-1]) >= 2 and words[-1].isalpha() else None


def mask_name(text: str, full_name: str) -> str:
    """Mask a known person's name: the full name and the runs of it that end with the given
    name ("Văn Tèo", "Nguyễn Tèo"), in any case and with or without diacritics, and the given
    name on its own where that is safe.

    The given name alone goes in any case when written with its diacritics, unless it is
    also a common word ("An", "Hoa", "Mai": then only where written as a name, capitalised
    and not starting a sentence); without its diacritics ("teo" for "Tèo") only where
    written as a name. After a place word it stays ("đường Tèo" is a street).
    """
    text = _nfc(text)
    words = _nfc(full_name).split()
    if not words:
        return text
    runs = [" ".join(words)] + [" ".join(words[i:]) for i in range(1, len(words) - 1)]
    runs += [f"{w} {words[-1]}" for w in words[:-2]]
    text = mask_values(text, sorted(set(runs), key=len, reverse=True)) if len(words) > 1 \
        else text
    given = given_name(full_name)
    if given is None:
        return text
    common = given.lower() in COMMON_GIVEN_NAMES
    folded = fold_same_length(given)
    pattern = re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)")
    spans = []
    for match in pattern.finditer(fold_same_length(text)):
        word = text[match.start():match.end()]
        exact = word.lower() == given.lower()
        if _PLACE_BEFORE.search(text[max(0, match.start() - 40):match.start()]):
            continue
        as_name = word[0].isupper() and not _starts_sentence(text, match.start())
        if as_name and common and _in_proper_noun(text, match.start(), match.end()):
            as_name = False  # "An Cựu", "Bình An": part of a place's name
        if (exact and not common) or as_name:
            spans.append(match.span())
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


# --- the maskers -------------------------------------------------------------------------------
def mask_contact_patterns(text: str) -> str:
    """Mask only what identifies by itself: e-mail addresses, phone numbers, ID numbers and
    plates. Names and places stay (used when erasing one person's data from a text that must
    stay readable)."""
    text = _nfc(text)
    text = _EMAIL.sub(MASK, text)
    text = _ID_LABELLED.sub(lambda m: f"{m.group('label')}{MASK}", text)
    text = _PLATE.sub(MASK, text)
    text = _PHONE.sub(_phone, text)
    text = _ID_GROUPED.sub(MASK, text)
    return _ID_NUMBER.sub(MASK, text)


def mask_personal_data(text: str, known_names: list[str] | None = None) -> str:
    """Return ``text`` with personal data replaced by ``***`` (see the module docstring);
    ``known_names`` are the person's own values (name, phone, e-mail, ids)."""
    text = _nfc(text)
    for value in known_names or []:
        value = _nfc(value).strip()
        if len(value) < 2:
            continue
        if _is_name(value):
            text = mask_name(text, value)
        else:
            text = mask_values(text, [value])
    text = _COORDINATES.sub(_coordinates, text)
    text = mask_contact_patterns(text)
    text = _TITLED_NAME.sub(_titled, text)
    text = _FULL_NAME.sub(_full_name, text)
    text = _LABELLED_NAME.sub(lambda m: f"{m.group('label')}{MASK}", text)
    text = _LOWER_NAME.sub(_lower_name, text)
    text = _ADDRESS_LEAD.sub(lambda m: f"{m.group('lead')}{MASK}", text)
    text = _ALLEY_NUMBER.sub(_house_number, text)
    text = _SO_NUMBER.sub(_house_number, text)
    return _BARE_HOUSE.sub(lambda m: _house_number(m, bare=True), text)
