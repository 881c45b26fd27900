"""File storage for uploads: a local directory (shared or object storage in production)."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from flask import current_app

# Content sniffing: (content type, extension, test on the first bytes).
_SIGNATURES = (
    ("image/jpeg", "jpg", lambda b: b.startswith(b"\xff\xd8\xff")),
    ("image/png", "png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/webp", "webp", lambda b: len(b) >= 12 and b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
)

IMAGE_TYPES = frozenset(content_type for content_type, _, _ in _SIGNATURES)


def sniff_image(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a JPEG, PNG or WebP judged by content, else None."""
    for content_type, ext, test in _SIGNATURES:
        if test(head):
            return content_type, ext
    return None


@dataclass(frozen=True)
class Upload:
    """An uploaded file already checked by content (see :func:`sniff_image`)."""

    data: bytes
    content_type: str
    ext: str
    filename: str = ""


@dataclass(frozen=True)
class StoredFile:
    """What :func:`save` wrote."""

    key: str
    size: int
    sha256: str


def _path(key: str) -> str:
    if "/" in key or "\\" in key or key.startswith("."):
        raise ValueError("bad storage key")
    return os.path.join(current_app.config["UPLOAD_DIR"], key)


def save(data: bytes, ext: str) -> StoredFile:
    """Store bytes under a fresh random key."""
    os.makedirs(current_app.config["UPLOAD_DIR"], exist_ok=True)
    key = f"{secrets.token_hex(16)}.{ext}"
    with open(_path(key), "xb") as fh:
        fh.write(data)
    return StoredFile(key=key, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def delete(key: str) -> None:
    """Remove a stored file if it is there."""
    try:
        os.remove(_path(key))
    except FileNotFoundError:
        pass


def path_of(key: str) -> str:
    """Filesystem path of a stored file (for serving it to staff)."""
    return _path(key)
