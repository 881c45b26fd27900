"""Background jobs of the false-information reports."""

from __future__ import annotations

from celery import shared_task

from core.db import transactional
from factcheck import service


@shared_task(name="factcheck.mark_overdue", ignore_result=True)
@transactional
def mark_overdue() -> int:
    """Flag cases past their deadline (periodic, ``FACTCHECK_OVERDUE_CHECK_SECONDS``)."""
    return service.mark_overdue()
