"""How reports about the same thing are recognised: the same link (normalised), nearly the
same text (folded, then word shingles compared by Jaccard similarity), the same image (a
difference hash, so resized or recompressed copies of one screenshot match).

Everything here is pure: no database, no app.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from PIL import Image, UnidentifiedImageError

from core.text import search_text

# Query parameters that say who shared a link or how, not what it shows.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "igshid", "igsh", "mibextid", "zarsrc",
    "zalo_share", "utm_id", "ref", "ref_src", "ref_url", "share", "si", "s", "_rdr",
    "__tn__", "__cft__[0]", "rdid", "sfnsn", "story_fbid_ref", "from", "feature"})
TRACKING_PREFIXES = ("utm_", "__cft__", "__tn__")
# Host prefixes of mobile and "www" copies of the same page.
HOST_PREFIXES = ("www.", "m.", "mobile.", "mbasic.", "web.", "touch.")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.I)
_TRAILING = ".,;:!?)]}'\"…"
SHINGLE = 3  # words per shingle
HASH_SIZE = 8  # dHash of an 8x8 grid: 64 bits


def find_url(text: str | None) -> str | None:
    """The first http(s) link in a text (people paste links into the message)."""
    match = _URL_IN_TEXT.search(text or "")
    return match.group(0).rstrip(_TRAILING) if match else None


def url_key(url: str | None) -> str | None:
    """What stays the same when the same page is shared differently: host without
    ``www.``/``m.``, no scheme, port, fragment, trailing slash or tracking parameters,
    the other parameters sorted. None if it is no web link."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "." not in host:
        return None
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    path = re.sub(r"/{2,}", "/", parts.path or "/").rstrip("/")
    if host.endswith("youtu.be") and path:  # youtu.be/ID is youtube.com/watch?v=ID
        host, query = "youtube.com", [("v", path.lstrip("/"))]
        path = "/watch"
    else:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False)
                 if k.lower() not in TRACKING_PARAMS
                 and not k.lower().startswith(TRACKING_PREFIXES)]
    key = host + path
    if query:
        key += "?" + urlencode(sorted(query))
    return key[:500]


def text_key(text: str | None) -> str | None:
    """The folded words of a text (no diacritics, case or punctuation); None if empty.
    Links are left out: they are compared on their own."""
    words = search_text(_URL_IN_TEXT.sub(" ", text or ""))
    return words or None


def shingles(key: str) -> set[tuple[str, ...]]:
    """Runs of SHINGLE consecutive words (the words themselves for a shorter text)."""
    words = key.split()
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two texts' shingles (1.0: the same words in the same order)."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def image_hash(data: bytes) -> str | None:
    """The difference hash of an image (grey, 9x8, each pixel against its right
    neighbour), as 16 hex digits; None if Pillow cannot read it."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("L", (HASH_SIZE * 8, HASH_SIZE * 8))  # JPEG: decode small, fast
            small = image.convert("L").resize((HASH_SIZE + 1, HASH_SIZE),
                                              Image.Resampling.LANCZOS)
            pixels = list(small.tobytes())  # one byte per pixel in mode L
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    bits = 0
    for row in range(HASH_SIZE):
        for col in range(HASH_SIZE):
            left = pixels[row * (HASH_SIZE + 1) + col]
            right = pixels[row * (HASH_SIZE + 1) + col + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def hash_distance(a: str, b: str) -> int:
    """How many of the 64 bits differ."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
