"""Core background jobs: sending outbox deliveries and sweeping what was missed."""

from __future__ import annotations

from celery import shared_task

from core import outbox


@shared_task(name="core.send_delivery", ignore_result=True)
def send_delivery(delivery_id: int) -> str | None:
    """Send one delivery (idempotent: a sent or claimed delivery is left alone)."""
    return outbox.send(delivery_id)


@shared_task(name="core.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Enqueue deliveries that are due and were not dispatched (broker down, crash)."""
    ids = outbox.due_ids()
    for delivery_id in ids:
        outbox.enqueue(delivery_id)
    return len(ids)
