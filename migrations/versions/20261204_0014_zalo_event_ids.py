"""Zalo webhook events: ids are never reused. SQLite handed a pruned event's id to the next
event, whose reply then clashed with the old reply's outbox key; AUTOINCREMENT keeps ids
growing (PostgreSQL's sequences never reuse them already).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 18:30:00

"""
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("zalo_events", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("zalo_events", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": False}):
            pass
