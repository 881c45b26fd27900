"""Vietnamese phone numbers, parsed with ``phonenumbers`` (region VN), stored as E.164."""

from __future__ import annotations

import phonenumbers


def to_e164(raw: str) -> str | None:
    """Return the E.164 form of a Vietnamese-style phone number, or None if invalid.

    Accepts 0…, +84…, 84… with spaces, dots, dashes or brackets.
    """
    raw = raw.strip()
    if not raw or len(raw) > 32:
        return None
    digits = "".join(ch for ch in raw if ch.isdigit())
    if raw.startswith("84") or (digits.startswith("84") and not raw.startswith(("0", "+"))):
        raw = "+" + digits
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask(e164: str) -> str:
    """A phone shown to people who may not see it whole: +8491*****78."""
    if len(e164) <= 6:
        return "*" * len(e164)
    return e164[:5] + "*" * (len(e164) - 7) + e164[-2:]
