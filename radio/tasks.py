"""Background jobs of the radio package (they take ids and are idempotent)."""

from __future__ import annotations

from celery import shared_task

from core.db import transactional
from radio import service, source


@shared_task(name="radio.synthesise", ignore_result=True)
def synthesise(audio_id: int) -> str | None:
    """Produce the spoken version of one request (a job of steps, each its own unit of
    work: :func:`radio.service.synthesise`)."""
    return service.synthesise(audio_id)


@shared_task(name="radio.sweep", ignore_result=True)
def sweep() -> int:
    """Re-enqueue synthesis requests that were lost (broker down, worker crash)."""
    return service.sweep()


@shared_task(name="radio.report_statistics", ignore_result=True)
@transactional
def report_statistics() -> int | None:
    """Queue yesterday's statistics report for the source system (once per day)."""
    return source.queue_statistics()
