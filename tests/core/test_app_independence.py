"""Creating a second app never changes the first: periodic tasks, outbox senders, signal
receivers, cross-origin endpoints, caches, speech engines, source adapters and identity
resolvers belong to the app that made them."""

from __future__ import annotations

import pytest

from app import create_app
from core import cache, cors, outbox
from integrations.zalo import fanout
from notices.signals import notice_published, notice_withdrawn

ORIGIN = "https://phuxuan.example.vn"


def _app(**config):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "CELERY_TASK_ALWAYS_EAGER": True, **config})


@pytest.fixture
def two_apps(app):
    plain = _app()
    zalo = _app(ZALO_APP_ID="fake-app", ZALO_APP_SECRET="fake-app-secret",
                ZALO_OA_SECRET_KEY="fake-oa-secret",
                OUTBOX_SENDERS={"gateway-test": "tests.reliability.receiver:send"},
                WIDGET_ALLOWED_ORIGINS=[ORIGIN])
    yield plain, zalo
    # Eager tasks of later tests run in the session app's Celery again.
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


def test_periodic_tasks_and_senders_belong_to_their_app(two_apps):
    plain, zalo = two_apps
    plain_schedule = plain.extensions["celery"].conf.beat_schedule
    zalo_schedule = zalo.extensions["celery"].conf.beat_schedule
    assert "zalo-sweep" in zalo_schedule and "zalo-sweep" not in plain_schedule
    assert "zalo-sweep" not in plain.extensions["periodic"]
    with zalo.app_context():
        assert {"zalo", "gateway-test"} <= set(outbox.channels())
    with plain.app_context():
        assert "zalo" not in outbox.channels() and "gateway-test" not in outbox.channels()


def test_signal_receivers_hear_only_their_app(two_apps):
    plain, zalo = two_apps
    for each in (plain, zalo):
        assert list(notice_published.receivers_for(each)).count(fanout.on_notice_published) == 1
        assert list(notice_withdrawn.receivers_for(each)).count(fanout.on_notice_withdrawn) == 1

    def receiver(sender, notice):
        raise AssertionError("not connected here")

    with notice_published.connected_to(receiver, sender=zalo):
        assert receiver in list(notice_published.receivers_for(zalo))
        assert receiver not in list(notice_published.receivers_for(plain))


def test_cross_origin_endpoints_and_origins_belong_to_their_app(two_apps):
    plain, zalo = two_apps
    cors.allow(zalo, "health.healthz", "GET")
    assert "health.healthz" in cors.endpoints(zalo)
    assert "health.healthz" not in cors.endpoints(plain)
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    # zalo allows only ORIGIN; plain keeps the default "*"
    assert plain.test_client().options("/api/v1/feedback", headers={
        **preflight, "Origin": "https://other.example"}).headers[
        "Access-Control-Allow-Origin"] == "*"
    refused = zalo.test_client().options("/api/v1/feedback", headers={
        **preflight, "Origin": "https://other.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers
    allowed = zalo.test_client().options("/api/v1/feedback", headers=preflight)
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in plain.test_client().get(
        "/healthz", headers={"Origin": ORIGIN}).headers
    assert zalo.test_client().get("/healthz", headers={"Origin": ORIGIN}).headers[
        "Access-Control-Allow-Origin"] == ORIGIN


def test_caches_belong_to_their_app(two_apps):
    plain, zalo = two_apps
    key = ("19753", "ha-tang")
    with zalo.app_context():
        cache.get_cache("directory.routes").put(key, "route of the Zalo app")
        assert cache.get_cache("directory.routes").get(key) == "route of the Zalo app"
    with plain.app_context():
        assert cache.get_cache("directory.routes").get(key) is None
    assert cache.get_cache("notices.public", plain) is not cache.get_cache("notices.public", zalo)


def test_engines_adapters_and_identity_resolvers_belong_to_their_app(two_apps):
    from feedback import service as feedback_service
    from radio import engines, source

    plain, zalo = two_apps
    engines.register(zalo, "vendor-test", lambda config: None)
    source.register_adapter(zalo, "vendor-test", lambda config: None)
    feedback_service.register_identity_resolver(zalo, lambda: None)
    with zalo.app_context():
        assert "vendor-test" in engines.available()
        assert "vendor-test" in zalo.extensions["source_adapters"]
        zalo_resolvers = len(zalo.extensions["identity_resolvers"])
    with plain.app_context():
        assert "vendor-test" not in engines.available() and "espeak-ng" in engines.available()
        assert "vendor-test" not in plain.extensions["source_adapters"]
        assert len(plain.extensions["identity_resolvers"]) == zalo_resolvers - 1
