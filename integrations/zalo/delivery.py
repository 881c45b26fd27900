"""The outbox sender for channel ``zalo``: customer-service messages, articles, broadcasts.

- Outside the interaction window (-230 and its kin) a delivery is ``unreachable`` with the
  reason, never retried; the answer stays available by lookup.
- Transient failures (-32, -100, HTTP 5xx, timeouts) raise :class:`TransientError`; the
  outbox retries with exponential back-off and jitter.
- Quota errors pause all Zalo sending for ``ZALO_QUOTA_PAUSE_SECONDS``; paused deliveries
  wait without spending an attempt, and resume afterwards.
- Sends respect ``ZALO_SEND_RATE_PER_SECOND`` across workers.
- A retried delivery (a crash or timeout may have sent it already) first looks at the
  latest OA messages in that conversation and does not send the same text twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from core import clock
from core.cache import get_cache
from core.db import db, unit_of_work
from core.models import Delivery
from core.outbox import SendResult, TransientError
from integrations.zalo import client, messages, ratelimit
from integrations.zalo.client import ZaloError
from integrations.zalo.models import ZaloArticle, ZaloOAState

log = logging.getLogger(__name__)

RATE_LIMIT_RETRY_SECONDS = 5.0


PAUSE_CACHE = "zalo.pause"  # the pause as last read (the app's core.cache)
PAUSE_CACHE_SECONDS = 2.0
_UNREAD = object()


def _paused_until():
    """When sending may resume, if paused (read at most every 2 s per process)."""
    cached = get_cache(PAUSE_CACHE)
    until = cached.get("paused_until", _UNREAD)
    if until is _UNREAD:
        until = db.session.scalar(
            sa.select(ZaloOAState.paused_until).where(ZaloOAState.id == 1))
        cached.put("paused_until", until)
    return until if until and until > clock.now() else None


def forget_pause() -> None:
    """Re-read the pause on the next send (tests)."""
    get_cache(PAUSE_CACHE).clear()


def pause(seconds: float | None = None) -> None:
    """Stop Zalo sending for a while (quota exhausted); a unit of work of its own, so the
    pause holds whatever becomes of the delivery that met the quota."""
    seconds = seconds or float(current_app.config["ZALO_QUOTA_PAUSE_SECONDS"])
    with unit_of_work():
        db.session.execute(sa.update(ZaloOAState).where(ZaloOAState.id == 1)
                           .values(paused_until=clock.now() + timedelta(seconds=seconds)))
    forget_pause()


class Paused(Exception):
    """Zalo sending is paused (quota); not a failed attempt."""

    def __init__(self, reason: str, seconds: float):
        super().__init__(reason)
        self.reason, self.seconds = reason, max(1.0, seconds)


def _defer(delivery: Delivery, reason: str, seconds: float) -> TransientError:
    """A wait that is not a failed attempt (pause): give the attempt back."""
    delivery.attempts = max(0, delivery.attempts - 1)
    return TransientError(reason, retry_after=max(1.0, seconds))


def _failure(exc: ZaloError) -> SendResult:
    """Map a Zalo error: a final result, or raise TransientError / Paused."""
    reason = f"zalo {exc.code}: {exc.message}"
    kind = exc.kind
    if kind == "unreachable":
        return SendResult("unreachable", reason)
    if kind == "quota":
        seconds = float(current_app.config["ZALO_QUOTA_PAUSE_SECONDS"])
        pause(seconds)
        log.warning("Zalo quota reached (%s): sending paused for %ss", exc.code, seconds)
        raise Paused(reason, seconds)
    if kind == "transient":
        raise TransientError(reason, retry_after=RATE_LIMIT_RETRY_SECONDS
                             if exc.code == -32 else None)
    if kind == "token":
        raise TransientError(reason, retry_after=300)
    return SendResult("failed", reason)


def check_paused() -> None:
    """Raise Paused while sending is paused."""
    paused = _paused_until()
    if paused is not None:
        raise Paused("paused (quota)", (paused - clock.now()).total_seconds())


def deliver_message(recipient: str, payload: dict, attempts: int) -> SendResult:
    """One customer-service message: HTTP only, no open transaction needed.

    Raises TransientError (retry with back-off) or Paused (quota).
    """
    try:
        ratelimit.acquire()
        if payload.get("template") == "request_user_info":
            client.request_user_info(recipient, messages.CONTACT_REQUEST_TITLE,
                                     messages.CONTACT_REQUEST_SUBTITLE)
            return SendResult("sent")
        text = str(payload.get("text") or "")[:2000]
        if not text:
            return SendResult("failed", "empty message")
        if attempts > 1 and _already_sent(recipient, text):
            return SendResult("sent", "found in the conversation after an interrupted send")
        client.send_text(recipient, text)
        return SendResult("sent")
    except ZaloError as exc:
        return _failure(exc)


def send(delivery: Delivery) -> SendResult:
    """The outbox sender of channel ``zalo``: one delivery (a step of the outbox's job:
    the article's progress is stored in units of work of its own between the calls)."""
    try:
        with unit_of_work():  # reads alone: no transaction is held across the HTTP calls
            check_paused()
            kind, recipient = delivery.kind, delivery.recipient
            payload, attempts = dict(delivery.payload or {}), delivery.attempts
        try:
            if kind == "notice_0_broadcast":
                return _broadcast(payload)
            if kind == "notice_0_withdraw":
                return _withdraw(payload)
        except ZaloError as exc:
            return _failure(exc)
        if kind == "feedback_answer" and payload.get("text"):
            # In the chat the citizen can rate the answer by replying (integrations/zalo/chat.py).
            payload["text"] = f"{payload['text']}\n\n{messages.RATE_INVITE}"
        return deliver_message(recipient, payload, attempts)
    except Paused as exc:
        raise _defer(delivery, exc.reason, exc.seconds) from None


def _already_sent(user_id: str, text: str) -> bool:
    try:
        return text in client.recent_oa_texts(user_id)
    except ZaloError as exc:
        log.info("could not check the conversation before a retry: %s", exc.code)
        return False


# --- articles ------------------------------------------------------------------------------
def article_content(title: str, text: str, html: str | None = None) -> dict:
    """An OA article for a notice (title ≤150, description ≤300, body as HTML: the
    notice's sanitised HTML when given, else the text's paragraphs)."""
    from html import escape

    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    body = html or "".join(f"<p>{escape(p)}</p>" for p in paragraphs) or "<p></p>"
    return {"type": "normal", "title": title[:150],
            "author": str(current_app.config["ZALO_ARTICLE_AUTHOR"])[:50],
            "description": (paragraphs[0] if paragraphs else title)[:300],
            "body": [{"type": "text", "content": body}],
            "status": "show", "comment": "hide"}


def _article(notice_id: int) -> ZaloArticle | None:
    return db.session.scalar(sa.select(ZaloArticle).where(ZaloArticle.notice_id == notice_id))


def _broadcast(payload: dict) -> SendResult:
    """Create the article (once), verify it, broadcast it (once)."""
    notice_id = int(payload["notice_id"])
    article = _article(notice_id)
    if article is None:
        with unit_of_work():
            article = ZaloArticle(notice_id=notice_id, status="creating",
                                  content=article_content(payload["title"], payload["text"],
                                                          payload.get("html")))
            db.session.add(article)
    if article.status == "hidden":
        return SendResult("failed", "notice withdrawn")
    if article.create_token is None:
        token = client.create_article(article.content)
        with unit_of_work():
            article.create_token = token
    if article.article_id is None:
        article_id = client.verify_article(article.create_token)
        if article_id is None:
            raise TransientError("article still processing", retry_after=5)
        with unit_of_work():
            article.article_id, article.status = article_id, "ready"
    if article.broadcast_at is None:
        ratelimit.acquire()
        client.broadcast_article(article.article_id, payload.get("target") or {})
        with unit_of_work():
            article.broadcast_at, article.status = clock.now(), "broadcast"
    return SendResult("sent")


def _withdraw(payload: dict) -> SendResult:
    """Hide the notice's article (if one was posted)."""
    notice_id = int(payload["notice_id"])
    article = _article(notice_id)
    if article is None:  # withdrawn before any article: make sure none is posted later
        with unit_of_work():
            db.session.add(ZaloArticle(notice_id=notice_id, status="hidden", content={},
                                       hidden_at=clock.now()))
        return SendResult("sent", "no article")
    if article.article_id is None and article.create_token is not None:
        article_id = client.verify_article(article.create_token)
        if article_id is None:
            raise TransientError("article still processing", retry_after=5)
        article.article_id = article_id
    if article.article_id is not None:
        client.update_article(article.article_id, {**article.content, "status": "hide"})
    with unit_of_work():
        article.status, article.hidden_at = "hidden", clock.now()
    return SendResult("sent")
