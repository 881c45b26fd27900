"""The composition root: the one module that names every domain and wires them into an app."""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application."""
    from core.config import load_config
    from core.db import UnitOfWorkFlask  # each request's hooks and view: a unit of work

    # The app's own templates (the API viewer's page, which must win over flask-smorest's)
    # live in core/, which every domain may use.
    app = UnitOfWorkFlask(__name__.split(".")[0], instance_relative_config=True,
                          instance_path=None, template_folder="core/templates",
                          static_folder=None)
    load_config(app, test_config)
    from core import ratelimits, secret_key

    secret_key.init_app(app)  # refuses to start with a missing, known or short key
    ratelimits.init_app(app)  # before the limiter is bound: the storage it uses
    from core.db import IdConverter, TextConverter

    app.url_map.converters["int"] = IdConverter  # ids in URLs stay within INTEGER
    app.url_map.converters["default"] = TextConverter  # no control characters in URLs
    app.url_map.converters["string"] = TextConverter
    from core import jsonbody, logs, security

    jsonbody.init_app(app)  # every JSON body read one way (depth limit, Unicode text only)

    logs.init_app(app)
    security.init_app(app)
    from core import cors

    cors.init_app(app)  # domains name their cross-origin endpoints in their init_app

    from core.celery import add_periodic, celery_init_app
    from core.db import configure_sqlite
    from core.extensions import api, db, limiter, migrate

    db.init_app(app)
    from core.db import remove_session

    app.teardown_appcontext(remove_session)  # runs before Flask-SQLAlchemy's own
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
    migrate.init_app(app, db, directory="migrations", render_as_batch=True,
                     compare_type=True)
    limiter.init_app(app)
    from core import throttle

    throttle.init_app(app)
    api.init_app(app, spec_kwargs={"info": {
        "description": "API của hệ thống thông tin cơ sở: phản ánh, kiến nghị và thông tin "
                       "thiết yếu."}})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "Mã truy cập cá nhân của cán bộ"})

    from core import routes as core_routes
    from feedback import routes as feedback_routes
    from feedback.answers import routes as answers_routes
    from feedback.open311 import routes as open311_routes
    from privacy import routes as privacy_routes

    app.register_blueprint(core_routes.health)
    from core import docs

    app.register_blueprint(docs.assets)
    api.register_blueprint(feedback_routes.public)
    api.register_blueprint(feedback_routes.staff)
    app.register_blueprint(open311_routes.open311)
    api.register_blueprint(open311_routes.staff_keys)
    api.register_blueprint(answers_routes.public)
    api.register_blueprint(answers_routes.staff)
    from feedback.answers import pages as answers_pages

    app.register_blueprint(answers_pages.pages)
    app.register_blueprint(privacy_routes.pages)
    api.register_blueprint(privacy_routes.public)
    api.register_blueprint(privacy_routes.staff)

    from core.errors import register_error_handlers

    register_error_handlers(app)

    from core.cli import register_cli

    register_cli(app)

    # Each package's init_app adds to this app its blueprints, CLI, demo data, signal
    # receivers, senders and periodic tasks. The loop's order is the demo data's (each
    # package's builds on those before it); Celery reads the beat schedule after them all.
    import appointments
    import console
    import consultations
    import directory
    import factcheck
    import feedback
    import feedback.answers
    import feedback.open311
    import home
    import integrations.mail
    import integrations.sms
    import integrations.source_system
    import integrations.tts
    import integrations.zalo
    import notices
    import notices.verification
    import privacy
    import radio
    import reports

    for package in (directory, feedback, notices, notices.verification, feedback.open311,
                    feedback.answers, privacy, integrations.zalo, integrations.sms, radio,
                    integrations.tts, integrations.mail, integrations.source_system, console,
                    reports, consultations, appointments, factcheck, home):
        package.init_app(app)

    from core import outbox

    outbox.init_app(app)  # after the packages: OUTBOX_SENDERS may replace their senders
    add_periodic(app, "outbox-sweep", "core.sweep_outbox", app.config["OUTBOX_SWEEP_SECONDS"])
    from core.celery import is_embedded

    if is_embedded(app):
        add_periodic(app, "broker-prune", "core.prune_broker", 3600)
    from core.embedded import serve

    app.cli.add_command(serve)
    celery_init_app(app)
    import core.tasks  # noqa: F401 - registers the tasks
    if app.config["TRUSTED_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost: every layer below sees the client's address from X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["TRUSTED_PROXY_HOPS"]),
                                x_proto=0, x_host=0)  # type: ignore[method-assign]
    return app
