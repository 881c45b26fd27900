"""The embedded default is a whole product: ``make run`` alone runs periodic work.

The test starts ``make run`` exactly as a newcomer does (on its own SQLite file and port),
signs in with the demo tokens it prints, approves a notice to be published a minute later,
and waits for the notice to become public with no other command: the worker and beat that
``make run`` starts beside the web server publish it. Stopping ``make run`` stops them too.
"""

from __future__ import annotations

import os
import re
import time
from datetime import timedelta

import httpx
import pytest

from core.clock import isoformat_local, now
from tests.dbutil import backend
from tests.procs import PROCESS_SECRET_KEY, Process, free_port, wait_for

pytestmark = pytest.mark.skipif(
    backend() == "postgresql",
    reason="the embedded default is SQLite and no broker: the SQLite pass runs this test")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_run_publishes_a_scheduled_notice_with_no_other_command(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CELERY_", "TEST_DATABASE_URL", "DATABASE_URL"))}
    env.update(PORT=str(port), DATABASE_URL=f"sqlite:///{tmp_path / 'thongtin.db'}",
               SECRET_KEY=PROCESS_SECRET_KEY)
    run = Process(["make", "--no-print-directory", "run"], env, tmp_path / "make-run.log")
    run.spawn()
    base = f"http://127.0.0.1:{port}"
    try:
        def serving() -> bool:
            assert run.running(), run.log()
            try:
                return httpx.get(base + "/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(serving, timeout=240, interval=0.5, what="make run to serve")
        log = run.log(tail=200_000)
        tokens = dict(re.findall(r"tài khoản (\w+) .*?mã API (\S+)", log))
        worker_pid = int(re.search(r"Tiến trình xử lý nền: pid (\d+)", log).group(1))
        officer = {"Authorization": f"Bearer {tokens['canbo']}"}
        leader = {"Authorization": f"Bearer {tokens['lanhdao']}"}

        created = httpx.post(base + "/api/v1/staff/notices", headers=officer, json={
            "title": "Lịch tiêm chủng mở rộng tháng 12",
            "summary": "Trạm y tế phường tiêm chủng cho trẻ dưới 5 tuổi.",
            "body": "<p>Mời phụ huynh đưa trẻ đến trạm y tế vào sáng thứ bảy.</p>",
            "category": "local_programmes"}).json()
        notice_id, unit = created["id"], created["targets"][0]
        assert httpx.post(f"{base}/api/v1/staff/notices/{notice_id}/submit", json={},
                          headers=officer).status_code == 200
        publish_at = now() + timedelta(minutes=1)
        approved = httpx.post(f"{base}/api/v1/staff/notices/{notice_id}/approve",
                              headers=leader,
                              json={"publish_at": isoformat_local(publish_at)}).json()
        assert approved["status"] == "approved"
        approved_at = time.monotonic()

        def public() -> bool:
            items = httpx.get(f"{base}/api/v1/units/{unit}/notices", timeout=5).json()["items"]
            return any(item["id"] == notice_id for item in items)

        assert not public()
        wait_for(public, timeout=90, interval=1, what="the scheduled notice to be public")
        assert time.monotonic() - approved_at <= 90
        assert _running(worker_pid)
    finally:
        run.stop()
    # the worker (and beat inside it) ends with make run
    wait_for(lambda: not _running(worker_pid), timeout=30, what="the worker to stop")
