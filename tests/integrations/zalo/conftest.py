"""Zalo fixtures: the fake Zalo server on 127.0.0.1 and an app configured to use it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import clock, outbox
from core.db import db
from integrations.zalo import client, delivery, routes
from integrations.zalo.cli import build_event, sign
from integrations.zalo.models import ZaloOAState
from tests.fakes.zalo import FakeServer, FakeZalo

APP_ID = "fake-app"


@pytest.fixture(scope="session")
def fake_server():
    """The fake Zalo, served for the whole session."""
    fake = FakeZalo(APP_ID)
    server = FakeServer(fake).start()
    yield fake, server
    server.stop()


def zalo_config(url: str) -> dict:
    """Settings pointing the app at the fake."""
    return {"ZALO_APP_ID": APP_ID, "ZALO_APP_SECRET": "fake-app-secret",
            "ZALO_OA_SECRET_KEY": "fake-oa-secret", "ZALO_OPENAPI_URL": url,
            "ZALO_OAUTH_URL": url, "ZALO_GRAPH_URL": url, "ZALO_BUSINESS_URL": url,
            "ZALO_TIMEOUT_SECONDS": 5.0, "ZALO_SEND_RATE_PER_SECOND": 0}


@pytest.fixture
def fake(fake_server):
    """A reset fake Zalo."""
    fake, _ = fake_server
    fake.reset()
    return fake


def _configure(app, url):
    # Eager tasks run in the app whose Celery is current: make it this one (another
    # create_app in the session, e.g. live_app, would otherwise take them).
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()
    saved = {k: app.config.get(k) for k in zalo_config(url)}
    app.config.update(zalo_config(url))
    client.forget_cached_token()
    routes.clear_cache()
    delivery.forget_pause()
    from integrations.zalo import register_sender

    register_sender(app)
    return saved


def _restore(app, saved):
    app.config.update(saved)
    outbox.unregister_sender(app, "zalo")
    outbox.unregister_sender(app, "zns")
    client.forget_cached_token()
    routes.clear_cache()


@pytest.fixture
def zalo(app, ctx, fake, fake_server):
    """The session app talking to the fake, with a connected OA (rolled back after)."""
    _, server = fake_server
    saved = _configure(app, server.url)
    db.session.add(ZaloOAState(id=1, access_token=fake.issue_access_token(),
                               refresh_token=fake.issue_refresh_token(),
                               access_expires_at=clock.now() + timedelta(hours=25)))
    db.session.commit()
    yield fake
    _restore(app, saved)


@pytest.fixture
def send_event(client):
    """``send_event(text, user=…, event=…)`` posts a signed webhook event; returns the response."""

    def _send(text=None, user="U1", event="user_send_text", image=None, location=None,
              body=None):
        body = body or build_event(text, user, event, image, location, APP_ID)
        raw, header = sign(body)
        return client.post("/integrations/zalo/webhook", data=raw,
                           headers={"Content-Type": "application/json",
                                    "X-ZEvent-Signature": header})

    return _send


@pytest.fixture
def http_client(app):
    """Test client (named apart from the Zalo ``client`` module)."""
    return app.test_client()
