"""100 citizens submit feedback at once for 30 s against gunicorn on PostgreSQL; a third of
them lose their answers and retry with the same Idempotency-Key. Every acknowledged
submission is stored exactly once, nothing answers 5xx, and the database holds exactly what
was acknowledged."""

from __future__ import annotations

import uuid

import pytest

from tests.procs import Gunicorn, service_env
from tests.reliability import load

pytestmark = [pytest.mark.slow, pytest.mark.no_db_transaction]

DURATION_SECONDS = 30  # the figure
CLIENTS = 100
RETRYING_EVERY = 3  # every third client retries with the same Idempotency-Key
HANG_SECONDS = 20  # an answer slower than this counts as a hang (100 clients queue on 8
# threads: on a busy 2-core machine a normal answer takes several seconds)
WEB_WORKERS, WEB_THREADS = 2, 4


@pytest.fixture(scope="module")
def web(seeded_app, tmp_path_factory):
    app = seeded_app("_load")
    tmp = tmp_path_factory.mktemp("load")
    env = service_env({}, app.config["SQLALCHEMY_DATABASE_URI"], str(tmp / "uploads"))
    server = Gunicorn(env, tmp / "gunicorn.log", WEB_WORKERS, WEB_THREADS).start()
    yield app, server
    server.stop()


def test_concurrent_submissions_with_retries_are_stored_exactly_once(web):
    app, server = web
    run_id = "L" + uuid.uuid4().hex[:8]
    report = load.run(server.url, app.config["WORLD"].commune, CLIENTS, DURATION_SECONDS,
                      RETRYING_EVERY, run_id, timeout=HANG_SECONDS)
    figures = load.check(app, run_id, report)
    figures["served"] = dict(load.served(server.log(100_000_000)))
    print(f"\nload: {CLIENTS} clients for {DURATION_SECONDS} s (every {RETRYING_EVERY}rd "
          f"retrying with its Idempotency-Key) against gunicorn {WEB_WORKERS}x{WEB_THREADS} on "
          f"PostgreSQL: {figures}; latency {report.latency()}")
    assert figures["5xx"] == 0, [(a.status, a.marker) for a in report.server_errors()][:10]
    assert set(figures["served"]) == {201}, figures["served"]  # dropped answers included
    assert not report.hangs(HANG_SECONDS), report.hangs(HANG_SECONDS)[:5]
    assert not report.unfinished, report.unfinished[:10]
    assert set(figures["statuses"]) == {201}, figures["statuses"]
    assert figures["stored"] == figures["acknowledged"] > 0
    retried = [m for m in report.acknowledged if int(m.split("-")[1]) % RETRYING_EVERY == 0]
    assert retried, "no retrying client was acknowledged"
    assert "Traceback" not in server.log(1_000_000), server.log()
