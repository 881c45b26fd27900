"""Load and fault tests: real gunicorn, Celery workers and beat, and servers of their own.

They run on the PostgreSQL pass of the suite (TEST_DATABASE_URL set; ``.ci/run`` does it)
and are deselected, with a line in the summary saying so, on the SQLite pass: the service
they prove runs on PostgreSQL, and once is enough.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dispose, make_app, seed
from tests.dbutil import backend

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if backend() == "postgresql":
        return
    mine = [item for item in items if HERE in Path(str(item.fspath)).resolve().parents]
    if not mine:
        return
    config.hook.pytest_deselected(items=mine)
    items[:] = [item for item in items if item not in mine]
    config.stash[_DESELECTED] = len(mine)


_DESELECTED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    count = config.stash.get(_DESELECTED, 0)
    if count:
        terminalreporter.write_line(
            f"tests/reliability: {count} load and fault tests deselected on SQLite; they run "
            "on the PostgreSQL pass (TEST_DATABASE_URL, as .ci/run sets it)", yellow=True)


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory, app):
    """``seeded_app(suffix, **settings)``: a migrated, seeded app on a fresh database of
    the test PostgreSQL server (or on ``SQLALCHEMY_DATABASE_URI`` when given); restores the
    session app's Celery afterwards."""
    made = []

    def _make(suffix: str, **settings):
        made_app = make_app(tmp_path_factory, suffix, **settings)
        made_app.config["WORLD"] = seed(made_app)
        made.append(made_app)
        return made_app

    yield _make
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()
    for made_app in made:
        dispose(made_app)


@pytest.fixture(scope="module")
def zalo_fake():
    """The fake Zalo on 127.0.0.1 for one module: (FakeZalo, its URL)."""
    from tests.fakes.zalo import FakeServer, FakeZalo
    from tests.integrations.zalo.conftest import APP_ID

    fake = FakeZalo(APP_ID)
    server = FakeServer(fake).start()
    yield fake, server.url
    server.stop()


def connect_oa(app, fake) -> None:
    """Store a valid OA token pair, as ``flask zalo connect`` would."""
    from datetime import timedelta

    from core import clock
    from core.db import db
    from integrations.zalo import client
    from integrations.zalo.models import ZaloOAState

    with app.app_context():
        db.session.add(ZaloOAState(id=1, access_token=fake.issue_access_token(),
                                   refresh_token=fake.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(hours=25)))
        db.session.commit()
        db.session.remove()
        client.forget_cached_token()


class StaffApi:
    """Publish notices through a running web process, as staff do."""

    def __init__(self, url: str, world):
        self.url, self.world = url, world

    def _post(self, path: str, who: str, body: dict, expect: int) -> dict:
        import httpx

        response = httpx.post(self.url + path, json=body, timeout=30, headers={
            "Authorization": f"Bearer {self.world.tokens[who]}"})
        assert response.status_code == expect, response.text
        return response.json()

    def publish(self, approve: dict | None = None, **fields) -> dict:
        """Write (officer), submit and approve (leader) a notice; ``approve`` may carry a
        ``publish_at`` to schedule it."""
        body = {"title": "Lịch cắt điện khu vực phường",
                "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
                "body": "<p>Điện lực thông báo cắt điện để bảo dưỡng.</p>",
                "category": "local_programmes", **fields}
        notice = self._post("/api/v1/staff/notices", "officer", body, 201)
        self._post(f"/api/v1/staff/notices/{notice['id']}/submit", "officer", {}, 200)
        return self._post(f"/api/v1/staff/notices/{notice['id']}/approve", "leader",
                          approve or {}, 200)
