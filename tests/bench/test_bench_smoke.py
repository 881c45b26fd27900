"""The queue benchmark and its generator still run (a few hundred rows; timings not checked).

They run as the commands a person types, in a child process, so their apps and engines
never mix with the test session's.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.dbutil import backend, fresh_database
from tests.procs import PROCESS_SECRET_KEY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300,
                            env={**os.environ, "LOG_LEVEL": "WARNING",
                                 "SECRET_KEY": PROCESS_SECRET_KEY})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_generator_and_queue_benchmark_run(tmp_path):
    url = fresh_database(str(tmp_path), "_bench")
    out = _run("bench.generate", "--url", url, "--rows", "300")
    assert "Xong: 300 phản ánh." in out
    out = _run("bench.queue", "--url", url, "--repeats", "2")
    assert "feedback rows in the province administrator's scope: 300" in out
    for case in ("first page", "filtered page", "deep keyset page", "text search"):
        assert f"\n{case}" in out, case
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(DISTINCT tracking_code) FROM feedback")) == 300
    engine.dispose()



FLOOR_SCRIPT = """
import importlib, sys
from bench.feedback import BODY, prepare
prepare(sys.argv[1])
app = importlib.import_module(sys.argv[2]).app
answer = app.test_client().post("/api/v1/feedback", data=BODY,
                                headers={"Content-Type": "application/json"})
print(answer.status_code, answer.get_json()["tracking_code"])
"""


def _assert_floor_writes_a_submission(url: str, module: str) -> None:
    result = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, url, module], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING",
                                 "SECRET_KEY": PROCESS_SECRET_KEY})
    assert result.returncode == 0, result.stderr[-3000:]
    status, code = result.stdout.split()[-2:]
    assert status == "201"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        item = conn.execute(sa.text("SELECT id, tracking_code, status FROM feedback")).one()
        assert (item.tracking_code, item.status) == (code, "received")
        for table, column in (("consent_records", "feedback_id"),
                              ("feedback_events", "feedback_id"),
                              ("deliveries", "subject_id")):
            assert conn.scalars(sa.text(f"SELECT {column} FROM {table}")).all() == [item.id], \
                table
    engine.dispose()


def test_feedback_floor_writes_the_rows_of_a_submission(tmp_path):
    """bench.feedback's floor writes what a submission writes: the item, its consent record,
    its first event and the receipt in the outbox, all tied to the item."""
    _assert_floor_writes_a_submission(fresh_database(str(tmp_path), "_floor"),
                                      "bench.floor_feedback")


@pytest.mark.skipif(backend() != "postgresql", reason="the raw floor is psycopg's (PostgreSQL)")
def test_feedback_raw_floor_writes_the_rows_of_a_submission(tmp_path):
    _assert_floor_writes_a_submission(fresh_database(str(tmp_path), "_floor_raw"),
                                      "bench.floor_raw_feedback")
