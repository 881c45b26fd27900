"""Where rate-limit counters live, and the refusal to count them per process in production.

Flask-Limiter's ``memory://`` storage keeps counters inside one process: with five gunicorn
workers a limit of 20 lets up to 100 requests through. So:

- when ``RATELIMIT_STORAGE_URI`` is left at ``memory://`` and the Celery broker is Redis,
  the limits (and the console sign-in throttle) use that Redis;
- limits counted per process in more than one web process (``WEB_WORKERS``, set by
  ``gunicorn.conf.py``) refuse to start unless ``RATELIMIT_ALLOW_PER_PROCESS`` is set; then
  they are reported loudly at start and in ``/readyz``.

The embedded default (``make run``: one web process) keeps ``memory://``. A shared storage
that stops answering does not fail requests: each process counts in memory until it is
back (Flask-Limiter's in-memory fallback), a request caught by the switch goes on uncounted,
and connections to Redis time out quickly.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from core import messages

log = logging.getLogger(__name__)

PER_PROCESS_SCHEMES = ("memory://",)
REDIS_SCHEMES = ("redis://", "rediss://", "redis+unix://")
REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}


def storage_uri(config: Mapping[str, Any]) -> str:
    """The storage the counters use: the configured one, or the Redis broker instead of
    per-process memory."""
    uri = config.get("RATELIMIT_STORAGE_URI") or "memory://"
    broker = config.get("CELERY_BROKER_URL") or ""
    if uri.startswith(PER_PROCESS_SCHEMES) and broker.startswith(REDIS_SCHEMES):
        return broker
    return uri


def storage_options(uri: str) -> dict[str, Any]:
    """Connection options for the storage (short timeouts for Redis)."""
    return dict(REDIS_OPTIONS) if uri.startswith(REDIS_SCHEMES) else {}


def is_per_process(uri: str) -> bool:
    """Whether counters in ``uri`` are private to each process."""
    return uri.startswith(PER_PROCESS_SCHEMES)


def startup_problem(config: Mapping[str, Any], workers: int | None) -> tuple[str, str] | None:
    """("refuse" | "warn", message) when ``workers`` web processes would each count on their
    own; None when the counters are shared, there is one process, or limits are off
    (``RATELIMIT_ENABLED`` false: the sign-in throttle then counts per process)."""
    if not workers or int(workers) <= 1 or not is_per_process(storage_uri(config)) \
            or not config.get("RATELIMIT_ENABLED", True):
        return None
    if config.get("RATELIMIT_ALLOW_PER_PROCESS"):
        return "warn", messages.RATELIMIT_PER_PROCESS_WARNING.format(n=workers)
    return "refuse", messages.RATELIMIT_PER_PROCESS_REFUSED.format(n=workers)


def check_gunicorn(workers: int) -> str | None:
    """Gunicorn's ``on_starting`` hook: raise (gunicorn prints it and exits 1) when the
    configuration would count limits per worker; returns the warning to log, if any."""
    from core.config import load_config

    probe = Flask("core", instance_relative_config=True)
    load_config(probe)
    found = startup_problem(probe.config, workers)
    if found is None:
        return None
    kind, text = found
    if kind == "refuse":
        raise RuntimeError(text)
    return text


def readiness(app: Flask) -> str:
    """What ``/readyz`` says about the rate-limit counters."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    if not app.config.get("RATELIMIT_ENABLED", True):
        return "off"
    if not is_per_process(uri):
        return "shared (" + uri.split("://", 1)[0] + ")"
    workers = app.config.get("WEB_WORKERS") or 1
    if int(workers) > 1:
        return "warning: " + messages.RATELIMIT_PER_PROCESS_WARNING.format(n=workers)
    return "per-process (one web process)"


def init_app(app: Flask) -> None:
    """Choose the storage before Flask-Limiter is bound; refuse or warn about per-process
    counters in several web processes; report them in ``/readyz``."""
    uri = app.config["RATELIMIT_STORAGE_URI"] = storage_uri(app.config)
    if not is_per_process(uri):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", storage_options(uri))
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
        # Flask-Limiter switches to memory for the request that finds the storage dead;
        # another thread's request already talking to the storage then fails after the
        # switch and would be a 500. Its error is logged and the request goes on uncounted.
        app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    found = startup_problem(app.config, app.config.get("WEB_WORKERS"))
    if found is not None:
        kind, text = found
        if kind == "refuse":
            raise RuntimeError(text)
        log.warning("%s", text)
    app.extensions.setdefault("readiness", {})["rate_limits"] = lambda: readiness(app)
