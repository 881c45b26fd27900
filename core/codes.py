"""Public tracking codes and secret tokens.

Tracking codes are random (not sequential) over an alphabet without look-alikes
(no 0/O, 1/I/L, U), 8 characters: about 6.6·10^11 codes, shown as ``ABCD-EFGH``.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8


def _random_code(length: int) -> str:
    """``length`` characters of ALPHABET, each uniform and independent: the digits in base
    len(ALPHABET) of one uniform number below len(ALPHABET) ** length (one draw from the
    system's generator instead of one per character)."""
    value = secrets.randbelow(len(ALPHABET) ** length)
    chars = []
    for _ in range(length):
        value, index = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def new_tracking_code() -> str:
    """A fresh random tracking code."""
    return _random_code(CODE_LENGTH)


def new_public_id() -> str:
    """A fresh random public id (10 characters: never taken for a tracking code)."""
    return _random_code(CODE_LENGTH + 2)


def normalise_tracking_code(raw: str) -> str | None:
    """Accept what people type (lowercase, spaces, dashes); None if it cannot be a code."""
    code = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def display_code(code: str) -> str:
    """``ABCDEFGH`` → ``ABCD-EFGH``."""
    return f"{code[:4]}-{code[4:]}"


def new_secret(nbytes: int = 24) -> str:
    """A URL-safe secret (lookup tokens, API tokens)."""
    return secrets.token_urlsafe(nbytes)


def digest(secret: str) -> str:
    """SHA-256 hex digest under which a secret is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()
