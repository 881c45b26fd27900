"""Reports of suspected false information (tin giả): intake from every channel, grouping
into cases, verdicts, official clarifications published through the notices workflow, and
the outcome told to every reporter."""

from __future__ import annotations

from flask import Flask

# Endpoints the widget calls from the commune's website (CORS, see core/cors.py).
WIDGET_ENDPOINTS = {"factcheck.submit": "POST", "factcheck.status": "GET"}


def init_app(app: Flask) -> None:
    """Blueprints, CLI, the notices signal, privacy hooks, demo data, the
    periodic deadline check."""
    from core import cors
    from core.celery import add_periodic
    from core.cli import register_demo_loader
    from core.extensions import api
    from factcheck import demo, models, routes, service, tasks  # noqa: F401 - tables, tasks
    from factcheck.cli import factcheck_cli
    from notices.signals import notice_published
    from privacy import retention, rights_requests

    api.register_blueprint(routes.public)
    api.register_blueprint(routes.staff)
    app.register_blueprint(routes.pages)
    app.cli.add_command(factcheck_cli)
    notice_published.connect(service.on_notice_published, sender=app)
    for endpoint, method in WIDGET_ENDPOINTS.items():
        cors.allow(app, endpoint, method)
    retention.register(app, service.erase_expired)
    rights_requests.on_deletion(app, service.erase_matching)
    register_demo_loader(app, "factcheck", demo.load, "tin báo tin giả")
    add_periodic(app, "factcheck-overdue", "factcheck.mark_overdue",
                 app.config["FACTCHECK_OVERDUE_CHECK_SECONDS"])
