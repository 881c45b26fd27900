"""Shared fixtures: one migrated database per session, a rolled-back transaction per test.

Set TEST_DATABASE_URL (PostgreSQL) to run the suite on PostgreSQL; SQLite otherwise.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

import directory
from app import create_app
from core import cache, signin_throttle
from core.db import db, unit_of_work
from directory import auth
from directory.models import Office
from tests.dbutil import fresh_database

PROVINCE = "46"  # Thành phố Huế
COMMUNE = "19753"  # Phường Phú Xuân
OTHER_COMMUNE = "19774"  # Phường Kim Long
OTHER_PROVINCE = "01"  # Hà Nội
PASSWORD = "Mat-khau-thu-2026"  # console password of every seeded account


def make_app(tmp_path_factory, suffix: str = "", **overrides):
    """A migrated app on a fresh database."""
    tmp = tmp_path_factory.mktemp(f"app{suffix}")
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": fresh_database(str(tmp), suffix),
        "UPLOAD_DIR": str(tmp / "uploads"),
        "VERIFICATION_KEY_DIR": str(tmp / "signing-keys"),
        "RATELIMIT_ENABLED": False,
        "CELERY_BROKER_URL": None,
        **overrides,
    }
    # Tasks run inside the test unless the test gives the app a broker (and its workers).
    config.setdefault("CELERY_TASK_ALWAYS_EAGER", not config["CELERY_BROKER_URL"])
    app = create_app(config)
    with app.app_context():
        upgrade(directory="migrations")
    _APPS.append(app)
    return app


_APPS: list = []


@pytest.fixture(scope="session", autouse=True)
def _dispose_apps():
    """Close every test app's pooled connections at the end of the session."""
    yield
    for app in _APPS:
        dispose(app)


@dataclass
class World:
    """Seeded directory: units, offices, categories, staff and their tokens."""

    province: str
    commune: str
    other_commune: str
    office_infra: int
    office_police: int
    office_other_commune: int
    tokens: dict[str, str]
    staff_ids: dict[str, int]


def seed(app) -> World:
    """Huế and Hà Nội, offices, categories with routes, and one account per role."""
    with app.app_context(), unit_of_work():
        directory.import_province(PROVINCE)
        directory.import_province(OTHER_PROVINCE, with_offices=True)
        directory.create_category("ha-tang", "Hạ tầng, giao thông", None, 10)
        directory.create_category("an-ninh", "An ninh, trật tự", None, 5)
        directory.create_category("khac", "Lĩnh vực khác")
        directory.create_category("rieng-kim-long", "Riêng Kim Long", OTHER_COMMUNE)
        infra = directory.create_office(COMMUNE, "Phòng Kinh tế, Hạ tầng và Đô thị")
        police = directory.create_office(COMMUNE, "Công an phường Phú Xuân", "police")
        other = db.session.scalar(sa.select(Office).where(Office.unit_code == OTHER_COMMUNE))
        directory.set_route("ha-tang", COMMUNE, infra.id)
        directory.set_route("an-ninh", COMMUNE, police.id, due_days=3)
        accounts = {
            "province_admin": ("admin", "province_admin", PROVINCE, None),
            "other_province_admin": ("hn_admin", "province_admin", OTHER_PROVINCE, None),
            "leader": ("leader", "commune_leader", COMMUNE, None),
            "officer": ("officer", "officer", COMMUNE, infra.id),
            "police": ("police", "officer", COMMUNE, police.id),
            "other_leader": ("kl_leader", "commune_leader", OTHER_COMMUNE, None),
            "other_officer": ("kl_officer", "officer", OTHER_COMMUNE, other.id),
            "viewer": ("viewer", "viewer", COMMUNE, None),
        }
        tokens, ids = {}, {}
        for key, (username, role, unit, office) in accounts.items():
            user = auth.create_staff(username, role, unit, office)
            auth.set_password(user, PASSWORD)
            tokens[key] = auth.issue_token(user)
            ids[key] = user.id
        return World(PROVINCE, COMMUNE, OTHER_COMMUNE, infra.id, police.id, other.id,
                     tokens, ids)


@contextmanager
def app_unit(app) -> Iterator[None]:
    """An app context with one unit of work in it, for a test that calls services of a
    running (live) app directly: committed at the end, after-commit work dispatched."""
    with app.app_context(), unit_of_work():
        yield


def dispose(app) -> None:
    """Close pooled connections (psycopg warns about connections left open at exit)."""
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The session's app on a migrated database."""
    return make_app(tmp_path_factory)


@pytest.fixture(scope="session")
def world(app) -> World:
    """Seed data committed once for the whole session."""
    return seed(app)


@pytest.fixture(autouse=True)
def _db_transaction(request, app, world):
    """Run each test in a transaction that is rolled back (services' commits are savepoints)."""
    cache.clear_all(app)  # the app's caches may name rows an earlier test rolled back
    signin_throttle.reset(app)  # sign-in failures of an earlier test (kept in memory, not the db)
    if "live_app" in request.fixturenames or "no_db_transaction" in request.keywords:
        yield
        return
    with app.app_context():
        engine = db.engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        db.engines[None] = connection  # type: ignore[assignment]
        db.session.configure(join_transaction_mode="create_savepoint")
        try:
            yield
        finally:
            db.session.remove()
            transaction.rollback()
            connection.close()
            db.engines[None] = engine


@pytest.fixture
def client(app):
    """Test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """An application context for calling services directly."""
    with app.app_context():
        yield


@pytest.fixture
def staff_headers(world):
    """``staff_headers("officer")`` → Authorization header for that seeded account."""
    return lambda who: {"Authorization": f"Bearer {world.tokens[who]}"}


@pytest.fixture
def submit(client, world):
    """``submit(**overrides)`` posts a valid JSON feedback and returns the response."""

    def _submit(headers=None, **overrides):
        body = {
            "unit_code": world.commune,
            "category_code": "ha-tang",
            "title": "Ổ gà trên đường Lê Lợi",
            "description": "Đoạn trước số 12 có ổ gà sâu, rất nguy hiểm khi trời mưa.",
            "reporter": {"name": "Nguyễn Văn An", "phone": "0912 345 678"},
            "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"},
        }
        body.update(overrides)
        body = {k: v for k, v in body.items() if v is not None}
        return client.post("/api/v1/feedback", json=body, headers=headers or {})

    return _submit


_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") \
            and not host.startswith("/"):
        raise RuntimeError(f"tests must not reach the network ({host})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any connection beyond loopback fails the test."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """A second app on its own migrated, seeded database, for real servers and threads.

    Tests using it commit for real; they must use unique data (codes, keys) and count
    only what they created.
    """
    app = make_app(tmp_path_factory, "_live")
    app.config["LIVE_WORLD"] = seed(app)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """``live_app`` served over HTTP on 127.0.0.1 (threaded)."""
    from tests.live import LiveServer

    server = LiveServer(live_app).start()
    yield server
    server.stop()
    dispose(live_app)


@pytest.fixture(scope="session")
def live_world(live_app) -> World:
    """The seed data of ``live_app``."""
    return live_app.config["LIVE_WORLD"]
