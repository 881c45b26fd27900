"""Statistics and periodic reports: figures computed in the database, the staff API,
XLSX and CSV exports and the ``flask reports`` command."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the staff API and the CLI group."""
    from core.extensions import api
    from reports import routes
    from reports.cli import reports_cli

    api.register_blueprint(routes.staff)
    app.cli.add_command(reports_cli)
