"""Outbox: deliveries are rows written with the change that causes them, sent later.

Domain packages call :func:`queue` with one route (a channel and a recipient) or several in
order of preference; integrations register a sender for their channel on the app with
:func:`register_sender`. After the commit each new delivery is handed to Celery; a periodic
sweep picks up whatever was not (broker down, worker crash), so nothing is lost. A
delivery is claimed (``sending``) in its own committed step before the partner is called,
so two workers never send the same row.

What a sender may answer, and what happens next:

- ``SendResult("sent")``: done (``delivered`` later if the partner confirms receipt);
- ``SendResult("failed" | "unreachable", reason)``: this route is finished (a permanent
  error, or the recipient cannot receive here): the delivery moves to its next route at
  once, or ends with that status and reason when no route is left;
- :class:`TransientError`: the same route is tried again with back-off; after
  ``OUTBOX_MAX_ATTEMPTS`` the route counts as failed;
- :class:`Deferred`: the same route is tried again at a given time without spending an
  attempt (a night window, a pause).

A channel with no sender registered is a failed route (reason: no sender), so nothing
waits ``pending`` for a sender that will never come. Every outcome is appended to the
delivery's ``history``, so staff can see how a citizen was told.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import queue as queues
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from core import messages
from core.clock import now
from core.db import after_commit, db, unit_of_work
from core.models import Delivery

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)
HISTORY_LIMIT = 30  # outcomes kept on a delivery (the oldest are dropped)
FINAL_STATUSES = ("sent", "delivered", "failed", "unreachable", "cancelled")
# Statuses of a delivery that never reached its recipient (console lists, statistics).
UNDELIVERED_STATUSES = ("failed", "unreachable")


@dataclass
class SendResult:
    """What a sender reports: ``sent``, or a final ``failed``/``unreachable`` for this route
    with its reason. ``external_id`` is the partner's message id (delivery receipts find the
    delivery by it); ``info`` is recorded with the outcome (segments, encoding…)."""

    status: str = "sent"
    reason: str | None = None
    external_id: str | None = None
    info: dict[str, Any] = field(default_factory=dict)


class TransientError(Exception):
    """A sender's temporary failure; the delivery is retried with back-off."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class Deferred(Exception):
    """Not now, and not a failed attempt: try the same route again at ``until``."""

    def __init__(self, reason: str, until: datetime):
        super().__init__(reason)
        self.until = until


@dataclass(frozen=True)
class Route:
    """One way to reach a recipient: a channel and the address on it."""

    channel: str
    recipient: str

    def as_json(self) -> dict[str, str]:
        """The form kept in ``Delivery.routes``."""
        return {"channel": self.channel, "recipient": self.recipient}


Sender = Callable[[Delivery], SendResult]
_EXTENSION = "outbox_senders"


# --- senders, kept on the app ---------------------------------------------------------------
def init_app(app: Flask) -> None:
    """Give the app its table of senders and add those named in ``OUTBOX_SENDERS``
    (``{"channel": "module:function"}``, e.g. a gateway's sender living elsewhere)."""
    app.extensions.setdefault(_EXTENSION, {})
    for channel, target in (app.config.get("OUTBOX_SENDERS") or {}).items():
        module_name, _, name = str(target).partition(":")
        register_sender(app, channel, getattr(importlib.import_module(module_name), name))


def _senders(app: Flask | None = None) -> dict[str, Sender]:
    return (app or current_app).extensions.setdefault(_EXTENSION, {})


def register_sender(app: Flask, channel: str, sender: Sender) -> None:
    """Make ``sender`` responsible for deliveries on ``channel`` in ``app``."""
    _senders(app)[channel] = sender


def unregister_sender(app: Flask, channel: str) -> None:
    """Forget the sender of ``channel`` (tests that hold sending back)."""
    _senders(app).pop(channel, None)


def has_sender(channel: str) -> bool:
    """Whether the current app has a sender for ``channel``."""
    return channel in _senders()


def channels() -> list[str]:
    """Channels the current app can send on."""
    return sorted(_senders())


# --- queueing -------------------------------------------------------------------------------
_INSERT = Delivery.__table__.insert().returning(Delivery.__table__.c.id)


def queue(channel: str | Sequence[Route], recipient: str | None, kind: str,
          payload: dict[str, Any], key: str,
          subject: tuple[str, int] | None = None) -> int:
    """Add a delivery to the current transaction; it is dispatched after commit. Returns the
    delivery's id.

    ``channel`` is one channel (with ``recipient``) or a list of routes in order of
    preference (``recipient`` None): the first is tried first, the others in turn when a
    route fails for good.
    """
    delivery_id = insert(channel, recipient, kind, payload, key, subject)
    dispatch_after_commit(delivery_id)
    return delivery_id


