"""Notices: versions, targets, images, events, CAP alerts, per-unit content versions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("risk_level", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("publish_at", TZ, nullable=True),
        sa.Column("expires_at", TZ, nullable=True),
        sa.Column("published_at", TZ, nullable=True),
        sa.Column("ended_at", TZ, nullable=True),
        sa.Column("withdraw_reason", sa.String(length=500), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", TZ, nullable=True),
        sa.Column("approved_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["supersedes_id"], ["notices.id"],
                                name=op.f("fk_notices_supersedes_id_notices")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_notices_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["author_id"], ["staff_users.id"],
                                name=op.f("fk_notices_author_id_staff_users")),
        sa.ForeignKeyConstraint(["approver_id"], ["staff_users.id"],
                                name=op.f("fk_notices_approver_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("series_id", "version", name="uq_notices_series_version"),
    )
    op.create_index(op.f("ix_notices_series_id"), "notices", ["series_id"])
    op.create_index(op.f("ix_notices_unit_code"), "notices", ["unit_code"])
    op.create_index("ix_notices_status_publish", "notices", ["status", "publish_at"])
    op.create_index("ix_notices_status_expires", "notices", ["status", "expires_at"])

    op.create_table(
        "notice_targets",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_notice_targets_notice_id_notices")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_notice_targets_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("notice_id", "unit_code", name=op.f("pk_notice_targets")),
    )
    op.create_index(op.f("ix_notice_targets_unit_code"), "notice_targets", ["unit_code"])

    op.create_table(
        "notice_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("alt", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_notice_images_notice_id_notices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_images")),
    )
    op.create_index(op.f("ix_notice_images_notice_id"), "notice_images", ["notice_id"])

    op.create_table(
        "notice_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_notice_events_notice_id_notices")),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_users.id"],
                                name=op.f("fk_notice_events_actor_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_events")),
    )
    op.create_index(op.f("ix_notice_events_notice_id"), "notice_events", ["notice_id"])

    op.create_table(
        "cap_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("msg_type", sa.String(length=10), nullable=False),
        sa.Column("identifier", sa.String(length=120), nullable=False),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("sent_at", TZ, nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_cap_alerts_notice_id_notices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cap_alerts")),
        sa.UniqueConstraint("identifier", name=op.f("uq_cap_alerts_identifier")),
    )
    op.create_index(op.f("ix_cap_alerts_notice_id"), "cap_alerts", ["notice_id"])
    op.create_index(op.f("ix_cap_alerts_series_id"), "cap_alerts", ["series_id"])

    op.create_table(
        "notice_unit_versions",
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_notice_unit_versions_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("unit_code", name=op.f("pk_notice_unit_versions")),
    )


def downgrade():
    op.drop_table("notice_unit_versions")
    op.drop_index(op.f("ix_cap_alerts_series_id"), table_name="cap_alerts")
    op.drop_index(op.f("ix_cap_alerts_notice_id"), table_name="cap_alerts")
    op.drop_table("cap_alerts")
    op.drop_index(op.f("ix_notice_events_notice_id"), table_name="notice_events")
    op.drop_table("notice_events")
    op.drop_index(op.f("ix_notice_images_notice_id"), table_name="notice_images")
    op.drop_table("notice_images")
    op.drop_index(op.f("ix_notice_targets_unit_code"), table_name="notice_targets")
    op.drop_table("notice_targets")
    op.drop_index("ix_notices_status_expires", table_name="notices")
    op.drop_index("ix_notices_status_publish", table_name="notices")
    op.drop_index(op.f("ix_notices_unit_code"), table_name="notices")
    op.drop_index(op.f("ix_notices_series_id"), table_name="notices")
    op.drop_table("notices")
