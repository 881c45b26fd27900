"""Real processes for tests: gunicorn, Celery workers and beat, and throwaway PostgreSQL and
Redis servers of our own, all on 127.0.0.1 and free ports.

Every process runs in its own process group with its output in a log file; ``stop()`` ends
the group (SIGTERM, then SIGKILL), so nothing outlives the test that started it.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], Any], timeout: float = 120.0, interval: float = 0.1,
             what: str = "condition") -> None:
    """Poll ``predicate`` until it is true, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


# Processes outside the suite's app run without TESTING, so they need a real key (random per
# test session; the processes of one session share it, as production hosts do).
PROCESS_SECRET_KEY = secrets.token_urlsafe(48)


def service_env(settings: dict[str, Any], database_url: str,
                upload_dir: str | None = None) -> dict[str, str]:
    """Environment for a web or worker process of the app (settings as env variables)."""
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING",
           "SECRET_KEY": PROCESS_SECRET_KEY, "RATELIMIT_ENABLED": "false"}
    env.pop("TEST_DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    # Without a broker in the settings, tasks run inside the process (as in the suite);
    # a test of the embedded default sets CELERY_TASK_ALWAYS_EAGER=False itself.
    if "CELERY_BROKER_URL" not in settings:
        env["CELERY_TASK_ALWAYS_EAGER"] = "true"
    if upload_dir:
        env["UPLOAD_DIR"] = upload_dir
    for key, value in settings.items():
        if value is None:
            env.pop(key, None)
        elif isinstance(value, bool):
            env[key] = "true" if value else "false"
        elif isinstance(value, (dict, list)):
            import json

            env[key] = json.dumps(value)
        else:
            env[key] = str(value)
    return env


class Process:
    """A subprocess in its own process group, logging to ``log_path``.

    ``start()`` spawns and waits until it is ready; to boot several at once, ``spawn()``
    each and then wait with ``ready()``.
    """

    def __init__(self, argv: list[str], env: dict[str, str], log_path: Path | str):
        self.argv, self.env, self.log_path = argv, env, Path(log_path)
        self.proc: subprocess.Popen | None = None

    def spawn(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self, tail: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except FileNotFoundError:
            return ""

    def kill(self) -> None:
        """SIGKILL the whole group (no clean shutdown)."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM the group, SIGKILL it if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


class Gunicorn(Process):
    """The web process as production runs it: ``gunicorn -c gunicorn.conf.py wsgi:app``."""

    def __init__(self, env: dict[str, str], log_path: Path | str, workers: int = 2,
                 threads: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**env, "WEB_CONCURRENCY": str(workers), "WEB_THREADS": str(threads),
               "BIND": f"127.0.0.1:{self.port}"}
        super().__init__([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"],
                         env, log_path)

    def start(self, timeout: float = 60) -> Gunicorn:
        self.spawn()
        return self.ready(timeout)

    def ready(self, timeout: float = 60) -> Gunicorn:
        """Wait until /healthz answers (after ``spawn()``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError("gunicorn exited: " + self.log())
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.log())


class Worker(Process):
    """``celery -A celery_app worker`` (``name`` tells workers apart on one host)."""

    def __init__(self, env: dict[str, str], log_path: Path | str, concurrency: int = 2,
                 name: str = "worker"):
        self.name = name
        super().__init__([str(BIN / "celery"), "-A", "celery_app", "worker", "--loglevel",
                          "WARNING", "--concurrency", str(concurrency), "--without-gossip",
                          "--without-mingle", "-n", f"{name}@%h"], env, log_path)

    def start(self, celery_app, timeout: float = 60) -> Worker:
        """Start and wait until this worker answers a ping through the broker."""
        self.spawn()
        return self.ready(celery_app, timeout)

    def ready(self, celery_app, timeout: float = 60) -> Worker:
        """Wait until this worker answers a ping (after ``spawn()``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError("worker exited: " + self.log())
            replies = celery_app.control.ping(timeout=0.5) or []
            if any(name.startswith(self.name + "@") for reply in replies for name in reply):
                return self
        self.stop()
        raise RuntimeError("worker did not start: " + self.log())


class Beat(Process):
    """``celery -A celery_app beat`` with its schedule file in ``workdir``."""

    def __init__(self, env: dict[str, str], log_path: Path | str, workdir: Path | str):
        super().__init__([str(BIN / "celery"), "-A", "celery_app", "beat", "--loglevel",
                          "INFO", "--schedule", str(Path(workdir) / "beat-schedule")],
                         env, log_path)

    def start(self, timeout: float = 60) -> Beat:
        self.spawn()
        return self.ready(timeout)

    def ready(self, timeout: float = 60) -> Beat:
        """Wait until beat says it started (after ``spawn()``)."""
        wait_for(lambda: "beat: Starting" in self.log(100_000) or not self.running(),
                 timeout, 0.2, "beat to start")
        if not self.running():
            raise RuntimeError("beat exited: " + self.log())
        return self


def boot(celery_app, *processes: Process) -> None:
    """Spawn every process, then wait for each to be ready: they boot side by side."""
    for process in processes:
        process.spawn()
    for process in processes:
        process.ready(celery_app) if isinstance(process, Worker) else process.ready()


class RedisServer(Process):
    """A throwaway ``redis-server`` (no persistence): stop and start it at will."""

    def __init__(self, workdir: Path | str):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        super().__init__([shutil.which("redis-server") or "redis-server", "--port",
                          str(self.port), "--bind", "127.0.0.1", "--save", "",
                          "--appendonly", "no", "--dir", str(workdir)],
                         dict(os.environ), Path(workdir) / "redis.log")

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def start(self) -> RedisServer:
        self.spawn()
        wait_for(self.ping, 20, 0.05, "redis-server to answer")
        return self


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian: postgresql)")
    return found[-1]


class PostgresCluster:
    """A throwaway PostgreSQL cluster (initdb, trust auth) on 127.0.0.1 and a free port.

    Run as root, the server runs as the ``postgres`` user (initdb refuses root).
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="thongtin-pg-"))
        self.data = self.dir / "data"
        self.logfile = self.dir / "postgres.log"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *argv: str) -> None:
        subprocess.run(self._as_user + list(argv), check=True, cwd=self.dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> PostgresCluster:
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions")
        return self

    def start(self) -> PostgresCluster:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.dir} -c max_connections=100")
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.logfile), "-o",
                  options, "-w", "-t", "60", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        """``pg_ctl stop -m fast``: what a restart does (clients are disconnected)."""
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def create_database(self, name: str) -> str:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url().replace("postgresql://", "postgresql+psycopg://"),
                                  isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
