"""Text and place of a feedback item as any public surface may show them.

``privacy.masking.mask_personal_data`` masks what it can recognise in free text; here it is
also given everything the item itself knows about its reporter (name, with the given name
on its own where that is safe, phone in its usual spellings, e-mail, Zalo ids), and long
digit runs (Zalo and other account ids) are masked. Every public text of an item goes
through :func:`mask`: Open311, published answers, and the answer staff write (console and
staff API alike) before it becomes public.

Coordinates are public rounded to three decimals (about 100 m, :func:`public_coordinate`)
unless staff published the item's place as exact.
"""

from __future__ import annotations

import re
import unicodedata

from feedback.models import Feedback
from privacy.masking import MASK, mask_name, mask_personal_data, mask_values, round_coordinate

_LONG_NUMBER = re.compile(r"(?<!\d)\d{13,}(?!\d)")


def known_personal_values(item: Feedback) -> list[str]:
    """The reporter's personal data as it may appear in text."""
    values = [item.reporter_name, item.reporter_email, item.zalo_user_id,
              item.zalo_app_user_id]
    phone = item.reporter_phone
    if phone:
        national = phone[3:] if phone.startswith("+84") else phone.lstrip("+")
        values += [phone, phone.lstrip("+"), "0" + national, national]
    # Longest first, so "Nguyễn Văn An" goes before a shorter value inside it.
    return sorted({v for v in values if v}, key=len, reverse=True)


def mask(item: Feedback, text: str | None) -> str | None:
    """``text`` with personal data masked, for public output."""
    if text is None:
        return None
    values = known_personal_values(item)
    # The reporter's own values first, also when typed without diacritics or in capitals
    # (the name also as runs ending with the given name, and the given name alone).
    masked = mask_personal_data(text, known_names=values)
    return _LONG_NUMBER.sub(MASK, masked)


def contains_personal_value(item: Feedback, text: str) -> bool:
    """True when ``text`` contains one of the reporter's own personal values."""
    lowered = text.lower()
    digits = re.sub(r"[\s.\-()]", "", text)
    for value in known_personal_values(item):
        if value.lower() in lowered or (value.lstrip("+").isdigit() and value in digits):
            return True
    # Also without diacritics ("nguyen van an" for "Nguyễn Văn An"), and the given name on
    # its own where it is recognisable as the reporter's ("anh Tèo", "tèo").
    text = unicodedata.normalize("NFC", text)
    if item.reporter_name and mask_name(text, item.reporter_name) != text:
        return True
    return mask_values(text, known_personal_values(item)) != text


def public_coordinate(value: float | None, exact: bool = False) -> float | None:
    """A latitude or longitude as public surfaces show it: rounded to about 100 m unless
    staff published the place as exact."""
    if value is None or exact:
        return value
    return round_coordinate(value)
