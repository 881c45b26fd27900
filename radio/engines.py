"""Speech engines behind one small interface, chosen by configuration (``RADIO_TTS_ENGINE``).

The domain never imports an engine: integrations register a factory under a name on the
app in their ``init_app`` (``integrations.tts`` registers ``espeak-ng``), and :func:`current`
builds the configured one. A vendor engine plugs in the same way::

    from radio import engines

    class VendorEngine:
        name = "vendor"
        def synthesise(self, text: str) -> Audio: ...

    engines.register(app, "vendor", lambda config: VendorEngine(config["VENDOR_KEY"]))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from flask import Flask, current_app

from radio.audio import Audio


class EngineError(Exception):
    """The engine could not produce audio (missing program, bad output, timeout)."""


class Engine(Protocol):
    """Turns prepared Vietnamese text into audio."""

    name: str
    voice: str

    def synthesise(self, text: str) -> Audio:
        """Audio (MP3, or WAV where no encoder is present) with its measured duration."""


Factory = Callable[[Mapping[str, Any]], Engine]
_EXTENSION = "radio_engines"


def register(app: Flask, name: str, factory: Factory) -> None:
    """Make an engine available under ``name`` in ``app``."""
    app.extensions.setdefault(_EXTENSION, {})[name] = factory


def _factories() -> dict[str, Factory]:
    return current_app.extensions.setdefault(_EXTENSION, {})


def available() -> list[str]:
    """Names of the engines registered in the current app."""
    return sorted(_factories())


def current() -> Engine:
    """The engine named by ``RADIO_TTS_ENGINE``."""
    name = current_app.config["RADIO_TTS_ENGINE"]
    factory = _factories().get(name)
    if factory is None:
        raise EngineError(f"no speech engine registered as {name!r}")
    return factory(current_app.config)
