"""The queue benchmark and its generator still run (a few hundred rows; timings not checked).

They run as the commands a person types, in a child process, so their apps and engines
never mix with the test session's.
"""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa

from tests.dbutil import fresh_database

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "LOG_LEVEL": "WARNING"})
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
