"""Vietnamese text normalisation: NFC for storage, a folded shadow for search.

Folding is NFC → lowercase → đ to d → strip combining marks → collapse white space,
so "Đường NGẬP nước" and "duong ngap nuoc" fold to the same string. Unicode
decomposition alone keeps đ (it has no decomposition), hence the explicit map.

Stored text never holds a character XML 1.0 forbids (C0 controls but tab, line feed and
carriage return; U+FFFE, U+FFFF; lone surrogates) nor DEL: every schema strips them
(``core.schemas.BaseSchema``), and so do :func:`clean` and the XML writers
(:func:`xml_safe`), so no notice, answer or name can make a feed or a CAP alert invalid.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NON_WORD = re.compile(r"[^\w]+")


def clean(text: str) -> str:
    """Normalise citizen text for storage: NFC, no control characters, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return text.strip()


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (and DEL); nothing else changes."""
    return _CONTROL.sub("", text)


def is_xml_safe(text: str) -> bool:
    """True when ``text`` holds no character XML 1.0 forbids (nor DEL)."""
    return _CONTROL.search(text) is None


def clean_line(text: str) -> str:
    """Like :func:`clean`, and fold every run of white space into one space."""
    return _SPACES.sub(" ", clean(text))


def fold(text: str) -> str:
    """Diacritics- and case-insensitive form used for search on every database."""
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def search_terms(query: str) -> list[str]:
    """Folded words of a query, punctuation dropped, for AND-matching."""
    return [w for w in _NON_WORD.split(fold(query)) if w]


def search_text(text: str) -> str:
    """The stored shadow: folded words separated by single spaces."""
    return " ".join(search_terms(text))


# Vietnamese alphabetical order: letters with a breve, circumflex or horn (and đ) are
# letters of their own after their base; tones only break ties, in the traditional order
# (none, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese text alphabetically ("Đất đai" after "Dân số", "Ô nhiễm"
    after "Ong"), case-insensitively, tones compared last."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text).lower():
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        marks = decomposed[1:]
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", base + "".join(
            m for m in marks if m in _LETTER_MARKS))
        position = _ALPHABET.find(letter) if len(letter) == 1 else -1
        letters.append(position + 1000 if position >= 0 else
                       (0 if char.isspace() else ord(letter[0]) + (0 if letter[0] < "a" else 2000)))
        tones.append(tone)
    return tuple(letters), tuple(tones)
