"""Audio files as the radio needs them: format sniffing and duration measured from the file.

WAV: the RIFF header's ``fmt `` and ``data`` chunks (byte rate and data size). MP3: the
MPEG audio frames are walked one by one (after an ID3v2 tag), and each frame's sample
count is added up, so variable bit rates measure right. No third-party library needed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


@dataclass(frozen=True)
class Audio:
    """Synthesised audio: bytes, type, extension and measured duration."""

    data: bytes
    content_type: str
    ext: str
    duration: float  # seconds


class AudioFormatError(ValueError):
    """The bytes are not a WAV or MP3 file this module can measure."""


def sniff(data: bytes) -> tuple[str, str]:
    """(content type, extension) judged by content."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav", "wav"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg", "mp3"
    raise AudioFormatError("unknown audio format")


def wav_duration(data: bytes) -> float:
    """Duration of a PCM WAV file from its header (data size / byte rate)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFormatError("not a WAV file")
    offset, byte_rate = 12, None
    while offset + 8 <= len(data):
        chunk_id, size = struct.unpack_from("<4sI", data, offset)
        body = offset + 8
        if chunk_id == b"fmt ":
            byte_rate = struct.unpack_from("<I", data, body + 8)[0]
        elif chunk_id == b"data":
            if not byte_rate:
                raise AudioFormatError("WAV data before its format")
            # Streaming writers leave the size unset (0 or 0xFFFFFFFF): use what is there.
            available = len(data) - body
            if size == 0 or size > available:
                size = available
            return size / byte_rate
        offset = body + size + (size & 1)
    raise AudioFormatError("WAV file without data")


# MPEG audio frame header tables (ISO 11172-3 / 13818-3), Layer III.
_BITRATES = {  # kbit/s by version group and index
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _id3_size(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)


def mp3_duration(data: bytes) -> float:
    """Duration of an MPEG Layer III file: the sum of its frames' samples / sample rate."""
    offset = _id3_size(data)
    frames = 0
    seconds = 0.0
    while offset + 4 <= len(data):
        header = struct.unpack_from(">I", data, offset)[0]
        if header >> 21 != 0x7FF:
            if frames:
                break  # trailing tag (ID3v1, APE)
            offset += 1  # resynchronise before the first frame
            continue
        version = (header >> 19) & 3  # 3: MPEG1, 2: MPEG2, 0: MPEG2.5
        layer = (header >> 17) & 3  # 1: Layer III
        bitrate_index = (header >> 12) & 15
        rate_index = (header >> 10) & 3
        padding = (header >> 9) & 1
        if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            if frames:
                break
            offset += 1
            continue
        bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
        sample_rate = _SAMPLE_RATES[version][rate_index]
        samples = 1152 if version == 3 else 576
        length = samples // 8 * bitrate // sample_rate + padding
        frame = data[offset:offset + length]
        if frames or not (b"Xing" in frame or b"Info" in frame):  # encoder's tag frame
            seconds += samples / sample_rate
        frames += 1
        offset += length
    if not frames:
        raise AudioFormatError("no MPEG audio frames")
    return seconds


def duration(data: bytes) -> float:
    """Duration in seconds of a WAV or MP3 file, measured from its content."""
    content_type, _ = sniff(data)
    return wav_duration(data) if content_type == "audio/wav" else mp3_duration(data)
