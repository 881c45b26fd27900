"""Core background jobs: sending outbox deliveries and sweeping what was missed."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from celery import shared_task

from core import outbox
from core.db import end_failed_transaction

log = logging.getLogger(__name__)


@shared_task(name="core.send_delivery", ignore_result=True)
def send_delivery(delivery_id: int) -> str | None:
    """Send one delivery (idempotent: a sent or claimed delivery is left alone).

    While the database is unreachable there is nothing to do but wait: the delivery is
    still due, and the periodic sweep hands it over again once the database is back.
    A job of steps, each its own unit of work (:func:`core.outbox.send`); the failed step
    has rolled back (or dropped its dead connection) when the error arrives here.
    """
    try:
        return outbox.send(delivery_id)
    except sa.exc.DBAPIError as exc:
        if not exc.connection_invalidated and not isinstance(exc, sa.exc.OperationalError):
            raise
        end_failed_transaction()  # a read outside the steps may have failed
        log.warning("delivery %s not sent: database unavailable (%s)", delivery_id,
                    type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        return None


@shared_task(name="core.send_deliveries", ignore_result=True)
def send_deliveries(delivery_ids: list[int]) -> int:
    """Send the deliveries a web process handed over together (``outbox.hand_over``)."""
    for delivery_id in delivery_ids:
        send_delivery(delivery_id)
    return len(delivery_ids)


@shared_task(name="core.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Enqueue deliveries that are due and were not dispatched (broker down, crash).

    It only reads; each delivery is sent by a job of its own (its steps, its units)."""
    ids = outbox.due_ids()
    for delivery_id in ids:
        outbox.enqueue(delivery_id)
    return len(ids)
