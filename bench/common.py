"""Shared pieces of the benchmarks: ports, gunicorn processes, wrk, percentiles."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

import httpx

# The benchmarks print their figures; the apps they build and migrate log warnings only.
os.environ.setdefault("LOG_LEVEL", "WARNING")


def quiet() -> None:
    """Keep migrations' and HTTP clients' info lines out of a benchmark's output."""
    import logging

    for name in ("alembic", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The shipped configuration, nothing overridden but the address, the app and (through the
# environment gunicorn.conf.py reads) the number of processes and threads.
GUNICORN = [os.path.join(ROOT, ".venv", "bin", "gunicorn"), "-c", "gunicorn.conf.py"]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list[str], env: dict[str, str], ready_url: str) -> subprocess.Popen:
    """Start a server process and wait until ``ready_url`` answers 200 (its log, to say why
    if it does not, is kept in a temporary file)."""
    log = tempfile.NamedTemporaryFile("w+", prefix="bench-server-", suffix=".log", delete=False)
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    proc.log_path = log.name  # type: ignore[attr-defined]
    deadline = time.time() + 180  # a busy machine imports the app slowly
    while time.time() < deadline and proc.poll() is None:
        try:
            if httpx.get(ready_url, timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    with open(log.name, encoding="utf-8", errors="replace") as fh:
        tail = fh.read()[-3000:]
    stop(proc)
    raise SystemExit(f"server for {ready_url} did not start:\n{tail}")


def boot_times(proc: subprocess.Popen) -> list[float]:
    """Seconds each gunicorn worker took from fork to ready, from the server's log."""
    with open(proc.log_path, encoding="utf-8", errors="replace") as fh:  # type: ignore[attr-defined]
        return [float(m) for m in re.findall(r"worker \d+ booted in ([\d.]+) s", fh.read())]


def stop(proc: subprocess.Popen) -> None:
    """Stop a server process group."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    log_path = getattr(proc, "log_path", None)
    if log_path and os.path.exists(log_path) and not os.environ.get("BENCH_KEEP_LOGS"):
        os.unlink(log_path)


def have_wrk() -> bool:
    """Whether Debian's wrk is installed."""
    return shutil.which("wrk") is not None


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str] | None = None,
        method: str = "GET", body: str | None = None) -> tuple[float, int]:
    """Requests per second and the count of non-2xx/3xx answers, measured by wrk."""
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s"]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    script = None
    if method != "GET" or body is not None:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        literal = (body or "").replace("\\", "\\\\").replace('"', '\\"')
        script.write(f'wrk.method = "{method}"\nwrk.body = "{literal}"\n')
        script.close()
        argv += ["-s", script.name]
    try:
        out = subprocess.run(argv + [url], capture_output=True, text=True, check=True).stdout
    finally:
        if script:
            os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return (float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            int(errors.group(1)) if errors else 0)


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) of ``samples``."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    """Median of ``samples``."""
    return statistics.median(samples)