def insert(channel: str | Sequence[Route], recipient: str | None, kind: str,
           payload: dict[str, Any], key: str,
           subject: tuple[str, int] | None = None) -> int:
    """Write a pending delivery (one INSERT, no unit-of-work flush); returns its id. Callers
    that write their own rows call :func:`dispatch_after_commit` for them."""
    first, rest = _routes(channel, recipient)
    return db.session.execute(_INSERT, dict(
        channel=first.channel, recipient=first.recipient, kind=kind, payload=payload,
        idempotency_key=key, subject_type=subject[0] if subject else None,
        subject_id=subject[1] if subject else None, next_attempt_at=now(),
        routes=[r.as_json() for r in rest] or None)).scalar_one()


def _routes(channel: str | Sequence[Route], recipient: str | None) -> tuple[Route, list[Route]]:
    if isinstance(channel, str):
        if recipient is None:
            raise ValueError("a single channel needs a recipient")
        return Route(channel, recipient), []
    routes = list(channel)
    if not routes:
        raise ValueError("a delivery needs at least one route")
    return routes[0], routes[1:]


def dispatch_after_commit(delivery_id: int | None) -> None:
    """Hand the delivery to the task queue once the transaction commits."""
    if delivery_id is not None:
        after_commit(lambda: hand_over(delivery_id))


BROKER_PAUSE_SECONDS = 5.0
_broker_failed_at = [float("-inf")]  # monotonic time of this process's last publish failure
HAND_OVER_BATCH = 100  # delivery ids in one message at most
HAND_OVER_LINGER_SECONDS = 0.02  # wait this long for others to join a message
_PUBLISHER = "outbox_publisher"


def hand_over(delivery_id: int) -> None:
    """Give a committed delivery to this process's publisher thread, which hands what has
    gathered to the broker in one message (``core.send_deliveries``) as soon as it can.

    A request so never waits on the broker, and under load one publish carries many
    deliveries (a Celery publish costs a web process more CPU than the intake's own
    database write). Nothing is lost if the process dies first: the row is committed and
    the outbox sweep hands it over. The thread waits ``HAND_OVER_LINGER_SECONDS`` (20 ms)
    after the first id so that others join its message. Tasks run in the caller
    (``CELERY_TASK_ALWAYS_EAGER``, the test suite): the delivery is enqueued, and so sent,
    at once."""
    app = current_app._get_current_object()
    if app.config.get("CELERY_TASK_ALWAYS_EAGER"):
        enqueue(delivery_id)
        return
    _publisher_queue(app).put(delivery_id)


def _publisher_queue(app: Flask) -> queues.SimpleQueue:
    """This process's queue for ``app`` (a forked worker starts its own thread)."""
    found = app.extensions.get(_PUBLISHER)
    if found is not None and found[0] == os.getpid():
        return found[1]
    with _publisher_lock:
        found = app.extensions.get(_PUBLISHER)
        if found is None or found[0] != os.getpid():
            pending: queues.SimpleQueue = queues.SimpleQueue()
            threading.Thread(target=_publish_forever, args=(app, pending),
                             name="outbox-publisher", daemon=True).start()
            atexit.register(_publish_pending, app, pending)
            found = app.extensions[_PUBLISHER] = (os.getpid(), pending)
    return found[1]


_publisher_lock = threading.Lock()


def _take(pending: queues.SimpleQueue, first: int | None) -> list[int]:
    ids = [] if first is None else [first]
    while len(ids) < HAND_OVER_BATCH:
        try:
            ids.append(pending.get_nowait())
        except queues.Empty:
            break
    return ids


def _publish_forever(app: Flask, pending: queues.SimpleQueue) -> None:
    while True:
        first = pending.get()
        time.sleep(HAND_OVER_LINGER_SECONDS)
        ids = _take(pending, first)
        try:
            with app.app_context():
                enqueue_many(ids)
        except Exception:  # the thread must live on; the sweep hands them over
            log.exception("could not hand %d deliveries to the broker", len(ids))


def _publish_pending(app: Flask, pending: queues.SimpleQueue) -> None:
    """At exit: hand over what is still waiting (else the sweep would, a minute later)."""
    while ids := _take(pending, None):
        with app.app_context():
            enqueue_many(ids)


def enqueue(delivery_id: int) -> None:
    """Hand a delivery to the task queue; if the broker is down the sweep will retry.

    After a failure this process stops trying for a few seconds (each try waits on the
    broker's connection retries, about a second): requests stay fast while it is down.
    """
    enqueue_many([delivery_id])


def enqueue_many(delivery_ids: list[int]) -> None:
    """Hand deliveries to the task queue in one message (one id: ``core.send_delivery``)."""
    if not delivery_ids or time.monotonic() - _broker_failed_at[0] < BROKER_PAUSE_SECONDS:
        return
    tasks = current_app.extensions["celery"].tasks
    try:
        if len(delivery_ids) == 1:
            tasks["core.send_delivery"].delay(delivery_ids[0])
        else:
            tasks["core.send_deliveries"].delay(list(delivery_ids))
    except Exception as exc:  # noqa: BLE001 - broker errors vary by transport
        _broker_failed_at[0] = time.monotonic()
        log.warning("could not enqueue deliveries %s: %s", delivery_ids[:10], type(exc).__name__)


