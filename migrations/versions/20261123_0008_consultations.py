"""Consultations on drafts: consultations, targets, sections, attachments, responses,
comments and their tags.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("opens_at", TZ, nullable=False),
        sa.Column("closes_at", TZ, nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("announced_at", TZ, nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("summary_published_at", TZ, nullable=True),
        sa.Column("summary_by_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_consultations_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"],
                                name=op.f("fk_consultations_office_id_offices")),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"],
                                name=op.f("fk_consultations_notice_id_notices")),
        sa.ForeignKeyConstraint(["summary_by_id"], ["staff_users.id"],
                                name=op.f("fk_consultations_summary_by_id_staff_users")),
        sa.ForeignKeyConstraint(["author_id"], ["staff_users.id"],
                                name=op.f("fk_consultations_author_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("notice_id", name=op.f("uq_consultations_notice_id")),
    )
    op.create_index(op.f("ix_consultations_unit_code"), "consultations", ["unit_code"])
    op.create_index("ix_consultations_window", "consultations", ["announced_at", "closes_at"])

    op.create_table(
        "consultation_targets",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_targets_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_consultation_targets_unit_code_admin_units")),
        sa.PrimaryKeyConstraint("consultation_id", "unit_code",
                                name=op.f("pk_consultation_targets")),
    )
    op.create_index(op.f("ix_consultation_targets_unit_code"), "consultation_targets",
                    ["unit_code"])

    op.create_table(
        "consultation_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_sections_consultation_id_consultations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_sections")),
        sa.UniqueConstraint("consultation_id", "number",
                            name="uq_consultation_sections_number"),
    )

    op.create_table(
        "consultation_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=80), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_attachments_consultation_id_consultations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_attachments")),
    )
    op.create_index(op.f("ix_consultation_attachments_consultation_id"),
                    "consultation_attachments", ["consultation_id"])

    op.create_table(
        "consultation_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_responses_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["author_id"], ["staff_users.id"],
                                name=op.f("fk_consultation_responses_author_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_responses")),
    )
    op.create_index(op.f("ix_consultation_responses_consultation_id"),
                    "consultation_responses", ["consultation_id"])

    op.create_table(
        "consultation_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("public_body", sa.Text(), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=True),
        sa.Column("author_phone", sa.String(length=20), nullable=True),
        sa.Column("author_email", sa.String(length=254), nullable=True),
        sa.Column("zalo_user_id", sa.String(length=64), nullable=True),
        sa.Column("zalo_app_user_id", sa.String(length=64), nullable=True),
        sa.Column("is_anonymous", sa.Boolean(), nullable=False),
        sa.Column("consent", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("hidden_reason", sa.String(length=500), nullable=True),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.Column("hidden_at", TZ, nullable=True),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_comments_consultation_id_consultations")),
        sa.ForeignKeyConstraint(
            ["section_id"], ["consultation_sections.id"],
            name=op.f("fk_consultation_comments_section_id_consultation_sections")),
        sa.ForeignKeyConstraint(["hidden_by_id"], ["staff_users.id"],
                                name=op.f("fk_consultation_comments_hidden_by_id_staff_users")),
        sa.ForeignKeyConstraint(
            ["response_id"], ["consultation_responses.id"],
            name=op.f("fk_consultation_comments_response_id_consultation_responses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_comments")),
    )
    op.create_index("ix_consultation_comments_list", "consultation_comments",
                    ["consultation_id", "status", "id"])
    op.create_index(op.f("ix_consultation_comments_section_id"), "consultation_comments",
                    ["section_id"])
    op.create_index(op.f("ix_consultation_comments_zalo_user_id"), "consultation_comments",
                    ["zalo_user_id"])
    op.create_index(op.f("ix_consultation_comments_zalo_app_user_id"),
                    "consultation_comments", ["zalo_app_user_id"])
    op.create_index(op.f("ix_consultation_comments_response_id"), "consultation_comments",
                    ["response_id"])

    op.create_table(
        "consultation_comment_tags",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["consultation_comments.id"],
            name=op.f("fk_consultation_comment_tags_comment_id_consultation_comments")),
        sa.PrimaryKeyConstraint("comment_id", "tag", name=op.f("pk_consultation_comment_tags")),
    )
    op.create_index(op.f("ix_consultation_comment_tags_tag"), "consultation_comment_tags",
                    ["tag"])


def downgrade():
    op.drop_table("consultation_comment_tags")
    op.drop_table("consultation_comments")
    op.drop_table("consultation_responses")
    op.drop_table("consultation_attachments")
    op.drop_table("consultation_sections")
    op.drop_table("consultation_targets")
    op.drop_table("consultations")
