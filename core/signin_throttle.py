"""The console sign-in throttle: failures counted per (account name, client address), with
growing delays, in the rate-limit storage (Redis when configured, see core/ratelimits.py).

- The name typed is counted whether an account has it or not, so the answers never tell
  whether it exists.
- After ``LOGIN_MAX_FAILURES`` failures from one address, each further failure makes that
  address wait before its next try for that name: ``LOGIN_DELAY_SECONDS``, doubling, at most
  ``LOGIN_LOCKOUT_MINUTES``. Attempts while waiting are refused without checking the
  password (a lucky guess during the wait gains nothing).
- Other addresses are not affected: an attacker cannot lock the real user out.
- A successful sign-in clears that pair's count; ``LOGIN_THROTTLE_WINDOW_HOURS`` after the
  first failure it restarts; an administrator's unlock clears every address at once (the
  account's counters move to a new generation).

Only digests of names and addresses are used as keys. When the storage fails, sign-in goes
on without the throttle (logged): staff must reach the console in an emergency, and the
per-address rate limit still holds.
"""

from __future__ import annotations

import hashlib
import logging
import math
from typing import Any

from flask import Flask, current_app
from limits.storage import Storage, storage_from_string

from core import clock
from core.ratelimits import storage_options

log = logging.getLogger(__name__)

PREFIX = "login"


def _storage() -> Storage:
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    storage = app.extensions.get("login_throttle")
    if storage is None:
        uri = app.config["RATELIMIT_STORAGE_URI"]
        storage = storage_from_string(uri, **storage_options(uri))
        app.extensions["login_throttle"] = storage
    return storage


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _name(username: str) -> str:
    return _hash(username.strip().lower())


def _window() -> int:
    return int(current_app.config["LOGIN_THROTTLE_WINDOW_HOURS"]) * 3600


def _base(storage: Storage, username: str, address: str) -> str:
    name = _name(username)
    generation = storage.get(f"{PREFIX}:gen:{name}")
    return f"{PREFIX}:{name}:{generation}:{_hash(address or '-')}"


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` failures (0 while under the free allowance)."""
    config = current_app.config
    free = int(config["LOGIN_MAX_FAILURES"])
    if failures < free:
        return 0
    cap = int(config["LOGIN_LOCKOUT_MINUTES"]) * 60
    return min(int(config["LOGIN_DELAY_SECONDS"]) * 2 ** min(failures - free, 20), cap)


def _guarded(what: str, fn, default: Any) -> Any:
    try:
        return fn()
    except Exception:
        log.exception("sign-in throttle storage failed (%s); continuing without it", what)
        return default


def wait_seconds(username: str, address: str) -> int:
    """How long ``address`` must still wait before trying ``username`` again (0: may try)."""
    def check() -> int:
        storage = _storage()
        base = _base(storage, username, address)
        failures = storage.get(f"{base}:n")
        if delay_after(failures) == 0:
            return 0
        until = storage.get(f"{base}:until:{failures}")
        return max(0, math.ceil(until - clock.now().timestamp()))

    return _guarded("check", check, 0)


def failed(username: str, address: str) -> int:
    """Count a failure; returns the delay it starts (seconds, 0 for none)."""
    def count() -> int:
        storage = _storage()
        base = _base(storage, username, address)
        failures = storage.incr(f"{base}:n", _window())
        delay = delay_after(failures)
        if delay:
            until = math.ceil(clock.now().timestamp()) + delay
            # One key per failure number: concurrent failures never add up their times.
            storage.incr(f"{base}:until:{failures}", delay + 3600, amount=until)
        return delay

    return _guarded("count", count, 0)


def succeeded(username: str, address: str) -> None:
    """A successful sign-in clears the pair's failures."""
    def clear() -> None:
        storage = _storage()
        storage.clear(f"{_base(storage, username, address)}:n")

    _guarded("clear", clear, None)


def unlock(username: str) -> None:
    """Clear the failures of ``username`` from every address (an administrator's unlock)."""
    def bump() -> None:
        storage = _storage()
        storage.incr(f"{PREFIX}:gen:{_name(username)}", _window() + 2 * 86400)

    _guarded("unlock", bump, None)


def reset(app: Flask) -> None:
    """Forget every counter of ``app``'s throttle (tests with per-process storage)."""
    storage = app.extensions.get("login_throttle")
    if storage is not None:
        storage.reset()
