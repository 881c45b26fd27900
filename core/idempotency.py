"""``Idempotency-Key`` support: the same key and body get the original answer.

The record is inserted in the same transaction as the work it guards, so a concurrent
retry with the same key waits on the unique key (PostgreSQL) or the write lock (SQLite)
and then finds the stored answer: two items are never created.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import request
from sqlalchemy.exc import IntegrityError

from core import messages
from core.db import db
from core.errors import Conflict, UserValueError
from core.models import IdempotencyRecord

HEADER = "Idempotency-Key"


def key_from_request() -> str | None:
    """The request's idempotency key, validated."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not 1 <= len(key) <= 200:
        raise UserValueError(messages.IDEMPOTENCY_KEY_INVALID,
                             {HEADER: [messages.IDEMPOTENCY_KEY_INVALID]})
    return key


def fingerprint(payload: Any) -> str:
    """Stable hash of a request body (as loaded data)."""
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def replay(key: str, request_hash: str) -> tuple[int, dict[str, Any]] | None:
    """The stored answer for ``key``; 409 if the key came with another body."""
    record = db.session.get(IdempotencyRecord, key)
    if record is None:
        return None
    if record.request_hash != request_hash:
        raise Conflict(messages.IDEMPOTENCY_MISMATCH)
    return record.status_code, record.response


def remember(key: str, request_hash: str, status_code: int, response: dict[str, Any]) -> None:
    """Store the answer in the current transaction; raises IntegrityError on a race."""
    db.session.add(IdempotencyRecord(key=key, request_hash=request_hash,
                                     status_code=status_code, response=response))
    db.session.flush()


def is_duplicate_key(exc: IntegrityError) -> bool:
    """Whether an IntegrityError came from the idempotency key."""
    text = str(exc.orig).lower()
    return "idempotency_records" in text or "pk_idempotency_records" in text
