"""The send rate limit shared by every worker: a one-second fixed window (``limits``)
counted in the Redis of the broker.

Without a Redis broker (the embedded default: one process) the window is counted in memory;
so it is when Redis does not answer. A sender over the limit waits for the next window
instead of failing the delivery. The limiters are kept on the app.
"""

from __future__ import annotations

import time

from flask import Flask, current_app
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

_EXTENSION = "zalo_send_limiters"


def _limiters(app: Flask) -> tuple[FixedWindowRateLimiter | None, FixedWindowRateLimiter]:
    """(the Redis limiter of the broker, or None; the in-memory one) of ``app``."""
    broker = str(app.config.get("CELERY_BROKER_URL") or "")
    kept = app.extensions.setdefault(_EXTENSION, {})
    if broker not in kept:
        shared = None
        if broker.startswith("redis"):
            shared = FixedWindowRateLimiter(storage_from_string(
                broker, socket_timeout=2, socket_connect_timeout=2))
        kept[broker] = (shared, FixedWindowRateLimiter(MemoryStorage()))
    return kept[broker]


def acquire(name: str = "send") -> None:
    """Block until a send slot is free in the current one-second window."""
    limit = int(current_app.config["ZALO_SEND_RATE_PER_SECOND"])
    if limit <= 0:
        return
    item = RateLimitItemPerSecond(limit, 1, namespace="zalo")
    shared, local = _limiters(current_app)
    while True:
        limiter = local
        if shared is not None:
            try:
                if shared.hit(item, name):
                    return
                limiter = shared
            except Exception:  # noqa: BLE001 - Redis hiccup: fall back to this process
                limiter = local
        if limiter is local and local.hit(item, name):
            return
        try:
            reset = limiter.get_window_stats(item, name).reset_time
        except Exception:  # noqa: BLE001 - Redis hiccup: try again shortly
            reset = time.time() + 0.05
        # Redis gives the window's end in whole seconds: look again at least every 20 ms.
        time.sleep(min(1.0, max(0.02, reset - time.time())))
