"""Personal-data background jobs."""

from __future__ import annotations

from celery import shared_task

from privacy import retention


@shared_task(name="privacy.erase_expired_contacts", ignore_result=True)
def erase_expired_contacts() -> int:
    """Erase contact data past its retention period (periodic, see
    ``PRIVACY_RETENTION_CHECK_SECONDS``); returns how many items were erased. A job of
    steps: each batch is a unit of work of its own (:func:`privacy.retention.erase_expired`)."""
    return retention.erase_expired().items_erased
