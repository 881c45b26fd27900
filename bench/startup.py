"""Start-up: ``make run`` on a fresh clone to its first answered request, and a web worker's
boot time under the shipped ``gunicorn.conf.py``.

    .venv/bin/python -m bench.startup [--skip-make-run]

1. ``make run``: the repository's committed HEAD is cloned into a temporary directory and
   ``make run`` is started there, timed until ``GET /healthz`` and then
   ``GET /api/v1/units/19753/notices`` answer (migrations, the demo data, the embedded
   worker and the web server included). The clone uses this checkout's Python environment
   (``VENV=...``, marked up to date): installing the packages depends on the network and
   pip's cache, not on this code, and is left out.
2. gunicorn as shipped (``preload_app``): the master's start to the first answered
   request, each worker's boot (fork to ready, from the worker's own log line), and the
   boot of a worker started to replace one that exits (what worker recycling costs).
3. For comparison, importing and building the app in a fresh process: what every worker
   would pay at each boot without ``preload_app``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import httpx

from bench.common import GUNICORN, ROOT, boot_times, free_port, start, stop

COMMUNE = "19753"


def wait_answer(url: str, deadline: float, proc: subprocess.Popen | None = None) -> float:
    """time.monotonic() when ``url`` first answers 200."""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}) before answering {url}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic()
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer in time")


def make_run(tmp: str) -> None:
    """Clone, ``make run``, time to the first answered requests."""
    clone = os.path.join(tmp, "clone")
    subprocess.run(["git", "clone", "--quiet", ROOT, clone], check=True)
    os.utime(os.path.join(clone, "requirements.txt"), (0, 0))  # the environment is installed
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DATABASE_URL", "CELERY_", "TEST_DATABASE_URL", "SECRET_KEY"))}
    env.update(PORT=str(port), LOG_LEVEL="WARNING")
    started = time.monotonic()
    log = open(os.path.join(tmp, "make-run.log"), "w+")
    proc = subprocess.Popen(["make", "--no-print-directory", "run",
                             f"VENV={os.path.join(ROOT, '.venv')}"], cwd=clone, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        health = wait_answer(base + "/healthz", started + 600, proc)
        notices = wait_answer(f"{base}/api/v1/units/{COMMUNE}/notices", started + 600, proc)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.seek(0)
        output = log.read()
        log.close()
    print("make run on a fresh clone (Python environment already installed; SQLite, demo "
          "data, embedded worker):")
    print(f"  to the first answered request (GET /healthz)          {health - started:7.2f} s")
    print(f"  to the first list of notices (GET /api/v1/units/{COMMUNE}/notices) "
          f"{notices - started:6.2f} s")
    if "flask --app wsgi serve" not in output:
        print(output[-2000:])


def gunicorn_boot(tmp: str) -> None:
    """The shipped gunicorn on a migrated SQLite database: start, worker boots, a
    replacement worker's boot."""
    db_url = f"sqlite:///{os.path.join(tmp, 'boot.db')}"
    env = {**os.environ, "DATABASE_URL": db_url, "WEB_CONCURRENCY": "2",
           "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "INFO",
           "UPLOAD_DIR": os.path.join(tmp, "uploads")}
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run([os.path.join(ROOT, ".venv", "bin", "flask"), "--app", "wsgi", "db",
                    "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    started = time.monotonic()
    proc = start(GUNICORN + ["--bind", f"127.0.0.1:{port}", "wsgi:app"], env,
                 f"http://127.0.0.1:{port}/healthz")
    first = time.monotonic()
    try:
        boots = boot_times(proc)
        with open(proc.log_path) as fh:  # type: ignore[attr-defined]
            warmed = re.findall(r"app warmed up in ([\d.]+) s", fh.read())
        workers = [int(p) for p in subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()]
        replaced = None
        if workers:
            os.kill(workers[0], signal.SIGTERM)  # as when it reaches max_requests
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(boot_times(proc)) <= len(boots):
                time.sleep(0.05)
            later = boot_times(proc)
            replaced = later[len(boots)] if len(later) > len(boots) else None
            wait_answer(f"http://127.0.0.1:{port}/healthz", time.monotonic() + 30)
    finally:
        stop(proc)
    print("gunicorn as shipped (gunicorn.conf.py: preload_app, 2 workers):")
    print(f"  start to first answered request                       {first - started:7.2f} s")
    if warmed:
        print(f"  warming the app up in the master before forking       {float(warmed[0]):7.3f} s")
    print(f"  worker boot, fork to ready                            "
          f"{', '.join(f'{b:.3f}' for b in boots)} s")
    if replaced is not None:
        print(f"  a replacement worker (after one exits, as recycling does) {replaced:7.3f} s")


def import_time() -> None:
    """Import and build the app in a fresh process (what a worker pays without preload)."""
    code = ("import time; t = time.perf_counter(); import wsgi; "
            "print(time.perf_counter() - t)")
    env = {**os.environ, "DATABASE_URL": "sqlite://", "LOG_LEVEL": "WARNING"}
    env.pop("CELERY_BROKER_URL", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    print(f"  for comparison, import and build the app in a new process {float(out):5.2f} s "
          "(each worker's boot without preload_app)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-make-run", action="store_true",
                        help="only the gunicorn figures (no clone, no make run)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-startup-")
    try:
        if not args.skip_make_run:
            make_run(tmp)
        gunicorn_boot(tmp)
        import_time()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
