"""Throttles of one thing rather than one client: wrong proofs of ownership of one item,
one-time codes sent for one item, look-ups by one Mini App user (the console's sign-in
throttle, with its growing delays, is ``core.signin_throttle``). Counted in the rate-limit
store (``RATELIMIT_STORAGE_URI``: Redis when several processes serve, memory in the embedded
default) with a moving window, whether or not per-address request limits are enabled."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app
from limits import parse, storage, strategies

from core.ratelimits import storage_options

log = logging.getLogger(__name__)

_EXTENSION = "throttle"


def init_app(app: Flask) -> None:
    """Give the app its throttle, on the rate-limit store (as ``core.ratelimits`` chose it)."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    store = storage.storage_from_string(uri, **storage_options(uri))
    app.extensions[_EXTENSION] = strategies.MovingWindowRateLimiter(store)


def _strategy() -> strategies.MovingWindowRateLimiter:
    return current_app.extensions[_EXTENSION]


def _guarded(what: str, call: Callable[[], bool]) -> bool:
    """The store's answer; when the store does not answer (Redis down), go on as if under
    the limit, logged: the per-address limits still hold, and citizens are not locked out
    by an outage."""
    try:
        return call()
    except Exception:  # noqa: BLE001 - any storage failure
        log.warning("throttle store unavailable (%s); not counting", what)
        return True


def allowed(name: str, key: str | int, limit: str) -> bool:
    """Whether another attempt at ``name`` for ``key`` is within ``limit`` ("5 per hour")."""
    return _guarded(name, lambda: _strategy().test(parse(limit), name, str(key)))


def hit(name: str, key: str | int, limit: str) -> bool:
    """Count one attempt; False when it goes over the limit."""
    return _guarded(name, lambda: _strategy().hit(parse(limit), name, str(key)))
