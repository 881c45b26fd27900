"""Zalo: OA chat intake, Mini App backend, delivery of receipts, answers and notices, and
ZNS template messages by phone (channel ``zns``).

Off unless ``ZALO_APP_ID`` is set (``/readyz`` says so). See ``fanout`` for the notices signals.
"""

from __future__ import annotations

from flask import Flask


def register_sender(app: Flask) -> None:
    """Make this integration the sender of channel ``zalo``, and of channel ``zns`` when
    ZNS templates are configured (a malformed ``ZALO_ZNS_TEMPLATES`` stops the start)."""
    from core import outbox
    from integrations.zalo import delivery, zns

    outbox.register_sender(app, "zalo", delivery.send)
    templates = app.config.get("ZALO_ZNS_TEMPLATES")
    if templates:
        zns.check_templates(templates)
        outbox.register_sender(app, zns.CHANNEL, zns.send)


def init_app(app: Flask) -> None:
    """Routes, CLI, readiness, caches, the identity resolver, the notices signals; sender
    and periodic tasks when on."""
    from core import cache
    from core.celery import add_periodic
    from core.extensions import api
    from feedback import service as feedback_service
    from integrations.zalo import (  # noqa: F401 - cli, models, tasks, webhook register
        cli,
        client,
        delivery,
        models,
        routes,
        tasks,
        webhook,
    )

    cache.register(app, routes.USERS_CACHE, max_entries=routes.USERS_CACHE_MAX)
    cache.register(app, client.TOKEN_CACHE)
    cache.register(app, delivery.PAUSE_CACHE, ttl=delivery.PAUSE_CACHE_SECONDS)

    app.register_blueprint(webhook.bp)
    api.register_blueprint(routes.miniapp)
    api.register_blueprint(routes.staff)
    api.spec.components.security_scheme(
        "zaloUser", {"type": "http", "scheme": "bearer",
                     "description": "Mã truy cập người dùng Zalo (Mini App getAccessToken)"})
    app.cli.add_command(cli.zalo_cli)
    app.extensions.setdefault("readiness", {})["zalo"] = client.readiness
    from core import outbox
    from core.routes import register_integration

    register_integration(app, "zalo_oa", client.enabled)
    register_integration(app, "zns", lambda: outbox.has_sender("zns"))
    feedback_service.register_identity_resolver(app, routes.identity_from_request)
    from integrations.zalo import fanout
    from notices.signals import notice_published, notice_withdrawn

    # Receivers check at call time that Zalo is on (tests turn it on after start-up).
    notice_published.connect(fanout.on_notice_published, sender=app)
    notice_withdrawn.connect(fanout.on_notice_withdrawn, sender=app)
    from integrations.zalo import egov

    egov.init_app(app)
    if app.config.get("ZALO_APP_ID"):
        register_sender(app)
        add_periodic(app, "zalo-sweep", "zalo.sweep", app.config["ZALO_SWEEP_SECONDS"])
        add_periodic(app, "zalo-refresh-token", "zalo.refresh_token", 3600)

