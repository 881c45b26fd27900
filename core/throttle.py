"""Throttles of one thing rather than one client: wrong proofs of ownership of one item,
one-time codes sent for one item, look-ups by one Mini App user (the console's sign-in
throttle, with its growing delays, is ``core.signin_throttle``). Counted in the rate-limit store (``RATELIMIT_STORAGE_URI``:
Redis when several processes serve, memory in the embedded default) with a moving window,
whether or not per-address request limits are enabled."""

from __future__ import annotations

from flask import Flask, current_app
from limits import parse, storage, strategies

from core.ratelimits import storage_options

_EXTENSION = "throttle"


def init_app(app: Flask) -> None:
    """Give the app its throttle, on the rate-limit store (as ``core.ratelimits`` chose it)."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    store = storage.storage_from_string(uri, **storage_options(uri))
    app.extensions[_EXTENSION] = strategies.MovingWindowRateLimiter(store)


def _strategy() -> strategies.MovingWindowRateLimiter:
    return current_app.extensions[_EXTENSION]


def allowed(name: str, key: str | int, limit: str) -> bool:
    """Whether another attempt at ``name`` for ``key`` is within ``limit`` ("5 per hour")."""
    return _strategy().test(parse(limit), name, str(key))


def hit(name: str, key: str | int, limit: str) -> bool:
    """Count one attempt; False when it goes over the limit."""
    return _strategy().hit(parse(limit), name, str(key))


def clear(name: str, key: str | int, limit: str) -> None:
    """Forget the attempts at ``name`` for ``key`` (after a successful proof)."""
    _strategy().clear(parse(limit), name, str(key))
