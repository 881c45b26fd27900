"""The text of an SMS for a delivery: a short template per kind (``messages.TEMPLATES``) filled
from the payload, fitted into ``SMS_MAX_SEGMENTS`` parts.

A long part (an answer, a question) is cut at a word with "…" and followed by a hint to look
up the whole text; the part carrying the tracking code is never cut. Kinds without a template
(or payloads missing a field the template needs) send ``payload["text"]``, fitted the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from integrations.sms import gsm, messages

WORD_BACKOFF = 30  # characters a cut may move back to end on a whole word


@dataclass(frozen=True)
class Composed:
    """The text as sent, its encoding (``gsm7``/``ucs2``) and how many parts it takes."""

    text: str
    encoding: str
    segments: int


@dataclass(frozen=True)
class Pieces:
    """``head`` + ``body`` + ``tail``; ``body`` may be cut, and then ``hint`` is appended."""

    head: str
    body: str = ""
    tail: str = ""
    hint: str = ""


def _single_line(text: str) -> str:
    return " ".join(str(text).split())


def _template_name(kind: str, payload: dict[str, Any]) -> str:
    if kind in ("feedback_status", "feedback_answer") and payload.get("target"):
        return {"feedback_status": "feedback_merged",
                "feedback_answer": "feedback_answer_merged"}[kind]
    return kind


def _hint(payload: dict[str, Any]) -> str:
    return messages.HINT.format(code=payload["code"]) if payload.get("code") else ""


def pieces(kind: str, payload: dict[str, Any]) -> Pieces:
    """The parts of the message for this kind and payload."""
    template = messages.TEMPLATES.get(_template_name(kind, payload))
    if template is not None:
        values = {k: _single_line(v) for k, v in payload.items() if isinstance(v, (str, int))}
        try:
            return Pieces(template["head"].format_map(values),
                          template.get("body", "").format_map(values),
                          template.get("tail", "").format_map(values), _hint(payload))
        except KeyError:
            pass  # an older or partial payload: its ready-made text below
    text = str(payload.get("text") or "").strip()
    if kind == "consultation_summary" and "\n" in text:
        body, _, last = text.rpartition("\n")  # the last line holds the link: keep it
        return Pieces("", body, "\n" + last)
    return Pieces("", text, "", _hint(payload))


def fit(parts: Pieces, unicode: bool, max_segments: int) -> Composed:
    """The whole message if it fits ``max_segments``, else the body cut to fit."""
    convert = gsm.to_ucs2 if unicode else gsm.to_gsm
    head, body, tail, hint = (convert(p) for p in (parts.head, parts.body, parts.tail,
                                                    parts.hint))
    whole = _composed(head + body + tail, unicode)
    if whole.segments <= max_segments:
        return whole
    ellipsis = "…" if whole.encoding == gsm.UCS2 else "..."
    for extra in (hint, ""):
        def text_for(k: int, extra: str = extra) -> str:
            return head + body[:k].rstrip() + ellipsis + tail + extra

        def fits(k: int) -> bool:
            return gsm.segments(text_for(k), whole.encoding) <= max_segments

        if fits(0):
            k = _largest(fits, len(body))
            space = body.rfind(" ", 0, k + 1)
            if k < len(body) and not body[k].isspace() and space > max(0, k - WORD_BACKOFF):
                k = space
            return _composed(text_for(k), unicode)
    # Not even the fixed parts fit: keep the start (where the code is).
    text = head + tail
    k = _largest(lambda k: gsm.segments(text[:k], whole.encoding) <= max_segments, len(text))
    return _composed(text[:k], unicode)


def _largest(fits, upper: int) -> int:
    """The largest k in [0, upper] with fits(k), given fits(0) and monotonicity."""
    low, high = 0, upper
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _composed(text: str, unicode: bool) -> Composed:
    sent, encoding = gsm.prepare(text, unicode)
    return Composed(sent, encoding, gsm.segments(sent, encoding))


def compose(kind: str, payload: dict[str, Any], unicode: bool = False,
            max_segments: int = 3) -> Composed:
    """The SMS for one delivery."""
    return fit(pieces(kind, payload), unicode, max_segments)
