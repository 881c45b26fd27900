"""The outbox senders of the e-mail channels.

- ``email``: citizens; the recipient is their address, the message is rendered by kind.
- ``staff_email``: one member of staff, recipient ``"staff:<StaffUser.id>"``; an inactive
  account or one without an address is a failed route with its reason.
- ``admin``: administrators, recipient ``"administrators"``: ``MAIL_ADMIN_RECIPIENTS``, or
  the addresses of active province administrators when that is empty.

Each sender reads what it needs, ends the transaction, then talks to the SMTP server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa
from flask import current_app

from core import storage
from core.db import db, unit_of_work
from core.models import Delivery
from core.outbox import SendResult
from directory.models import StaffUser
from integrations.mail import compose, messages, smtp

log = logging.getLogger(__name__)

ADMIN_ROLE = "province_admin"
LetterOf = Callable[[str, Mapping[str, Any], compose.Identity], compose.Letter]


class MissingAttachment(Exception):
    """A file named in the payload is not in storage."""


def _send(delivery_id: int, kind: str, payload: Mapping[str, Any], to: list[str],
          letter_of: LetterOf, attachments: list[compose.Attachment] | None = None) -> SendResult:
    """Compose and send (no transaction may be open here)."""
    config = current_app.config
    identity = compose.Identity.from_config(config)
    if identity is None:
        return SendResult("failed", messages.NO_DEFAULT_SENDER)
    letter = letter_of(kind, payload, identity)
    if not letter.paragraphs:
        return SendResult("failed", messages.EMPTY)
    message = compose.build(letter, to, identity, attachments or ())
    result = smtp.deliver(message, identity.address, to, smtp.Settings.from_config(config))
    log.info("mail delivery %s: %s", delivery_id, result.status)
    return result


def send_citizen(delivery: Delivery) -> SendResult:
    """Channel ``email``: a message to a citizen's address."""
    with unit_of_work():  # reads alone: no transaction is held across the SMTP conversation
        delivery_id, kind = delivery.id, delivery.kind
        recipient, payload = delivery.recipient, dict(delivery.payload or {})
    return _send(delivery_id, kind, payload, [recipient], compose.citizen_letter)


def _staff_address(recipient: str) -> str | SendResult:
    prefix, _, raw_id = recipient.partition(":")
    if prefix != "staff" or not raw_id.isdigit():
        return SendResult("failed", messages.STAFF_RECIPIENT_INVALID)
    user = db.session.get(StaffUser, int(raw_id))
    if user is None:
        return SendResult("failed", messages.STAFF_NOT_FOUND)
    if not user.is_active:
        return SendResult("failed", messages.STAFF_INACTIVE.format(username=user.username))
    if not user.email:
        return SendResult("failed", messages.STAFF_NO_EMAIL.format(username=user.username))
    return user.email


def _attachments(payload: Mapping[str, Any]) -> list[compose.Attachment]:
    """The files listed in ``payload["attachments"]``, read from storage."""
    files = []
    for entry in payload.get("attachments") or []:
        filename = str(entry.get("filename") or entry.get("storage_key") or "tep-dinh-kem")
        try:
            with open(storage.path_of(str(entry["storage_key"])), "rb") as fh:
                data = fh.read()
        except (KeyError, ValueError, OSError):
            raise MissingAttachment(filename) from None
        files.append(compose.Attachment(filename, str(entry.get("content_type") or
                                                      "application/octet-stream"), data))
    return files


def send_staff(delivery: Delivery) -> SendResult:
    """Channel ``staff_email``: a message (with its attachments) to one member of staff."""
    with unit_of_work():  # reads alone: no transaction is held across the SMTP conversation
        delivery_id, kind = delivery.id, delivery.kind
        payload = dict(delivery.payload or {})
        address = _staff_address(delivery.recipient)
    if isinstance(address, SendResult):
        return address
    try:
        attachments = _attachments(payload)
    except MissingAttachment as exc:
        return SendResult("failed", messages.ATTACHMENT_MISSING.format(filename=exc.args[0]))
    return _send(delivery_id, kind, payload, [address], compose.staff_letter, attachments)


def admin_addresses() -> list[str]:
    """``MAIL_ADMIN_RECIPIENTS`` (a list, or addresses separated by commas), else the
    addresses of active province administrators."""
    configured = current_app.config.get("MAIL_ADMIN_RECIPIENTS") or []
    if isinstance(configured, str):
        configured = configured.split(",")
    addresses = [a.strip() for a in configured if isinstance(a, str) and a.strip()]
    if addresses:
        return addresses
    return list(db.session.scalars(
        sa.select(StaffUser.email).where(StaffUser.role == ADMIN_ROLE, StaffUser.is_active,
                                         StaffUser.email.is_not(None), StaffUser.email != "")
        .order_by(StaffUser.id)))


def send_admin(delivery: Delivery) -> SendResult:
    """Channel ``admin``: one message to all administrators."""
    with unit_of_work():  # reads alone: no transaction is held across the SMTP conversation
        delivery_id, kind = delivery.id, delivery.kind
        payload = dict(delivery.payload or {})
        addresses = list(dict.fromkeys(admin_addresses()))
    if not addresses:
        return SendResult("failed", messages.NO_ADMIN_RECIPIENTS)
    try:
        attachments = _attachments(payload)
    except MissingAttachment as exc:
        return SendResult("failed", messages.ATTACHMENT_MISSING.format(filename=exc.args[0]))
    return _send(delivery_id, kind, payload, addresses, compose.staff_letter, attachments)
