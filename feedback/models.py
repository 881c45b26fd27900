"""Feedback (phản ánh, kiến nghị), its attachments and its event timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.codes import new_public_id
from core.db import UTCDateTime, db
from directory.models import AdminUnit, Category, Office, StaffUser

# Statuses, in workflow order. Open311 maps closed/refused to "closed", the rest to "open".
STATUSES = ("received", "accepted", "assigned", "in_progress", "answered", "closed",
            "refused", "reopened")
OPEN_STATUSES = ("received", "accepted", "assigned", "in_progress", "reopened")
# SQL text of "status is open", shared by the partial indexes and the queue's open filter.
OPEN_PREDICATE = "status IN ('received', 'accepted', 'assigned', 'in_progress', 'reopened')"
# Columns the statistics read, carried in their index on PostgreSQL (index-only scans).
STATS_COLUMNS = ["channel", "category_id", "office_id", "status", "due_at", "first_response_at",
                 "answered_at", "rating"]
# What the statistics count of open items, carried in the open queue's index on PostgreSQL.
OPEN_STATS_COLUMNS = ["created_at", "office_id", "status"]
CHANNELS = ("web", "widget", "api", "zalo", "miniapp", "open311", "staff")
# How a citizen can be told about their item, in the default order of preference: the Zalo
# conversation they wrote from, a ZNS template message to their phone, an SMS, an e-mail.
CITIZEN_CHANNELS = ("zalo", "zns", "sms", "email")
# What a citizen can choose ("Nhận thông báo qua"): the routes each choice puts first.
NOTIFY_CHOICES = {"zalo": ("zalo", "zns"), "sms": ("sms",), "email": ("email",)}


class Feedback(db.Model):
    """One citizen feedback item, from intake to its public answer."""

    __tablename__ = "feedback"
    __table_args__ = (
        sa.Index("ix_feedback_office_queue", "office_id", "status", "due_at", "id"),
        sa.Index("ix_feedback_unit_queue", "unit_code", "status", "due_at", "id"),
        sa.Index("ix_feedback_office_due", "office_id", "due_at", "id"),
        sa.Index("ix_feedback_unit_due", "unit_code", "due_at", "id"),
        # Province-wide queue in due order (scope: many communes, so no unit prefix).
        sa.Index("ix_feedback_due", "due_at", "id"),
        # The open queue (the console's default view): only open items, in due order.
        sa.Index("ix_feedback_open_office_due", "office_id", "due_at", "id",
                 postgresql_where=sa.text(OPEN_PREDICATE), sqlite_where=sa.text(OPEN_PREDICATE)),
        # It also carries what the statistics count of open items (overdue, age), so those
        # are read from the index alone on PostgreSQL.
        sa.Index("ix_feedback_open_unit_due", "unit_code", "due_at", "id",
                 postgresql_where=sa.text(OPEN_PREDICATE), sqlite_where=sa.text(OPEN_PREDICATE),
                 postgresql_include=OPEN_STATS_COLUMNS),
        sa.Index("ix_feedback_open_due", "due_at", "id",
                 postgresql_where=sa.text(OPEN_PREDICATE), sqlite_where=sa.text(OPEN_PREDICATE)),
        # Statistics (reports/): items received in a period, read from the index alone.
        sa.Index("ix_feedback_stats", "created_at", "unit_code",
                 postgresql_include=STATS_COLUMNS),
        # The statistics' rollup finds the months whose items changed since it was built.
        sa.Index("ix_feedback_updated_at", "updated_at"),
        # Retention (privacy/) finds ended items by when they ended.
        sa.Index("ix_feedback_closed_at", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_code: Mapped[str] = mapped_column(sa.String(16), unique=True)  # the citizen's
    # What other systems see (Open311's service_request_id): never the lookup code.
    public_id: Mapped[str] = mapped_column(sa.String(16), unique=True, default=new_public_id)
    channel: Mapped[str] = mapped_column(sa.String(20))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))
    # The officer of that office the item was given to ("Giao xử lý"); a transfer to another
    # office clears it.
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"),
                                                    index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text)  # folded shadow of title + description
    lat: Mapped[float | None]
    lng: Mapped[float | None]
    address: Mapped[str | None] = mapped_column(sa.String(300))
    # Personal data: never on a public surface.
    reporter_name: Mapped[str | None] = mapped_column(sa.String(120))
    reporter_phone: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    reporter_email: Mapped[str | None] = mapped_column(sa.String(254))
    zalo_user_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    zalo_app_user_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    lookup_token_hash: Mapped[str | None] = mapped_column(sa.String(64))
    consent: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # How the citizen is told about their item, in order of preference (channels of
    # CITIZEN_CHANNELS): the first route that works is used.
    notify_routes: Mapped[list[str] | None] = mapped_column(sa.JSON)
    # Personal-data rights (privacy/): contact data frozen (not shown, not used) and
    # the moment identity and contact data were erased (request or retention).
    contact_restricted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Workflow
    priority: Mapped[str] = mapped_column(sa.String(10), default="normal")
    status: Mapped[str] = mapped_column(sa.String(20), default="received")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    is_overdue: Mapped[bool] = mapped_column(default=False)
    # The due date the handling office was last reminded of (a new due date reminds again).
    reminded_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_reason: Mapped[str | None] = mapped_column(sa.String(500))
    public_answer: Mapped[str | None] = mapped_column(sa.Text)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(sa.String(1000))
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback.id"))
    # Periods of receipt are read through ix_feedback_stats (created_at first).
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    unit: Mapped[AdminUnit] = relationship()
    category: Mapped[Category] = relationship()
    office: Mapped[Office] = relationship()
    assignee: Mapped[StaffUser | None] = relationship(foreign_keys=[assignee_id])
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="feedback", order_by="Attachment.id")
    events: Mapped[list[FeedbackEvent]] = relationship(
        back_populates="feedback", order_by="FeedbackEvent.id")
    merged_into: Mapped[Feedback | None] = relationship(remote_side=[id])

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer."""
        return self.status in OPEN_STATUSES


class Attachment(db.Model):
    """An image sent with feedback, stored through ``core.storage``."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    storage_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(50))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    feedback: Mapped[Feedback] = relationship(back_populates="attachments")


class FeedbackEvent(db.Model):
    """Every change to an item: the public timeline and the audit trail."""

    __tablename__ = "feedback_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    actor_label: Mapped[str] = mapped_column(sa.String(30), default="system")
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str | None] = mapped_column(sa.String(20))
    from_office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"))
    to_office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)  # internal
    public_note: Mapped[str | None] = mapped_column(sa.Text)  # shown on the timeline
    is_public: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    feedback: Mapped[Feedback] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()
    to_office: Mapped[Office | None] = relationship(foreign_keys=[to_office_id])


class OwnershipCode(db.Model):
    """A one-time code sent to the citizen's own channel: proof that they own the item
    (for personal-data requests). Only its hash is kept; it expires in minutes."""

    __tablename__ = "ownership_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    attempts: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ResponseTemplate(db.Model):
    """A ready text for staff: an answer (per category) or a reason to refuse."""

    __tablename__ = "response_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # "answer" | "refuse"
    category_id: Mapped[int | None] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    unit_code: Mapped[str | None] = mapped_column(sa.ForeignKey("admin_units.code"))
    title: Mapped[str] = mapped_column(sa.String(120))
    body: Mapped[str] = mapped_column(sa.Text)
    is_active: Mapped[bool] = mapped_column(default=True)

    category: Mapped[Category | None] = relationship()
    unit: Mapped[AdminUnit | None] = relationship()