# --- sending --------------------------------------------------------------------------------
def _claim(delivery_id: int) -> Delivery | None:
    """Mark a due delivery as being sent by us, in a unit of work of its own (committed
    before the partner is called); None if someone else has it or it is done."""
    moment = now()
    with unit_of_work():
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
    if not claimed:
        return None
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Exponential back-off with jitter (seconds: 2, 4, 8 … capped at one hour)."""
    base = retry_after if retry_after is not None else min(3600, 2 ** attempts)
    return timedelta(seconds=base * (0.5 + random.random()))


def record(delivery: Delivery, outcome: str, reason: str | None = None,
           **info: Any) -> None:
    """Append one outcome to the delivery's history (who was tried, how it went)."""
    entry = {"at": now().isoformat(timespec="seconds"), "channel": delivery.channel,
             "outcome": outcome}
    if reason:
        entry["reason"] = reason[:300]
    entry.update({k: v for k, v in info.items() if v is not None})
    delivery.history = [*(delivery.history or []), entry][-HISTORY_LIMIT:]


def send(delivery_id: int) -> str | None:
    """Send one delivery if it is due and ours to send; returns its new status.

    A job of steps, each its own unit of work: the claim (committed before the partner is
    called, so two workers never send the same row), the sender's own steps, the outcome.
    """
    with unit_of_work():
        delivery = db.session.get(Delivery, delivery_id)
        if delivery is None or delivery.status not in ("pending", "sending"):
            return delivery.status if delivery else None
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    sender = _senders().get(delivery.channel)
    if sender is None:
        with unit_of_work():
            finish_route(delivery, "failed",
                         messages.NO_SENDER.format(channel=delivery.channel))
        return delivery.status
    try:
        result = sender(delivery)
    except Deferred as exc:
        with unit_of_work():
            delivery.attempts = max(0, delivery.attempts - 1)
            delivery.status, delivery.next_attempt_at = "pending", exc.until
            delivery.last_error = str(exc)[:500]
            record(delivery, "deferred", str(exc),
                   until=exc.until.isoformat(timespec="seconds"))
        return delivery.status
    except TransientError as exc:
        with unit_of_work():
            delivery.last_error = str(exc)[:500]
            if delivery.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
                finish_route(delivery, "failed", str(exc))
            else:
                record(delivery, "retry", str(exc))
                delivery.status = "pending"
                delivery.next_attempt_at = now() + backoff(delivery.attempts, exc.retry_after)
        return delivery.status
    with unit_of_work():
        if result.status == "sent":
            delivery.status, delivery.sent_at = "sent", now()
            delivery.last_error = result.reason[:500] if result.reason else None
            delivery.external_id = result.external_id
            record(delivery, "sent", result.reason, external_id=result.external_id,
                   **result.info)
        else:
            finish_route(delivery, result.status, result.reason or result.status,
                         **result.info)
    return delivery.status


def finish_route(delivery: Delivery, status: str, reason: str, **info: Any) -> None:
    """This route is done without success: move to the next route, or end with ``status``
    (``failed`` or ``unreachable``) and the reason when none is left. Routes on channels
    without a sender are passed over at once, each recorded with that reason."""
    while True:
        record(delivery, status, reason, **info)
        delivery.last_error = reason[:500]
        remaining = list(delivery.routes or [])
        if not remaining:
            delivery.status = status
            return
        following = remaining.pop(0)
        delivery.channel, delivery.recipient = following["channel"], following["recipient"]
        delivery.routes = remaining or None
        delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, now()
        if has_sender(delivery.channel):
            dispatch_after_commit(delivery.id)
            return
        status, reason, info = "failed", messages.NO_SENDER.format(channel=delivery.channel), {}


def mark_delivered(channel: str, external_id: str, at: datetime | None = None) -> bool:
    """A partner confirmed receipt of the message it knows as ``external_id``."""
    delivery = db.session.scalar(sa.select(Delivery).where(
        Delivery.external_id == external_id, Delivery.channel == channel))
    if delivery is None or delivery.status not in ("sent", "delivered"):
        return False
    if delivery.status == "sent":
        delivery.status, delivery.delivered_at = "delivered", at or now()
        record(delivery, "delivered")
    return True


def due_ids(limit: int = 500) -> list[int]:
    """Deliveries waiting, or whose claim lapsed (on any channel: one without a sender
    fails over to the next route when it is sent)."""
    return list(db.session.scalars(
        sa.select(Delivery.id)
        .where(Delivery.status.in_(("pending", "sending")), Delivery.next_attempt_at <= now())
        .order_by(Delivery.id).limit(limit)))
