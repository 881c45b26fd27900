"""Radio: spoken versions of notices; items received from the provincial source system.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "radio_audio",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("voice", sa.String(length=40), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=True),
        sa.Column("chars", sa.Integer(), nullable=True),
        sa.Column("storage_key", sa.String(length=80), nullable=True),
        sa.Column("content_type", sa.String(length=40), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", TZ, nullable=False),
        sa.Column("ready_at", TZ, nullable=True),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_radio_audio_notice_id_notices")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["staff_users.id"],
                                name=op.f("fk_radio_audio_requested_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_radio_audio")),
        sa.UniqueConstraint("notice_id", name=op.f("uq_radio_audio_notice_id")),
    )

    op.create_table(
        "source_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_source_items_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_source_items_notice_id_notices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_items")),
        sa.UniqueConstraint("source_id", "unit_code", name="uq_source_items_source_unit"),
    )
    op.create_index(op.f("ix_source_items_notice_id"), "source_items", ["notice_id"])
    op.create_index(op.f("ix_source_items_series_id"), "source_items", ["series_id"])


def downgrade():
    op.drop_index(op.f("ix_source_items_series_id"), table_name="source_items")
    op.drop_index(op.f("ix_source_items_notice_id"), table_name="source_items")
    op.drop_table("source_items")
    op.drop_table("radio_audio")
