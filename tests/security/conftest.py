"""Helpers for the security tests: a frozen clock, console clients from given addresses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.console.conftest import Console
from tests.notices.conftest import FrozenClock


@pytest.fixture
def frozen(monkeypatch):
    """``core.clock.now`` pinned to 2026-12-01 08:00 +07:00, moved by hand."""
    clock = FrozenClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
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
