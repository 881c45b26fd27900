"""Photos the Mini App's picker uploads (``openMediaPicker({serverUploadUrl})``) before the
feedback form is sent: checked as every feedback photo is, stored, and named by a random,
unguessable name the app shows as ``domain + name`` and sends back in ``imageUrls``.

Only names this service issued, not yet used and not expired, become a feedback's
attachments; the file then belongs to the attachment and the upload row goes.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request

from core import storage
from core.clock import now
from core.db import after_commit, after_rollback, db, flush
from core.errors import UserValueError
from feedback.models import Attachment
from feedback.routes import check_image
from integrations.zalo.egov import messages
from integrations.zalo.egov.models import MiniAppUpload

FIELD = "file"  # the picker's field name; any file part is taken (see README)
PURGE_BATCH = 50


def _expired_before():
    return now() - timedelta(hours=float(current_app.config["MINIAPP_UPLOAD_HOURS"]))


def receive(zalo_app_user_id: str | None) -> list[str]:
    """Check and store every file part of the request; returns the names issued."""
    files = [f for key in request.files for f in request.files.getlist(key)]
    if not files:
        raise UserValueError(messages.NO_IMAGE, {FIELD: [messages.NO_IMAGE]})
    limit = int(current_app.config["FEEDBACK_MAX_IMAGES"])
    if len(files) > limit:
        text = messages.TOO_MANY_IMAGES.format(n=limit)
        raise UserValueError(text, {FIELD: [text]})
    images = [check_image(upload, FIELD) for upload in files]
    _purge_expired()
    names: list[str] = []
    saved: list[str] = []
    after_rollback(lambda: [storage.delete(key) for key in saved])  # files of rows not kept
    for image in images:
        stored = storage.save(image.data, image.ext)
        saved.append(stored.key)
        name = f"{secrets.token_urlsafe(24)}.{image.ext}"
        db.session.add(MiniAppUpload(name=name, storage_key=stored.key,
                                     content_type=image.content_type, size=stored.size,
                                     sha256=stored.sha256,
                                     zalo_app_user_id=zalo_app_user_id))
        names.append(name)
    flush()
    return names


def _purge_expired() -> None:
    """Drop a batch of uploads nobody sent (rows and files); committed with the caller."""
    stale = list(db.session.scalars(sa.select(MiniAppUpload).where(
        MiniAppUpload.created_at < _expired_before()).limit(PURGE_BATCH)))
    for row in stale:
        db.session.delete(row)
        key = row.storage_key
        after_commit(lambda key=key: storage.delete(key))


def pending(name: str) -> MiniAppUpload | None:
    """An issued, unused, unexpired upload by name."""
    return db.session.scalar(sa.select(MiniAppUpload).where(
        MiniAppUpload.name == name, MiniAppUpload.created_at >= _expired_before()))


def name_of(reference: str) -> str:
    """The issued name in what the app sends back (the name, or ``domain + name``)."""
    return reference.rstrip("/").rsplit("/", 1)[-1]


def claimable(references: list[str], zalo_app_user_id: str) -> list[MiniAppUpload]:
    """The uploads named, each issued by this service, unused, unexpired, and uploaded
    anonymously or by this same user; otherwise 422."""
    limit = int(current_app.config["FEEDBACK_MAX_IMAGES"])
    if len(references) > limit:
        text = messages.TOO_MANY_IMAGES.format(n=limit)
        raise UserValueError(text, {"imageUrls": [text]})
    rows = []
    for reference in references:
        row = pending(name_of(reference))
        if row is None or row in rows or row.zalo_app_user_id not in (None, zalo_app_user_id):
            raise UserValueError(messages.IMAGE_UNKNOWN, {"imageUrls": [messages.IMAGE_UNKNOWN]})
        rows.append(row)
    return rows


def attach(rows: list[MiniAppUpload], feedback_id: int) -> None:
    """Make the uploads the item's attachments (in the caller's transaction)."""
    for row in rows:
        db.session.add(Attachment(feedback_id=feedback_id, storage_key=row.storage_key,
                                  content_type=row.content_type, size=row.size,
                                  sha256=row.sha256))
        db.session.delete(row)
