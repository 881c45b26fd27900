"""Test databases: a fresh SQLite file, or a fresh PostgreSQL database from TEST_DATABASE_URL."""

from __future__ import annotations

import os

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from core.config import normalise_database_url


def backend() -> str:
    """"postgresql" when TEST_DATABASE_URL is set, else "sqlite"."""
    return "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"


def fresh_database(tmp_dir: str, suffix: str = "") -> str:
    """Create an empty database and return its URL."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{os.path.join(tmp_dir, f'test{suffix}.db')}"
    url = make_url(normalise_database_url(base))
    name = f"{url.database}{suffix}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)
