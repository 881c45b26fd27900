"""The WSGI entry point: the app as gunicorn and `flask --app wsgi` load it."""

from app import create_app

app = create_app()
