"""Core background jobs: sending outbox deliveries and sweeping what was missed."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from celery import shared_task

from core import outbox
from core.db import db

log = logging.getLogger(__name__)


@shared_task(name="core.send_delivery", ignore_result=True)
def send_delivery(delivery_id: int) -> str | None:
    """Send one delivery (idempotent: a sent or claimed delivery is left alone).

    While the database is unreachable there is nothing to do but wait: the delivery is
    still due, and the periodic sweep hands it over again once the database is back.
    """
    try:
        return outbox.send(delivery_id)
    except sa.exc.DBAPIError as exc:
        if not exc.connection_invalidated and not isinstance(exc, sa.exc.OperationalError):
            raise
        try:
            db.session.rollback()
        except sa.exc.DBAPIError:
            db.session.invalidate()
        log.warning("delivery %s not sent: database unavailable (%s)", delivery_id,
                    type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        return None


@shared_task(name="core.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Enqueue deliveries that are due and were not dispatched (broker down, crash)."""
    ids = outbox.due_ids()
    for delivery_id in ids:
        outbox.enqueue(delivery_id)
    return len(ids)
