"""Health checks: liveness and readiness (which also says which integrations are on)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, jsonify

from core.db import db, end_failed_transaction

health = Blueprint("health", __name__)


def register_integration(app: Flask, name: str, is_on: Callable[[], bool]) -> None:
    """List integration ``name`` in ``/readyz`` as on or off (``is_on`` is asked each time,
    inside the app context; it answers from settings, never with them)."""
    app.extensions.setdefault("integrations", {})[name] = is_on


@health.get("/healthz")
def healthz():
    """Liveness: the process answers."""
    return jsonify(status="ok")


@health.get("/readyz")
def readyz():
    """Readiness: the database (and the broker, when one is set) answer; which integrations
    are on."""
    checks: dict[str, object] = {}
    ok = True
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        end_failed_transaction()
        checks["database"] = f"error: {type(exc).__name__}"
        ok = False
    broker = current_app.config["CELERY_BROKER_URL"]
    if broker:
        try:
            celery_app = current_app.extensions["celery"]
            with celery_app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means the broker is not ready
            checks["broker"] = f"error: {type(exc).__name__}"
            ok = False
    else:
        checks["broker"] = ("in-process" if current_app.config.get("CELERY_TASK_ALWAYS_EAGER")
                            else "embedded (SQLite; make run starts its worker and beat)")
    for name, check in current_app.extensions.get("readiness", {}).items():
        checks[name] = check()
    integrations = {name: bool(is_on()) for name, is_on
                    in sorted(current_app.extensions.get("integrations", {}).items())}
    response = jsonify(status="ok" if ok else "unavailable", checks=checks,
                       integrations=integrations)
    response.status_code = 200 if ok else 503
    return response
