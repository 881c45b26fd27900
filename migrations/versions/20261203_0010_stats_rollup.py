"""Statistics rollup: figures of whole months per province (outcomes, intake, durations),
an index to find the items changed since a month was built, the open items' statistics
columns in the open queue's index (PostgreSQL); the created_at index goes (ix_feedback_stats
starts with created_at).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OPEN_PREDICATE = "status IN ('received', 'accepted', 'assigned', 'in_progress', 'reopened')"
COUNTS = ("received", "on_time", "late", "unanswered", "rated", "rating_sum",
          "r1", "r2", "r3", "r4", "r5")


def _key():
    """Every rollup row belongs to one (province, local month)."""
    return [sa.Column("province_code", sa.String(5), nullable=False),
            sa.Column("month", sa.Date(), nullable=False)]


def _open_unit_due(include):
    op.create_index("ix_feedback_open_unit_due", "feedback", ["unit_code", "due_at", "id"],
                    unique=False, postgresql_where=sa.text(OPEN_PREDICATE),
                    sqlite_where=sa.text(OPEN_PREDICATE), postgresql_include=include)


def upgrade():
    op.create_table(
        "stats_months", *_key(),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("province_code", "month", name=op.f("pk_stats_months")))
    op.create_table(
        "stats_outcomes", *_key(),
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("office_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS],
        sa.PrimaryKeyConstraint("province_code", "month", "unit_code", "office_id", "status",
                                name=op.f("pk_stats_outcomes")))
    op.create_table(
        "stats_intake", *_key(),
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("week", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("category_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("province_code", "month", "unit_code", "week", "channel",
                                "category_id", name=op.f("pk_stats_intake")))
    op.create_table(
        "stats_durations", *_key(),
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("metric", sa.String(20), nullable=False),
        sa.Column("hour", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("province_code", "month", "unit_code", "metric", "hour",
                                name=op.f("pk_stats_durations")))
    with op.batch_alter_table("feedback") as batch:
        batch.drop_index("ix_feedback_created_at")
        batch.create_index("ix_feedback_updated_at", ["updated_at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_feedback_open_unit_due", table_name="feedback")
        _open_unit_due(["created_at", "office_id", "status"])


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_feedback_open_unit_due", table_name="feedback")
        _open_unit_due(None)
    with op.batch_alter_table("feedback") as batch:
        batch.drop_index("ix_feedback_updated_at")
        batch.create_index("ix_feedback_created_at", ["created_at"], unique=False)
    for table in ("stats_durations", "stats_intake", "stats_outcomes", "stats_months"):
        op.drop_table(table)
