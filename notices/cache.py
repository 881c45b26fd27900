"""Per-unit content versions and the in-process cache of rendered public lists.

Every change to what a unit shows publicly (publish, withdraw, expire, correct) bumps the
``NoticeUnitVersion`` of each targeted unit in the same transaction, and clears this
process's cache (the app's ``core.cache`` :data:`NAME`) after commit. Other processes
notice the new version within ``NOTICES_CACHE_CHECK_SECONDS`` (one primary-key query);
between checks a hit costs no database work at all. Time-driven changes (a scheduled
publish time or an expiry passing) are covered by each entry's ``valid_until``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.dialects import postgresql, sqlite

from core import clock
from core.cache import get_cache, register
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


NAME = "notices.public"
MAX_ENTRIES = 5000


def init_app(app: Flask) -> None:
    """Give the app its cache of rendered public lists."""
    register(app, NAME, max_entries=MAX_ENTRIES)


def get(key: tuple, app: Flask | None = None) -> Entry | None:
    """The cached entry for ``key``, if any (may be stale: callers check). ``app``: for the
    WSGI fast path, which runs outside an app context."""
    return get_cache(NAME, app).get(key)


def put(key: tuple, entry: Entry, generation: int) -> None:
    """Store an entry unless the cache was invalidated while it was being built."""
    get_cache(NAME).put(key, entry, generation=generation)


def generation() -> int:
    """Current invalidation generation (read before building an entry)."""
    return get_cache(NAME).generation


def invalidate(app: Flask | None = None) -> None:
    """Forget every entry of this process."""
    get_cache(NAME, app).clear()


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
