"""The service's home page (``/``): the communes it serves, each with links to its public
pages, and the way to check a notice. It names other domains' pages by endpoint only."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the home page."""
    from home import routes

    app.register_blueprint(routes.pages)
