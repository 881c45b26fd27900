"""Public consultation on drafts (lấy ý kiến người dân về dự thảo): a draft split into
numbered sections, a comment window, comments from the widget, the Mini App and the Zalo
chat, moderation, answers to groups of comments, and a published summary sent back to
every commenter. Announced through a notice (:mod:`notices.service`), so every channel that
carries notices carries the announcement.
"""

from __future__ import annotations

from flask import Flask

# Widget endpoints other origins may call (core/cors.py).
WIDGET_ENDPOINTS = {
    "consultations_public.unit_consultations": "GET",
    "consultations_public.detail": "GET",
    "consultations_public.comments": "GET",
    "consultations_public.submit_comment": "POST",
}


def init_app(app: Flask) -> None:
    """Blueprints, the notices signals, widget CORS, demo data."""
    from consultations import demo, privacy, routes, service
    from core import cors
    from core.cli import register_demo_loader
    from core.extensions import api
    from notices.signals import notice_published, notice_withdrawn

    api.register_blueprint(routes.public_bp)
    api.register_blueprint(routes.staff_bp)
    notice_published.connect(service.on_notice_published, sender=app)
    notice_withdrawn.connect(service.on_notice_withdrawn, sender=app)
    for endpoint, method in WIDGET_ENDPOINTS.items():
        cors.allow(app, endpoint, method)
    privacy.init_app(app)  # commenters' contact data: access log, retention, deletion
    register_demo_loader(app, "consultations", demo.load, "dự thảo lấy ý kiến")
