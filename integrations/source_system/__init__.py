"""The provincial source information system (Hệ thống thông tin nguồn): the ``json-hmac``
adapter (our documented, HMAC-signed JSON exchange) and its receive endpoint.

On when ``SOURCE_SYSTEM_ADAPTER`` is ``json-hmac`` and ``SOURCE_SYSTEM_PROVINCE``,
``SOURCE_SYSTEM_URL`` and ``SOURCE_SYSTEM_SECRET`` are set. See ``docs/source-system.md``.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the adapter, the receive endpoint and the line in ``/readyz``."""
    from core.routes import register_integration
    from integrations.source_system import routes
    from integrations.source_system.client import JsonHmacAdapter
    from radio import source

    source.register_adapter(app, JsonHmacAdapter.name, JsonHmacAdapter.from_config)
    app.register_blueprint(routes.bp)
    register_integration(app, "source_system", source.enabled)
