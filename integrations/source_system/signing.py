"""HMAC-SHA256 request signing of the JSON exchange (see ``docs/source-system.md``).

The signed string is four lines joined by ``\\n``: the Unix timestamp (seconds), the
upper-case method, the path (with its query string, if any), and the lower-case hex
SHA-256 of the exact body bytes. The signature is ``v1=`` and the lower-case hex
HMAC-SHA256 of that string under the shared secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

KEY_ID = "X-Source-Key-Id"
TIMESTAMP = "X-Source-Timestamp"
SIGNATURE = "X-Source-Signature"
MESSAGE_ID = "X-Source-Message-Id"
VERSION = "v1"


class SignatureError(Exception):
    """Missing, stale or wrong signature; ``reason`` is a stable code."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def signed_string(timestamp: str, method: str, path: str, body: bytes) -> bytes:
    """The exact bytes that are signed."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join((timestamp, method.upper(), path, digest)).encode("utf-8")


def sign(secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    """The ``X-Source-Signature`` value."""
    mac = hmac.new(secret.encode("utf-8"), signed_string(timestamp, method, path, body),
                   hashlib.sha256).hexdigest()
    return f"{VERSION}={mac}"


def headers(key_id: str, secret: str, method: str, path: str, body: bytes,
            message_id: str, now: float | None = None) -> dict[str, str]:
    """Every header a signed request carries."""
    timestamp = str(int(now if now is not None else time.time()))
    return {KEY_ID: key_id, TIMESTAMP: timestamp, MESSAGE_ID: message_id,
            SIGNATURE: sign(secret, timestamp, method, path, body),
            "Content-Type": "application/json; charset=utf-8"}


def verify(request_headers: Mapping[str, str], method: str, path: str, body: bytes,
           secrets: Mapping[str, str], window: float, now: float | None = None) -> str:
    """Check a signed request; returns its key id or raises :class:`SignatureError`."""
    key_id = request_headers.get(KEY_ID)
    timestamp = request_headers.get(TIMESTAMP, "")
    signature = request_headers.get(SIGNATURE, "")
    if not key_id or not timestamp or not signature:
        raise SignatureError("missing")
    secret = secrets.get(key_id)
    if secret is None:
        raise SignatureError("unknown_key")
    if not timestamp.isdigit():
        raise SignatureError("bad_timestamp")
    moment = now if now is not None else time.time()
    if abs(moment - int(timestamp)) > window:
        raise SignatureError("stale")
    expected = sign(secret, timestamp, method, path, body)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise SignatureError("mismatch")
    return key_id
