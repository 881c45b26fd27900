"""Synthetic screenshots: a forged "UBND thông báo" picture and resized copies of it."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def screenshot(seed: int = 1, size: tuple[int, int] = (720, 1280)) -> Image.Image:
    """A phone screenshot: a header bar, blocks of "text" lines and a stamp, laid out from
    ``seed`` (another seed gives another picture)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 10), fill=(11, 79, 138))
    y = height // 8
    while y < height * 0.85:
        line = rng.randint(width // 3, width - 60)
        shade = rng.randint(20, 90)
        draw.rectangle((40, y, line, y + height // 60), fill=(shade, shade, shade))
        y += rng.randint(height // 40, height // 14)
    cx, cy = rng.randint(width // 3, width - 120), rng.randint(height // 2, height - 200)
    draw.ellipse((cx - 90, cy - 90, cx + 90, cy + 90), outline=(200, 30, 30), width=12)
    return image


def encode(image: Image.Image, fmt: str = "PNG", size: tuple[int, int] | None = None,
           quality: int = 85) -> bytes:
    """The image (resized to ``size`` if given) as PNG, JPEG or WEBP bytes."""
    if size is not None:
        image = image.resize(size, Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    options = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
