"""Photos uploaded by the Mini App's picker and not yet sent with a feedback."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import now
from core.db import UTCDateTime, db


class MiniAppUpload(db.Model):
    """A checked image the facade issued a name for (``openMediaPicker`` uploads it before
    the form is sent). A feedback that names it takes the file as its attachment and the row
    goes; rows older than ``MINIAPP_UPLOAD_HOURS`` go with their file."""

    __tablename__ = "miniapp_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    storage_key: Mapped[str] = mapped_column(sa.String(100))
    content_type: Mapped[str] = mapped_column(sa.String(50))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(sa.String(64))
    # The Zalo user who uploaded it, when the upload carried their token.
    zalo_app_user_id: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
