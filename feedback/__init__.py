"""Citizen feedback (phản ánh, kiến nghị): intake, routing, workflow, lookup."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the package's demo data, its periodic deadline checks, its items'
    personal data with privacy/, and the endpoints the widget calls from other origins."""
    from core import cors
    from core.celery import add_periodic
    from core.cli import register_demo_loader
    from feedback import (
        demo,
        personal_data,
        tasks,  # noqa: F401 - registers the tasks
    )

    personal_data.init_app(app)
    cors.allow(app, "feedback.submit", "POST")
    # The widget's "Tra cứu" tab: the owner's status look-up and rating, by tracking code.
    cors.allow(app, "feedback.lookup", "GET")
    cors.allow(app, "feedback.rate", "POST")
    register_demo_loader(app, "feedback", demo.load, "phản ánh ở nhiều trạng thái")
    add_periodic(app, "feedback-overdue", "feedback.mark_overdue",
                 app.config["FEEDBACK_OVERDUE_CHECK_SECONDS"])
    add_periodic(app, "feedback-reminders", "feedback.remind_due",
                 app.config["FEEDBACK_REMINDER_CHECK_SECONDS"])
