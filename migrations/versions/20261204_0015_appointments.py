"""Zalo's e-government Mini App template on this backend: appointments at the one-stop
office and each unit's queue of the day, the phone Zalo verified for a Mini App user, and
photos uploaded by the Mini App's picker before the feedback is sent.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 20:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reject_reason", sa.String(500), nullable=True),
        sa.Column("zalo_app_user_id", sa.String(64), nullable=False),
        sa.Column("zalo_user_id", sa.String(64), nullable=True),
        sa.Column("notify_phone", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_appointments_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["staff_users.id"],
                                name=op.f("fk_appointments_decided_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("unit_code", "day", "number",
                            name="uq_appointments_unit_day_number"))
    op.create_index("ix_appointments_unit_day", "appointments", ["unit_code", "day"])
    op.create_index("ix_appointments_zalo_app_user_id", "appointments", ["zalo_app_user_id"])
    op.create_table(
        "appointment_days",
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("current_number", sa.Integer(), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_appointment_days_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("unit_code", "day", name=op.f("pk_appointment_days")))
    op.create_table(
        "zalo_verified_phones",
        sa.Column("zalo_app_user_id", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("zalo_app_user_id", name=op.f("pk_zalo_verified_phones")))
    op.create_table(
        "miniapp_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(100), nullable=False),
        sa.Column("content_type", sa.String(50), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("zalo_app_user_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_miniapp_uploads")),
        sa.UniqueConstraint("name", name=op.f("uq_miniapp_uploads_name")))
    op.create_index("ix_miniapp_uploads_created_at", "miniapp_uploads", ["created_at"])


def downgrade():
    op.drop_index("ix_miniapp_uploads_created_at", table_name="miniapp_uploads")
    op.drop_table("miniapp_uploads")
    op.drop_table("zalo_verified_phones")
    op.drop_table("appointment_days")
    op.drop_index("ix_appointments_zalo_app_user_id", table_name="appointments")
    op.drop_index("ix_appointments_unit_day", table_name="appointments")
    op.drop_table("appointments")
