"""Helpers for the security tests: a frozen clock, console clients from given addresses,
the consultations API driver, and the Zalo fake with a Zalo-enabled session app."""

from __future__ import annotations

import pytest

from tests.console.conftest import Console
from tests.consultations.conftest import T0, consult  # noqa: F401 - pytest fixtures
from tests.integrations.zalo.conftest import fake, fake_server, send_event, zalo  # noqa: F401 - pytest fixtures
from tests.notices.conftest import FrozenClock


@pytest.fixture
def frozen(monkeypatch):
    """``core.clock.now`` pinned to 2026-12-01 08:00 +07:00 (the consultations tests' T0),
    moved by hand."""
    clock = FrozenClock(T0)
    monkeypatch.setattr("core.clock.now", clock)
    return clock


@pytest.fixture
def browser(app):
    """``browser(address)`` → a console client whose requests come from ``address``."""
    def _make(address: str = "127.0.0.1") -> Console:
        c = Console(app.test_client())
        c.client.environ_base["REMOTE_ADDR"] = address
        return c

    return _make


@pytest.fixture
def other_app(app, tmp_path_factory):
    """``other_app(suffix, **settings)``: another migrated, seeded app (disposed after the
    test); the session app's Celery stays current."""
    from tests.conftest import dispose, make_app, seed

    made = []

    def _make(suffix: str, **settings):
        made_app = make_app(tmp_path_factory, suffix, **settings)
        made_app.config["WORLD"] = seed(made_app)
        made.append(made_app)
        app.extensions["celery"].set_current()
        app.extensions["celery"].set_default()
        return made_app

    yield _make
    for made_app in made:
        dispose(made_app)
