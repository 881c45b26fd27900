"""Reports of suspected false information, the cases grouping them, their events, and the
office handling them per unit (issue 21, first half).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "factcheck_offices",
        sa.Column("unit_code", sa.String(5), sa.ForeignKey("admin_units.code"),
                  primary_key=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("offices.id"), nullable=False),
    )
    op.create_table(
        "factcheck_cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_code", sa.String(5), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("offices.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_overdue", sa.Boolean(), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(12)),
        sa.Column("verdict_note", sa.Text()),
        sa.Column("forwarded_to", sa.String(200)),
        sa.Column("verdict_at", sa.DateTime(timezone=True)),
        sa.Column("verdict_by_id", sa.Integer(), sa.ForeignKey("staff_users.id")),
        sa.Column("notice_id", sa.Integer(), sa.ForeignKey("notices.id")),
        sa.Column("clarified_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_factcheck_cases_office_queue", "factcheck_cases",
                    ["office_id", "status", "due_at"])
    op.create_index("ix_factcheck_cases_unit_queue", "factcheck_cases",
                    ["unit_code", "status", "due_at"])
    op.create_index("ix_factcheck_cases_created", "factcheck_cases", ["created_at", "unit_code"])
    op.create_index("ix_factcheck_cases_notice_id", "factcheck_cases", ["notice_id"])
    op.create_table(
        "factcheck_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tracking_code", sa.String(16), nullable=False, unique=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("factcheck_cases.id"), nullable=False),
        sa.Column("unit_code", sa.String(5), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("link", sa.String(2000)),
        sa.Column("url_key", sa.String(500)),
        sa.Column("content", sa.Text()),
        sa.Column("text_key", sa.Text()),
        sa.Column("seen_where", sa.String(300)),
        sa.Column("seen_at", sa.DateTime(timezone=True)),
        sa.Column("image_key", sa.String(200)),
        sa.Column("image_type", sa.String(50)),
        sa.Column("image_hash", sa.String(16)),
        sa.Column("reporter_name", sa.String(120)),
        sa.Column("reporter_phone", sa.String(20)),
        sa.Column("reporter_email", sa.String(254)),
        sa.Column("zalo_user_id", sa.String(64)),
        sa.Column("zalo_app_user_id", sa.String(64)),
        sa.Column("consent", sa.JSON()),
        sa.Column("notify_routes", sa.JSON()),
        sa.Column("personal_data_erased_at", sa.DateTime(timezone=True)),
        sa.Column("taken_by_id", sa.Integer(), sa.ForeignKey("staff_users.id")),
        sa.Column("told_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_factcheck_reports_case_id", "factcheck_reports", ["case_id"])
    op.create_index("ix_factcheck_reports_url_key", "factcheck_reports", ["url_key"])
    op.create_index("ix_factcheck_reports_reporter_phone", "factcheck_reports",
                    ["reporter_phone"])
    op.create_index("ix_factcheck_reports_zalo_user_id", "factcheck_reports", ["zalo_user_id"])
    op.create_index("ix_factcheck_reports_unit_created", "factcheck_reports",
                    ["unit_code", "created_at"])
    op.create_table(
        "factcheck_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("factcheck_cases.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("staff_users.id")),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_factcheck_events_case_id", "factcheck_events", ["case_id"])


def downgrade():
    op.drop_table("factcheck_events")
    op.drop_table("factcheck_reports")
    op.drop_table("factcheck_cases")
    op.drop_table("factcheck_offices")
