"""Finding 11: rate limits counted per process. With the default ``memory://`` storage and
five gunicorn workers, 85 of 150 lookups passed a limit of 20.

Now: with a Redis broker and the storage left at ``memory://``, the limits use that Redis
(exactly the limit passes, however many workers); per-process counters in several workers
refuse to start, or, when ``RATELIMIT_ALLOW_PER_PROCESS`` allows them, are reported at start
and in ``/readyz``. One process (the embedded default) keeps ``memory://``. Real gunicorn
processes, a throwaway redis-server.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from core import ratelimits
from tests.conftest import dispose, make_app
from tests.procs import Gunicorn, RedisServer, service_env

LOOKUP = "/api/v1/feedback/ABCD-EFGH?phone=0912345678"


@pytest.fixture(scope="module")
def database_url(tmp_path_factory, app):
    """A migrated database the web processes share."""
    made = make_app(tmp_path_factory, "_limits")
    dispose(made)
    app.extensions["celery"].set_current()  # the session app's Celery stays current
    app.extensions["celery"].set_default()
    return made.config["SQLALCHEMY_DATABASE_URI"]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


def _serve(tmp_path, url: str, workers: int, **settings) -> Gunicorn:
    env = service_env({"RATELIMIT_ENABLED": True, "RATELIMIT_LOOKUP": "20 per minute",
                       **settings}, url)
    return Gunicorn(env, tmp_path / "gunicorn.log", workers=workers, threads=4)


def _lookups(base: str, n: int) -> list[int]:
    """``n`` lookups, each on its own connection (so the workers share them)."""
    def one(_):
        return httpx.get(base + LOOKUP, timeout=30).status_code

    with ThreadPoolExecutor(10) as pool:
        return list(pool.map(one, range(n)))


def test_finding_11_the_limit_holds_across_workers_with_the_redis_broker(
        tmp_path, database_url, redis_server):
    server = _serve(tmp_path, database_url, workers=3,
                    CELERY_BROKER_URL=redis_server.url).start()
    try:
        statuses = _lookups(server.url, 150)
        ready = httpx.get(server.url + "/readyz", timeout=10).json()
    finally:
        server.stop()
    assert sum(1 for s in statuses if s != 429) == 20
    assert statuses.count(429) == 130
    assert ready["checks"]["rate_limits"] == "shared (redis)"


def test_finding_11_several_workers_counting_per_process_refuse_to_start(tmp_path,
                                                                         database_url):
    server = _serve(tmp_path, database_url, workers=2)
    with pytest.raises(RuntimeError) as refused:
        server.start()
    assert "Không khởi động: 2 tiến trình web" in str(refused.value)
    assert server.proc.returncode == 1


def test_finding_11_per_process_counters_when_allowed_are_reported_at_start_and_in_readyz(
        tmp_path, database_url):
    server = _serve(tmp_path, database_url, workers=2,
                    RATELIMIT_ALLOW_PER_PROCESS=True).start()
    try:
        ready = httpx.get(server.url + "/readyz", timeout=10).json()
    finally:
        server.stop()
    assert ready["checks"]["rate_limits"].startswith("warning: giới hạn truy cập được đếm")
    assert "WARNING: giới hạn truy cập được đếm riêng trong từng tiến trình (2" in server.log()


def test_finding_11_one_web_process_keeps_memory_storage(tmp_path, database_url):
    server = _serve(tmp_path, database_url, workers=1).start()
    try:
        statuses = _lookups(server.url, 30)
        ready = httpx.get(server.url + "/readyz", timeout=10).json()
    finally:
        server.stop()
    assert sum(1 for s in statuses if s != 429) == 20
    assert ready["checks"]["rate_limits"] == "per-process (one web process)"


def test_finding_11_storage_choice():
    broker = "redis://127.0.0.1:6379/2"
    assert ratelimits.storage_uri({"RATELIMIT_STORAGE_URI": "memory://",
                                   "CELERY_BROKER_URL": broker}) == broker
    assert ratelimits.storage_uri({"RATELIMIT_STORAGE_URI": "redis://other:6379/1",
                                   "CELERY_BROKER_URL": broker}) == "redis://other:6379/1"
    assert ratelimits.storage_uri({"RATELIMIT_STORAGE_URI": "memory://",
                                   "CELERY_BROKER_URL": None}) == "memory://"
    assert ratelimits.startup_problem({"RATELIMIT_STORAGE_URI": "memory://"}, 4)[0] == "refuse"
    assert ratelimits.startup_problem({"RATELIMIT_STORAGE_URI": "memory://",
                                       "RATELIMIT_ENABLED": False}, 4) is None
    assert ratelimits.startup_problem({"RATELIMIT_STORAGE_URI": "memory://",
                                       "CELERY_BROKER_URL": broker}, 4) is None


def test_finding_11_a_shared_storage_that_stops_answering_does_not_fail_requests(
        tmp_path, database_url):
    """Redis gone: each process counts in memory until it is back (no 500s)."""
    redis = RedisServer(tmp_path).start()
    server = _serve(tmp_path, database_url, workers=2, CELERY_BROKER_URL=redis.url).start()
    try:
        assert set(_lookups(server.url, 5)) == {404}
        redis.stop()
        statuses = _lookups(server.url, 30)
    finally:
        server.stop()
        redis.stop()
    assert set(statuses) <= {404, 429} and 404 in statuses


def test_finding_11_a_request_caught_by_the_switch_to_memory_is_still_answered(
        tmp_path_factory, monkeypatch):
    """Two threads meet a dead storage at once: the first switches the process to counting
    in memory; the second, whose call to the shared storage fails just after that switch,
    was answered 500 (Flask-Limiter falls back only for the first). It is answered now."""
    from core.extensions import limiter
    from tests.procs import free_port

    app = make_app(tmp_path_factory, "_limits_switch", RATELIMIT_ENABLED=True,
                   RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")

    def failing_after_another_thread_switched(*_args, **_kwargs):
        limiter._storage_dead = True  # what the other thread did meanwhile
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(limiter.storage, "incr", failing_after_another_thread_switched)
    monkeypatch.setattr(limiter.storage, "get_expiry", failing_after_another_thread_switched)
    try:
        response = app.test_client().get(LOOKUP)
    finally:
        limiter._storage_dead = False
    assert response.status_code == 404
    assert response.json["code"] == 404  # the lookup's own answer: no such item
