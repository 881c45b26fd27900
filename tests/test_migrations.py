"""Migrations: upgrade from empty, downgrade the latest revision, and agree with the models."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from core.db import db
from tests.dbutil import fresh_database

# Created by raw SQL in migrations, not in the models: PostgreSQL trigram indexes and the
# SQLite FTS5 table (with its shadow tables) behind published-answer search.
DATABASE_ONLY_INDEXES = {"ix_feedback_search_trgm", "ix_published_answers_search_trgm",
                         "ix_answer_words_trgm"}
DATABASE_ONLY_TABLE_PREFIX = "published_answers_fts"


@pytest.fixture
def empty_app(tmp_path):
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": fresh_database(str(tmp_path), "_migrations")})
    yield app
    with app.app_context():
        db.engine.dispose()


def _tables(app):
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def _include(obj, name, type_, reflected, compare_to):
    if type_ == "table" and name.startswith(DATABASE_ONLY_TABLE_PREFIX):
        return False
    return not (type_ == "index" and name in DATABASE_ONLY_INDEXES)


@pytest.mark.no_db_transaction
def test_upgrade_downgrade_latest_and_upgrade_again(empty_app):
    with empty_app.app_context():
        upgrade(directory="migrations")
    full = _tables(empty_app)
    assert {"feedback", "feedback_events", "deliveries", "admin_units"} <= full
    with empty_app.app_context():
        downgrade(directory="migrations", revision="-1")
        upgrade(directory="migrations")
    assert _tables(empty_app) == full


@pytest.mark.no_db_transaction
def test_models_match_the_migrated_schema(empty_app):
    with empty_app.app_context():
        upgrade(directory="migrations")
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "compare_type": True, "include_object": _include})
            diff = compare_metadata(context, db.metadata)
    assert diff == []
