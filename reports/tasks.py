"""Statistics background jobs."""

from __future__ import annotations

from celery import shared_task

from reports import build, monthly


@shared_task(name="reports.refresh_rollup", ignore_result=True)
def refresh_rollup() -> int:
    """Rebuild the stale months of the rollup (periodic, ``REPORTS_ROLLUP_SECONDS``)."""
    return len(build.refresh())


@shared_task(name="reports.send_monthly", ignore_result=True)
def send_monthly() -> int:
    """Queue last month's report to leaders on the first working day (periodic)."""
    return len(monthly.send_monthly())
