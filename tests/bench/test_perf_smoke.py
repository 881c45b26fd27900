"""The performance benchmarks of ``make bench`` still run, at a tiny size, as a person would
type them (in a child process). Their figures are printed, never checked: only that each
benchmark gets to the end and prints what it measures."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.dbutil import backend
from tests.procs import PROCESS_SECRET_KEY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BROKER = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/3")
LOCAL_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/thongtin_bench"


def _database(name: str) -> str:
    """A throwaway PostgreSQL database beside the test database (or the local server's)."""
    return f"{os.environ.get('TEST_DATABASE_URL') or LOCAL_POSTGRESQL}_{name}"


def _run(*args: str, database: str | None = None) -> str:
    env = {**os.environ, "LOG_LEVEL": "WARNING", "SECRET_KEY": PROCESS_SECRET_KEY,
           "BENCH_BROKER_URL": BROKER}
    if database:
        env["BENCH_DATABASE_URL"] = database
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=900, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def test_notices_benchmark_prints_both_answers_against_bare_flask():
    out = _run("bench.notices", "--seconds", "1", "--rounds", "1", "--connections", "4",
               "--backend", backend(), database=_database("notices"))
    assert f"{backend()} (body " in out
    for kind in ("200", "304"):
        assert f"  {kind}: app " in out and "notices/bare " in out, kind


def test_feedback_benchmark_prints_intake_against_its_floors():
    out = _run("bench.feedback", "--seconds", "1", "--rounds", "1", "--connections", "4",
               "--backend", backend(), database=_database("feedback"))
    assert f"{backend()}:" in out
    assert "intake/bare " in out
    if backend() == "postgresql":
        assert "intake/write floor " in out


def test_emergency_benchmark_prints_every_channel():
    out = _run("bench.emergency", "--boards", "20", "--followers", "10", "--connections", "4",
               "--timeout", "120", database=_database("emergency"))
    for line in ("Zalo broadcast accepted", "followers messaged one by one", "boards: 20 of 20",
                 "radio audio ready", "source system has the notice"):
        assert line in out, line
    assert "n/a" not in out


def test_startup_benchmark_prints_worker_boot_times():
    out = _run("bench.startup", "--skip-make-run")
    assert "worker boot, fork to ready" in out
    assert "a replacement worker" in out
