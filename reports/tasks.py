"""Statistics background jobs."""

from __future__ import annotations

from celery import shared_task

from reports import rollup


@shared_task(name="reports.refresh_rollup", ignore_result=True)
def refresh_rollup() -> int:
    """Rebuild the stale months of the rollup (periodic, ``REPORTS_ROLLUP_SECONDS``)."""
    return len(rollup.refresh())
