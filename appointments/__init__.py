"""Appointments at a commune's one-stop office (bộ phận một cửa): a citizen books a day and
gets that day's queue number; staff approve or refuse (with a reason) and call the next
number; the citizen is told on their routes (Zalo conversation, ZNS, SMS) through the outbox.

Booking comes from the Zalo Mini App facade (``integrations/zalo/egov``), which vouches for
the citizen's Zalo identity and verified phone; this package never imports an integration.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The staff API."""
    from appointments import models, routes  # noqa: F401 - importing registers the models and routes
    from core.extensions import api

    api.register_blueprint(routes.staff)
