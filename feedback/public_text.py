"""Text of a feedback item as any public surface may show it: personal data masked.

``core.privacy.mask_personal_data`` masks what it can recognise in free text; here it is
also given everything the item itself knows about its reporter (name, phone in its usual
spellings, e-mail, Zalo ids), and long digit runs (Zalo and other account ids) are masked.
"""

from __future__ import annotations

import re
import unicodedata

from core.privacy import MASK, mask_personal_data, mask_values
from feedback.models import Feedback

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
    # The reporter's own values first, also when typed without diacritics or in capitals.
    masked = mask_personal_data(mask_values(text, values), known_names=values)
    return _LONG_NUMBER.sub(MASK, masked)


def contains_personal_value(item: Feedback, text: str) -> bool:
    """True when ``text`` contains one of the reporter's own personal values."""
    lowered = text.lower()
    digits = re.sub(r"[\s.\-()]", "", text)
    for value in known_personal_values(item):
        if value.lower() in lowered or (value.lstrip("+").isdigit() and value in digits):
            return True
    # Also without diacritics ("nguyen van an" for "Nguyễn Văn An").
    return mask_values(text, known_personal_values(item)) != unicodedata.normalize("NFC", text)
