"""Partner API keys: issue, revoke, list, authenticate. Keys are stored as SHA-256 digests."""

from __future__ import annotations

import sqlalchemy as sa

import directory
from core.clock import now
from core.codes import digest, new_secret
from core.db import db, flush
from core.errors import NotFound, UserValueError
from directory.models import AdminUnit
from feedback.open311 import messages
from feedback.open311.models import Open311Key

PREFIX = "o311_"


def create_key(partner: str, unit_code: str, collects_consent: bool = False,
               consent_policy: str | None = None,
               created_by_id: int | None = None) -> tuple[Open311Key, str]:
    """Issue a key for ``partner`` limited to a province or commune; the key is shown once."""
    unit = directory.get_unit(unit_code)
    if collects_consent and not consent_policy:
        raise UserValueError(messages.KEY_POLICY_REQUIRED,
                             {"consent_policy": [messages.KEY_POLICY_REQUIRED]})
    raw = PREFIX + new_secret(24)
    key = Open311Key(partner=partner, key_hash=digest(raw), key_prefix=raw[:8],
                     unit_code=unit.code, collects_consent=collects_consent,
                     consent_policy=consent_policy if collects_consent else None,
                     created_by_id=created_by_id)
    db.session.add(key)
    flush()
    return key, raw


def get_key(key_id: int, province_code: str | None = None) -> Open311Key:
    """A key by id (within a province when given), or 404."""
    key = db.session.get(Open311Key, key_id)
    if key is None or (province_code and key.unit_code not in units_of(province_code)):
        raise NotFound(messages.KEY_NOT_FOUND)
    return key


def revoke_key(key_id: int, province_code: str | None = None) -> Open311Key:
    """Revoke a key (revoking twice keeps the first time)."""
    key = get_key(key_id, province_code)
    if key.revoked_at is None:
        key.revoked_at = now()
        flush()
    return key


def units_of(province_code: str) -> set[str]:
    """A province's code and its communes' codes."""
    communes = db.session.scalars(sa.select(AdminUnit.code)
                                  .where(AdminUnit.parent_code == province_code))
    return {province_code, *communes}


def list_keys(province_code: str | None = None) -> list[Open311Key]:
    """Keys, newest first (those of one province when given)."""
    query = sa.select(Open311Key).order_by(Open311Key.id.desc())
    if province_code:
        query = query.where(Open311Key.unit_code.in_(units_of(province_code)))
    return list(db.session.scalars(query))


def authenticate(raw: str | None) -> Open311Key | None:
    """The active key matching ``raw``."""
    if not raw:
        return None
    return db.session.scalar(sa.select(Open311Key).where(
        Open311Key.key_hash == digest(raw), Open311Key.revoked_at.is_(None)))
