"""Speech engines for the commune radio; the configured one is chosen by ``RADIO_TTS_ENGINE``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the engines shipped here on the app."""
    from integrations.tts.espeak import EspeakEngine
    from radio import engines

    engines.register(app, EspeakEngine.name, EspeakEngine.from_config)
