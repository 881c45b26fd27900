"""Concurrent citizens submitting feedback over real HTTP, and the check that what was
acknowledged is stored exactly once.

Each submission carries a unique marker in its text. A *retrying* client sends every
submission with an ``Idempotency-Key`` and first gives up on the answer almost at once
(the response is lost), then sends it again with the same key, and again after any 503 or
broken connection, until it is acknowledged. The others send each submission once.
"""

from __future__ import annotations

import logging
import re
import ssl
import statistics
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx
import sqlalchemy as sa

from feedback.models import Feedback

ERROR_SHAPE = {"code", "status", "message"}
LOST_RESPONSE_TIMEOUT = 0.02  # seconds: the first try of a retrying client drops its answer
_TLS = ssl.create_default_context()  # unused on http://, but building one per client is slow


def _connection() -> httpx.Client:
    """One connection, like a browser tab (a fresh one after a failure or a dropped answer)."""
    return httpx.Client(limits=httpx.Limits(max_connections=1), verify=_TLS)


@dataclass
class Attempt:
    client: int
    marker: str
    status: int | None  # None: no answer (transport error or timeout)
    started: float  # monotonic
    elapsed: float
    lost: bool = False  # deliberately dropped answer (first try of a retrying client)
    error: str | None = None
    error_shape: bool | None = None  # for error answers: does it use the one error shape


@dataclass
class Report:
    """What happened during a run (filled by the client threads)."""

    attempts: list[Attempt] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)  # marker -> tracking code
    mismatched: list[str] = field(default_factory=list)  # replay answered another code
    unfinished: list[str] = field(default_factory=list)  # gave up before an acknowledgement
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = 0.0
    finished: float = 0.0

    def record(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def answered(self) -> list[Attempt]:
        return [a for a in self.attempts if a.status is not None]

    def statuses(self) -> Counter:
        return Counter(a.status for a in self.attempts if not a.lost)

    def server_errors(self) -> list[Attempt]:
        return [a for a in self.attempts if a.status is not None and a.status >= 500]

    def hangs(self, seconds: float) -> list[Attempt]:
        """Requests (not deliberately dropped) without an answer within ``seconds``."""
        return [a for a in self.attempts if not a.lost
                and (a.status is None and a.error == "timeout" or a.elapsed > seconds)]

    def latency(self, which=None) -> str:
        values = sorted(a.elapsed for a in (which if which is not None else self.answered()))
        if not values:
            return "no answers"
        pick = lambda q: values[min(len(values) - 1, int(q * (len(values) - 1)))]  # noqa: E731 - a one-line name helper
        return (f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {pick(0.95) * 1000:.0f} "
                f"ms, max {values[-1] * 1000:.0f} ms")


def body(commune: str, marker: str) -> dict:
    return {
        "unit_code": commune,
        "category_code": "ha-tang",
        "title": "Đèn đường không sáng",
        "description": f"Đèn đường trước nhà văn hóa không sáng nhiều đêm liền. [{marker}]",
        "reporter": {"name": "Trần Thị Bình", "phone": "0905 123 456"},
        "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"},
    }


def _is_error_shape(response: httpx.Response) -> bool:
    try:
        data = response.json()
    except ValueError:
        return False
    return isinstance(data, dict) and ERROR_SHAPE <= set(data) and data["code"] == \
        response.status_code


