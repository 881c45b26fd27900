"""Text preparation for Vietnamese speech: numbers, dates, times, units and abbreviations
written out in words, so a speech engine reads them the way a commune announcer would.

Pure functions, no Flask. Conventions (Vietnamese, not English):

- ``.`` groups thousands and ``,`` marks decimals: ``1.500.000`` is one and a half
  million, ``37,5`` is "ba mươi bảy phẩy năm";
- "mười" for 10-19 and "mươi" from 20; "mốt" for a final 1 and "lăm" for a final 5 after
  a ten (21 "hai mươi mốt", 15 "mười lăm"); a zero ten is read "lẻ" (northern, default) or
  "linh" (southern): 105 "một trăm lẻ năm";
- dates ``dd/mm/yyyy`` (also ``-`` and ``.``) become "ngày mùng năm tháng chín năm hai
  nghìn không trăm hai mươi sáu"; April is "tháng tư"; ``dd/mm`` is a date after "ngày"
  and, written with a slash, also after a word of time ("từ", "đến", "sáng", "thứ hai", …),
  before "âm lịch", in a range of dates, when zero-padded, or when the first number is not
  smaller than the second ("12/12" is "ngày mười hai tháng mười hai"); a smaller first
  number with nothing around it is a fraction ("3/4 số hộ", "ba trên bốn"), and "24/7" is
  round the clock;
- times ``7h30``, ``07:30`` become "bảy giờ ba mươi phút";
- a number followed by a unit (km, m, kg, ha, °C, mm, %, …) reads the unit in words;
- numbers starting with 0 (phones) and emergency hotlines are read digit by digit.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")
BILLION = 10 ** 9

# Written-out abbreviations, whole words only (case-sensitive). Longest first when matched.
ABBREVIATIONS = {
    "UBMTTQVN": "ủy ban mặt trận tổ quốc Việt Nam",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "MTTQVN": "mặt trận tổ quốc Việt Nam",
    "MTTQ": "mặt trận tổ quốc",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "PCCC": "phòng cháy chữa cháy",
    "PCTT": "phòng chống thiên tai",
    "TKCN": "tìm kiếm cứu nạn",
    "PCTT-TKCN": "phòng chống thiên tai và tìm kiếm cứu nạn",
    "CSGT": "cảnh sát giao thông",
    "CAND": "công an nhân dân",
    "ĐBQH": "đại biểu quốc hội",
    "BCH": "ban chỉ huy",
    "TDP": "tổ dân phố",
    "KDC": "khu dân cư",
    "SĐT": "số điện thoại",
    "ĐT": "điện thoại",
    "NĐ-CP": "nghị định của chính phủ",
    "QĐ-TTg": "quyết định của thủ tướng chính phủ",
    "QĐ-UBND": "quyết định của ủy ban nhân dân",
    "NĐ": "nghị định",
    "QĐ": "quyết định",
    "TTg": "thủ tướng chính phủ",
    "VNĐ": "đồng",
    "VND": "đồng",
    "HCM": "Hồ Chí Minh",
    "VN": "Việt Nam",
}
# Abbreviations ending in a dot (the dot belongs to the abbreviation).
DOTTED = {
    "TP.HCM": "thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TX.": "thị xã",
    "TT.": "thị trấn",
    "v.v.": "vân vân",
    "v.v": "vân vân",
    "P.": "phường",
    "ThS.": "thạc sĩ",
    "TS.": "tiến sĩ",
    "BS.": "bác sĩ",
}
# Units after a number. Longest spellings first so "km/h" wins over "km".
UNITS = {
    "km/h": "ki lô mét một giờ",
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "m3": "mét khối",
    "m/s": "mét một giây",
    "°C": "độ xê",
    "độ C": "độ xê",
    "km": "ki lô mét",
    "cm": "xen ti mét",
    "mm": "mi li mét",
    "kg": "ki lô gam",
    "ha": "héc ta",
    "kW": "ki lô oát",
    "kWh": "ki lô oát giờ",
    "kV": "ki lô vôn",
    "ml": "mi li lít",
    "m": "mét",
    "g": "gam",
    "l": "lít",
    "%": "phần trăm",
    "đ": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
}
HOTLINES = frozenset({"111", "112", "113", "114", "115", "1022"})
MONTHS = {4: "tư"}
ORDINALS = {1: "nhất", 4: "tư"}


# --- numbers --------------------------------------------------------------------------------
def _below_thousand(n: int, full: bool, zero_ten: str) -> list[str]:
    """Words of 0 < n < 1000; ``full`` reads a leading "không trăm" (inner groups)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(zero_ten)
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(n: int, full: bool, zero_ten: str) -> list[str]:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        inner = full or index < len(groups) - 1
        words += _below_thousand(group, inner, zero_ten)
        if SCALES[index]:
            words.append(SCALES[index])
    return words


