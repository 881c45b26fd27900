"""Anyone can check that a notice is genuine: a short verification code and a QR code on
every surface, the public check page (/xac-minh) and API (/api/v1/verify) by code or by
pasted text, Ed25519 signatures of each published version (keys rotatable, published at
/.well-known/thongtin-keys.json), XML-signed CAP alerts, and a printable A4 page.

It lives inside notices/ because the code and the signature belong to a published notice
version and every notice surface (JSON, Atom, CAP, widget, board) shows them: as its own
domain, notices would import it back.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the check page, the API, the published keys and the CLI."""
    from core.extensions import api
    from notices.verification import routes
    from notices.verification.cli import verification_cli

    api.register_blueprint(routes.api)
    app.register_blueprint(routes.pages)
    app.cli.add_command(verification_cli)
