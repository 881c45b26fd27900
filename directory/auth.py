"""Staff authentication: API bearer tokens (``Authorization: Bearer <personal token>``),
console passwords (argon2id), the sign-in throttle per (account, address) (core/signin_throttle.py),
resets, unlocks and disabling by an administrator. Password changes, resets and disabling end
the account's console sessions (core/sessions.py).
"""

from __future__ import annotations

import logging
import math
import re
import secrets
from functools import cache, wraps

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import g, request

from core import messages
from core import signin_throttle as throttle
from core.clock import now
from core.codes import digest, new_secret
from core.db import db, flush
from core.errors import AppError, Conflict, Forbidden, NotFound, Unauthorized, UserValueError
from directory import service, sessions
from directory.models import AdminUnit, ApiToken, StaffUser

log = logging.getLogger(__name__)

ROLES = ("province_admin", "commune_leader", "officer", "viewer")
ROLE_LABELS = {
    "province_admin": "Quản trị tỉnh",
    "commune_leader": "Lãnh đạo xã, phường",
    "officer": "Cán bộ xử lý",
    "viewer": "Người xem",
}
PASSWORD_MIN_LENGTH = 10
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,80}$")
# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile).
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    return _hasher.hash("no-such-account")


class LoginFailed(AppError):
    """Wrong name or password, or no such active account: one answer for all (401)."""

    status_code = 401


class LoginThrottled(AppError):
    """Too many failures for this name from this address: wait before trying again (429)."""

    status_code = 429


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def current_staff() -> StaffUser:
    """The authenticated staff user of this request (set by :func:`staff_required`)."""
    return g.staff_user


def authenticate(token: str) -> StaffUser | None:
    """The active staff user owning an unrevoked token."""
    return db.session.scalar(
        sa.select(StaffUser).join(ApiToken, ApiToken.staff_user_id == StaffUser.id)
        .where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None),
               StaffUser.is_active))


def staff_required(view):
    """Require a valid staff token; 401 in the error shape otherwise."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = _bearer()
        if token is None:
            raise Unauthorized(messages.AUTH_REQUIRED, headers={"WWW-Authenticate": "Bearer"})
        user = authenticate(token)
        if user is None:
            raise Unauthorized(messages.AUTH_INVALID, headers={"WWW-Authenticate": "Bearer"})
        g.staff_user = user
        return view(*args, **kwargs)

    return wrapper


def issue_token(user: StaffUser) -> str:
    """Create a personal API token for ``user`` and return it (shown once)."""
    token = new_secret(32)
    db.session.add(ApiToken(staff_user_id=user.id, token_hash=digest(token)))
    flush()
    return token


def revoke_tokens(user: StaffUser, token_id: int | None = None) -> int:
    """Revoke one token of ``user`` (or all of them); returns how many were revoked."""
    query = sa.update(ApiToken).where(ApiToken.staff_user_id == user.id,
                                      ApiToken.revoked_at.is_(None))
    if token_id is not None:
        query = query.where(ApiToken.id == token_id)
    count = db.session.execute(query.values(revoked_at=now())
                               .execution_options(synchronize_session=False)).rowcount
    flush()
    log.info("revoked %s API token(s) of staff %s", count, user.id)
    return count


def list_tokens(user: StaffUser) -> list[ApiToken]:
    """The tokens of ``user``, newest first (hashes only; tokens are never stored)."""
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.staff_user_id == user.id)
                                   .order_by(ApiToken.id.desc())))


def _new_staff(username: str, role: str, unit_code: str, office_id: int | None,
               full_name: str) -> StaffUser:
    unit = service.get_unit(unit_code)
    if role not in ROLES:
        raise UserValueError(messages.ROLE_INVALID, {"role": [messages.ROLE_INVALID]})
    if not _USERNAME.match(username or ""):
        raise UserValueError(messages.USERNAME_INVALID, {"username": [messages.USERNAME_INVALID]})
    if role == "officer" and office_id is None:
        raise UserValueError(messages.OFFICE_REQUIRED, {"office": [messages.OFFICE_REQUIRED]})
    if office_id is not None:
        office = service.get_office(office_id)
        if office.unit_code != unit.code:
            raise UserValueError(messages.OFFICE_WRONG_UNIT,
                                 {"office": [messages.OFFICE_WRONG_UNIT]})
    if db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username)):
        raise Conflict(messages.USERNAME_TAKEN, {"username": [messages.USERNAME_TAKEN]})
    user = StaffUser(username=username, role=role, unit_code=unit.code, office_id=office_id,
                     full_name=full_name)
    db.session.add(user)
    db.session.flush()
    return user


def create_staff(username: str, role: str, unit_code: str, office_id: int | None = None,
                 full_name: str = "") -> StaffUser:
    """Create a staff account in a unit (and office, for officers), without a password."""
    user = _new_staff(username, role, unit_code, office_id, full_name)
    flush()
    return user


def create_staff_with_password(username: str, role: str, unit_code: str,
                               office_id: int | None = None,
                               full_name: str = "") -> tuple[StaffUser, str]:
    """Create an account with a one-time password (to change at first sign-in)."""
    user = _new_staff(username, role, unit_code, office_id, full_name)
    password = _one_time_password()
    _store_password(user, password, must_change=True, reason="reset")
    flush()
    return user, password


# --- passwords ------------------------------------------------------------------------------
def _one_time_password() -> str:
    """12 characters from an alphabet without look-alikes, always with letters and digits."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(12))
        if password_problem(password, "") is None:
            return password


