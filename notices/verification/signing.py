"""Canonical serialization of a published notice version, its Ed25519 signature, and the
check of a signature against published keys (no database: the offline CLI, the source
system and tests use it with a key set read from a file).

The signed bytes are ``json.dumps(payload, sort_keys=True, ensure_ascii=False,
separators=(",", ":"))`` in UTF-8, where ``payload`` holds the fields every public surface
shows (the board's script builds the same bytes from the notice JSON)::

    {"format": "thongtin-notice/1", "id", "version", "verification_code", "unit",
     "unit_name", "title", "summary", "body", "category", "priority", "risk_level",
     "targets", "published_at", "expires_at"}

Images are not signed (they are served beside the notice, not in it).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from core import clock
from notices.models import Notice

FORMAT = "thongtin-notice/1"
ALGORITHM = "Ed25519"


def _shown(code: str | None) -> str | None:
    return f"{code[:3]}-{code[3:]}" if code else None  # as every surface shows it


def payload_of(notice: Notice) -> dict[str, Any]:
    """The signed fields of a notice version, as they are stored."""
    return {
        "format": FORMAT,
        "id": notice.id,
        "version": notice.version,
        "verification_code": _shown(notice.verification_code),
        "unit": notice.unit.code,
        "unit_name": notice.unit.name,
        "title": notice.title,
        "summary": notice.summary,
        "body": notice.body,
        "category": notice.category,
        "priority": notice.priority,
        "risk_level": notice.risk_level,
        "targets": sorted(notice.target_codes),
        "published_at": clock.isoformat_local(notice.published_at),
        "expires_at": clock.isoformat_local(notice.expires_at),
    }


def payload_from_public(data: dict[str, Any]) -> dict[str, Any]:
    """The signed fields rebuilt from a notice as the public JSON shows it."""
    risk = data.get("risk") or {}
    return {
        "format": FORMAT,
        "id": data.get("id"),
        "version": data.get("version"),
        "verification_code": data.get("verification_code"),
        "unit": (data.get("unit") or {}).get("code"),
        "unit_name": (data.get("unit") or {}).get("name"),
        "title": data.get("title"),
        "summary": data.get("summary"),
        "body": data.get("body"),
        "category": (data.get("category") or {}).get("code"),
        "priority": data.get("priority"),
        "risk_level": risk.get("level"),
        "targets": sorted(t.get("code") for t in data.get("targets") or []),
        "published_at": data.get("published_at"),
        "expires_at": data.get("expires_at"),
    }


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes that are signed."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def digest(payload: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical bytes."""
    return hashlib.sha256(canonical(payload)).hexdigest()


def sign(payload: dict[str, Any], key: ed25519.Ed25519PrivateKey) -> bytes:
    """The Ed25519 signature of ``payload``."""
    return key.sign(canonical(payload))


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value)


def check(payload: dict[str, Any], signature: dict[str, Any] | None,
          keys: list[dict[str, Any]], moment: datetime | None = None) -> tuple[bool, str]:
    """Whether ``signature`` (``{"algorithm", "key_id", "value"}``) signs ``payload`` with
    one of ``keys`` (a published key set's ``keys``) that is valid at ``moment``.

    Returns (ok, reason); reason is one of "valid", "unsigned", "unknown_key",
    "key_expired", "key_not_yet_valid", "bad_signature".
    """
    from notices.verification.keys import unb64url

    if not signature or signature.get("algorithm") != ALGORITHM:
        return False, "unsigned"
    key = next((k for k in keys if k.get("id") == signature.get("key_id")), None)
    if key is None:
        return False, "unknown_key"
    moment = moment or clock.now()
    expires, start = _parse_time(key.get("expires_at")), _parse_time(key.get("valid_from"))
    if expires is not None and moment >= expires:
        return False, "key_expired"
    if start is not None and moment < start:
        return False, "key_not_yet_valid"
    try:
        public = ed25519.Ed25519PublicKey.from_public_bytes(unb64url(key["public_key"]))
        public.verify(unb64url(str(signature.get("value", ""))), canonical(payload))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False, "bad_signature"
    return True, "valid"


def check_public(data: dict[str, Any], keys: list[dict[str, Any]],
                 moment: datetime | None = None) -> tuple[bool, str]:
    """:func:`check` of a notice as the public JSON shows it (its ``signature`` included)."""
    return check(payload_from_public(data), data.get("signature"), keys, moment)
