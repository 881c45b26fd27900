"""Open311 partner keys, the link between a submission and its key, and category questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import Category

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")


class Open311Key(db.Model):
    """An API key issued to one partner; stored as a SHA-256 digest, revocable.

    ``unit_code`` limits where the partner may submit (a province or a commune).
    ``collects_consent`` records that the partner's own form asks citizens for consent under
    ``consent_policy``; only then are contact fields (name, phone, e-mail) accepted.
    """

    __tablename__ = "open311_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner: Mapped[str] = mapped_column(sa.String(120))
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    key_prefix: Mapped[str] = mapped_column(sa.String(8))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), index=True)
    collects_consent: Mapped[bool] = mapped_column(default=False)
    consent_policy: Mapped[str | None] = mapped_column(sa.String(40))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class Open311Submission(db.Model):
    """Which key created which feedback, the token handed out, and the attribute answers."""

    __tablename__ = "open311_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), unique=True)
    key_id: Mapped[int] = mapped_column(sa.ForeignKey("open311_keys.id"), index=True)
    token: Mapped[str] = mapped_column(sa.String(40), unique=True)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class CategoryQuestion(db.Model):
    """An extra question asked for a category (an Open311 service attribute)."""

    __tablename__ = "category_questions"
    __table_args__ = (sa.UniqueConstraint("category_id", "code",
                                          name="uq_category_questions_category_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"))
    code: Mapped[str] = mapped_column(sa.String(40))
    description: Mapped[str] = mapped_column(sa.String(300))
    datatype: Mapped[str] = mapped_column(sa.String(20), default="string")
    datatype_description: Mapped[str | None] = mapped_column(sa.String(300))
    required: Mapped[bool] = mapped_column(default=False)
    order: Mapped[int] = mapped_column(default=1)
    # [{"key": ..., "name": ...}] for the list datatypes
    values: Mapped[list[dict[str, str]] | None] = mapped_column(sa.JSON)
    is_active: Mapped[bool] = mapped_column(default=True)

    category: Mapped[Category] = relationship()
