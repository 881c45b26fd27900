"""Personal data protection (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the versioned
privacy notice, consent records, citizens' rights requests, contact-data retention and the
log of staff access to contact data. The domains holding personal data (feedback,
consultations) register with it on the app (:mod:`privacy.subjects`); it imports none of
them. See ``docs/privacy.md``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the retention task (beat) and the ``flask privacy`` commands; the notice in
    force is open to the widget (its consent text and policy version)."""
    from core import cache, cors
    from core.celery import add_periodic
    from privacy import cli, notice, tasks  # noqa: F401 - registers the tasks

    cache.register(app, notice.KNOWN_CACHE)
    cors.allow(app, "privacy.notice_current", "GET")
    app.cli.add_command(cli.privacy_cli)
    add_periodic(app, "privacy-retention", "privacy.erase_expired_contacts",
                 app.config["PRIVACY_RETENTION_CHECK_SECONDS"])
