"""Feedback background jobs."""

from __future__ import annotations

from celery import shared_task

from feedback import deadlines


@shared_task(name="feedback.mark_overdue", ignore_result=True)
def mark_overdue() -> int:
    """Mark items past their due date (periodic, see ``FEEDBACK_OVERDUE_CHECK_SECONDS``)."""
    return len(deadlines.mark_overdue())


@shared_task(name="feedback.remind_due", ignore_result=True)
def remind_due() -> int:
    """Remind offices of items due soon (periodic, ``FEEDBACK_REMINDER_CHECK_SECONDS``)."""
    return len(deadlines.remind_due())
