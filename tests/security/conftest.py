"""Fixtures the security tests borrow: the Zalo fake and a Zalo-enabled session app."""

from tests.integrations.zalo.conftest import fake, fake_server, send_event, zalo  # noqa: F401
