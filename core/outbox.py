"""Outbox: deliveries are rows written with the change that causes them, sent later.

Domain packages call :func:`queue`; integrations register a sender for their channel
with :func:`register_sender`. After the commit, each new delivery is handed to Celery; a
periodic sweep picks up whatever was not (broker down, worker crash), so nothing is lost.
A delivery is claimed (``sending``) in its own committed step before the partner is
called, so two workers never send the same row.
"""

from __future__ import annotations

import importlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from core.clock import now
from core.db import after_commit, commit, db
from core.models import Delivery

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)


@dataclass
class SendResult:
    """What a sender reports: ``sent``, or ``unreachable`` (final), with a reason."""

    status: str = "sent"
    reason: str | None = None


class TransientError(Exception):
    """A sender's temporary failure; the delivery is retried with back-off."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


Sender = Callable[[Delivery], SendResult]
_SENDERS: dict[str, Sender] = {}


def register_sender(channel: str, sender: Sender) -> None:
    """Make ``sender`` responsible for deliveries on ``channel``."""
    _SENDERS[channel] = sender


def register_configured_senders(app) -> None:
    """Register the senders named in ``OUTBOX_SENDERS`` (``{"channel": "module:function"}``),
    e.g. an SMS gateway's sender living outside this code base."""
    for channel, target in (app.config.get("OUTBOX_SENDERS") or {}).items():
        module_name, _, name = str(target).partition(":")
        register_sender(channel, getattr(importlib.import_module(module_name), name))


def unregister_sender(channel: str) -> None:
    """Forget the sender of ``channel`` (tests)."""
    _SENDERS.pop(channel, None)


def has_sender(channel: str) -> bool:
    """Whether a sender is registered for ``channel``."""
    return channel in _SENDERS


_INSERT = Delivery.__table__.insert().returning(Delivery.__table__.c.id)


def queue(channel: str, recipient: str, kind: str, payload: dict[str, Any], key: str,
          subject: tuple[str, int] | None = None) -> int:
    """Add a delivery to the current transaction; it is dispatched after commit. Returns the
    delivery's id."""
    delivery_id = insert(channel, recipient, kind, payload, key, subject)
    dispatch_after_commit(channel, delivery_id)
    return delivery_id


def insert(channel: str, recipient: str, kind: str, payload: dict[str, Any], key: str,
           subject: tuple[str, int] | None = None) -> int:
    """Write a pending delivery (one INSERT, no unit-of-work flush); returns its id. Callers
    that write their own rows call :func:`dispatch_after_commit` for them."""
    return db.session.execute(_INSERT, dict(
        channel=channel, recipient=recipient, kind=kind, payload=payload, idempotency_key=key,
        subject_type=subject[0] if subject else None, subject_id=subject[1] if subject else None,
        next_attempt_at=now())).scalar_one()


def dispatch_after_commit(channel: str, delivery_id: int) -> None:
    """Hand the delivery to its sender once the transaction commits (if ``channel`` has a
    sender here; otherwise it waits, pending, for one)."""
    if has_sender(channel):
        after_commit(lambda: enqueue(delivery_id))


BROKER_PAUSE_SECONDS = 5.0
_broker_failed_at = [float("-inf")]  # monotonic time of this process's last publish failure


def enqueue(delivery_id: int) -> None:
    """Hand a delivery to the task queue; if the broker is down the sweep will retry.

    After a failure this process stops trying for a few seconds (each try waits on the
    broker's connection retries, about a second): requests stay fast while it is down.
    """
    if time.monotonic() - _broker_failed_at[0] < BROKER_PAUSE_SECONDS:
        return
    task = current_app.extensions["celery"].tasks["core.send_delivery"]
    try:
        task.delay(delivery_id)
    except Exception as exc:  # noqa: BLE001 - broker errors vary by transport
        _broker_failed_at[0] = time.monotonic()
        log.warning("could not enqueue delivery %s: %s", delivery_id, type(exc).__name__)


def _claim(delivery_id: int) -> Delivery | None:
    """Mark a due delivery as being sent by us; None if someone else has it or it is done."""
    moment = now()
    claimed = db.session.execute(
        sa.update(Delivery)
        .where(Delivery.id == delivery_id,
               sa.or_(Delivery.status == "pending",
                      sa.and_(Delivery.status == "sending",
                              Delivery.next_attempt_at <= moment)),
               Delivery.next_attempt_at <= moment)
        .values(status="sending", attempts=Delivery.attempts + 1,
                next_attempt_at=moment + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    ).rowcount
    commit()
    if not claimed:
        return None
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Exponential back-off with jitter (seconds: 2, 4, 8 … capped at one hour)."""
    base = retry_after if retry_after is not None else min(3600, 2 ** attempts)
    return timedelta(seconds=base * (0.5 + random.random()))


def send(delivery_id: int) -> str | None:
    """Send one delivery if it is due and ours to send; returns its new status."""
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None or delivery.status not in ("pending", "sending"):
        return delivery.status if delivery else None
    sender = _SENDERS.get(delivery.channel)
    if sender is None:
        return delivery.status
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    try:
        result = sender(delivery)
    except TransientError as exc:
        max_attempts = current_app.config["OUTBOX_MAX_ATTEMPTS"]
        delivery.last_error = str(exc)[:500]
        if delivery.attempts >= max_attempts:
            delivery.status = "failed"
        else:
            delivery.status = "pending"
            delivery.next_attempt_at = now() + backoff(delivery.attempts, exc.retry_after)
        commit()
        return delivery.status
    delivery.status = result.status
    delivery.last_error = result.reason[:500] if result.reason else None
    if result.status == "sent":
        delivery.sent_at = now()
    commit()
    return delivery.status


def due_ids(limit: int = 500) -> list[int]:
    """Deliveries waiting (or whose claim lapsed) on channels that have a sender."""
    if not _SENDERS:
        return []
    return list(db.session.scalars(
        sa.select(Delivery.id)
        .where(Delivery.status.in_(("pending", "sending")),
               Delivery.next_attempt_at <= now(),
               Delivery.channel.in_(list(_SENDERS)))
        .order_by(Delivery.id).limit(limit)))
