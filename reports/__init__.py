"""Statistics and periodic reports: figures computed in the database, the staff API,
XLSX and CSV exports and the ``flask reports`` command."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the staff API, the CLI group and the rollup's periodic rebuild."""
    from core.celery import add_periodic
    from core.extensions import api
    from reports import (
        models,  # noqa: F401 - the rollup's tables
        routes,
        tasks,  # noqa: F401 - registers the tasks
    )
    from reports.cli import reports_cli

    api.register_blueprint(routes.staff)
    from reports import factcheck

    api.register_blueprint(factcheck.staff)
    app.cli.add_command(reports_cli)
    add_periodic(app, "reports-rollup", "reports.refresh_rollup",
                 app.config["REPORTS_ROLLUP_SECONDS"])
    add_periodic(app, "reports-monthly", "reports.send_monthly",
                 app.config["REPORTS_MONTHLY_CHECK_SECONDS"])
