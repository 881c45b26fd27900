"""Open311 GeoReport v2 facade over feedback, at ``/open311/v2/``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the CLI group and the demo data."""
    from core.cli import register_demo_loader
    from feedback.open311 import demo
    from feedback.open311.cli import open311_cli

    app.cli.add_command(open311_cli)
    register_demo_loader(app, "open311", demo.load, "khóa Open311")
