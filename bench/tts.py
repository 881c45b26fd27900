"""Speech synthesis cost: seconds of work per 1,000 characters of notice text, and the
ratio of that work to the duration of the audio produced (real-time factor), measured
in one run for the default engine (espeak-ng + LAME MP3) against espeak-ng alone (WAV).

    .venv/bin/python -m bench.tts [--chars 3000] [--rounds 5]

Needs Debian's espeak-ng and lame (``make tts`` installs them). Single process, no
database: it measures the engine, not the queue.
"""

from __future__ import annotations

import argparse
import statistics
import time

from integrations.tts.espeak import EspeakEngine, encoder
from radio.speech import prepare

SAMPLE = (
    "UBND phường Phú Xuân thông báo: do ảnh hưởng của áp thấp nhiệt đới, từ 14h00 ngày "
    "5/9/2026 đến 7h30 ngày 7/9/2026 khu vực có mưa to, lượng mưa phổ biến 150-250 mm, "
    "gió giật 60 km/h. Đề nghị các hộ dân ven sông Hương, cách bờ dưới 1,5 km, chủ động "
    "sơ tán người và tài sản; chằng chống nhà cửa, dự trữ 20 kg gạo, nước uống, thuốc men "
    "v.v. Học sinh THCS, THPT nghỉ học theo hướng dẫn của Sở Giáo dục. Khi có sự cố gọi "
    "114 hoặc số điện thoại trực ban 0234 3822 123. Ban chỉ huy PCTT-TKCN phường trực 24/24 "
    "giờ. Mức hỗ trợ 1.500.000 đồng cho mỗi hộ phải di dời, kèm theo CCCD và thẻ BHYT.\n"
)


def text_of(chars: int) -> str:
    """Raw notice text of about ``chars`` characters."""
    return (SAMPLE * (chars // len(SAMPLE) + 1))[:chars].rsplit(" ", 1)[0] + "."


def measure(engine: EspeakEngine, spoken: str, rounds: int) -> tuple[float, float]:
    """Median wall time of a synthesis and the audio duration it produced."""
    times, duration = [], 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        audio = engine.synthesise(spoken)
        times.append(time.perf_counter() - started)
        duration = audio.duration
    return statistics.median(times), duration


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=3000, help="raw text length")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    raw = text_of(args.chars)
    started = time.perf_counter()
    for _ in range(args.rounds):
        spoken = prepare(raw)
    prep = (time.perf_counter() - started) / args.rounds
    per_k = 1000 / len(spoken)

    if encoder() is None:
        raise SystemExit("no MP3 encoder (lame or ffmpeg): run `make tts`")
    mp3_time, mp3_audio = measure(EspeakEngine(audio_format="mp3"), spoken, args.rounds)
    wav_time, wav_audio = measure(EspeakEngine(audio_format="wav"), spoken, args.rounds)

    print(f"text: {len(raw)} raw characters -> {len(spoken)} prepared characters "
          f"(median of {args.rounds} rounds)")
    print(f"text preparation:           {prep * per_k * 1000:8.2f} ms per 1,000 characters")
    print(f"espeak-ng + MP3 (default):  {mp3_time * per_k:8.3f} s per 1,000 characters, "
          f"audio {mp3_audio * per_k:6.1f} s per 1,000 characters, "
          f"real-time factor {mp3_time / mp3_audio:.4f} "
          f"({mp3_audio / mp3_time:.0f}x faster than playback)")
    print(f"espeak-ng alone (WAV):      {wav_time * per_k:8.3f} s per 1,000 characters, "
          f"real-time factor {wav_time / wav_audio:.4f}")
    print(f"ratio default / WAV-only:   {mp3_time / wav_time:.2f} (cost of MP3 encoding)")
    print(f"per 1,000 characters of notice text as written (before preparation): "
          f"{(prep + mp3_time) * 1000 / len(raw):.3f} s")
    print(f"seconds of audio per prepared character: {mp3_audio / len(spoken):.3f}")


if __name__ == "__main__":
    main()
