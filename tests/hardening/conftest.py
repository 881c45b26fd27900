"""Hardening tests reuse the Zalo fake and its fixtures."""

from tests.integrations.zalo.conftest import (  # noqa: F401 - fixtures
    fake,
    fake_server,
    send_event,
    zalo,
)