def password_problem(password: str, username: str) -> str | None:
    """Why ``password`` is not acceptable, or None."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return messages.PASSWORD_TOO_SHORT.format(n=PASSWORD_MIN_LENGTH)
    if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
        return messages.PASSWORD_TOO_SIMPLE
    if username and password.lower() == username.lower():
        return messages.PASSWORD_SAME_AS_USERNAME
    return None


def _store_password(user: StaffUser, password: str, must_change: bool, reason: str) -> None:
    user.password_hash = _hasher.hash(password)
    user.must_change_password = must_change
    user.session_version = (user.session_version or 0) + 1
    sessions.end_all(user, reason)  # every console session signed in with the old password


def set_password(user: StaffUser, password: str) -> None:
    """The user chooses a new password (checked against the policy)."""
    problem = password_problem(password, user.username)
    if problem:
        raise UserValueError(problem, {"password": [problem]})
    _store_password(user, password, must_change=False, reason="password")
    flush()


def reset_password(user: StaffUser) -> str:
    """Give ``user`` a new one-time password (ends their sessions, unlocks sign-in); returns
    it, shown once."""
    password = _one_time_password()
    _store_password(user, password, must_change=True, reason="reset")
    flush()
    throttle.unlock(user.username)
    log.info("password of staff %s reset", user.id)
    return password


def unlock(user: StaffUser) -> None:
    """Let ``user`` try to sign in again from every address (failures forgotten)."""
    throttle.unlock(user.username)
    log.info("sign-in of staff %s unlocked", user.id)


def set_active(admin: StaffUser | None, user: StaffUser, active: bool) -> None:
    """Disable an account (its console sessions end, its API tokens stop working) or enable
    it again. Nobody disables their own account."""
    if not active and admin is not None and admin.id == user.id:
        raise Conflict(messages.DISABLE_SELF)
    user.is_active = active
    if not active:
        sessions.end_all(user, "disabled")
    flush()
    log.info("staff %s %s", user.id, "enabled" if active else "disabled")


def end_sessions(user: StaffUser) -> int:
    """End every console session of ``user`` (an administrator's action); returns how many."""
    count = sessions.end_all(user, "admin")
    flush()
    log.info("ended %s console session(s) of staff %s", count, user.id)
    return count


def login(username: str, password: str, address: str) -> StaffUser:
    """Check a console sign-in from client ``address``. Unknown names, disabled accounts and
    wrong passwords get one answer after the same work; failures are throttled per (name,
    address) with growing delays, never by locking the account for everyone."""
    wait = throttle.wait_seconds(username, address)
    if wait:
        raise LoginThrottled(messages.LOGIN_THROTTLED.format(minutes=math.ceil(wait / 60)),
                             headers={"Retry-After": str(wait)})
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
    if user is None or not user.is_active or not user.password_hash:
        _verify(_dummy_hash(), password)  # same work as for a real account
        user = None
    elif not _verify(user.password_hash, password):
        user = None
    if user is None:
        if throttle.failed(username, address):
            log.warning("sign-in failures for one name from one address: delayed")
        raise LoginFailed(messages.LOGIN_INVALID)
    throttle.succeeded(username, address)
    user.last_login_at = now()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    flush()
    return user


def check_password(user: StaffUser, password: str) -> bool:
    """Whether ``password`` is the user's current password (no counting, no lock)."""
    return bool(user.password_hash) and _verify(user.password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# --- administration -------------------------------------------------------------------------
def may_administer(admin: StaffUser, unit: AdminUnit) -> bool:
    """Province administrators manage the accounts of their province and its communes."""
    return (admin.role == "province_admin" and admin.is_active
            and unit.province_code == admin.unit_code)


def require_admin_of(admin: StaffUser, unit_code: str) -> AdminUnit:
    """The unit, if ``admin`` may manage its accounts; 403 otherwise."""
    unit = service.get_unit(unit_code)
    if not may_administer(admin, unit):
        raise Forbidden(messages.NOT_ADMIN_OF_UNIT)
    return unit


def managed_staff(admin: StaffUser, staff_id: int) -> StaffUser:
    """A staff account ``admin`` may manage; 404 for any other (and a log line)."""
    user = db.session.get(StaffUser, staff_id)
    if user is None or not may_administer(admin, user.unit):
        log.warning("staff %s not in admin scope of staff %s", staff_id, admin.id)
        raise NotFound(messages.STAFF_NOT_FOUND)
    return user


def staff_in_scope(admin: StaffUser) -> list[StaffUser]:
    """Accounts ``admin`` manages, by unit then name."""
    if admin.role != "province_admin":
        return []
    units = sa.select(AdminUnit.code).where(sa.or_(AdminUnit.code == admin.unit_code,
                                                   AdminUnit.parent_code == admin.unit_code))
    return list(db.session.scalars(sa.select(StaffUser).where(StaffUser.unit_code.in_(units))
                                   .order_by(StaffUser.unit_code, StaffUser.username)))
