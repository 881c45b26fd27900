"""SMS text encoding: folding Vietnamese to the GSM 03.38 alphabet, exact segment counts, and
the user data of each part (GSM 7-bit or UCS-2, with a concatenation header when split).

- GSM 7-bit (``data_coding=0``): 160 septets in one message, 153 per part of a long one; a
  character of the extension table (``^ { } \\ [ ~ ] | €``) takes two septets (escape + code)
  and is never split across two parts.
- UCS-2 (``data_coding=8``): 70 UTF-16 code units in one message, 67 per part; a surrogate
  pair is never split.

Vietnamese is folded to plain letters by default (đ → d, tones and vowel marks removed); any
character still outside the GSM alphabet is replaced (typographic quotes and dashes by their
ASCII forms, anything else by ``?``), so a folded text always encodes as GSM 7-bit.

smpplib has its own ``gsm.make_parts``, but its table puts "`" where GSM has "§" and it splits
long texts on byte boundaries, which can cut an escape pair in two; hence this module. Parts
are sent as unpacked septets (one octet each), as SMPP ``data_coding=0`` expects.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

GSM7 = "gsm7"
UCS2 = "ucs2"
DATA_CODING = {GSM7: 0x00, UCS2: 0x08}
UDHI = 0x40  # esm_class bit: the user data starts with a header (concatenation)

SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}
MAX_PARTS = 255

# GSM 03.38 basic character set, in code order (0x1B is the escape to the extension table).
BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = {"^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E,
             "|": 0x40, "€": 0x65}
_BASIC_CODES = {ch: code for code, ch in enumerate(BASIC) if ch != "\x1b"}
ESCAPE = 0x1B

# Replacements for common characters outside the GSM alphabet (after diacritics are removed).
_REPLACE = {
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "`": "'", "´": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "«": '"', "»": '"',
    "\u2026": "...", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2022": "-", "·": ".",
    "\t": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "×": "x", "÷": ":", "°": "o",
    "\u2116": "No",
}


def is_gsm(text: str) -> bool:
    """Whether every character is in the GSM basic set or its extension table."""
    return all(ch in _BASIC_CODES or ch in EXTENSION for ch in text)


def to_gsm(text: str) -> str:
    """Fold a (Vietnamese) text into the GSM 03.38 alphabet: "Đã tiếp nhận" → "Da tiep nhan".

    Diacritics are removed from every letter (consistently, even those GSM happens to have,
    such as é or à), line breaks are kept, other characters are replaced.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    text = "".join(_REPLACE.get(ch, ch) for ch in text)
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text)
                       if not unicodedata.combining(ch))
    stripped = unicodedata.normalize("NFC", stripped)
    return "".join(ch if ch in _BASIC_CODES or ch in EXTENSION
                   else _REPLACE.get(ch, "?") for ch in stripped)


def to_ucs2(text: str) -> str:
    """Keep a text for UCS-2: NFC (precomposed Vietnamese letters, one unit each); characters
    beyond the Basic Multilingual Plane (emoji), which UCS-2 cannot carry, become ``?``."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    return "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in text)


def prepare(text: str, unicode: bool = False) -> tuple[str, str]:
    """The text as it will be sent and its encoding: GSM 7-bit whenever the text fits the
    GSM alphabet (always when ``unicode`` is off: it is folded), else UCS-2."""
    if unicode:
        kept = to_ucs2(text)
        return (kept, GSM7) if is_gsm(kept) else (kept, UCS2)
    return to_gsm(text), GSM7


def units(ch: str, encoding: str) -> int:
    """Septets (GSM 7-bit) or UTF-16 code units (UCS-2) one character takes."""
    if encoding == GSM7:
        return 2 if ch in EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def length(text: str, encoding: str) -> int:
    """Septets or code units of a whole text."""
    return sum(units(ch, encoding) for ch in text)


def split(text: str, encoding: str) -> list[str]:
    """The text of each part: one part when it fits a single message, else parts of at
    most 153 septets / 67 units, never cutting a character (escape pair, surrogate pair)."""
    if length(text, encoding) <= SINGLE[encoding]:
        return [text]
    parts, current, used = [], [], 0
    for ch in text:
        size = units(ch, encoding)
        if used + size > PART[encoding]:
            parts.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += size
    parts.append("".join(current))
    return parts


def segments(text: str, encoding: str) -> int:
    """How many messages the text is sent (and billed) as."""
    return len(split(text, encoding))


def encode(text: str, encoding: str) -> bytes:
    """User data of one part: unpacked septets (escape + code for the extension table) or
    UTF-16 big-endian."""
    if encoding == UCS2:
        return text.encode("utf-16-be")
    out = bytearray()
    for ch in text:
        if ch in EXTENSION:
            out += bytes((ESCAPE, EXTENSION[ch]))
        else:
            try:
                out.append(_BASIC_CODES[ch])
            except KeyError:
                raise ValueError(f"character U+{ord(ch):04X} is not in the GSM alphabet") \
                    from None
    return bytes(out)


@dataclass(frozen=True)
class Encoded:
    """A message ready for ``submit_sm``: one ``short_message`` per part."""

    parts: list[bytes]
    data_coding: int
    esm_class: int


def encode_parts(text: str, encoding: str, reference: int | None = None) -> Encoded:
    """Every part's user data; parts of a long message start with the 8-bit-reference
    concatenation header ``05 00 03 ref total seq`` and set UDHI in ``esm_class``."""
    pieces = split(text, encoding)
    if len(pieces) == 1:
        return Encoded([encode(text, encoding)], DATA_CODING[encoding], 0)
    if len(pieces) > MAX_PARTS:
        raise ValueError("message too long")
    ref = random.randint(0, 255) if reference is None else reference & 0xFF
    parts = [bytes((0x05, 0x00, 0x03, ref, len(pieces), seq)) + encode(piece, encoding)
             for seq, piece in enumerate(pieces, start=1)]
    return Encoded(parts, DATA_CODING[encoding], UDHI)
