"""Zalo: OA chat intake, Mini App backend, delivery of receipts, answers and notices, and
ZNS template messages by phone (channel ``zns``).

Off unless ``ZALO_APP_ID`` is set (``/readyz`` says so). See ``fanout`` for the notices hook.
"""

from __future__ import annotations

from flask import Flask


def readiness() -> str:
    """One line for ``/readyz``: off, not connected, refresh failed, paused, or ok."""
    from core import clock
    from core.db import db
    from integrations.zalo import client, messages
    from integrations.zalo.models import ZaloOAState

    if not client.enabled():
        return messages.READY_OFF
    try:
        state = db.session.get(ZaloOAState, 1)
    except Exception as exc:  # noqa: BLE001 - readiness must answer
        db.session.rollback()
        return f"error: {type(exc).__name__}"
    if state is None or not state.refresh_token:
        return messages.READY_NOT_CONNECTED
    if state.refresh_failed_at is not None:
        return messages.READY_REFRESH_FAILED.format(error=state.last_error or "")
    if state.paused_until and state.paused_until > clock.now():
        return messages.READY_PAUSED.format(until=clock.isoformat_local(state.paused_until))
    return messages.READY_OK


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
    """Routes, CLI, readiness, the identity resolver; sender and periodic tasks when on."""
    from core.celery import add_periodic
    from core.extensions import api
    from feedback import service as feedback_service
    from integrations.zalo import cli, models, routes, tasks, webhook  # noqa: F401

    app.register_blueprint(webhook.bp)
    api.register_blueprint(routes.miniapp)
    api.register_blueprint(routes.staff)
    api.spec.components.security_scheme(
        "zaloUser", {"type": "http", "scheme": "bearer",
                     "description": "Mã truy cập người dùng Zalo (Mini App getAccessToken)"})
    app.cli.add_command(cli.zalo_cli)
    app.extensions.setdefault("readiness", {})["zalo"] = readiness
    feedback_service.register_identity_resolver(routes.identity_from_request)
    from integrations.zalo import fanout

    fanout.register_notice_hooks()  # listeners check at call time that Zalo is on
    from integrations.zalo import egov

    egov.init_app(app)
    if app.config.get("ZALO_APP_ID"):
        register_sender(app)
        add_periodic(app, "zalo-sweep", "zalo.sweep", app.config["ZALO_SWEEP_SECONDS"])
        add_periodic(app, "zalo-refresh-token", "zalo.refresh_token", 3600)

