"""Zalo: OA token state, followers and conversations, webhook events, notice subscriptions,
articles.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "zalo_oa_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=True),
        sa.Column("refresh_token", sa.Text(), nullable=True),
        sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refresh_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zalo_oa_state")),
    )
    op.create_table(
        "zalo_users",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("user_id_by_app", sa.String(length=64), nullable=True),
        sa.Column("is_follower", sa.Boolean(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=True),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("state_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_interaction_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_zalo_users_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_zalo_users")),
    )
    op.create_table(
        "zalo_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=200), nullable=False),
        sa.Column("event_name", sa.String(length=50), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zalo_events")),
        sa.UniqueConstraint("event_key", name=op.f("uq_zalo_events_event_key")),
    )
    op.create_index("ix_zalo_events_status_id", "zalo_events", ["status", "id"], unique=False)
    op.create_table(
        "zalo_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_zalo_subscriptions_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["user_id"], ["zalo_users.user_id"],
                                name=op.f("fk_zalo_subscriptions_user_id_zalo_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zalo_subscriptions")),
        sa.UniqueConstraint("user_id", "unit_code", name="uq_zalo_subscriptions_user_unit"),
    )
    op.create_index(op.f("ix_zalo_subscriptions_unit_code"), "zalo_subscriptions",
                    ["unit_code"], unique=False)
    op.create_table(
        "zalo_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("create_token", sa.String(length=200), nullable=True),
        sa.Column("article_id", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("broadcast_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zalo_articles")),
        sa.UniqueConstraint("notice_id", name=op.f("uq_zalo_articles_notice_id")),
    )


def downgrade():
    op.drop_table("zalo_articles")
    op.drop_index(op.f("ix_zalo_subscriptions_unit_code"), table_name="zalo_subscriptions")
    op.drop_table("zalo_subscriptions")
    op.drop_index("ix_zalo_events_status_id", table_name="zalo_events")
    op.drop_table("zalo_events")
    op.drop_table("zalo_users")
    op.drop_table("zalo_oa_state")
