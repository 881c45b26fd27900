"""Console sessions kept on the server (``staff_sessions``), so they can be ended.

The signed cookie carries only a random session id; the row (its digest, the account, when
it started, its absolute expiry, last activity, when and why it ended) decides. A session
ends at sign-out, when the password is changed or reset, when the account is disabled, when
an administrator ends it, after ``CONSOLE_IDLE_MINUTES`` without a request, and
``PERMANENT_SESSION_LIFETIME`` after sign-in however busy it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from core import clock
from core.codes import digest, new_secret
from core.db import db, flush
from directory.models import StaffSession, StaffUser


@dataclass(frozen=True)
class Check:
    """The outcome of checking a session id: the user, or why there is none."""

    user: StaffUser | None
    ended: str | None = None  # idle | expired | revoked | unknown


def _lifetime() -> timedelta:
    return current_app.permanent_session_lifetime


def start(user: StaffUser) -> str:
    """Open a session for ``user``; returns the id for the cookie (stored as a digest)."""
    token = new_secret(32)
    moment = clock.now()
    db.session.add(StaffSession(token_hash=digest(token), staff_user_id=user.id,
                                created_at=moment, expires_at=moment + _lifetime(),
                                last_seen_at=moment))
    flush()
    return token


def check(token: str) -> Check:
    """The active user of session ``token``; ends the session when it has run out."""
    row = db.session.scalar(sa.select(StaffSession).where(
        StaffSession.token_hash == digest(token)))
    if row is None:
        return Check(None, "unknown")
    if row.revoked_at is not None:
        return Check(None, "revoked")
    moment = clock.now()
    idle = timedelta(minutes=current_app.config["CONSOLE_IDLE_MINUTES"])
    user = row.staff_user
    ended = ("expired" if moment >= row.expires_at
             else "idle" if moment - row.last_seen_at > idle
             else "disabled" if not user.is_active else None)
    if ended:
        row.revoked_at, row.revoked_reason = moment, ended
        flush()
        return Check(None, "revoked" if ended == "disabled" else ended)
    touch = timedelta(seconds=current_app.config["CONSOLE_SESSION_TOUCH_SECONDS"])
    if moment - row.last_seen_at >= touch:
        row.last_seen_at = moment
        flush()
    return Check(user)


def end(token: str, reason: str = "logout") -> None:
    """End one session (sign-out)."""
    db.session.execute(sa.update(StaffSession).where(
        StaffSession.token_hash == digest(token), StaffSession.revoked_at.is_(None))
        .values(revoked_at=clock.now(), revoked_reason=reason)
        .execution_options(synchronize_session=False))
    flush()


def end_all(user: StaffUser, reason: str) -> int:
    """End every open session of ``user`` (flush only: the caller's unit of work commits).
    Returns how many were open."""
    return db.session.execute(sa.update(StaffSession).where(
        StaffSession.staff_user_id == user.id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=clock.now(), revoked_reason=reason)
        .execution_options(synchronize_session=False)).rowcount


def open_sessions(user: StaffUser) -> list[StaffSession]:
    """Sessions of ``user`` still open (not ended, not idle, not past their expiry), newest
    first."""
    moment = clock.now()
    idle = timedelta(minutes=current_app.config["CONSOLE_IDLE_MINUTES"])
    return list(db.session.scalars(sa.select(StaffSession).where(
        StaffSession.staff_user_id == user.id, StaffSession.revoked_at.is_(None),
        StaffSession.expires_at > moment, StaffSession.last_seen_at >= moment - idle)
        .order_by(StaffSession.id.desc())))
