"""Background jobs of the notices package."""

from __future__ import annotations

from celery import shared_task

from notices import service


@shared_task(name="notices.run_schedule", ignore_result=True)
def run_schedule() -> list[int]:
    """Publish approved notices whose time has come; expire those past their expiry."""
    return list(service.run_schedule())
