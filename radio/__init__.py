"""Commune loudspeaker radio (đài truyền thanh cơ sở): spoken versions of notices, daily
programmes, and the exchange with the provincial source information system.

Speech engines and source-system adapters are integrations registered by name
(``radio.engines.register``, ``radio.source.register_adapter``, on the app) and chosen by
configuration.
"""

from __future__ import annotations

from flask import Flask


def on_notice_published(_app: Flask, notice) -> None:
    """Receiver of ``notice_published``: an emergency notice's audio is asked for, then the
    province hears of the notice (in this order)."""
    from radio import service, source

    service.on_published(notice)
    source.on_published(notice)


def on_notice_withdrawn(_app: Flask, notice) -> None:
    """Receiver of ``notice_withdrawn``: the province hears of the withdrawal."""
    from radio import source

    source.on_withdrawn(notice)


def init_app(app: Flask) -> None:
    """Blueprints, the notices and audio signals, the outbox sender, periodic jobs."""
    from core import outbox
    from core.celery import add_periodic
    from core.extensions import api
    from notices.signals import notice_published, notice_withdrawn
    from radio import routes, source, tasks  # noqa: F401 - tasks registers jobs
    from radio.signals import audio_ready

    api.register_blueprint(routes.public_bp)
    api.register_blueprint(routes.staff_bp)
    notice_published.connect(on_notice_published, sender=app)
    notice_withdrawn.connect(on_notice_withdrawn, sender=app)
    audio_ready.connect(source.on_audio_ready, sender=app)
    outbox.register_sender(app, source.CHANNEL, source.send)
    add_periodic(app, "radio-sweep", "radio.sweep", app.config["RADIO_SWEEP_SECONDS"])
    add_periodic(app, "source-statistics", "radio.report_statistics",
                 app.config["SOURCE_SYSTEM_STATS_SECONDS"])
