"""Fixtures for the Open311 tests: partner keys and items."""

from __future__ import annotations

import pytest

from feedback.open311 import keys


@pytest.fixture
def open311_key(ctx, world):
    """A key for the commune Phú Xuân whose partner does not collect consent."""
    _, raw = keys.create_key("Ứng dụng thử", world.commune)
    return raw


@pytest.fixture
def consent_key(ctx, world):
    """A province-wide key whose partner collects consent under policy 2026-01."""
    _, raw = keys.create_key("Cổng dịch vụ có đồng ý", world.province, True, "2026-01")
    return raw
