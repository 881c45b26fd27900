"""Zalo state: the OA's tokens, followers and their conversations, events, subscriptions,
and the articles posted for notices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import now
from core.db import UTCDateTime, db


class ZaloOAState(db.Model):
    """The one Official Account: its token pair, whether sending is paused, and until when
    its ZNS quota is spent.

    The refresh token is single-use; the row is locked while it is exchanged so that only
    one worker ever spends it.
    """

    __tablename__ = "zalo_oa_state"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    access_token: Mapped[str | None] = mapped_column(sa.Text)
    refresh_token: Mapped[str | None] = mapped_column(sa.Text)
    access_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refresh_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # ZNS: the OA's daily quota is spent until then (next midnight, Vietnam time).
    zns_quota_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)


class ZaloUser(db.Model):
    """A Zalo user who wrote to or follows the OA, and their conversation with the bot."""

    __tablename__ = "zalo_users"

    user_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id_by_app: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    is_follower: Mapped[bool] = mapped_column(default=True)
    unit_code: Mapped[str | None] = mapped_column(sa.ForeignKey("admin_units.code"))
    state: Mapped[str] = mapped_column(sa.String(30), default="idle")
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    state_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_interaction_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ZaloEvent(db.Model):
    """A webhook event as received; ``event_key`` (the msg_id) makes retries harmless."""

    __tablename__ = "zalo_events"
    # Ids are never reused (SQLite would hand out a pruned row's id again, and replies are
    # keyed by the event's id).
    __table_args__ = (sa.Index("ix_zalo_events_status_id", "status", "id"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    event_name: Mapped[str] = mapped_column(sa.String(50))
    user_id: Mapped[str | None] = mapped_column(sa.String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ZaloSubscription(db.Model):
    """A follower who asked for a commune's notices ("đăng ký <xã>")."""

    __tablename__ = "zalo_subscriptions"
    __table_args__ = (sa.UniqueConstraint("user_id", "unit_code",
                                          name="uq_zalo_subscriptions_user_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("zalo_users.user_id"))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("admin_units.code"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ZaloArticle(db.Model):
    """The OA article posted for a notice (broadcasts can only carry articles)."""

    __tablename__ = "zalo_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(unique=True)
    create_token: Mapped[str | None] = mapped_column(sa.String(200))
    article_id: Mapped[str | None] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(20), default="creating")
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    broadcast_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ZaloVerifiedPhone(db.Model):
    """The phone number Zalo verified for a Mini App user (exchanged from a phone token with
    the app secret), so lookups by that phone and ZNS or SMS messages can rely on it. A
    number a client merely sends is never stored here."""

    __tablename__ = "zalo_verified_phones"

    zalo_app_user_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    phone: Mapped[str] = mapped_column(sa.String(20))
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
