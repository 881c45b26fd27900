"""Public consultation on drafts (lấy ý kiến người dân về dự thảo): a draft split into
numbered sections, a comment window, comments from the widget, the Mini App and the Zalo
chat, moderation, answers to groups of comments, and a published summary sent back to
every commenter. Announced through a notice (:mod:`notices.service`), so every channel that
carries notices carries the announcement.
"""

from __future__ import annotations

from flask import Flask

# Widget endpoints other origins may call (added to the notices widget's CORS allow-list).
WIDGET_ENDPOINTS = {
    "consultations_public.unit_consultations": "GET",
    "consultations_public.detail": "GET",
    "consultations_public.comments": "GET",
    "consultations_public.submit_comment": "POST",
}


def init_app(app: Flask) -> None:
    """Blueprints, the notices hook (once per process), widget CORS, demo data."""
    from core.cli import register_demo_loader
    from core.extensions import api
    from consultations import demo, privacy, routes, service
    from notices import cors, hooks

    api.register_blueprint(routes.public_bp)
    api.register_blueprint(routes.staff_bp)
    # A module-level listener: remove-then-add keeps one however many apps are created.
    hooks.remove(service.on_notice_published)
    hooks.remove(service.on_notice_withdrawn)
    hooks.on_published(service.on_notice_published)
    hooks.on_withdrawn(service.on_notice_withdrawn)
    for endpoint, method in WIDGET_ENDPOINTS.items():
        cors.ENDPOINTS.setdefault(endpoint, method)
    privacy.init_app(app)  # commenters' contact data: access log, retention, deletion
    register_demo_loader(app, "consultations", demo.load)
