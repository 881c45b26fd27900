"""Form helpers shared by the console's pages."""

from __future__ import annotations

from typing import Any

from console import messages as m


def first_error(messages: Any) -> str:
    """The first message of a (possibly nested) marshmallow error dict or list."""
    while isinstance(messages, dict):
        messages = next(iter(messages.values()), None)
    if isinstance(messages, list) and messages:
        return first_error(messages[0]) if isinstance(messages[0], (dict, list)) \
            else str(messages[0])
    return str(messages) if isinstance(messages, str) else m.ERROR_TEXT[400]


def field_errors(errors: dict | None) -> dict[str, str]:
    """``{field: first message}`` of a schema's or a service's errors."""
    return {str(name): first_error(value) for name, value in (errors or {}).items()}