def run(base_url: str, commune: str, clients: int, seconds: float, retrying_every: int,
        run_id: str, timeout: float = 10.0, retry_all: bool = False,
        settle_seconds: float = 60.0, on_tick=None) -> Report:
    """``clients`` threads submit for ``seconds``; every ``retrying_every``-th client (all of
    them when ``retry_all``) uses an Idempotency-Key and retries until acknowledged, for up
    to ``settle_seconds`` after the window closes."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    report = Report()
    window = {}
    start_gate = threading.Barrier(clients + 1, action=lambda: window.update(
        stop_at=time.monotonic() + seconds, give_up_at=time.monotonic() + seconds
        + settle_seconds))

    def post(http, client, marker, payload, key, lost=False):
        headers = {"Idempotency-Key": key} if key else {}
        begin = time.monotonic()
        request_timeout = httpx.Timeout(timeout, read=LOST_RESPONSE_TIMEOUT) if lost \
            else timeout
        try:
            response = http.post(base_url + "/api/v1/feedback", json=payload, headers=headers,
                                 timeout=request_timeout)
        except httpx.TimeoutException:
            report.record(Attempt(client, marker, None, begin, time.monotonic() - begin,
                                  lost, "timeout"))
            return None
        except httpx.TransportError as exc:
            report.record(Attempt(client, marker, None, begin, time.monotonic() - begin,
                                  lost, type(exc).__name__))
            return None
        attempt = Attempt(client, marker, response.status_code, begin,
                          time.monotonic() - begin, lost)
        if response.status_code >= 400:
            attempt.error_shape = _is_error_shape(response)
        report.record(attempt)
        return response

    def citizen(client: int) -> None:
        retrying = retry_all or client % retrying_every == 0
        # One connection per client, like a browser; a fresh one after any failure.
        http = _connection()
        start_gate.wait()
        stop_at, give_up_at = window["stop_at"], window["give_up_at"]
        seq = 0
        try:
            while time.monotonic() < stop_at:
                seq += 1
                marker = f"{run_id}-{client}-{seq}"
                payload = body(commune, marker)
                if not retrying:
                    response = post(http, client, marker, payload, None)
                    if response is not None and response.status_code == 201:
                        with report.lock:
                            report.acknowledged[marker] = response.json()["tracking_code"]
                    elif response is None:
                        http.close()
                        http = _connection()
                    continue
                key = str(uuid.uuid4())
                first = post(http, client, marker, payload, key, lost=True)
                http.close()  # the dropped answer may still be on its way: new connection
                http = _connection()
                code = None
                while time.monotonic() < give_up_at:
                    response = post(http, client, marker, payload, key)
                    if response is not None and response.status_code == 201:
                        code = response.json()["tracking_code"]
                        break
                    if response is None:
                        http.close()
                        http = _connection()
                    elif response.status_code < 500:
                        break  # a 4xx will not change by retrying: reported by statuses()
                    time.sleep(0.2)
                with report.lock:
                    if code is None:
                        report.unfinished.append(marker)
                        continue
                    report.acknowledged[marker] = code
                    if first is not None and first.status_code == 201 and \
                            first.json()["tracking_code"] != code:
                        report.mismatched.append(marker)
        finally:
            http.close()

    threads = [threading.Thread(target=citizen, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    report.started = time.monotonic()
    if on_tick is not None:
        on_tick(report, window["stop_at"])
    for thread in threads:
        thread.join(timeout=seconds + settle_seconds + 2 * timeout + 30)
    report.finished = time.monotonic()
    assert not any(t.is_alive() for t in threads), "client threads did not finish"
    return report


ACCESS_LINE = re.compile(r'"POST /api/v1/feedback HTTP/[\d.]+" (\d{3}) ')


def served(log_text: str) -> Counter:
    """Statuses of the submissions gunicorn answered, from its access log (this includes
    the answers the retrying clients dropped)."""
    return Counter(int(m.group(1)) for m in ACCESS_LINE.finditer(log_text))


MARKER = re.compile(r"\[([^\]]+)\]$")


def stored(app, run_id: str) -> tuple[Counter, dict[str, set[str]]]:
    """Rows of this run in the database: count per marker, and tracking codes per marker."""
    with app.app_context():
        from core.db import db

        rows = db.session.execute(sa.select(Feedback.description, Feedback.tracking_code)
                                  .where(Feedback.description.contains(f"[{run_id}-"))).all()
        db.session.remove()
    per_marker: Counter = Counter()
    codes: dict[str, set[str]] = {}
    for description, code in rows:
        marker = MARKER.search(description).group(1)
        per_marker[marker] += 1
        codes.setdefault(marker, set()).add(code)
    return per_marker, codes


def plain(code: str) -> str:
    """A tracking code as stored (the API shows it as ``ABCD-EFGH``)."""
    return code.replace("-", "").upper()


def check(app, run_id: str, report: Report) -> dict:
    """The figures, and assertions that every acknowledged submission is stored once."""
    per_marker, codes = stored(app, run_id)
    duplicates = {m: n for m, n in per_marker.items() if n > 1}
    missing = [m for m in report.acknowledged if m not in per_marker]
    wrong_code = [m for m, code in report.acknowledged.items()
                  if m in codes and codes[m] != {plain(code)}]
    figures = {
        "requests": len(report.attempts),
        "answered": len(report.answered()),
        "acknowledged": len(report.acknowledged),
        "stored": sum(per_marker.values()),
        "duplicates": sum(n - 1 for n in duplicates.values()),
        "5xx": len(report.server_errors()),
        "statuses": dict(report.statuses()),
        "seconds": round(report.finished - report.started, 1),
        "acknowledged_per_second": round(len(report.acknowledged)
                                         / max(0.001, report.finished - report.started), 1),
    }
    assert not missing, f"acknowledged but not stored: {missing[:10]}"
    assert not duplicates, f"stored more than once: {list(duplicates.items())[:10]}"
    assert not wrong_code, f"stored under another tracking code: {wrong_code[:10]}"
    assert not report.mismatched, f"a retry answered another code: {report.mismatched[:10]}"
    return figures