def number_words(n: int, zero_ten: str = "lẻ") -> str:
    """A whole number in Vietnamese words: 1005 → "một nghìn không trăm lẻ năm"."""
    if n < 0:
        return "âm " + number_words(-n, zero_ten)
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, False, zero_ten))


def _words(n: int, full: bool, zero_ten: str) -> list[str]:
    if n < BILLION:
        return _below_billion(n, full, zero_ten)
    high, low = divmod(n, BILLION)
    words = _words(high, full, zero_ten) + ["tỷ"]
    if low:
        words += _below_billion(low, True, zero_ten)
    return words


def digits_words(digits: str) -> str:
    """Read a string of digits one by one (phone numbers, hotlines)."""
    return " ".join(DIGITS[int(d)] for d in digits)


def decimal_words(whole: str, fraction: str, zero_ten: str = "lẻ") -> str:
    """``37,5`` → "ba mươi bảy phẩy năm"; a long or zero-led fraction is read digit by digit."""
    head = number_words(int(whole), zero_ten)
    if len(fraction) <= 2 and not fraction.startswith("0"):
        tail = number_words(int(fraction), zero_ten)
    else:
        tail = digits_words(fraction)
    return f"{head} phẩy {tail}"


def ordinal_words(n: int, zero_ten: str = "lẻ") -> str:
    """After "thứ": 1 → "nhất", 4 → "tư", others as cardinals."""
    return ORDINALS.get(n) or number_words(n, zero_ten)


# --- dates and times ------------------------------------------------------------------------
def day_words(day: int, zero_ten: str = "lẻ") -> str:
    """The day of a month: days 1-10 take "mùng" ("mùng năm")."""
    words = number_words(day, zero_ten)
    return f"mùng {words}" if day <= 10 else words


def month_words(month: int, zero_ten: str = "lẻ") -> str:
    """Month number in words (April is "tư")."""
    return MONTHS.get(month) or number_words(month, zero_ten)


def date_words(day: int, month: int, year: int | None = None, zero_ten: str = "lẻ") -> str:
    """"ngày mùng năm tháng chín năm hai nghìn không trăm hai mươi sáu" (no leading "ngày"
    is added by the caller twice)."""
    text = f"ngày {day_words(day, zero_ten)} tháng {month_words(month, zero_ten)}"
    if year is not None:
        text += f" năm {number_words(year, zero_ten)}"
    return text


def time_words(hour: int, minute: int | None = None, second: int | None = None,
               zero_ten: str = "lẻ") -> str:
    """"bảy giờ ba mươi phút"; a zero minute is left out ("mười bốn giờ")."""
    text = f"{number_words(hour, zero_ten)} giờ"
    if minute:
        text += f" {number_words(minute, zero_ten)} phút"
    if second:
        text += f" {number_words(second, zero_ten)} giây"
    return text


# --- the pipeline ---------------------------------------------------------------------------
_B = r"(?<![\w.,/:])"  # a number starts here (not inside another token)
_E = r"(?![\w/])"      # and ends here

_DATE = re.compile(_B + r"(?P<ngay>ngày\s+)?(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})"
                   r"(?P=sep)(?P<y>\d{4})(?!\d)", re.IGNORECASE)
_DAY_MONTH = re.compile(r"(?P<ngay>\bngày\s+)(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?![\d/.-]\d)",
                        re.IGNORECASE)
