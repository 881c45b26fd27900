"""Celery bound to the Flask app (Flask's documented pattern).

Without ``CELERY_BROKER_URL`` tasks run in-process when queued (the embedded default);
with it (Redis in production) they run on workers, and beat runs the periodic tasks.
"""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask

# Periodic tasks: name -> (task, seconds). Packages add theirs through ``add_periodic``.
_PERIODIC: dict[str, tuple[str, float]] = {}


def add_periodic(name: str, task: str, seconds: float) -> None:
    """Schedule ``task`` every ``seconds`` under beat."""
    _PERIODIC[name] = (task, seconds)


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app whose tasks run inside a Flask app context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config["CELERY_BROKER_URL"]
    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.conf.update(
        broker_url=broker or "memory://",
        result_backend=app.config["CELERY_RESULT_BACKEND"],
        task_always_eager=not broker,
        task_eager_propagates=False,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=4,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"socket_connect_timeout": 2, "socket_timeout": 5,
                                  "max_retries": 1},
        broker_connection_timeout=2,
        timezone="UTC",
        beat_schedule={name: {"task": task, "schedule": seconds}
                       for name, (task, seconds) in _PERIODIC.items()},
    )
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
