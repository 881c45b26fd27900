"""The privacy notice: versions (never edited, a new text is a new version), the current
one, and the version a consent names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from core import clock
from core.cache import get_cache
from core.db import db, flush
from core.errors import Conflict, NotFound
from privacy import messages
from privacy.models import PrivacyNotice


def current(at: datetime | None = None) -> PrivacyNotice:
    """The notice in force at ``at`` (now): the latest whose effective time has come."""
    moment = at or clock.now()
    notice = db.session.scalar(sa.select(PrivacyNotice)
                               .where(PrivacyNotice.effective_at <= moment)
                               .order_by(PrivacyNotice.effective_at.desc()).limit(1))
    if notice is None:
        raise NotFound(messages.NOTICE_NONE)
    return notice


def current_version() -> str:
    """The version forms and the chat send with a consent."""
    return current().version


def get(version: str) -> PrivacyNotice:
    """One version, or 404."""
    notice = db.session.get(PrivacyNotice, version[:40])
    if notice is None:
        raise NotFound(messages.NOTICE_NOT_FOUND)
    return notice


# Versions are never edited or deleted, so a version once seen stays known (the app's cache
# KNOWN_CACHE): intake asks on every submission with contact data and needs no query after
# the first.
KNOWN_CACHE = "privacy.notice_versions"


def is_known(version: str) -> bool:
    """Whether a consent names a version we published."""
    version = version[:40]
    known = get_cache(KNOWN_CACHE)
    if version in known:
        return True
    if db.session.get(PrivacyNotice, version) is None:
        return False
    known.put(version, True)
    return True


def versions() -> list[PrivacyNotice]:
    """Every version, newest first."""
    return list(db.session.scalars(sa.select(PrivacyNotice)
                                   .order_by(PrivacyNotice.effective_at.desc())))


def add(version: str, title: str, summary: str, consent_text: str,
        sections: list[dict[str, Any]], effective_at: datetime) -> PrivacyNotice:
    """Publish a new version (an existing version is never overwritten)."""
    if db.session.get(PrivacyNotice, version) is not None:
        raise Conflict(messages.NOTICE_EXISTS.format(version=version))
    notice = PrivacyNotice(version=version, title=title, summary=summary,
                           consent_text=consent_text, sections=sections,
                           effective_at=effective_at, created_at=clock.now())
    db.session.add(notice)
    flush()
    return notice
