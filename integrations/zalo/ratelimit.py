"""The send rate limit shared by every worker: a one-second window counted in Redis.

Without a Redis broker (the embedded default: one process) the window is counted in memory.
A sender over the limit waits for the next window instead of failing the delivery.
"""

from __future__ import annotations

import threading
import time

from flask import current_app

_local_lock = threading.Lock()
_local_window = [0, 0]  # [second, count]
_redis_clients: dict[str, object] = {}


def _redis():
    broker = current_app.config.get("CELERY_BROKER_URL") or ""
    if not str(broker).startswith("redis"):
        return None
    client = _redis_clients.get(broker)
    if client is None:
        import redis

        client = redis.Redis.from_url(broker, socket_timeout=2, socket_connect_timeout=2)
        _redis_clients[broker] = client
    return client


def _take_local(second: int, limit: int) -> bool:
    with _local_lock:
        if _local_window[0] != second:
            _local_window[0], _local_window[1] = second, 0
        if _local_window[1] >= limit:
            return False
        _local_window[1] += 1
        return True


def acquire(name: str = "send") -> None:
    """Block until a send slot is free in the current one-second window."""
    limit = int(current_app.config["ZALO_SEND_RATE_PER_SECOND"])
    if limit <= 0:
        return
    client = _redis()
    while True:
        moment = time.time()
        second = int(moment)
        if client is not None:
            try:
                key = f"zalo:rate:{name}:{second}"
                pipe = client.pipeline()
                pipe.incr(key)
                pipe.expire(key, 5)
                count = pipe.execute()[0]
                allowed = count <= limit
            except Exception:  # noqa: BLE001 - Redis hiccup: fall back to this process
                allowed = _take_local(second, limit)
        else:
            allowed = _take_local(second, limit)
        if allowed:
            return
        time.sleep(max(0.001, second + 1 - moment))
