"""Emergency reach, end to end: a province-wide emergency notice is approved and the
benchmark times every channel until it has it, against local fakes with Zalo's limits.

    .venv/bin/python -m bench.emergency [--boards 5000] [--followers 1000]

What runs, as deployed (Procfile): gunicorn with the shipped ``gunicorn.conf.py``
(2 processes x 4 threads), one Celery worker (concurrency 4) on the Redis broker
(``BENCH_BROKER_URL``, default redis://127.0.0.1:6379/3), PostgreSQL (``BENCH_DATABASE_URL``,
default postgresql://postgres@127.0.0.1:5432/thongtin_bench_emergency, dropped and
re-created), the Zalo fake behind Zalo's published limit of 4,000 calls a minute per app
(over it: error -32; the ZNS daily quota is the fake's, 500), a fake provincial source
system, and Debian's espeak-ng for the radio. The approval runs in this process through the
notices service, as the console's button does.

Figures, each with what bounds it:

1. Zalo, province-wide (the shipped default, ``ZALO_EMERGENCY_BROADCAST``): approval until
   the OA article broadcast is accepted. One call reaches every follower the city target
   names, so 200,000 followers take no longer than 2,000.
2. Zalo, per follower (a commune's emergency with the broadcast off): approval until every
   subscribed follower of the commune is messaged (``--followers`` of them), and from the
   rate measured the time for 200,000 followers.
3. Boards: ``--boards`` simulated boards, spread over the province's communes, each
   revalidating the commune's list every ``BOARD_REFRESH_SECONDS`` with its ETag as
   board.js does (over a pool of keep-alive connections, like a proxy in front); approval
   until every board has received the list with the emergency in it.
4. Radio: approval until the audio is synthesised, and until the source system has the
   notice with its audio.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from bench import fakes
from bench.common import GUNICORN, ROOT, free_port, quiet, start, stop

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/thongtin_bench_emergency"
DEFAULT_BROKER = "redis://127.0.0.1:6379/3"
PROVINCE = "46"
APP_ID = "bench-emergency"
ZALO_CALLS_PER_MINUTE = 4000  # per app (reference/zalo.md, section 7)
PROVINCE_FOLLOWERS = 200_000


# --- partners ---------------------------------------------------------------------------------
class ZaloLimit:
    """WSGI wrapper of the Zalo fake: at most ``per_minute`` API calls in any 60 s window,
    as Zalo counts them for an app; the call over it gets error -32."""

    def __init__(self, app, per_minute: int):
        self.app, self.per_minute = app, per_minute
        self.calls: collections.deque[float] = collections.deque()
        self.refused = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith("/_fake"):
            moment = time.monotonic()
            with self.lock:
                while self.calls and moment - self.calls[0] >= 60:
                    self.calls.popleft()
                over = len(self.calls) >= self.per_minute
                if over:
                    self.refused += 1
                else:
                    self.calls.append(moment)
            if over:
                body = json.dumps({"error": -32, "message": "Exceeded rate limit"}).encode()
                start_response("200 OK", [("Content-Type", "application/json"),
                                          ("Content-Length", str(len(body)))])
                return [body]
        return self.app(environ, start_response)


def serve_zalo(fake) -> tuple[object, str, ZaloLimit]:
    """The Zalo fake behind its limit, in a thread: (server, url, limit)."""
    from werkzeug.serving import make_server

    limit = ZaloLimit(fakes.zalo.create_fake_app(fake), ZALO_CALLS_PER_MINUTE)
    server = make_server("127.0.0.1", 0, limit, threaded=True,
                         request_handler=fakes.zalo.QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}", limit


class SourceSystem:
    """The province's source system: records each notice it is sent, and when."""

    def __init__(self):
        self.received: list[tuple[float, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    outer.received.append((time.monotonic(), json.loads(body)))
                except ValueError:
                    pass
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def first(self, notice_ref: str, with_audio: bool) -> float | None:
        for moment, payload in self.received:
            if payload.get("id") == notice_ref and (payload.get("audio") or not with_audio):
                return moment
        return None


# --- boards -----------------------------------------------------------------------------------
class Boards:
    """``count`` boards polling their commune's list with If-None-Match every ``refresh``
    seconds (random phases), over ``connections`` keep-alive connections, in a process of
    their own (so the load generator never slows the fakes down). Shared with the parent:
    the notice to look for, when each board first showed it, polls and failures."""

    def __init__(self, port: int, etags: dict[str, str], count: int, refresh: float,
                 connections: int):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        codes = sorted(etags)
        self.target = ctx.Value("q", 0)
        self.seen = ctx.Array("d", count)  # time.monotonic() (system-wide), 0: not yet
        self.counts = ctx.Array("q", 2)  # polls, failed polls
        self.stop_at = ctx.Value("d", float("inf"))
        board_codes = [codes[i % len(codes)] for i in range(count)]
        self.process = ctx.Process(target=_boards_main, daemon=True, args=(
            port, board_codes, [etags[c] for c in board_codes], refresh, connections,
            self.target, self.seen, self.counts, self.stop_at))

    @property
    def polls(self) -> int:
        return self.counts[0]

    @property
    def errors(self) -> int:
        return self.counts[1]

    def shown(self) -> list[float]:
        return [t for t in self.seen[:] if t]


def _boards_main(port, codes, etags, refresh, connections, target, seen, counts, stop_at):
    asyncio.run(_BoardLoop(port, codes, etags, refresh, connections, target, seen, counts,
                           stop_at).run())


class _BoardLoop:
    def __init__(self, port, codes, etags, refresh, connections, target, seen, counts,
                 stop_at):
        self.port, self.codes, self.etags = port, codes, list(etags)
        self.refresh, self.connections = refresh, connections
        self.target, self.seen, self.counts, self.stop_at = target, seen, counts, stop_at

    async def _connect(self):
        return await asyncio.open_connection("127.0.0.1", self.port)

    async def _get(self, pool: asyncio.Queue, code: str, etag: str):
        request = (f"GET /api/v1/units/{code}/notices HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   f"If-None-Match: {etag}\r\n\r\n").encode()
        reader, writer = await pool.get()
        try:
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.lower(): v.strip() for k, _, v in
                       (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await self._connect()
            return status, headers, body
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            writer.close()
            reader, writer = await self._connect()
            raise
        finally:
            pool.put_nowait((reader, writer))

    async def _board(self, i: int, pool: asyncio.Queue):
        await asyncio.sleep(random.random() * self.refresh)
        while time.monotonic() < self.stop_at.value and not self.seen[i]:
            started = time.monotonic()
            try:
                status, headers, body = await self._get(pool, self.codes[i], self.etags[i])
                self.counts[0] += 1
                if status == 200:
                    self.etags[i] = headers.get("etag", self.etags[i])
                    wanted = self.target.value
                    if wanted and any(n.get("id") == wanted
                                      for n in json.loads(body)["items"]):
                        self.seen[i] = time.monotonic()
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError, KeyError):
                self.counts[1] += 1
            await asyncio.sleep(max(0.0, self.refresh - (time.monotonic() - started)))

    async def run(self):
        pool: asyncio.Queue = asyncio.Queue()
        for _ in range(self.connections):
            pool.put_nowait(await self._connect())
        await asyncio.gather(*(self._board(i, pool) for i in range(len(self.codes))))
        while not pool.empty():
            pool.get_nowait()[1].close()


# --- the run ----------------------------------------------------------------------------------
def wait_for(what: str, check, deadline: float, step: float = 0.02) -> float | None:
    """time.monotonic() when ``check()`` is first true, None at the deadline (checked at
    least once more, a few seconds on, when an earlier wait used the time up)."""
    deadline = max(deadline, time.monotonic() + 5)
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(step)
    print(f"  (no {what} within the time allowed)")
    return None


def fresh_database(tmp: str) -> str:
    from tests.dbutil import fresh_database as fresh

    saved = os.environ.pop("TEST_DATABASE_URL", None)
    os.environ["TEST_DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    try:
        return fresh(tmp)
    finally:
        os.environ.pop("TEST_DATABASE_URL", None)
        if saved is not None:
            os.environ["TEST_DATABASE_URL"] = saved


def emergency(service, author_id: int, unit_code: str, title: str) -> int:
    """A submitted emergency notice of ``unit_code`` (approved later)."""
    from core import clock
    from core.db import db
    from directory.models import StaffUser

    author = db.session.get(StaffUser, author_id)

    notice = service.create({
        "unit_code": unit_code, "title": title,
        "summary": "Bão số 5 đổ bộ, đề nghị bà con ven sông sơ tán ngay.",
        "body": "<p>Ban chỉ huy phòng chống thiên tai thông báo: bão số 5 đổ bộ trong đêm "
                "nay, gió giật cấp 12. Các hộ dân ven sông Hương di chuyển đến nơi an toàn "
                "trước 18 giờ; gọi 114 khi cần hỗ trợ.</p>",
        "category": "disaster_incident", "priority": "emergency", "risk_level": 4,
        "expires_at": clock.now() + timedelta(days=2)}, author)
    service.submit(notice.id, author)
    return notice.id


def fmt(seconds: float | None) -> str:
    return "   n/a  " if seconds is None else f"{seconds:8.2f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=5000)
    parser.add_argument("--connections", type=int, default=64,
                        help="keep-alive connections the boards' polls share")
    parser.add_argument("--followers", type=int, default=1000,
                        help="subscribed followers of the commune messaged one by one")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    if not shutil.which("espeak-ng"):
        raise SystemExit("espeak-ng is needed for the radio: make tts")
    tmp = tempfile.mkdtemp(prefix="bench-emergency-")
    fake = fakes.zalo.FakeZalo(APP_ID)
    zalo_server, zalo_url, zalo_limit = serve_zalo(fake)
    source = SourceSystem()
    broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
    settings = {
        "DATABASE_URL": fresh_database(tmp), "CELERY_BROKER_URL": broker,
        "UPLOAD_DIR": os.path.join(tmp, "uploads"), "LOG_LEVEL": "WARNING",
        "RATELIMIT_ENABLED": "false", "PUBLIC_BASE_URL": "https://thongtin.example.vn",
        "ZALO_APP_ID": APP_ID, "ZALO_APP_SECRET": "fake-app-secret",
        "ZALO_OA_SECRET_KEY": "fake-oa-secret", "ZALO_OPENAPI_URL": zalo_url,
        "ZALO_OAUTH_URL": zalo_url, "ZALO_GRAPH_URL": zalo_url, "ZALO_BUSINESS_URL": zalo_url,
        "SOURCE_SYSTEM_ADAPTER": "json-hmac", "SOURCE_SYSTEM_PROVINCE": PROVINCE,
        "SOURCE_SYSTEM_URL": source.url, "SOURCE_SYSTEM_KEY_ID": "bench",
        "SOURCE_SYSTEM_SECRET": "bench-source-secret-" + "x" * 24,
    }
    os.environ.update(settings)
    env = {**os.environ, "WEB_CONCURRENCY": "2", "WEB_THREADS": "4"}

    import redis
    import sqlalchemy as sa
    from flask_migrate import upgrade

    import directory
    from app import create_app
    from core import clock
    from core.db import db, unit_of_work
    from directory import auth
    from directory.models import StaffUser
    from integrations.zalo.models import ZaloOAState, ZaloSubscription, ZaloUser
    from notices import service
    from notices.models import Notice
    from radio.models import NoticeAudio
    from radio.source import external_id

    redis.Redis.from_url(broker).delete("celery")
    app = create_app()
    quiet()
    with app.app_context(), unit_of_work():
        upgrade(directory=os.path.join(ROOT, "migrations"))
        directory.import_province(PROVINCE)
        communes = [u.code for u in directory.list_units(PROVINCE)]
        commune = "19753" if "19753" in communes else communes[0]
        db.session.add(ZaloOAState(id=1, access_token=fake.issue_access_token(),
                                   refresh_token=fake.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(hours=25)))
        moment = clock.now()
        users = [f"EF{i:06d}" for i in range(args.followers)]
        if users:
            db.session.execute(sa.insert(ZaloUser), [dict(
                user_id=u, is_follower=True, state="idle", data={}, state_at=moment,
                last_interaction_at=moment, created_at=moment) for u in users])
            db.session.execute(sa.insert(ZaloSubscription), [dict(
                user_id=u, unit_code=commune, created_at=moment) for u in users])
        db.session.commit()
        author = auth.create_staff("bench_author", "province_admin", PROVINCE).id
        approver = auth.create_staff("bench_approver", "province_admin", PROVINCE).id
        refresh = float(app.config["BOARD_REFRESH_SECONDS"])
        check = float(app.config["NOTICES_CACHE_CHECK_SECONDS"])
        rate = int(app.config["ZALO_SEND_RATE_PER_SECOND"])

    port = free_port()
    web = start(GUNICORN + ["--bind", f"127.0.0.1:{port}", "wsgi:app"], env,
                f"http://127.0.0.1:{port}/healthz")
    worker = subprocess.Popen(
        [os.path.join(ROOT, ".venv", "bin", "celery"), "-A", "celery_app", "worker",
         "--loglevel", "WARNING", "--concurrency", "4", "--without-gossip",
         "--without-mingle"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    celery_app = app.extensions["celery"]
    try:
        deadline = time.monotonic() + 120
        while not celery_app.control.ping(timeout=0.5):
            if time.monotonic() > deadline:
                raise SystemExit("the Celery worker did not start")
        http = httpx.Client(timeout=30)
        etags = {code: http.get(f"http://127.0.0.1:{port}/api/v1/units/{code}/notices")
                 .headers["ETag"] for code in communes}
        boards = Boards(port, etags, args.boards, refresh, args.connections)
        boards.stop_at.value = time.monotonic() + args.timeout + 2 * refresh
        boards.process.start()
        time.sleep(refresh + 1)  # every board has polled once
        polls_before, polled_at = boards.polls, time.monotonic()
        time.sleep(refresh)
        poll_rate = (boards.polls - polls_before) / (time.monotonic() - polled_at)

        # --- 1, 3, 4: the province-wide emergency -------------------------------------------
        with app.app_context():
            with unit_of_work():
                notice_id = emergency(service, author, PROVINCE,
                                      "Khẩn cấp: bão số 5 đổ bộ vào Thành phố Huế")
            boards.target.value = notice_id
            started = time.monotonic()
            with unit_of_work():  # approved and committed: the fan-out starts
                service.approve(notice_id, db.session.get(StaffUser, approver))
            approved = time.monotonic()
            reference = external_id(db.session.get(Notice, notice_id))
        until = started + args.timeout
        broadcast = wait_for("Zalo broadcast", lambda: fake.state()["broadcasts"] > 0, until)

        def audio_ready() -> bool:
            with app.app_context():
                status = db.session.scalar(sa.select(NoticeAudio.status).where(
                    NoticeAudio.notice_id == notice_id))
                db.session.rollback()
                return status == "ready"

        radio = wait_for("radio audio", audio_ready, until, 0.1)
        source_audio = wait_for("source system with audio",
                                lambda: source.first(reference, True) is not None, until)
        source_first = source.first(reference, False)
        wait_for("every board", lambda: len(boards.shown()) == args.boards, until, 0.1)
        shown = [moment - started for moment in boards.shown()]

        # --- 2: a commune's followers one by one ----------------------------------------------
        commune_done = None
        if users:
            app.config["ZALO_EMERGENCY_BROADCAST"] = False
            with app.app_context():
                with unit_of_work():
                    second = emergency(service, author, commune,
                                       "Khẩn cấp: sạt lở bờ sông tại phường")
                before = fake.state()["messages"]
                commune_started = time.monotonic()
                with unit_of_work():
                    service.approve(second, db.session.get(StaffUser, approver))
            done = wait_for("every follower of the commune",
                            lambda: fake.state()["messages"] - before >= len(users),
                            commune_started + args.timeout, 0.05)
            commune_done = None if done is None else done - commune_started
    finally:
        boards_stop = locals().get("boards")
        if boards_stop is not None:
            boards_stop.stop_at.value = 0
            boards_stop.process.join(timeout=30)
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        stop(web)
        zalo_server.shutdown()
        source.server.shutdown()
        redis.Redis.from_url(broker).delete("celery")
        shutil.rmtree(tmp, ignore_errors=True)

    per_minute = ZALO_CALLS_PER_MINUTE
    sustained = min(rate, per_minute / 60) if rate else per_minute / 60
    print(f"emergency reach: gunicorn as shipped (2 x 4), one Celery worker (concurrency 4), "
          f"Redis broker, PostgreSQL; Zalo fake limited to {per_minute:,} calls/min per app "
          f"(calls refused over it: {zalo_limit.refused})")
    print(f"  province-wide emergency approved in {approved - started:.2f} s (the approval's "
          f"own transaction)")
    print(f"  Zalo broadcast accepted (every follower of the province)"
          f"{fmt(broadcast and broadcast - started)} s"
          f"   bound: one call (article create, verify, broadcast: 3 calls), whatever the "
          f"number of followers; {PROVINCE_FOLLOWERS:,} followers reached by that same call")
    if commune_done is not None:
        measured = len(users) / commune_done if commune_done else float("nan")
        print(f"  commune emergency, {len(users):,} followers messaged one by one "
              f"{fmt(commune_done)} s ({measured:.1f} msg/s)   bound: ZALO_SEND_RATE_PER_SECOND "
              f"{rate}/s under Zalo's {per_minute:,}/min ({per_minute / 60:.1f}/s)")
        print(f"    one commune within 60 s: up to {int(60 * sustained):,} followers one by one; "
              f"{PROVINCE_FOLLOWERS:,} followers one by one would take "
              f"{PROVINCE_FOLLOWERS / sustained / 60:.0f} min at {sustained:.1f}/s "
              f"({PROVINCE_FOLLOWERS / (per_minute / 60) / 60:.0f} min at Zalo's limit): the "
              f"province is reached in time only by the broadcast")
    if shown:
        print(f"  boards: {len(shown):,} of {args.boards:,} show it: p50 "
              f"{statistics.median(shown):.2f} s, last {max(shown):.2f} s   bound: the poll "
              f"interval BOARD_REFRESH_SECONDS {refresh:g} s + NOTICES_CACHE_CHECK_SECONDS "
              f"{check:g} s = {refresh + check:g} s")
        print(f"    polls answered {poll_rate:,.0f}/s before the emergency (304 from the cached "
              f"fast path, no database); {boards.errors} failed polls")
    print(f"  radio audio ready {fmt(radio and radio - started)} s   bound: speech synthesis "
          f"(espeak-ng + LAME) in the worker")
    print(f"  source system has the notice {fmt(source_first and source_first - started)} s, "
          f"with its audio {fmt(source_audio and source_audio - started)} s   bound: the "
          f"audio, then one signed POST from the outbox")


if __name__ == "__main__":
    main()
