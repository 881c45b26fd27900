"""Consultations on drafts (lấy ý kiến dự thảo): the draft and its sections, attachments,
target units, citizens' comments with their tags, and staff responses to groups of comments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import AdminUnit, Office, StaffUser

# Derived from the window and the summary, never stored: see ``service.status_of``.
STATUSES = ("planned", "open", "closed", "summary_published")
COMMENT_STATUSES = ("published", "hidden")
CHANNELS = ("web", "widget", "api", "miniapp", "zalo")
DECISIONS = ("accepted", "partly_accepted", "not_accepted", "explained")


class Consultation(db.Model):
    """A draft regulation, decision or plan put to the public for comment."""

    __tablename__ = "consultations"
    __table_args__ = (sa.Index("ix_consultations_window", "announced_at", "closes_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), index=True)
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))  # responsible office
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)  # plain text introduction
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The announcement notice (version 1; corrections share its series id). The
    # consultation is public from the moment that notice is published.
    notice_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notices.id"), unique=True)
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(sa.Text)
    summary_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    unit: Mapped[AdminUnit] = relationship()
    office: Mapped[Office] = relationship()
    author: Mapped[StaffUser] = relationship(foreign_keys=[author_id])
    sections: Mapped[list[ConsultationSection]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan",
        order_by="ConsultationSection.number")
    targets: Mapped[list[ConsultationTarget]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationTarget.unit_code")
    attachments: Mapped[list[ConsultationAttachment]] = relationship(
        order_by="ConsultationAttachment.id")

    @property
    def target_codes(self) -> list[str]:
        """Codes of the targeted units."""
        return [t.unit_code for t in self.targets]


class ConsultationTarget(db.Model):
    """A unit whose people are asked; a province target reaches its communes."""

    __tablename__ = "consultation_targets"

    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"),
                                                 primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), primary_key=True,
                                           index=True)


class ConsultationSection(db.Model):
    """A numbered part of the draft (an article, "Điều 1")."""

    __tablename__ = "consultation_sections"
    __table_args__ = (sa.UniqueConstraint("consultation_id", "number",
                                          name="uq_consultation_sections_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"))
    number: Mapped[int]  # 1, 2, 3 … in draft order
    label: Mapped[str] = mapped_column(sa.String(40))  # "Điều 1"
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)  # plain text

    consultation: Mapped[Consultation] = relationship(back_populates="sections")


class ConsultationAttachment(db.Model):
    """A file of the draft (the full text as PDF or DOCX, maps, images), stored through
    ``core.storage``; public once the consultation is."""

    __tablename__ = "consultation_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    storage_key: Mapped[str] = mapped_column(sa.String(80))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ConsultationResponse(db.Model):
    """Staff's answer to a group of comments: the decision and why."""

    __tablename__ = "consultation_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    decision: Mapped[str] = mapped_column(sa.String(20))
    body: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    author: Mapped[StaffUser] = relationship()


class ConsultationComment(db.Model):
    """A citizen's comment on the whole draft (no section) or on one section."""

    __tablename__ = "consultation_comments"
    __table_args__ = (sa.Index("ix_consultation_comments_list", "consultation_id", "status",
                               "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"))
    section_id: Mapped[int | None] = mapped_column(sa.ForeignKey("consultation_sections.id"),
                                                   index=True)
    channel: Mapped[str] = mapped_column(sa.String(20))
    body: Mapped[str] = mapped_column(sa.Text)  # as written (staff only)
    public_body: Mapped[str] = mapped_column(sa.Text)  # personal data masked
    # Personal data: never on a public surface.
    author_name: Mapped[str | None] = mapped_column(sa.String(120))
    author_phone: Mapped[str | None] = mapped_column(sa.String(20))
    author_email: Mapped[str | None] = mapped_column(sa.String(254))
    zalo_user_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    zalo_app_user_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    consent: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # When the commenter's contact data was erased (retention, or their deletion request:
    # consultations/privacy.py).
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Moderation: a hidden comment is kept, with who hid it and why.
    status: Mapped[str] = mapped_column(sa.String(12), default="published")
    hidden_reason: Mapped[str | None] = mapped_column(sa.String(500))
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_id: Mapped[int | None] = mapped_column(sa.ForeignKey("consultation_responses.id"),
                                                    index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    section: Mapped[ConsultationSection | None] = relationship()
    response: Mapped[ConsultationResponse | None] = relationship()
    hidden_by: Mapped[StaffUser | None] = relationship()
    tags: Mapped[list[ConsultationCommentTag]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationCommentTag.tag")

    @property
    def tag_names(self) -> list[str]:
        """The comment's tags, sorted."""
        return [t.tag for t in self.tags]


class ConsultationCommentTag(db.Model):
    """A staff tag on a comment (topic, "trùng lặp", "cần giải trình" …)."""

    __tablename__ = "consultation_comment_tags"

    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation_comments.id"),
                                            primary_key=True)
    tag: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)