# A bare "d/m": the words before and after that make it a date (see the module docstring).
_BARE_DAY_MONTH = re.compile(_B + r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/]|[.,]\d|\w)")
_DATE_CUE_BEFORE = re.compile(
    r"(?:\b(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|khuya|từ|đến|tới|vào|trước|sau|hạn|hết|"
    r"đầu|cuối|giữa|mai|nay|qua|lịch|chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d))"
    r"|\d{1,2}/\d{1,2}\s*(?:[-–]|đến|tới))\s*[,:(]?\s*$", re.IGNORECASE)
_DATE_CUE_AFTER = re.compile(r"^\s*[,(]?\s*(?:âm\s+lịch|dương\s+lịch|[-–]\s*\d{1,2}/\d{1,2}"
                             r"|(?:đến|tới)\s+(?:ngày\s+)?\d{1,2}/\d{1,2})", re.IGNORECASE)
_DATE_RANGE = re.compile(r"(?P<month>tháng [^\W\d]+(?: một| hai)?)\s*[-–]\s*(?=ngày\b)")
NOT_DATES = frozenset({(24, 7)})  # "trực 24/7": round the clock
_MONTH_YEAR = re.compile(r"(?P<thang>\btháng\s+)(?P<m>\d{1,2})[/-](?P<y>\d{4})(?!\d)",
                         re.IGNORECASE)
_TIME_H = re.compile(_B + r"(?P<h>\d{1,2})\s?(?:h|giờ)\s?(?P<m>[0-5]\d)?(?:['’]|\s?phút)?"
                     r"(?![\w])")
_TIME_COLON = re.compile(_B + r"(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])")
_RANGE = re.compile(r"(?<=\d)\s?[-–]\s?(?=\d)")
_ORDINAL = re.compile(r"\b(?P<w>[Tt]hứ)\s+(?P<n>\d{1,2})(?!\d)")
_NUMBER = (r"(?P<neg>(?<![\w\d])-)?(?P<int>\d{1,3}(?:\.\d{3})+|\d+)"
           r"(?:(?P<dsep>[,.])(?P<frac>\d+))?")
_UNIT_NAMES = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_MEASURE = re.compile(_B + _NUMBER + r"\s?(?P<unit>" + _UNIT_NAMES + r")(?![\w²³])")
_PLAIN = re.compile(r"(?<![\w.,:])" + _NUMBER + r"(?![\w])")
_PHONE = re.compile(r"(?<![\w+])(?P<p>(?:\+84[ .]?|0)\d{1,3}(?:[ .-]?\d{2,4}){1,3})(?![\w])")
_ABBR = re.compile(r"(?<![\w-])(" + "|".join(
    re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w-])")
_DOTTED = re.compile(r"(?<![\w.])(" + "|".join(
    re.escape(a) for a in sorted(DOTTED, key=len, reverse=True)) + r")(?=\s|$|[,;:])")
_SYMBOLS = (("&", " và "), ("…", "."), ("–", ", "), ("—", ", "), ("/", " trên "),
            ("+", " cộng "), ("=", " bằng "), ("*", " "), ("#", " số "), ("\"", " "),
            ("“", " "), ("”", " "), ("(", ", "), (")", ", "))
