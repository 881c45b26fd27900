"""Essential notices (thông tin thiết yếu): authoring, approval, schedule, targeting, and
every public surface (JSON API, Atom, CAP 1.2, widget, bulletin board).

Other packages hear about publications through :mod:`notices.signals`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register blueprints, the public list for other origins and its cache, the beat task
    and the demo data."""
    from core import cors
    from core.celery import add_periodic
    from core.cli import register_demo_loader
    from core.extensions import api, limiter
    from notices import cache, demo, routes, tasks  # noqa: F401 - tasks registers the job
    from notices.feeds import feeds_bp

    api.register_blueprint(routes.public_bp)
    api.register_blueprint(routes.staff_bp)
    app.register_blueprint(feeds_bp)
    cors.allow(app, "notices_public.unit_notices", "GET")  # the widget's notices
    cache.init_app(app)
    # The public list is a cached, CDN-friendly GET: no per-client rate limit on it.
    limiter.request_filter(routes.is_cached_public_read)
    from notices.fastpath import PublicListFastPath

    app.wsgi_app = PublicListFastPath(app, app.wsgi_app)
    add_periodic(app, "notices-schedule", "notices.run_schedule",
                 app.config["NOTICES_SCHEDULE_SECONDS"])
    register_demo_loader(app, "notices", demo.load, "thông tin thiết yếu")
