"""Statistics: an index for the items received in a period (covering on PostgreSQL).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 17:00:00

"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The columns the statistics read; on PostgreSQL they ride in the index (INCLUDE), so a
# year of a province is read from the index alone (an index-only scan).
STATS_COLUMNS = ["channel", "category_id", "office_id", "status", "due_at", "first_response_at",
                 "answered_at", "rating"]


def upgrade():
    op.create_index("ix_feedback_stats", "feedback", ["created_at", "unit_code"], unique=False,
                    postgresql_include=STATS_COLUMNS)


def downgrade():
    op.drop_index("ix_feedback_stats", table_name="feedback")
