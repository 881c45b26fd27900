"""Per-unit content versions and the in-process cache of rendered public lists.

Every change to what a unit shows publicly (publish, withdraw, expire, correct) bumps the
``NoticeUnitVersion`` of each targeted unit in the same transaction, and clears this
process's cache after commit. Other processes notice the new version within
``NOTICES_CACHE_CHECK_SECONDS`` (one primary-key query); between checks a hit costs no
database work at all. Time-driven changes (a scheduled publish time or an expiry passing)
are covered by each entry's ``valid_until``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from core import clock
from core.db import after_commit, db
from notices.models import NoticeUnitVersion


@dataclass
class Entry:
    """A rendered response and what it depends on."""

    body: bytes
    etag: str
    last_modified: datetime
    headers: dict[str, str]  # ETag, Last-Modified, Cache-Control, ready to send
    versions: tuple
    valid_until: datetime | None  # next scheduled change (publish time or expiry)
    checked_at: float  # time.monotonic() of the last version check


_lock = threading.Lock()
_entries: dict[tuple, Entry] = {}
_generation = 0


def get(key: tuple) -> Entry | None:
    """The cached entry for ``key``, if any (may be stale: callers check)."""
    return _entries.get(key)


def put(key: tuple, entry: Entry, generation: int) -> None:
    """Store an entry unless the cache was invalidated while it was being built."""
    with _lock:
        if generation == _generation:
            if len(_entries) > 5000:
                _entries.clear()
            _entries[key] = entry


def generation() -> int:
    """Current invalidation generation (read before building an entry)."""
    return _generation


def invalidate() -> None:
    """Forget every entry of this process."""
    global _generation
    with _lock:
        _generation += 1
        _entries.clear()


def bump(unit_codes: set[str]) -> None:
    """Record in the current transaction that these units' public content changed."""
    moment = clock.now()
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for code in sorted(unit_codes):
        statement = insert(NoticeUnitVersion).values(unit_code=code, version=1,
                                                     changed_at=moment)
        statement = statement.on_conflict_do_update(
            index_elements=[NoticeUnitVersion.unit_code],
            set_={"version": NoticeUnitVersion.version + 1, "changed_at": moment})
        db.session.execute(statement)
    after_commit(invalidate)


def versions(codes: tuple[str, ...]) -> tuple[tuple, datetime | None]:
    """(version per code, latest change time) for the given units."""
    rows = db.session.execute(sa.select(
        NoticeUnitVersion.unit_code, NoticeUnitVersion.version, NoticeUnitVersion.changed_at)
        .where(NoticeUnitVersion.unit_code.in_(codes))).all()
    found = {code: (version, changed) for code, version, changed in rows}
    stamp = tuple(found.get(code, (0, None))[0] for code in codes)
    changes = [changed for _, changed in found.values() if changed is not None]
    return stamp, (max(changes) if changes else None)
