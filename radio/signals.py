"""Signals the radio domain sends (blinker), connected per app in ``init_app``."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent inside the transaction that stores a new spoken version: ``receiver(app, audio=…)``.
audio_ready = _signals.signal("audio-ready", doc="A spoken version of a notice is ready.")
