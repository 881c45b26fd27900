"""The Open311 key fixtures, shared with the answer tests."""

from tests.open311.conftest import consent_key, open311_key  # noqa: F401 - pytest fixtures
