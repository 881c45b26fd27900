"""The directory's tables: administrative units, offices, categories and routing rules,
staff accounts, their API tokens and console sessions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db


class AdminUnit(db.Model):
    """A province (2-digit code) or commune (5-digit code); two tiers, no district."""

    __tablename__ = "admin_units"

    code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    level: Mapped[str] = mapped_column(sa.String(10))  # "province" | "commune"
    parent_code: Mapped[str | None] = mapped_column(
        sa.ForeignKey("admin_units.code"), index=True)

    parent: Mapped[AdminUnit | None] = relationship(remote_side=[code])

    @property
    def province_code(self) -> str:
        """The province this unit belongs to (itself for a province)."""
        return self.code if self.level == "province" else (self.parent_code or self.code)


class Office(db.Model):
    """Who handles feedback: UBND xã, a commune office, police, a province department."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(30), default="office")
    is_default: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    unit: Mapped[AdminUnit] = relationship()


class Category(db.Model):
    """A field of feedback (lĩnh vực); available everywhere or in one province or commune."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    unit_code: Mapped[str | None] = mapped_column(sa.ForeignKey("admin_units.code"))
    due_days: Mapped[int | None]
    is_active: Mapped[bool] = mapped_column(default=True)


class RoutingRule(db.Model):
    """(category, unit) → office, with an optional due-days override for that pair."""

    __tablename__ = "routing_rules"
    __table_args__ = (sa.UniqueConstraint("category_id", "unit_code",
                                          name="uq_routing_rules_category_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))
    due_days: Mapped[int | None]

    office: Mapped[Office] = relationship()
    category: Mapped[Category] = relationship()


class StaffUser(db.Model):
    """A member of staff; the role and unit (and office) scope what they see."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(80), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(120), default="")
    role: Mapped[str] = mapped_column(sa.String(30))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"))
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # Console sign-in: a one-time password must be changed.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Unused since revision 0016: failures are throttled per (account, address) in the
    # rate-limit storage (core/signin_throttle.py), never by locking the account for everyone.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped by a password change or reset (console sessions are rows since revision 0016:
    # StaffSession, revoked by those changes).
    session_version: Mapped[int] = mapped_column(default=0)
    # Where reminders, escalations and monthly reports are e-mailed (channel staff_email).
    email: Mapped[str | None] = mapped_column(sa.String(254))

    unit: Mapped[AdminUnit] = relationship()
    office: Mapped[Office | None] = relationship()


class ApiToken(db.Model):
    """A personal staff API token, stored as a SHA-256 digest; revocable."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    staff_user: Mapped[StaffUser] = relationship()


class StaffSession(db.Model):
    """A console sign-in. The cookie carries a random id; only its SHA-256 digest is stored.
    It ends at sign-out, by revocation (password change or reset, account disabled, an
    administrator), after idle time, and at ``expires_at`` however busy it was."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    staff_user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)  # absolute, from sign-in
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # logout | password | reset | disabled | admin | idle | expired
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(20))

    staff_user: Mapped[StaffUser] = relationship()