_SPACES = re.compile(r"[ \t]+")
_COMMAS = re.compile(r"\s*,(\s*,)+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def _number(match: re.Match, zero_ten: str) -> str:
    whole, sep, frac = match["int"], match["dsep"], match["frac"]
    negative = bool(match["neg"])
    if "." in whole:  # thousands groups
        value = int(whole.replace(".", ""))
    elif sep == "." and frac is not None and len(frac) == 3 and len(whole) <= 3:
        value, frac = int(whole + frac), None  # 1.500 is one thousand five hundred
    elif whole.startswith("0") and len(whole) > 1 and frac is None:
        return digits_words(whole)
    elif whole in HOTLINES and frac is None and not negative:
        return digits_words(whole)
    else:
        value = int(whole)
    if frac is not None:
        words = decimal_words(str(value), frac, zero_ten)
    else:
        words = number_words(value, zero_ten)
    return ("âm " + words) if negative else words


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def is_bare_date(text: str, start: int, end: int, day: str, month: str) -> bool:
    """Whether ``day/month`` at ``text[start:end]`` (no "ngày", no year) is a date rather
    than a fraction or ratio (see the module docstring)."""
    d, m = int(day), int(month)
    if not _valid_date(d, m):
        return False
    if _DATE_CUE_BEFORE.search(text[max(0, start - 40):start]):
        return True
    if _DATE_CUE_AFTER.match(text[end:end + 40]):
        return True
    if (d, m) in NOT_DATES:
        return False
    if (len(day) == 2 and day.startswith("0")) or (len(month) == 2 and month.startswith("0")):
        return True
    return d >= m


def prepare(text: str, zero_ten: str = "lẻ") -> str:
    """Text ready for a Vietnamese speech engine (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\u00a0", " ")

    def dotted(m: re.Match) -> str:
        words = DOTTED[m[1]]
        # "v.v." ends a sentence when what follows starts with a capital or nothing follows.
        if m[1].startswith("v.v") and re.match(r"\s*$|\s+[^\W\d_]", text[m.end():]):
            following = text[m.end():].lstrip()
            if not following or following[0].isupper():
                return words + "."
        return words

    text = _DOTTED.sub(dotted, text)
    text = _ABBR.sub(lambda m: ABBREVIATIONS[m[1]], text)

    def date(m: re.Match) -> str:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return m[0]
        words = date_words(day, month, int(m["y"]), zero_ten)
        return words if not m["ngay"] else m["ngay"] + words.removeprefix("ngày ")

    def day_month(m: re.Match) -> str:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return m[0]
        return m["ngay"] + date_words(day, month, None, zero_ten).removeprefix("ngày ")

    def bare_day_month(m: re.Match) -> str:
        if not is_bare_date(m.string, m.start(), m.end(), m["d"], m["m"]):
            return m[0]
        return date_words(int(m["d"]), int(m["m"]), None, zero_ten)

    def month_year(m: re.Match) -> str:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return m[0]
        return (f"{m['thang']}{month_words(month, zero_ten)} "
                f"năm {number_words(int(m['y']), zero_ten)}")

    def time_h(m: re.Match) -> str:
        hour = int(m["h"])
        if hour > 24:
            return m[0]
        return time_words(hour, int(m["m"]) if m["m"] else None, None, zero_ten)

    def time_colon(m: re.Match) -> str:
        hour = int(m["h"])
        if hour > 24:
            return m[0]
        return time_words(hour, int(m["m"]), int(m["s"]) if m["s"] else None, zero_ten)

    def phone(m: re.Match) -> str:
        digits = re.sub(r"\D", "", m["p"].replace("+84", "0"))
        if not 10 <= len(digits) <= 11:
            return m[0]
        return digits_words(digits)

    text = _PHONE.sub(phone, text)
    text = _DATE.sub(date, text)
    text = _DAY_MONTH.sub(day_month, text)
    text = _MONTH_YEAR.sub(month_year, text)
    text = _BARE_DAY_MONTH.sub(bare_day_month, text)
    text = _DATE_RANGE.sub(r"\g<month> đến ", text)  # "5/9 - 10/9": from one date to another
    text = _TIME_COLON.sub(time_colon, text)
    text = _TIME_H.sub(time_h, text)
    text = _ORDINAL.sub(lambda m: f"{m['w']} {ordinal_words(int(m['n']), zero_ten)}", text)
    # "7 - 9 km", "20-25°C": a dash between numbers is a range.
    text = _RANGE.sub(" đến ", text)
    text = re.sub(r"(?<=giờ)\s?[-–]\s?(?=\w)", " đến ", text)
    text = _MEASURE.sub(lambda m: f"{_number(m, zero_ten)} {UNITS[m['unit']]}", text)
    text = _PLAIN.sub(lambda m: _number(m, zero_ten), text)
    text = text.replace("%", " phần trăm").replace("°C", " độ xê").replace("°", " độ")
    for symbol, words in _SYMBOLS:
        text = text.replace(symbol, words)
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = _COMMAS.sub(",", line)
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", line).strip(" ,")
        if line:
            lines.append(line)
    return "\n".join(lines)
