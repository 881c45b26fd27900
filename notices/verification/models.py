"""Signing keys of the deployment and the signature of each published notice version."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.clock import now
from core.db import UTCDateTime, db
from notices.models import Notice


class SigningKey(db.Model):
    """One key generation: an Ed25519 key (notice JSON, Atom) and an ECDSA P-256 key with a
    self-signed certificate (CAP's XML signature). Only public parts are stored here; the
    private keys are files in ``VERIFICATION_KEY_DIR``.

    A generation signs from ``created_at`` until ``signs_until`` (set when it is rotated
    out) and its signatures verify until ``expires_at``.
    """

    __tablename__ = "signing_keys"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    ed25519_public: Mapped[str] = mapped_column(sa.String(64))  # base64url, 32 bytes
    ecdsa_certificate: Mapped[str] = mapped_column(sa.Text)  # PEM
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    signs_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NoticeSignature(db.Model):
    """The Ed25519 signature over a published version's canonical serialization."""

    __tablename__ = "notice_signatures"

    notice_id: Mapped[int] = mapped_column(sa.ForeignKey("notices.id"), primary_key=True)
    key_id: Mapped[str] = mapped_column(sa.ForeignKey("signing_keys.id"), index=True)
    value: Mapped[str] = mapped_column(sa.String(100))  # base64url, 64 bytes
    payload_sha256: Mapped[str] = mapped_column(sa.String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    notice: Mapped[Notice] = relationship()
    key: Mapped[SigningKey] = relationship()
