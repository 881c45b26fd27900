"""Synthesis with espeak-ng: plausible duration for the text, measured from the file."""

import io
import shutil
import struct
import wave

import pytest

from integrations.tts.espeak import EspeakEngine
from radio import audio
from radio.engines import EngineError
from radio.speech import prepare

TEXT = ("UBND phường Phú Xuân thông báo: từ 7h30 ngày 5/9/2026, cắt điện khu vực đường "
        "Lê Lợi để bảo dưỡng lưới điện. Bà con chủ động sắp xếp công việc, giữ gìn an toàn.")


def _wav(seconds: float, rate: int = 16000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


def test_wav_duration_from_header():
    assert audio.wav_duration(_wav(2.5)) == pytest.approx(2.5)
    assert audio.sniff(_wav(0.1)) == ("audio/wav", "wav")


def test_wav_with_streaming_size_uses_the_data_present():
    data = bytearray(_wav(1.0))
    struct.pack_into("<I", data, 40, 0xFFFFFFFF)  # data chunk size left unset by a stream
    assert audio.wav_duration(bytes(data)) == pytest.approx(1.0)


def test_not_audio_is_refused():
    with pytest.raises(audio.AudioFormatError):
        audio.duration(b"<html>not audio</html>")


def test_espeak_mp3_has_a_plausible_duration_for_the_text():
    assert shutil.which("espeak-ng") and shutil.which("lame"), "run `make tts` first"
    spoken = prepare(TEXT)
    result = EspeakEngine(voice="vi", speed=150).synthesise(spoken)
    assert result.content_type == "audio/mpeg" and result.ext == "mp3"
    assert result.duration == pytest.approx(audio.mp3_duration(result.data))
    per_char = result.duration / len(spoken)
    assert 0.04 <= per_char <= 0.2, per_char


def test_wav_output_and_mp3_agree_on_duration():
    spoken = prepare("Thông báo khẩn cấp. Mưa lớn 200 mm, bà con không ra sông.")
    wav = EspeakEngine(audio_format="wav").synthesise(spoken)
    mp3 = EspeakEngine(audio_format="mp3").synthesise(spoken)
    assert wav.content_type == "audio/wav"
    with wave.open(io.BytesIO(wav.data)) as reader:  # the standard library agrees
        assert wav.duration == pytest.approx(reader.getnframes() / reader.getframerate())
    assert 0.04 <= wav.duration / len(spoken) <= 0.2
    assert mp3.duration == pytest.approx(wav.duration, abs=0.1)


def test_slower_speech_lasts_longer():
    spoken = prepare(TEXT)
    fast = EspeakEngine(speed=200, audio_format="wav").synthesise(spoken)
    slow = EspeakEngine(speed=120, audio_format="wav").synthesise(spoken)
    assert slow.duration > fast.duration * 1.3


def test_without_an_encoder_the_wav_is_kept(monkeypatch):
    monkeypatch.setattr("integrations.tts.espeak.encoder", lambda: None)
    result = EspeakEngine(audio_format="mp3").synthesise("Xin chào bà con.")
    assert result.content_type == "audio/wav" and result.duration > 0.3


def test_missing_program_is_an_engine_error(monkeypatch):
    engine = EspeakEngine()
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineError):
        engine.synthesise("Xin chào.")
