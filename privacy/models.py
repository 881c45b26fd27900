"""Personal data: privacy notices, consent records, rights requests, the contact-access log
and retention runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import StaffUser

# Rights a citizen may exercise over the personal data of one feedback item.
REQUEST_KINDS = ("access", "export", "correct", "restrict", "withdraw", "delete")
REQUEST_STATUSES = ("received", "acknowledged", "completed", "refused")
OPEN_REQUEST_STATUSES = ("received", "acknowledged")
REQUEST_CHANNELS = ("web", "api", "widget", "miniapp", "zalo", "staff")


class PrivacyNotice(db.Model):
    """One version of the privacy notice. Versions are never changed once published: a new
    text is a new version, and old ones stay retrievable (consents name the version)."""

    __tablename__ = "privacy_notices"

    version: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text)
    consent_text: Mapped[str] = mapped_column(sa.Text)  # the sentence next to the consent box
    sections: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)  # [{heading, paragraphs}]
    effective_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ConsentRecord(db.Model):
    """What a citizen agreed to, when, on which channel, and the evidence (the exact text
    shown, the chat message). Kept as proof; withdrawn, never deleted (evidence that
    identifies the person is removed when their data is erased)."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    channel: Mapped[str] = mapped_column(sa.String(20))
    purpose: Mapped[str] = mapped_column(sa.String(300))
    policy_version: Mapped[str] = mapped_column(sa.String(40))
    policy_owner: Mapped[str] = mapped_column(sa.String(160), default="controller")
    text: Mapped[str | None] = mapped_column(sa.Text)
    data_types: Mapped[list[str]] = mapped_column(sa.JSON)  # ["name", "phone", "email"]
    evidence: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evidence_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Models of other domains are named, never imported: privacy/ imports none of them.
    feedback: Mapped[Any] = relationship("Feedback")


class RightsRequest(db.Model):
    """A citizen's request about the personal data of one feedback item, with its own
    deadlines: acknowledge within 2 working days, complete within the law's limit."""

    __tablename__ = "privacy_requests"
    __table_args__ = (sa.Index("ix_privacy_requests_unit_status_due", "unit_code", "status",
                               "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(sa.String(20))
    channel: Mapped[str] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(20), default="received")
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    # Kind-specific input: {"note", "redact_photos", "correction": {...}}. Correction values
    # are personal data: they are dropped once applied or refused.
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)  # what was done (no PII)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledge_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refusal_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    handled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))

    feedback: Mapped[Any] = relationship("Feedback")
    handled_by: Mapped[StaffUser | None] = relationship(foreign_keys=[handled_by_id])
    entered_by: Mapped[StaffUser | None] = relationship(foreign_keys=[entered_by_id])
    events: Mapped[list[RightsRequestEvent]] = relationship(
        back_populates="request", order_by="RightsRequestEvent.id")

    @property
    def is_open(self) -> bool:
        """Still to be completed or refused."""
        return self.status in OPEN_REQUEST_STATUSES


class RightsRequestEvent(db.Model):
    """The timeline of a rights request: received, acknowledged, extended, completed…"""

    __tablename__ = "privacy_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("privacy_requests.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    actor_label: Mapped[str] = mapped_column(sa.String(30), default="system")
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    request: Mapped[RightsRequest] = relationship(back_populates="events")
    actor: Mapped[StaffUser | None] = relationship()


class ContactAccess(db.Model):
    """One staff view of a citizen's contact data: who, when, where, and whose: a feedback
    item's reporter or a consultation commenter (exactly one of the two)."""

    __tablename__ = "contact_access_log"
    __table_args__ = (
        sa.Index("ix_contact_access_log_feedback_at", "feedback_id", "id"),
        sa.Index("ix_contact_access_log_staff_at", "staff_id", "id"),
        sa.Index("ix_contact_access_log_comment_at", "consultation_comment_id", "id"),
        sa.CheckConstraint("(feedback_id IS NULL) <> (consultation_comment_id IS NULL)",
                           name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"))
    feedback_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback.id"))
    consultation_comment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("consultation_comments.id", name="fk_contact_access_log_comment_id"))
    surface: Mapped[str] = mapped_column(sa.String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    staff: Mapped[StaffUser] = relationship()
    feedback: Mapped[Any] = relationship("Feedback")
    comment: Mapped[Any] = relationship("ConsultationComment")


class RetentionRun(db.Model):
    """One run of the retention task: the cut-off it used and the items it erased."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retention_days: Mapped[int]
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime)
    items_erased: Mapped[int] = mapped_column(default=0)
    feedback_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    # Consultation comments whose commenter's contact data the run erased.
    comments_erased: Mapped[int] = mapped_column(default=0)
