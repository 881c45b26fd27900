"""gunicorn settings; every value can be overridden from the environment.

The app is loaded once in the master (``preload_app``) and workers are forked from it: a
worker boots in milliseconds instead of re-importing the whole app (about a second), and
the imported code is shared copy-on-write. Each worker's boot time is logged. Workers are
recycled only after ``MAX_REQUESTS`` (200,000 by default, jittered by a tenth so they never
restart together): no leak is known; the limit is a safety net that at thousands of
requests a second restarts a worker every few minutes at no measurable cost (bench/).
Because the code is preloaded, ``kill -HUP`` does not load new code: restart the service
to deploy a release.
"""

import multiprocessing
import os
import time

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The app reads WEB_WORKERS when it is built, which with preload_app is before on_starting.
os.environ["WEB_WORKERS"] = str(workers)
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
preload_app = True
max_requests = int(os.environ.get("MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# No query strings in the access log: lookups carry phones and tokens.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse several workers that would each keep their own rate-limit counters (unless
    RATELIMIT_ALLOW_PER_PROCESS), tell every worker how many web processes there are, and
    warm the preloaded app up before the workers are forked (core/warmup.py)."""
    os.environ["WEB_WORKERS"] = str(server.cfg.workers)
    from core.ratelimits import check_gunicorn

    warning = check_gunicorn(server.cfg.workers)
    if warning:
        server.log.warning("WARNING: %s", warning)
    if server.cfg.preload_app:
        app = server.app.wsgi()
        if "celery" in getattr(app, "extensions", {}):  # the service, not a bare benchmark app
            from core.warmup import warm_up

            started = time.monotonic()
            try:
                warm_up(app)
            except Exception as exc:  # noqa: BLE001 - workers then warm up on their own
                server.log.warning("warm-up failed: %r", exc)
            else:
                server.log.info("app warmed up in %.3f s (before forking workers)",
                                time.monotonic() - started)


def pre_fork(server, worker):
    """Note when the master starts forking this worker (read back in the worker)."""
    worker.boot_started = time.monotonic()


def post_fork(server, worker):
    """Each worker opens its own database connections: drop the pools inherited from the
    master (without closing their sockets, which the master owns)."""
    app = server.app.wsgi() if server.cfg.preload_app else None
    if "sqlalchemy" in getattr(app, "extensions", {}):
        from core.db import after_fork

        after_fork(app)


def post_worker_init(worker):
    """Log how long this worker took from fork to ready."""
    started = getattr(worker, "boot_started", None)
    if started is not None:
        worker.log.info("worker %s booted in %.3f s", worker.pid, time.monotonic() - started)
