"""Verification of notices: a verification code per published version, the deployment's
signing keys (public parts) and each version's signature.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 07:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    """Add the code column, the keys and the signatures."""
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("verification_code", sa.String(12), nullable=True))
        batch.create_unique_constraint("uq_notices_verification_code", ["verification_code"])
    op.create_table(
        "signing_keys",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("ed25519_public", sa.String(64), nullable=False),
        sa.Column("ecdsa_certificate", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signs_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notice_signatures",
        sa.Column("notice_id", sa.Integer(), sa.ForeignKey("notices.id"), primary_key=True),
        sa.Column("key_id", sa.String(40), sa.ForeignKey("signing_keys.id"), nullable=False),
        sa.Column("value", sa.String(100), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_notice_signatures_key_id", "notice_signatures", ["key_id"])


def downgrade():
    """Drop them again."""
    op.drop_index("ix_notice_signatures_key_id", table_name="notice_signatures")
    op.drop_table("notice_signatures")
    op.drop_table("signing_keys")
    with op.batch_alter_table("notices") as batch:
        batch.drop_constraint("uq_notices_verification_code", type_="unique")
        batch.drop_column("verification_code")
