"""PostgreSQL restarted under load: while it is down every submission fails fast with 503
in the error shape, the service recovers by itself within seconds of the database
returning, and nothing acknowledged is lost.

The database is a throwaway cluster of this test's own (initdb on a free port), never the
machine's shared server.
"""

from __future__ import annotations

import time
import uuid

import pytest

from tests.procs import Gunicorn, PostgresCluster, service_env
from tests.reliability import load

pytestmark = [pytest.mark.slow, pytest.mark.no_db_transaction]

CLIENTS = 100
DURATION_SECONDS = 24
DOWN_AFTER_SECONDS = 8  # into the load
DOWN_FOR_SECONDS = 6
# A request made while the database is down must be answered within this. Waiting for a
# dead database would take far longer (statements time out at 15 s, gunicorn kills a
# worker at 30 s); what remains is queueing behind 100 clients on a shared 2-core machine.
FAIL_FAST_SECONDS = 10
HANG_SECONDS = 20  # client timeout: no answer by then is a hang
RECOVERY_LIMIT_SECONDS = 15  # "within seconds": the first acknowledgement after the restart


@pytest.fixture(scope="module")
def stack(seeded_app, tmp_path_factory):
    cluster = PostgresCluster().init().start()
    try:
        url = cluster.create_database("thongtin")
        app = seeded_app("_pgrestart", SQLALCHEMY_DATABASE_URI=url)
        tmp = tmp_path_factory.mktemp("pgrestart")
        env = service_env({}, url, str(tmp / "uploads"))
        server = Gunicorn(env, tmp / "gunicorn.log", workers=2, threads=4).start()
        try:
            yield app, server, cluster
        finally:
            server.stop()
            with app.app_context():
                from core.db import db

                db.session.remove()
                db.engine.dispose()
    finally:
        cluster.destroy()


def test_database_restart_fails_fast_then_recovers_losing_nothing(stack):
    app, server, cluster = stack
    run_id = "R" + uuid.uuid4().hex[:8]
    outage: dict[str, float] = {}

    def restart_postgres(report, stop_at):
        time.sleep(DOWN_AFTER_SECONDS)
        outage["stopping"] = time.monotonic()
        cluster.stop("fast")
        outage["down"] = time.monotonic()
        time.sleep(DOWN_FOR_SECONDS)
        outage["starting"] = time.monotonic()
        cluster.start()
        outage["up"] = time.monotonic()

    report = load.run(server.url, app.config["WORLD"].commune, CLIENTS, DURATION_SECONDS,
                      1, run_id, timeout=HANG_SECONDS, retry_all=True,
                      on_tick=restart_postgres)
    assert outage.get("up"), "the database was not restarted during the load"
    with app.app_context():
        from core.db import db

        db.engine.dispose()  # the test's own pool died with the restart
    figures = load.check(app, run_id, report)
    figures["served"] = dict(load.served(server.log(100_000_000)))

    answered = [a for a in report.attempts if a.status is not None and not a.lost]
    # Requests made while the database was down; those answered before it was started
    # again can only have failed, and all of them must have been answered fast.
    made_down = [a for a in report.attempts
                 if not a.lost and outage["down"] <= a.started < outage["starting"]]
    while_down = [a for a in made_down if a.started + a.elapsed <= outage["starting"]]
    after_up = sorted((a.started + a.elapsed for a in answered
                       if a.status == 201 and a.started >= outage["up"]))
    recovery = after_up[0] - outage["up"] if after_up else float("inf")
    unavailable = [a for a in answered if a.status == 503]
    print(f"\nPostgreSQL restart under load ({CLIENTS} clients, all retrying with their "
          f"Idempotency-Key): down {outage['starting'] - outage['down']:.1f} s "
          f"(stop took {outage['down'] - outage['stopping']:.1f} s, start "
          f"{outage['up'] - outage['starting']:.1f} s); {figures}; "
          f"while down: {len(made_down)} requests, {load.Report(made_down).latency()}; "
          f"503s: {len(unavailable)}; first acknowledgement {recovery:.2f} s after the "
          f"database was back")

    assert while_down, "no request was made while the database was down"
    assert {a.status for a in while_down} == {503}, sorted({a.status for a in while_down},
                                                            key=str)
    assert all(a.error_shape for a in unavailable), "a 503 without the error shape"
    assert all(a.status is not None for a in made_down), "a request got no answer"
    assert max(a.elapsed for a in made_down) < FAIL_FAST_SECONDS
    assert not report.hangs(HANG_SECONDS), report.hangs(HANG_SECONDS)[:5]
    assert {s for s in figures["statuses"]} <= {201, 503}, figures["statuses"]
    assert set(figures["served"]) <= {201, 503}, figures["served"]
    assert recovery < RECOVERY_LIMIT_SECONDS, f"no acknowledgement {recovery:.1f} s after"
    assert not report.unfinished, report.unfinished[:10]
    assert figures["stored"] == figures["acknowledged"] > 0
    assert "Traceback" not in server.log(100_000_000), server.log()
