"""Proofs that a citizen owns an item, and how many wrong ones an item tolerates.

- Seeing the status and public timeline, or rating the answer: the tracking code with the
  phone number given at intake, or the lookup token (for items without a phone).
- Anything about personal data (a copy, a correction, deletion, restriction, withdrawing
  consent): the lookup token, a one-time code sent to the citizen's own channel (the routes
  they are told on: Zalo chat, ZNS, SMS, e-mail), or the Zalo Mini App identity that sent
  the item. Never the phone number alone: phones are guessable, and the tracking code is
  printed on receipts and shown to whoever the citizen shows it to.

Wrong proofs of one item are counted (``FEEDBACK_PROOF_LIMIT``); past the limit the item
answers 429 to phone numbers and codes for a while, whoever asks (the lookup token, a long
secret, still works). Codes are sent at most ``FEEDBACK_OWNERSHIP_CODE_LIMIT`` times.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from core import outbox, throttle
from core.clock import now
from core.codes import digest, display_code, normalise_tracking_code
from core.db import db, flush, write_even_on_rollback
from core.errors import NotFound, TooManyRequests, UserValueError
from core.phones import to_e164
from feedback import messages
from feedback.models import Feedback, OwnershipCode
from feedback.notify import citizen_routes

log = logging.getLogger(__name__)

PROOF = "feedback-proof"
CODE = "feedback-ownership-code"


def load(raw_code: str) -> Feedback | None:
    """The item with this tracking code (as people type it), with its events."""
    code = normalise_tracking_code(raw_code)
    if code is None:
        return None
    return db.session.scalar(
        sa.select(Feedback).where(Feedback.tracking_code == code)
        .options(selectinload(Feedback.events)))


def _token_matches(item: Feedback, token: str | None) -> bool:
    return bool(token and item.lookup_token_hash
                and hmac.compare_digest(digest(token), item.lookup_token_hash))


def _phone_matches(item: Feedback, phone: str | None) -> bool:
    e164 = to_e164(phone) if phone else None
    return bool(e164 and item.reporter_phone and hmac.compare_digest(e164, item.reporter_phone))


def _limit(name: str) -> str:
    return str(current_app.config[name])


def _refuse_if_throttled(item: Feedback) -> None:
    if not throttle.allowed(PROOF, item.tracking_code, _limit("FEEDBACK_PROOF_LIMIT")):
        log.warning("feedback %s: too many wrong proofs of ownership", item.id)
        raise TooManyRequests(messages.PROOFS_THROTTLED)


def _wrong(item: Feedback, text: str = messages.NOT_FOUND) -> NotFound:
    throttle.hit(PROOF, item.tracking_code, _limit("FEEDBACK_PROOF_LIMIT"))
    return NotFound(text)


def get_for_owner(raw_code: str, phone: str | None, token: str | None) -> Feedback:
    """The item, if the caller proves ownership by phone or lookup token; 404 alike for
    unknown and not-yours."""
    if not (phone or token):
        raise UserValueError(messages.OWNERSHIP_REQUIRED,
                             {"phone": [messages.OWNERSHIP_REQUIRED],
                              "token": [messages.OWNERSHIP_REQUIRED]})
    item = load(raw_code)
    if item is None:
        raise NotFound(messages.LOOKUP_NOT_FOUND)
    if _token_matches(item, token):
        return item
    _refuse_if_throttled(item)
    if not _phone_matches(item, phone):
        raise _wrong(item, messages.LOOKUP_NOT_FOUND)
    return item


def _code_hash(item_id: int, code: str) -> str:
    return hashlib.sha256(f"{item_id}:{code}".encode()).hexdigest()


def get_for_owner_strictly(raw_code: str, token: str | None, code: str | None,
                           app_user_id: str | None = None) -> Feedback:
    """The item, for a personal-data request: proved by the lookup token, a one-time code
    sent to the citizen's channel, or the Mini App identity that sent it (404 alike)."""
    item = load(raw_code)
    if item is None:
        raise NotFound(messages.NOT_FOUND)
    if _token_matches(item, token):
        return item
    if not (token or code) and app_user_id:
        if item.zalo_app_user_id and hmac.compare_digest(item.zalo_app_user_id, app_user_id):
            return item
        raise NotFound(messages.NOT_FOUND)
    if not code:
        raise UserValueError(messages.STRONG_PROOF_REQUIRED,
                             {"code": [messages.STRONG_PROOF_REQUIRED]})
    _refuse_if_throttled(item)
    moment = now()
    candidates = list(db.session.scalars(sa.select(OwnershipCode).where(
        OwnershipCode.feedback_id == item.id, OwnershipCode.used_at.is_(None),
        OwnershipCode.expires_at > moment).with_for_update()))
    expected = _code_hash(item.id, code.strip())
    for row in candidates:
        if hmac.compare_digest(row.code_hash, expected) and row.attempts < 5:
            row.used_at = moment
            db.session.flush()
            return item
    # The wrong guess counts even though the unit of work rolls back with the 404.
    ids = [row.id for row in candidates]
    write_even_on_rollback(lambda: db.session.execute(
        sa.update(OwnershipCode).where(OwnershipCode.id.in_(ids))
        .values(attempts=OwnershipCode.attempts + 1)
        .execution_options(synchronize_session=False)))
    raise _wrong(item)


def send_code(raw_code: str, phone: str | None, email: str | None) -> None:
    """Send a one-time code to the item's citizen, on the routes they are told on, when the
    phone or e-mail given is the one they gave (the answer is the same either way)."""
    item = load(raw_code)
    if item is None:
        return
    _refuse_if_throttled(item)
    given_email = (email or "").strip().lower()
    if not (_phone_matches(item, phone)
            or (given_email and item.reporter_email
                and hmac.compare_digest(given_email, item.reporter_email.lower()))):
        _wrong(item)
        return
    routes = citizen_routes(item, at_their_request=True)
    if not routes:
        return
    if not throttle.hit(CODE, item.tracking_code, _limit("FEEDBACK_OWNERSHIP_CODE_LIMIT")):
        raise TooManyRequests(messages.CODES_THROTTLED)
    minutes = int(current_app.config["FEEDBACK_OWNERSHIP_CODE_MINUTES"])
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = OwnershipCode(feedback_id=item.id, code_hash=_code_hash(item.id, code),
                        expires_at=now() + timedelta(minutes=minutes))
    db.session.add(row)
    db.session.flush()
    shown = display_code(item.tracking_code)
    outbox.queue(routes, None, "ownership_code", {
        "code": shown, "tracking_code": item.tracking_code, "otp": code, "minutes": minutes,
        "subject": messages.OWNERSHIP_CODE_SUBJECT.format(code=shown),
        "text": messages.OWNERSHIP_CODE_TEXT.format(code=shown, otp=code, minutes=minutes)},
        key=f"feedback:{item.id}:ownership:{row.id}", subject=("feedback", item.id))
    flush()
