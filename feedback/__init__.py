"""Citizen feedback (phản ánh, kiến nghị): intake, routing, workflow, lookup."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the package's demo data and its periodic deadline checks."""
    from core.celery import add_periodic
    from core.cli import register_demo_loader
    from feedback import demo
    from feedback import tasks  # noqa: F401 - registers the tasks

    register_demo_loader(app, "feedback", demo.load)
    add_periodic(app, "feedback-overdue", "feedback.mark_overdue",
                 app.config["FEEDBACK_OVERDUE_CHECK_SECONDS"])
    add_periodic(app, "feedback-reminders", "feedback.remind_due",
                 app.config["FEEDBACK_REMINDER_CHECK_SECONDS"])
