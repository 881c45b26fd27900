"""The staff console: server-rendered pages over the domain services, at ``/console/``.

Sign-in opens a server-side session (core/sessions.py); Flask's signed cookie (Secure,
HttpOnly, SameSite=Lax), cleared and rebuilt at sign-in, carries only its random id. Every
request checks the session row: it ends at sign-out, on a password change or reset, when the
account is disabled or an administrator ends it, after ``CONSOLE_IDLE_MINUTES`` without
activity, and ``PERMANENT_SESSION_LIFETIME`` after sign-in. Every POST carries a CSRF token
(Flask-WTF's signed, session-bound token) and, when the browser sends one, a same-origin
``Origin``.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the console blueprint, its template helpers and its demo data."""
    # Importing the view modules attaches their routes to ``bp``.
    from console import (  # noqa: F401 - importing registers the models and routes
        appointments,
        consultations,
        dashboard,
        deliveries,
        factcheck,
        notices,
        privacy_views,
        publication,
        reception,
        response_templates,
        views,
    )
    from console.base import bp
    from console.demo import load as load_demo
    from console.filters import datetime_vn
    from core.cli import register_demo_loader

    app.register_blueprint(bp)
    app.add_template_filter(datetime_vn, "datetime_vn")
    register_demo_loader(app, "console", load_demo, "mẫu câu trả lời")
