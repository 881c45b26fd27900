"""Absolute links in public output (JSON, Atom, CAP, Open311, radio, messages), never taken
from a request's ``Host`` header as the client sent it.

- ``PUBLIC_BASE_URL`` set (the public origin, e.g. ``https://thongtin.hue.gov.vn``): every
  link is that origin plus the path; the request's ``Host`` is never used.
- Unset, and Flask's ``TRUSTED_HOSTS`` set: Flask has already refused (400) any request
  whose ``Host`` is not in the list, so the request's own host is used.
- Neither: links are root-relative (``/api/v1/notices/12``). A client that fetched the
  document resolves them against the address it used, which is the real one; a forged
  ``Host`` can no longer put another site's address into a response that caches,
  aggregators and the commune website pass on. (Refusing with 400 instead would take every
  public surface of an unconfigured install down; relative links keep them working.)
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for


def public_base() -> str | None:
    """The trusted origin links start with, or None (root-relative links)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return str(base).rstrip("/")
    if has_request_context() and current_app.config.get("TRUSTED_HOSTS"):
        return request.host_url.rstrip("/")  # a host Flask checked against the list
    return None


def path_for(endpoint: str, **values: Any) -> str:
    """The path of ``endpoint`` (inside or outside a request)."""
    if has_request_context():
        return url_for(endpoint, **values)
    adapter = current_app.url_map.bind("localhost",
                                       script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(endpoint, values)


def absolute(path: str) -> str:
    """``path`` (starting with ``/``) as a public link."""
    base = public_base()
    return base + path if base else path


def public_url(endpoint: str, **values: Any) -> str:
    """The public link of ``endpoint``: absolute from a trusted origin, else root-relative."""
    return absolute(path_for(endpoint, **values))


def is_absolute(url: str) -> bool:
    """True when ``url`` names its host (``https://…``)."""
    return "://" in url
