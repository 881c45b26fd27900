"""The statistics benchmark still runs (a few hundred rows through the queue benchmark's
generator; timings not checked), in a child process like a person would type it."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa

from tests.dbutil import fresh_database
from tests.procs import PROCESS_SECRET_KEY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300,
                            env={**os.environ, "LOG_LEVEL": "WARNING",
                                 "SECRET_KEY": PROCESS_SECRET_KEY})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_statistics_benchmark_runs(tmp_path):
    url = fresh_database(str(tmp_path), "_bench_stats")
    out = _run("bench.stats", "--url", url, "--rows", "400", "--repeats", "1")
    assert "feedback rows of province 46 received in 2025: 400 " in out
    for case in ("baseline: count(*)", "province, year: all statistics (service)",
                 "GET /api/v1/staff/stats", "province year under 1 s (p50): "):
        assert case in out, case
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        # Every row in the local year 2025, finished items with their workflow times.
        assert conn.scalar(sa.text(
            "SELECT count(*) FROM feedback WHERE status IN ('answered', 'closed') "
            "AND answered_at IS NULL")) == 0
        assert conn.scalar(sa.text("SELECT count(*) FROM notices")) > 0
    engine.dispose()
    again = _run("bench.stats", "--url", url, "--rows", "400", "--repeats", "1")
    assert "reusing 400 feedback rows" in again
