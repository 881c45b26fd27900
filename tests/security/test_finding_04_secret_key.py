"""Finding 4: a known default key signed sessions. With ``SECRET_KEY`` unset, a console
cookie forged with the published development key reached ``/console/admin/staff``.

Now: outside tests the service refuses to start without a key of at least 32 bytes that is
not a published value; ``make run`` writes one into ``instance/`` once (mode 0600) and the
app reads it when the environment sets none; a test app without a key gets a random one.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest
from flask.sessions import SecureCookieSessionInterface
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer

from app import create_app
from core import secret_key
from tests.conftest import _APPS, seed
from tests.dbutil import fresh_database
from tests.procs import PROCESS_SECRET_KEY, ROOT

OLD_DEFAULT = "dev-only-not-secret"


def _forge(payload: dict, key: str) -> str:
    """A session cookie value as Flask would sign it with ``key``."""
    interface = SecureCookieSessionInterface()
    serializer = URLSafeTimedSerializer(
        key, salt=interface.salt, serializer=interface.serializer,
        signer_kwargs={"key_derivation": interface.key_derivation,
                       "digest_method": interface.digest_method})
    return serializer.dumps(payload)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def keyless_app(tmp_path_factory, monkeypatch_module, app):
    """A test app whose configuration does not name a key (and finds no key file), as a
    deployment that forgot ``SECRET_KEY``."""
    tmp = tmp_path_factory.mktemp("app_nokey")
    monkeypatch_module.setattr(secret_key, "key_path", lambda app: str(tmp / "secret_key"))
    monkeypatch_module.delenv("SECRET_KEY", raising=False)
    keyless = create_app({"TESTING": True,
                          "SQLALCHEMY_DATABASE_URI": fresh_database(str(tmp), "_nokey"),
                          "UPLOAD_DIR": str(tmp / "uploads"), "RATELIMIT_ENABLED": False,
                          "CELERY_BROKER_URL": None, "CELERY_TASK_ALWAYS_EAGER": True})
    with keyless.app_context():
        upgrade(directory="migrations")
    _APPS.append(keyless)  # disposed at the end of the session
    app.extensions["celery"].set_current()  # the session app's Celery stays current
    app.extensions["celery"].set_default()
    return keyless, seed(keyless)


@pytest.mark.no_db_transaction
def test_finding_04_a_console_cookie_forged_with_the_old_default_key_is_refused(keyless_app):
    app, world = keyless_app
    admin = world.staff_ids["province_admin"]
    client = app.test_client()
    for payload in ({"_permanent": True, "staff_id": admin, "sv": 1, "seen": int(time.time())},
                    {"_permanent": True, "sid": "x" * 43}):
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], _forge(payload, OLD_DEFAULT))
        response = client.get("/console/admin/staff")
        assert response.status_code == 302, payload
        assert response.headers["Location"].startswith("/console/login")
    # A test app without a key got a random one of its own.
    assert app.config["SECRET_KEY"] != OLD_DEFAULT
    assert len(app.config["SECRET_KEY"].encode()) >= secret_key.MIN_BYTES


@pytest.mark.parametrize("key", [None, "", OLD_DEFAULT, "test", "changeme",
                                 "short-but-not-32-bytes", "a" * 64])
def test_finding_04_the_service_refuses_to_start_without_a_strong_key(key, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(secret_key, "key_path", lambda app: str(tmp_path / "secret_key"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"SQLALCHEMY_DATABASE_URI": fresh_database(str(tmp_path), "_weak"),
              "SECRET_KEY": key}
    with pytest.raises(secret_key.WeakSecretKey) as refused:
        create_app(config)
    assert "SECRET_KEY" in str(refused.value) and "Không khởi động" in str(refused.value)


def test_finding_04_a_real_process_refuses_a_known_key_and_starts_with_a_strong_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "TEST_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}", LOG_LEVEL="WARNING")
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "routes"]
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**env, "SECRET_KEY": OLD_DEFAULT})
    assert refused.returncode != 0
    assert "Không khởi động: SECRET_KEY là một giá trị đã công khai" in refused.stderr
    started = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**env, "SECRET_KEY": PROCESS_SECRET_KEY})
    assert started.returncode == 0, started.stderr[-2000:]
    assert "/console/login" in started.stdout


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_finding_04_make_run_writes_the_key_once_and_the_app_reads_it(tmp_path, monkeypatch,
                                                                     app):
    instance = tmp_path / "instance"
    target = f"{instance}/secret_key"
    plan = _make("-n", f"INSTANCE={instance}", "run").stdout
    assert f"-m core.secret_key {target}" in plan
    assert plan.index("-m core.secret_key") < plan.index("db upgrade")  # before the app starts

    first = _make(f"INSTANCE={instance}", target)
    assert first.returncode == 0, first.stderr
    key = (instance / "secret_key").read_text().strip()
    assert secret_key.problem(key) is None and len(key.encode()) >= 48
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    again = _make(f"INSTANCE={instance}", target)
    assert again.returncode == 0 and "up to date" in again.stdout
    assert secret_key.main([target]) == 0  # the command itself keeps an existing key too
    assert (instance / "secret_key").read_text().strip() == key

    monkeypatch.setattr(secret_key, "key_path", lambda app: target)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    made = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database(str(tmp_path), "_keyfile"),
                       "SECRET_KEY": None})
    app.extensions["celery"].set_current()  # the session app's Celery stays current
    app.extensions["celery"].set_default()
    _APPS.append(made)
    assert made.config["SECRET_KEY"] == key
