"""Entry point for Celery: ``celery -A celery_app worker`` / ``celery -A celery_app beat``."""

from app import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
