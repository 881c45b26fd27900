"""Ownership proofs: an item's public Open311 id is no longer its tracking code (the lookup
code stays the citizen's), and one-time codes sent to the citizen's own channel prove
ownership for personal-data requests.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 18:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def _public_id() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def upgrade():
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("public_id", sa.String(16), nullable=True))
    connection = op.get_bind()
    items = sa.table("feedback", sa.column("id", sa.Integer), sa.column("public_id"))
    ids = [row.id for row in connection.execute(sa.select(items.c.id))]
    for start in range(0, len(ids), 1000):
        connection.execute(items.update().where(items.c.id == sa.bindparam("item_id"))
                           .values(public_id=sa.bindparam("value")),
                           [{"item_id": i, "value": _public_id()}
                            for i in ids[start:start + 1000]])
    with op.batch_alter_table("feedback") as batch:
        batch.alter_column("public_id", existing_type=sa.String(16), nullable=False)
        batch.create_unique_constraint("uq_feedback_public_id", ["public_id"])
    op.create_table(
        "ownership_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_ownership_codes_feedback_id_feedback")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownership_codes")))
    op.create_index("ix_ownership_codes_feedback_id", "ownership_codes", ["feedback_id"])


def downgrade():
    op.drop_index("ix_ownership_codes_feedback_id", table_name="ownership_codes")
    op.drop_table("ownership_codes")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint("uq_feedback_public_id", type_="unique")
        batch.drop_column("public_id")
