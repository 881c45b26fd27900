"""Feedback items remember the officer they were assigned to within their office ("Giao xử
lý"), as distinct from the office they were transferred to.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    """Add ``feedback.assignee_id`` (nullable, indexed, a staff account)."""
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_feedback_assignee_id_staff_users", "staff_users",
                                 ["assignee_id"], ["id"])
        batch.create_index("ix_feedback_assignee_id", ["assignee_id"])


def downgrade():
    """Drop ``feedback.assignee_id``."""
    with op.batch_alter_table("feedback") as batch:
        batch.drop_index("ix_feedback_assignee_id")
        batch.drop_constraint("fk_feedback_assignee_id_staff_users", type_="foreignkey")
        batch.drop_column("assignee_id")
