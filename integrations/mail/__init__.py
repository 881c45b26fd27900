"""E-mail: the outbox channels ``email`` (citizens), ``staff_email`` (staff) and ``admin``
(administrators), sent over SMTP with the standard library.

Off unless ``MAIL_SERVER`` is set: then no sender is registered, and deliveries on these
channels fail over to the next route at once (``/readyz`` says "off").
"""

from __future__ import annotations

from flask import Flask, current_app

CHANNELS = ("email", "staff_email", "admin")


def readiness() -> str:
    """One line for ``/readyz``: "off", or the server and port the senders use."""
    from integrations.mail import compose, messages

    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return messages.READY_OFF
    if compose.Identity.from_config(config) is None:
        return messages.READY_NO_SENDER
    return f"{config['MAIL_SERVER']}:{config.get('MAIL_PORT') or 25}"


def register_senders(app: Flask) -> None:
    """Make this integration the sender of the three e-mail channels."""
    from core import outbox
    from integrations.mail import delivery

    outbox.register_sender(app, "email", delivery.send_citizen)
    outbox.register_sender(app, "staff_email", delivery.send_staff)
    outbox.register_sender(app, "admin", delivery.send_admin)


def init_app(app: Flask) -> None:
    """Readiness always; the senders only when ``MAIL_SERVER`` is set."""
    from core import outbox
    from core.routes import register_integration

    app.extensions.setdefault("readiness", {})["mail"] = readiness
    register_integration(app, "email", lambda: outbox.has_sender("email"))
    if app.config.get("MAIL_SERVER"):
        register_senders(app)
