"""Client: error mapping, the token store, refresh-once-retry-once, alerts, connect."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from core.models import Delivery
from integrations.zalo import client
from integrations.zalo.client import ZaloError
from integrations.zalo.models import ZaloOAState
from tests.conftest import make_app
from tests.fakes.zalo import FakeServer, FakeZalo
from tests.integrations.zalo.conftest import APP_ID, zalo_config


@pytest.mark.parametrize("code,kind", [
    (-216, "token"), (-220, "token"), (-124, "token"),
    (-230, "unreachable"), (-213, "unreachable"), (-217, "unreachable"),
    (-224, "unreachable"), (-227, "unreachable"), (-244, "unreachable"),
    (-32, "transient"), (-100, "transient"),
    (-144, "quota"), (-115, "quota"),
    (-201, "permanent"), (-14020, "permanent"),
])
def test_error_codes_map_to_kinds(code, kind):
    assert ZaloError(code, "x").kind == kind


def test_http_failures_map_to_kinds():
    assert ZaloError(client.HTTP_ERROR, "HTTP 502", 502).kind == "transient"
    assert ZaloError(client.HTTP_ERROR, "HTTP 429", 429).kind == "transient"
    assert ZaloError(client.HTTP_ERROR, "HTTP 404", 404).kind == "permanent"
    assert ZaloError(client.TIMEOUT, "ReadTimeout").kind == "transient"


def test_error_field_on_http_200_raises_with_code_and_message(zalo):
    zalo.fail_next = [-201]
    with pytest.raises(ZaloError) as info:
        client.send_text("U1", "xin chào")
    assert info.value.code == -201 and info.value.message == "injected error -201"


def test_http_5xx_is_a_transient_error(zalo):
    zalo.fail_next = [503]
    with pytest.raises(ZaloError) as info:
        client.send_text("U1", "xin chào")
    assert info.value.code == client.HTTP_ERROR and info.value.kind == "transient"


def test_timeout_is_a_transient_error(zalo, app):
    zalo.slow_seconds = 0.5
    app.config["ZALO_TIMEOUT_SECONDS"] = 0.1
    client.reset_http()
    try:
        with pytest.raises(ZaloError) as info:
            client.get_oa()
    finally:
        zalo.slow_seconds = 0
        app.config["ZALO_TIMEOUT_SECONDS"] = 5.0
        client.reset_http()
    assert info.value.code == client.TIMEOUT and info.value.kind == "transient"


def test_invalid_token_refreshes_once_and_retries_once(zalo):
    zalo.revoke_access_tokens()
    client.forget_cached_token()
    old_refresh = db.session.get(ZaloOAState, 1).refresh_token
    assert client.get_oa()["oa_id"]
    assert zalo.refresh_calls == 1
    state = db.session.get(ZaloOAState, 1, populate_existing=True)
    assert state.refresh_token != old_refresh  # the new pair is stored
    assert zalo.refresh_tokens[old_refresh] is False  # the old one is spent


def test_still_refused_after_refresh_is_not_retried_again(zalo):
    zalo.fail_always = -216
    try:
        with pytest.raises(ZaloError) as info:
            client.send_text("U1", "x")
    finally:
        zalo.fail_always = None
    assert info.value.code == -216
    assert zalo.refresh_calls == 1
    assert zalo.calls["/v3.0/oa/message/cs"] == 2


def test_expiring_token_is_refreshed_before_use(zalo):
    db.session.get(ZaloOAState, 1).access_expires_at = clock.now() + timedelta(hours=4)
    db.session.commit()
    client.forget_cached_token()
    client.get_oa()
    assert zalo.refresh_calls == 1


def test_failed_refresh_alerts_administrators(zalo, http_client, caplog):
    state = db.session.get(ZaloOAState, 1)
    state.refresh_token = "rt-spent-or-wrong"
    db.session.commit()
    zalo.revoke_access_tokens()
    with pytest.raises(ZaloError) as info:
        client.get_oa()
    assert info.value.code == -14020
    assert "Zalo OA token refresh failed" in caplog.text
    state = db.session.get(ZaloOAState, 1, populate_existing=True)
    assert state.refresh_failed_at is not None
    alert = db.session.scalar(sa.select(Delivery).where(Delivery.channel == "admin"))
    assert alert.kind == "zalo_token_failed" and "flask zalo connect" in alert.payload["text"]
    ready = http_client.get("/readyz").json["checks"]["zalo"]
    assert ready.startswith("error: làm mới mã truy cập thất bại")


def test_connect_command_stores_and_checks_the_token(zalo, runner):
    db.session.delete(db.session.get(ZaloOAState, 1))
    db.session.commit()
    result = runner.invoke(args=["zalo", "connect", zalo.initial_refresh_token])
    assert result.exit_code == 0, result.output
    assert "Đã kết nối Official Account: UBND (OA giả lập)" in result.output
    assert db.session.get(ZaloOAState, 1).access_token
    again = runner.invoke(args=["zalo", "connect", zalo.initial_refresh_token])
    assert again.exit_code != 0 and "-14020" in again.output


def test_readyz_reports_zalo(zalo, http_client):
    assert http_client.get("/readyz").json["checks"]["zalo"] == "ok"


# --- concurrency: a real database, real connections, many threads ---------------------------
@pytest.fixture(scope="module")
def token_app(tmp_path_factory, app):
    fake = FakeZalo(APP_ID)
    server = FakeServer(fake).start()
    other = make_app(tmp_path_factory, "_zalotok", **zalo_config(server.url))
    app.extensions["celery"].set_current()  # keep the session app's Celery current
    app.extensions["celery"].set_default()
    yield other, fake
    server.stop()
    with other.app_context():
        from core.db import db as database

        database.engine.dispose()


def test_concurrent_refresh_reaches_zalo_once(token_app):
    other, fake = token_app
    with other.app_context():
        db.session.add(ZaloOAState(id=1, access_token="at-expired",
                                   refresh_token=fake.issue_refresh_token(),
                                   access_expires_at=clock.now() - timedelta(minutes=1)))
        db.session.commit()
    client.forget_cached_token()
    fake.refresh_delay = 0.3  # widen the window in which a second refresh could slip in
    barrier = threading.Barrier(12)
    results, errors = [], []

    def worker():
        with other.app_context():
            barrier.wait()
            try:
                results.append(client.get_oa()["oa_id"])
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 12
    assert fake.refresh_calls == 1


def test_concurrent_refresh_after_refusal_reaches_zalo_once(token_app):
    other, fake = token_app
    fake.revoke_access_tokens()  # every cached token is now refused with -216
    fake.refresh_delay = 0.3
    before = fake.refresh_calls
    barrier = threading.Barrier(8)
    errors = []

    def worker():
        with other.app_context():
            barrier.wait()
            try:
                client.send_text("U-conc", "xin chào")
            except Exception as exc:  # noqa: BLE001 - collected and asserted empty below
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert fake.refresh_calls - before == 1
    assert len(fake.texts_to("U-conc")) == 8
