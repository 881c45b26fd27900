"""Personal data protection (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the versioned
privacy notice, consent records, citizens' rights requests, contact-data retention and the
log of staff access to contact data. See ``docs/privacy.md``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the retention task (beat) and the ``flask privacy`` commands."""
    from core.celery import add_periodic
    from feedback.privacy import cli, tasks  # noqa: F401 - registers the tasks

    app.cli.add_command(cli.privacy_cli)
    add_periodic(app, "privacy-retention", "privacy.erase_expired_contacts",
                 app.config["PRIVACY_RETENTION_CHECK_SECONDS"])
