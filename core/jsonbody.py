"""The one way a request body is read as JSON.

Every JSON body (Flask's ``request.get_json``, flask-smorest/webargs arguments, the Zalo
webhook and the source-system endpoint, which read their raw bodies) goes through
:func:`loads`, which refuses with a 400 in the error shape, instead of a 500:

- bodies that are not UTF-8 JSON, or use ``NaN``/``Infinity`` (not JSON, RFC 8259);
- nesting deeper than :data:`MAX_DEPTH` objects/arrays (100,000 levels used to raise
  ``RecursionError`` inside the parser);
- strings or keys holding a lone UTF-16 surrogate (``"\\ud800"``): not Unicode text, they
  cannot be stored in PostgreSQL nor written as UTF-8 or XML (I-JSON, RFC 7493 §2.1).
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from webargs import core as webargs_core
from webargs.flaskparser import is_json_request

from core import messages
from core.errors import AppError

MAX_DEPTH = 32  # our deepest schema nests 3 levels, Zalo's events about 6
_SURROGATE = re.compile("[\ud800-\udfff]")


class InvalidJSON(AppError, ValueError):
    """A body that is not acceptable JSON (400). A ``ValueError`` too, so code that reads
    JSON with ``except ValueError`` keeps working."""

    status_code = 400


def _no_constant(name: str) -> Any:
    raise InvalidJSON(messages.INVALID_JSON)


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def check(value: Any) -> Any:
    """Refuse ``value`` (already parsed) when it nests deeper than :data:`MAX_DEPTH` or holds
    a lone surrogate; iterative, so it never recurses."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if _has_surrogate(node):
                raise InvalidJSON(messages.INVALID_TEXT)
        elif isinstance(node, dict | list):
            if depth >= MAX_DEPTH:
                raise InvalidJSON(messages.JSON_TOO_DEEP.format(n=MAX_DEPTH))
            if isinstance(node, dict):
                for key, inner in node.items():
                    if _has_surrogate(key):
                        raise InvalidJSON(messages.INVALID_TEXT)
                    stack.append((inner, depth + 1))
            else:
                stack.extend((inner, depth + 1) for inner in node)
    return value


def loads(data: str | bytes | bytearray) -> Any:
    """Parse a request body; :class:`InvalidJSON` (400) when it is not acceptable."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes | bytearray) else data
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise InvalidJSON(messages.JSON_TOO_DEEP.format(n=MAX_DEPTH)) from None
    except InvalidJSON:
        raise
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, too many digits
        raise InvalidJSON(messages.INVALID_JSON) from None
    return check(value)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, reading with :func:`loads` (``request.get_json``)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse a JSON document with :func:`loads` (Flask's extra keyword arguments unused)."""
        return loads(s)


def _webargs_json(request) -> Any:
    """Webargs' JSON loader: the body through :func:`loads` (an empty body is missing)."""
    if not is_json_request(request):
        return webargs_core.missing
    data = request.get_data(cache=True)
    if not data:
        return webargs_core.missing
    return loads(data)


def init_app(app: Flask) -> None:
    """Read every JSON body through :func:`loads`: Flask's provider, and the one webargs
    parser flask-smorest shares between all blueprints (bound at decoration time, so its
    JSON hook is replaced on that instance, whatever was imported first)."""
    from flask_smorest import Blueprint

    provider = JSONProvider(app)
    provider.ensure_ascii = False  # Vietnamese stays readable in JSON
    provider.sort_keys = False
    app.json = provider
    Blueprint.ARGUMENTS_PARSER._raw_load_json = _webargs_json
