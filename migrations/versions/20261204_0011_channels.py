"""Every citizen hears back: a delivery keeps its remaining routes, its history of outcomes,
the partner's message id and when receipt was confirmed; an item keeps how its citizen
wants to be told and the due date its office was last reminded of; staff have an e-mail; OA
followers are found by their per-app id.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("routes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("history", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("external_id", sa.String(100), nullable=True))
        batch.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_deliveries_external_id", ["external_id"], unique=False)
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("notify_routes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("reminded_due_at", sa.DateTime(timezone=True),
                                   nullable=True))
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("email", sa.String(254), nullable=True))
    # A Mini App user is found among the OA's followers by their per-app id.
    op.create_index("ix_zalo_users_user_id_by_app", "zalo_users", ["user_id_by_app"])


def downgrade():
    op.drop_index("ix_zalo_users_user_id_by_app", table_name="zalo_users")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("reminded_due_at")
        batch.drop_column("notify_routes")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_index("ix_deliveries_external_id")
        batch.drop_column("delivered_at")
        batch.drop_column("external_id")
        batch.drop_column("history")
        batch.drop_column("routes")
