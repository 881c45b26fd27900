"""Form helpers shared by the console's pages."""

from __future__ import annotations

from typing import Any

from console import messages


def first_error(errors: Any) -> str:
    """The first message of a (possibly nested) marshmallow error dict or list."""
    while isinstance(errors, dict):
        errors = next(iter(errors.values()), None)
    if isinstance(errors, list) and errors:
        return first_error(errors[0]) if isinstance(errors[0], (dict, list)) \
            else str(errors[0])
    return str(errors) if isinstance(errors, str) else messages.ERROR_TEXT[400]


def field_errors(errors: dict | None) -> dict[str, str]:
    """``{field: first message}`` of a schema's or a service's errors."""
    return {str(name): first_error(value) for name, value in (errors or {}).items()}
