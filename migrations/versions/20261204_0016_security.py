"""Security (issue 17): console sessions kept on the server, so that sign-out, password
changes, disabled accounts and administrators end them; consultation commenters' contact
data under the same rules as feedback's: the contact-access log names a comment or a
feedback item, erased comments are marked, retention runs count them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["staff_user_id"], ["staff_users.id"],
                                name=op.f("fk_staff_sessions_staff_user_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
    )
    op.create_index(op.f("ix_staff_sessions_staff_user_id"), "staff_sessions",
                    ["staff_user_id"], unique=False)

    with op.batch_alter_table("contact_access_log") as batch:
        batch.alter_column("feedback_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("consultation_comment_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_contact_access_log_comment_id"),
                                 "consultation_comments", ["consultation_comment_id"], ["id"])
        batch.create_index("ix_contact_access_log_comment_at",
                           ["consultation_comment_id", "id"], unique=False)
        batch.create_check_constraint(
            "one_subject", "(feedback_id IS NULL) <> (consultation_comment_id IS NULL)")
    with op.batch_alter_table("consultation_comments") as batch:
        batch.add_column(sa.Column("personal_data_erased_at", sa.DateTime(timezone=True),
                                   nullable=True))
    with op.batch_alter_table("retention_runs") as batch:
        batch.add_column(sa.Column("comments_erased", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade():
    with op.batch_alter_table("retention_runs") as batch:
        batch.drop_column("comments_erased")
    with op.batch_alter_table("consultation_comments") as batch:
        batch.drop_column("personal_data_erased_at")
    op.execute("DELETE FROM contact_access_log WHERE feedback_id IS NULL")
    with op.batch_alter_table("contact_access_log") as batch:
        batch.drop_constraint("one_subject", type_="check")
        batch.drop_index("ix_contact_access_log_comment_at")
        batch.drop_constraint(op.f("fk_contact_access_log_comment_id"), type_="foreignkey")
        batch.drop_column("consultation_comment_id")
        batch.alter_column("feedback_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f("ix_staff_sessions_staff_user_id"), table_name="staff_sessions")
    op.drop_table("staff_sessions")
