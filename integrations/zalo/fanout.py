"""Notices to Zalo followers: subscriptions, per-follower deliveries, article broadcasts.

:func:`on_notice_published` receives the notices package's ``notice_published`` signal
inside its publishing transaction, :func:`on_notice_withdrawn` its ``notice_withdrawn``.
Per-follower messages are outbox rows with the key ``notice:<id>:zalo:<user>``, so a crash
or a retry never sends twice; kinds sort emergency first (``notice_1_emergency`` <
``notice_2_priority`` < ``notice_3_normal``; broadcasts are ``notice_0_*``). Emergency
notices go out by default as one OA article broadcast (one call reaches every follower,
targeted by city when the province's Zalo city code is configured) instead of one message
per follower.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

import sqlalchemy as sa
from flask import current_app

from core import clock
from core.db import after_commit, db, unit_of_work
from core.models import Delivery
from directory.models import AdminUnit
from integrations.zalo import messages
from integrations.zalo.models import ZaloSubscription, ZaloUser
from notices.verification import service as verification

log = logging.getLogger(__name__)

RANK = {"emergency": 1, "priority": 2, "normal": 3}
BROADCAST_KIND = "notice_0_broadcast"
WITHDRAW_KIND = "notice_0_withdraw"


def kind_for(priority: str) -> str:
    """Delivery kind of a per-follower notice message (sorts emergency first)."""
    priority = priority if priority in RANK else "normal"
    return f"notice_{RANK[priority]}_{priority}"


def subscribers(unit_codes: str | list[str]) -> list[str]:
    """Following users subscribed to any of ``unit_codes``; a province code also reaches
    the subscribers of its communes."""
    codes = [unit_codes] if isinstance(unit_codes, str) else list(unit_codes)
    units = [u for u in (db.session.get(AdminUnit, c) for c in codes) if u is not None]
    if not units:
        return []
    provinces = [u.code for u in units if u.level == "province"]
    communes = [u.code for u in units if u.level != "province"]
    where = ZaloSubscription.unit_code.in_(communes + provinces)
    if provinces:
        where = sa.or_(where, ZaloSubscription.unit_code.in_(
            sa.select(AdminUnit.code).where(AdminUnit.parent_code.in_(provinces))))
    return list(db.session.scalars(
        sa.select(ZaloSubscription.user_id).distinct()
        .join(ZaloUser, ZaloUser.user_id == ZaloSubscription.user_id)
        .where(where, ZaloUser.is_follower).order_by(ZaloSubscription.user_id)))


def notice_text(priority: str, title: str, text: str, label: str | None = None) -> str:
    """The chat message for a notice (cut to Zalo's 2,000 characters)."""
    label = label or messages.PRIORITY_LABELS.get(priority, messages.PRIORITY_LABELS["normal"])
    return messages.NOTICE_TEXT.format(label=label, title=title, text=text)[:2000]


def _existing_keys(prefix: str) -> set[str]:
    return set(db.session.scalars(sa.select(Delivery.idempotency_key).where(
        Delivery.idempotency_key.startswith(prefix, autoescape=True))))


def fan_out(notice_id: int, unit_code: str | list[str], priority: str, title: str, text: str,
            broadcast: bool | None = None, article_html: str | None = None,
            label: str | None = None) -> dict[str, Any]:
    """Write the Zalo deliveries of a published notice in the current transaction.

    ``unit_code``: the target unit, or a list of them (a province reaches its communes).
    ``article_html``: sanitised HTML for the OA article (else paragraphs of ``text``);
    ``label``: overrides the priority label of the chat message (e.g. a correction).

    ``broadcast`` None means: broadcast an article for emergencies when
    ``ZALO_EMERGENCY_BROADCAST`` is on, message each subscriber otherwise. Safe to call
    again: existing keys are skipped. Sending starts after the commit.
    """
    if broadcast is None:
        broadcast = priority == "emergency" and bool(
            current_app.config["ZALO_EMERGENCY_BROADCAST"])
    moment = clock.now()
    prefix = f"notice:{notice_id}:zalo:"
    existing = _existing_keys(prefix)
    rows: list[dict[str, Any]] = []
    if broadcast:
        key = prefix + "broadcast"
        if key not in existing:
            codes = [unit_code] if isinstance(unit_code, str) else list(unit_code)
            city_codes = current_app.config["ZALO_CITY_CODES"] or {}
            provinces = {u.province_code for u in (db.session.get(AdminUnit, c) for c in codes)
                         if u is not None}
            cities = [str(city_codes[p]) for p in sorted(provinces) if p in city_codes]
            target: dict[str, Any] = {}
            if cities and len(cities) == len(provinces):  # else: all followers
                target["cities"] = ",".join(cities)
            rows.append(dict(channel="zalo", recipient="broadcast", kind=BROADCAST_KIND,
                             payload={"notice_id": notice_id, "title": title, "text": text,
                                      "html": article_html, "target": target},
                             idempotency_key=key))
    else:
        message = notice_text(priority, title, text, label)
        kind = kind_for(priority)
        for user_id in subscribers(unit_code):
            key = prefix + user_id
            if key not in existing:
                rows.append(dict(channel="zalo", recipient=user_id, kind=kind,
                                 payload={"text": message}, idempotency_key=key))
    for row in rows:
        row.update(subject_type="notice", subject_id=notice_id, status="pending",
                   attempts=0, next_attempt_at=moment, created_at=moment)
    if rows:
        db.session.execute(sa.insert(Delivery), rows)
        after_commit(start_sending)
    return {"deliveries": len(rows), "broadcast": broadcast}


def withdraw(notice_id: int) -> int:
    """Stop what is not yet sent for a notice and hide its article (after commit)."""
    cancelled = db.session.execute(
        sa.update(Delivery)
        .where(Delivery.subject_type == "notice", Delivery.subject_id == notice_id,
               Delivery.channel == "zalo", Delivery.status == "pending",
               Delivery.kind != WITHDRAW_KIND)
        .values(status="cancelled", last_error="notice withdrawn")
        .execution_options(synchronize_session=False)).rowcount
    key = f"notice:{notice_id}:zalo:withdraw"
    if not _existing_keys(key):
        db.session.execute(sa.insert(Delivery), [dict(
            channel="zalo", recipient="broadcast", kind=WITHDRAW_KIND,
            payload={"notice_id": notice_id}, idempotency_key=key, subject_type="notice",
            subject_id=notice_id, status="pending", attempts=0,
            next_attempt_at=clock.now(), created_at=clock.now())])
        after_commit(start_sending)
    return cancelled


# --- receivers of the notices signals ---------------------------------------------------------
def on_notice_published(_app, notice) -> None:
    """Receiver of ``notice_published`` (called inside the publishing transaction)."""
    from integrations.zalo import client

    if not client.enabled():
        return
    priority = getattr(notice, "priority", None) or "normal"
    label = None
    if getattr(notice, "supersedes_id", None):
        label = messages.CORRECTION_LABEL.format(
            label=messages.PRIORITY_LABELS.get(priority, messages.PRIORITY_LABELS["normal"]))
    text, html = _text_of(notice), getattr(notice, "body", None) or None
    line = verification.code_line(notice)  # the verification code on every surface
    if line:
        text = f"{text}\n{line}"
        html = f"{html}<p>{escape(line)}</p>" if html else None
    fan_out(notice.id, _unit_codes_of(notice), priority, notice.title, text,
            article_html=html, label=label)


def on_notice_withdrawn(_app, notice) -> None:
    """Receiver of ``notice_withdrawn``: hides the article, cancels unsent messages."""
    from integrations.zalo import client

    if client.enabled():
        withdraw(notice.id)


def _unit_codes_of(notice) -> list[str]:
    """The notice's target unit codes, whatever the notices model calls them."""
    for name in ("unit_codes", "target_codes", "targets", "units"):
        value = getattr(notice, name, None)
        if value:
            return [getattr(v, "unit_code", None) or getattr(v, "code", v) for v in value]
    return [notice.unit_code]


def _text_of(notice) -> str:
    return getattr(notice, "summary", None) or getattr(notice, "body", "") or ""


# --- sending ---------------------------------------------------------------------------------
def start_sending() -> None:
    """Queue one drain task per shard (after commit); shards send in parallel."""
    task = current_app.extensions["celery"].tasks["zalo.drain_notices"]
    shards = max(1, int(current_app.config["ZALO_DRAIN_SHARDS"]))
    try:
        for shard in range(shards):
            task.delay(shard, shards)
    except Exception as exc:  # noqa: BLE001 - the periodic drain picks them up
        log.warning("could not enqueue the Zalo notice drain: %s", type(exc).__name__)


def due_notice_ids(limit: int = 200, shard: int = 0, shards: int = 1) -> list[int]:
    """Pending notice deliveries of one shard (id modulo shards), emergency first."""
    return [row[0] for row in _due(limit, shard, shards)]


def _due(limit: int, shard: int, shards: int) -> list[tuple[int, str]]:
    query = (sa.select(Delivery.id, Delivery.kind)
             .where(Delivery.channel == "zalo", Delivery.kind.startswith("notice_"),
                    Delivery.status.in_(("pending", "sending")),
                    Delivery.next_attempt_at <= clock.now()))
    if shards > 1:
        query = query.where(Delivery.id % shards == shard)
    return [tuple(row) for row in db.session.execute(
        query.order_by(Delivery.kind, Delivery.id).limit(limit))]


BATCH = 25


def send_batch(ids: list[int]) -> int:
    """Claim up to BATCH per-follower messages in one step, send them, record the results
    in one step. Claim-then-send as in ``core.outbox``: a message claimed by a worker that
    dies is retried after the lease, and the sender then checks the conversation first.
    Each step is a unit of work of its own; the messages go out between them."""
    from core import outbox
    from integrations.zalo import delivery as sender

    moment = clock.now()
    with unit_of_work():
        claimed = db.session.execute(
            sa.update(Delivery)
            .where(Delivery.id.in_(ids),
                   sa.or_(Delivery.status == "pending",
                          sa.and_(Delivery.status == "sending",
                                  Delivery.next_attempt_at <= moment)),
                   Delivery.next_attempt_at <= moment)
            .values(status="sending", attempts=Delivery.attempts + 1,
                    next_attempt_at=moment + outbox.CLAIM_LEASE)
            .returning(Delivery.id, Delivery.recipient, Delivery.payload, Delivery.attempts)
            .execution_options(synchronize_session=False)).all()
    position = {delivery_id: n for n, delivery_id in enumerate(ids)}
    claimed.sort(key=lambda row: position[row[0]])  # RETURNING has no order: keep ours
    outcomes: dict[int, tuple[str, Any]] = {}
    paused: sender.Paused | None = None
    try:
        for delivery_id, recipient, payload, attempts in claimed:
            if paused is None:
                try:
                    sender.check_paused()
                    outcomes[delivery_id] = ("done", sender.deliver_message(
                        recipient, dict(payload or {}), attempts))
                    continue
                except sender.Paused as exc:
                    paused = exc
                except outbox.TransientError as exc:
                    outcomes[delivery_id] = ("retry", exc)
                    continue
            outcomes[delivery_id] = ("defer", paused)
    finally:
        _record(outcomes, {row[0]: row[3] for row in claimed})
    return len(claimed)


def _record(outcomes: dict[int, tuple[str, Any]], attempts: dict[int, int]) -> None:
    from core import outbox

    max_attempts = int(current_app.config["OUTBOX_MAX_ATTEMPTS"])
    moment = clock.now()
    with unit_of_work():
        for delivery_id, (what, value) in outcomes.items():
            values: dict[str, Any]
            if what == "done":
                values = {"status": value.status,
                          "last_error": value.reason[:500] if value.reason else None}
                if value.status == "sent":
                    values["sent_at"] = moment
            elif what == "retry":
                failed = attempts[delivery_id] >= max_attempts
                values = {"status": "failed" if failed else "pending",
                          "last_error": str(value)[:500],
                          "next_attempt_at": moment + outbox.backoff(attempts[delivery_id],
                                                                     value.retry_after)}
            else:  # paused: wait, and give the attempt back
                values = {"status": "pending", "last_error": value.reason[:500],
                          "attempts": max(0, attempts[delivery_id] - 1),
                          "next_attempt_at": moment + outbox.backoff(0, value.seconds)}
            db.session.execute(sa.update(Delivery).where(Delivery.id == delivery_id)
                               .values(**values).execution_options(synchronize_session=False))


def drain(budget_seconds: float = 50.0, shard: int = 0, shards: int = 1) -> int:
    """Send due notice deliveries (rate-limited in the sender) for up to ``budget_seconds``.

    Returns how many deliveries were handled; the caller re-queues itself if more remain.
    """
    from core import outbox

    if not outbox.has_sender("zalo"):
        return 0
    started = clock.now()
    handled = 0
    while True:
        with unit_of_work():  # read alone: no transaction is held while sending
            due = _due(200, shard, shards)
        if not due:
            return handled
        messages_ids = [i for i, kind in due if not kind.startswith("notice_0_")]
        progress = 0
        for delivery_id, kind in due:
            if kind.startswith("notice_0_"):  # article broadcast or withdrawal
                outbox.send(delivery_id)
                progress += 1
        for n in range(0, len(messages_ids), BATCH):
            progress += send_batch(messages_ids[n:n + BATCH])
            if (clock.now() - started).total_seconds() > budget_seconds:
                return handled + progress
        handled += progress
        if not progress:  # all due rows were taken by someone else
            return handled


def counts(notice_id: int) -> dict[str, Any]:
    """Delivery state of a notice for staff: counts per status, and the article."""
    from integrations.zalo.models import ZaloArticle

    rows = db.session.execute(
        sa.select(Delivery.status, sa.func.count())
        .where(Delivery.subject_type == "notice", Delivery.subject_id == notice_id,
               Delivery.channel == "zalo", Delivery.kind != WITHDRAW_KIND)
        .group_by(Delivery.status)).all()
    article = db.session.scalar(sa.select(ZaloArticle).where(ZaloArticle.notice_id == notice_id))
    return {"notice_id": notice_id, "counts": {status: n for status, n in rows},
            "total": sum(n for _, n in rows),
            "article": ({"article_id": article.article_id, "status": article.status,
                         "broadcast_at": article.broadcast_at.isoformat()
                         if article.broadcast_at else None} if article else None)}
