"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
# No query strings in the access log: lookups carry phones and tokens.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse several workers that would each keep their own rate-limit counters (unless
    RATELIMIT_ALLOW_PER_PROCESS), and tell every worker how many web processes there are."""
    os.environ["WEB_WORKERS"] = str(server.cfg.workers)
    from core.ratelimits import check_gunicorn

    warning = check_gunicorn(server.cfg.workers)
    if warning:
        server.log.warning("WARNING: %s", warning)
