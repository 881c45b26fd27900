"""Commune loudspeaker radio (đài truyền thanh cơ sở): spoken versions of notices, daily
programmes, and the exchange with the provincial source information system.

Speech engines and source-system adapters are integrations registered by name
(``radio.engines.register``, ``radio.source.register_adapter``) and chosen by configuration.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Blueprints, notices hooks (once per process), the outbox sender, periodic jobs."""
    from core import outbox
    from core.celery import add_periodic
    from core.extensions import api
    from notices import hooks
    from radio import routes, service, source, tasks  # noqa: F401 - tasks registers jobs

    api.register_blueprint(routes.public_bp)
    api.register_blueprint(routes.staff_bp)
    # Listeners are module-level functions: remove-then-add keeps one of each however
    # many apps are created (tests create many).
    for event, listener in (("published", service.on_published),
                            ("published", source.on_published),
                            ("withdrawn", source.on_withdrawn)):
        hooks.remove(listener)
        (hooks.on_published if event == "published" else hooks.on_withdrawn)(listener)
    service.on_audio_ready(source.on_audio_ready)
    outbox.register_sender(app, source.CHANNEL, source.send)
    add_periodic(app, "radio-sweep", "radio.sweep", app.config["RADIO_SWEEP_SECONDS"])
    add_periodic(app, "source-statistics", "radio.report_statistics",
                 app.config["SOURCE_SYSTEM_STATS_SECONDS"])
