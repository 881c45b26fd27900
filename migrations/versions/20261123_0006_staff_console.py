"""Staff console: sign-in state on staff accounts, merged feedback, response templates,
partial indexes for the open queue.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OPEN = "status IN ('received', 'accepted', 'assigned', 'in_progress', 'reopened')"


def upgrade():
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False,
                                   server_default="0"))

    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_feedback_merged_into_id_feedback"), "feedback",
                                 ["merged_into_id"], ["id"])

    # Province-wide queue in due order (no unit prefix: a province has many communes).
    op.create_index("ix_feedback_due", "feedback", ["due_at", "id"], unique=False)
    for name, columns in (("ix_feedback_open_office_due", ["office_id", "due_at", "id"]),
                          ("ix_feedback_open_unit_due", ["unit_code", "due_at", "id"]),
                          ("ix_feedback_open_due", ["due_at", "id"])):
        op.create_index(name, "feedback", columns, unique=False,
                        postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN))

    op.create_table(
        "response_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.String(length=5), nullable=True),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"],
                                name=op.f("fk_response_templates_category_id_categories")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_response_templates_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_templates")),
    )
    op.create_index(op.f("ix_response_templates_category_id"), "response_templates",
                    ["category_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_response_templates_category_id"), table_name="response_templates")
    op.drop_table("response_templates")
    for name in ("ix_feedback_open_due", "ix_feedback_open_unit_due",
                 "ix_feedback_open_office_due"):
        op.drop_index(name, table_name="feedback")
    op.drop_index("ix_feedback_due", table_name="feedback")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint(op.f("fk_feedback_merged_into_id_feedback"), type_="foreignkey")
        batch.drop_column("merged_into_id")
    with op.batch_alter_table("staff_users") as batch:
        for column in ("session_version", "last_login_at", "locked_until", "failed_logins",
                       "must_change_password"):
            batch.drop_column(column)
