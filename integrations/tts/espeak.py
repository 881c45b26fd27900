"""espeak-ng with its Vietnamese voice, encoded to MP3 by LAME (or ffmpeg) when present.

Both are Debian packages (``make tts`` installs them). espeak-ng writes a WAV file; the
encoder turns it into a mono MP3 suited to loudspeaker radio. Without an encoder the WAV
is kept. Every run has a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from typing import Any

from radio.audio import Audio, AudioFormatError, duration, sniff
from radio.engines import EngineError


def encoder() -> list[str] | None:
    """The MP3 encoder command prefix available here, if any."""
    if shutil.which("lame"):
        return ["lame"]
    if shutil.which("ffmpeg"):
        return ["ffmpeg"]
    return None


class EspeakEngine:
    """espeak-ng → WAV → MP3."""

    name = "espeak-ng"

    def __init__(self, voice: str = "vi", speed: int = 150, audio_format: str = "mp3",
                 bitrate: int = 48, timeout: float = 120.0):
        self.voice = voice
        self.speed = speed
        self.audio_format = audio_format
        self.bitrate = bitrate
        self.timeout = timeout

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> EspeakEngine:
        """Build from the app's settings."""
        return cls(voice=config["RADIO_TTS_VOICE"], speed=int(config["RADIO_TTS_SPEED"]),
                   audio_format=config["RADIO_AUDIO_FORMAT"],
                   bitrate=int(config["RADIO_MP3_BITRATE"]),
                   timeout=float(config["RADIO_TTS_TIMEOUT"]))

    def _run(self, argv: list[str], stdin: bytes | None = None) -> None:
        try:
            subprocess.run(argv, input=stdin, check=True, capture_output=True,
                           timeout=self.timeout)
        except FileNotFoundError as exc:
            raise EngineError(f"{argv[0]} is not installed") from exc
        except subprocess.TimeoutExpired as exc:
            raise EngineError(f"{argv[0]} timed out") from exc
        except subprocess.CalledProcessError as exc:
            raise EngineError(f"{argv[0]} failed: {exc.stderr[-300:]!r}") from exc

    def _encode(self, wav: str, mp3: str) -> bool:
        command = encoder()
        if command is None:
            return False
        if command[0] == "lame":
            self._run(["lame", "--quiet", "-m", "m", "-b", str(self.bitrate), wav, mp3])
        else:
            self._run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", wav, "-ac", "1",
                       "-codec:a", "libmp3lame", "-b:a", f"{self.bitrate}k", mp3])
        return True

    def synthesise(self, text: str) -> Audio:
        """Speak ``text`` (already prepared for speech) into an audio file."""
        with tempfile.TemporaryDirectory(prefix="tts-") as tmp:
            wav = os.path.join(tmp, "speech.wav")
            mp3 = os.path.join(tmp, "speech.mp3")
            # Text on stdin (no length limit of the command line), UTF-8.
            self._run(["espeak-ng", "-v", self.voice, "-s", str(self.speed), "-b", "1",
                       "-w", wav, "--stdin"], stdin=text.encode("utf-8"))
            path = wav
            if self.audio_format == "mp3" and self._encode(wav, mp3):
                path = mp3
            with open(path, "rb") as fh:
                data = fh.read()
        try:
            content_type, ext = sniff(data)
            seconds = duration(data)
        except AudioFormatError as exc:
            raise EngineError(f"unusable audio from {self.name}: {exc}") from exc
        return Audio(data=data, content_type=content_type, ext=ext, duration=seconds)
