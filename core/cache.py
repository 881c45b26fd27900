"""In-process caches, one helper for all of them, each owned by its app.

A package registers its caches in ``init_app`` (:func:`register`) and reaches them with
:func:`get_cache`; a second app has caches of its own. A cache is a bounded map whose entries
may expire (seconds on the monotonic clock, per cache or per entry). :meth:`Cache.clear`
also moves the cache's generation on, so a value computed before an invalidation is not
stored after it (:meth:`Cache.put` with the generation read before computing).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from typing import Any

from flask import Flask, current_app

_EXTENSION = "caches"
_MISSING = object()


class Cache:
    """A thread-safe map with optional expiry and a size bound (when full, expired entries
    go first, else the oldest tenth)."""

    def __init__(self, name: str, ttl: float | None = None, max_entries: int = 10_000):
        self.name = name
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float | None, Any]] = {}
        self._lock = threading.Lock()
        self._generation = 0

    @property
    def generation(self) -> int:
        """Moves on at every :meth:`clear` (read it before computing a value)."""
        return self._generation

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value under ``key``, or ``default`` when absent or expired."""
        hit = self._entries.get(key, _MISSING)
        if hit is _MISSING:
            return default
        until, value = hit  # type: ignore[misc]
        if until is not None and until <= time.monotonic():
            return default
        return value

    def __contains__(self, key: Hashable) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def put(self, key: Hashable, value: Any, ttl: float | None = None,
            generation: int | None = None) -> None:
        """Store ``value`` (for ``ttl`` seconds, else the cache's own); nothing is stored
        when ``generation`` is given and the cache was cleared since it was read, or when
        the time to live is zero or less."""
        ttl = self.ttl if ttl is None else ttl
        if ttl is not None and ttl <= 0:
            return
        moment = time.monotonic()
        with self._lock:
            if generation is not None and generation != self._generation:
                return
            if key not in self._entries and len(self._entries) >= self.max_entries:
                self._evict(moment)
            self._entries[key] = (None if ttl is None else moment + ttl, value)

    def _evict(self, moment: float) -> None:
        stale = [k for k, (until, _) in self._entries.items()
                 if until is not None and until <= moment]
        for key in stale or list(self._entries)[: max(1, self.max_entries // 10)]:
            self._entries.pop(key, None)

    def pop(self, key: Hashable) -> None:
        """Forget one entry."""
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        """Forget every entry and move the generation on."""
        with self._lock:
            self._generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def register(app: Flask, name: str, ttl: float | None = None,
             max_entries: int = 10_000) -> Cache:
    """Give ``app`` a cache called ``name`` (kept if it already has one)."""
    caches = app.extensions.setdefault(_EXTENSION, {})
    if name not in caches:
        caches[name] = Cache(name, ttl, max_entries)
    return caches[name]


def get_cache(name: str, app: Flask | None = None) -> Cache:
    """The cache ``name`` of ``app`` (the current app by default)."""
    return (app or current_app).extensions[_EXTENSION][name]


def clear_all(app: Flask) -> None:
    """Empty every cache of ``app`` (tests, whose database changes are rolled back)."""
    for cache in app.extensions.get(_EXTENSION, {}).values():
        cache.clear()
