"""Published answers: the public, reviewed version of a question and its answer."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from directory.models import AdminUnit, Category, StaffUser


class PublishedAnswer(db.Model):
    """A question and its answer made public, personal data removed.

    ``search_text`` is the folded shadow (``core.text.fold``) of title, question and answer;
    PostgreSQL indexes it with trigrams, SQLite with the FTS5 table
    ``published_answers_fts`` kept in sync by triggers (both created in migration 0005).
    """

    __tablename__ = "published_answers"
    __table_args__ = (sa.Index("ix_published_answers_unit_published", "unit_code",
                               "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), unique=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    question: Mapped[str] = mapped_column(sa.Text)
    answer: Mapped[str] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    publisher_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    # Staff published the item's place as exact; otherwise public coordinates are rounded.
    exact_location: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    unit: Mapped[AdminUnit] = relationship()
    category: Mapped[Category] = relationship()
    publisher: Mapped[StaffUser | None] = relationship()


class AnswerWord(db.Model):
    """The folded words of published answers: the vocabulary typos are corrected against
    (PostgreSQL, trigram similarity). Words stay when an answer is withdrawn; a stale word
    can only suggest a correction that then finds nothing."""

    __tablename__ = "answer_words"

    word: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
