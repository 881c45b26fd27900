"""``POST /integrations/zalo/webhook``: verify, store, acknowledge; a task does the rest.

Stored: the chat events in ``HANDLED`` and ZNS delivery events (``user_received_message``
with a ``tracking_id``, kept without the phone number); everything else is acknowledged and
ignored.

Signature (reference/zalo.md §1): ``X-ZEvent-Signature: mac=<hex>`` where
``hex = sha256(app_id + raw_body + timestamp + OA_SECRET_KEY)`` (plain SHA-256, not HMAC),
``app_id`` and ``timestamp`` taken from the body. A bad or missing signature is refused
(401) and the event dropped, unless ``ZALO_WEBHOOK_REPORT_ONLY`` is set for a first
connection, which logs the mismatch and accepts the event. A signed event whose timestamp is
more than ``ZALO_WEBHOOK_WINDOW_SECONDS`` away from now is refused too (a replay).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from core import clock, jsonbody
from core.db import after_commit, db, savepoint
from core.errors import NotFound, Unauthorized, UserValueError
from core.extensions import limiter
from integrations.zalo import client, messages, zns
from integrations.zalo.models import ZaloEvent

log = logging.getLogger(__name__)

bp = Blueprint("zalo_webhook", __name__, url_prefix="/integrations/zalo")

HANDLED = {
    "user_send_text": "text",
    "user_send_image": "image",
    "user_send_location": "location",
    "user_send_file": "file",
    "follow": "follow",
    "unfollow": "unfollow",
    "user_submit_info": "submit_info",
}


def signature(app_id: str, raw_body: bytes, timestamp: str, secret: str) -> str:
    """The MAC Zalo puts in ``X-ZEvent-Signature`` (without the ``mac=`` prefix)."""
    return hashlib.sha256(app_id.encode() + raw_body + timestamp.encode()
                          + secret.encode()).hexdigest()


def verify(raw_body: bytes, body: dict[str, Any], header: str | None) -> bool:
    """Whether the header carries the right MAC for this body, our app and our OA key."""
    if not header:
        return False
    given = header.strip()
    if given.lower().startswith("mac="):
        given = given[4:].strip()
    app_id = str(body.get("app_id") or "")
    timestamp = str(body.get("timestamp") or "")
    if not app_id or not timestamp or app_id != client.setting("ZALO_APP_ID"):
        return False
    expected = signature(app_id, raw_body, timestamp, client.setting("ZALO_OA_SECRET_KEY"))
    return hmac.compare_digest(expected.encode(), given.lower().encode())


def fresh(body: dict[str, Any]) -> bool:
    """Whether the event's ``timestamp`` (ms, signed) is within ``ZALO_WEBHOOK_WINDOW_SECONDS``
    of now: an event replayed later is refused even though its signature is right (the
    stored keys that catch duplicates are kept far longer than the window)."""
    try:
        sent_at = int(str(body.get("timestamp"))) / 1000
    except (TypeError, ValueError):
        return False
    window = float(current_app.config["ZALO_WEBHOOK_WINDOW_SECONDS"])
    return abs(clock.now().timestamp() - sent_at) <= window


def user_of(body: dict[str, Any]) -> str | None:
    """The Zalo user an event is about (sender, or follower for follow/unfollow)."""
    for key in ("sender", "follower"):
        value = body.get(key)
        if isinstance(value, dict) and value.get("id"):
            return str(value["id"])
    user_id = body.get("user_id")
    return str(user_id) if user_id else None


def event_key(body: dict[str, Any], user_id: str | None) -> str:
    """Deduplication key: the message id, else the event, user and timestamp."""
    message = body.get("message")
    if isinstance(message, dict) and message.get("msg_id"):
        return f"msg:{message['msg_id']}"[:200]
    return f"{body.get('event_name')}:{user_id}:{body.get('timestamp')}"[:200]


@bp.post("/webhook")
@limiter.limit(lambda: current_app.config["RATELIMIT_WEBHOOK"])
def receive():
    """Acknowledge a Zalo OA event at once; processing happens in a task."""
    raw = request.get_data(cache=False)
    try:
        body = jsonbody.loads(raw) if raw.strip() else {}
    except ValueError:
        body = None
    header = request.headers.get("X-ZEvent-Signature")
    if body == {} and not header:
        return jsonify(status="ok")  # Zalo's URL check when the webhook is saved
    if not client.enabled():
        raise NotFound(messages.DISABLED)
    if not isinstance(body, dict):
        raise UserValueError(messages.BAD_EVENT)
    if not verify(raw, body, header):
        if not current_app.config["ZALO_WEBHOOK_REPORT_ONLY"]:
            log.warning("Zalo webhook: bad or missing signature, event dropped")
            raise Unauthorized(messages.BAD_SIGNATURE)
        log.warning("Zalo webhook: signature mismatch (report-only mode, event accepted)")
    if not fresh(body):
        log.warning("Zalo webhook: event outside the replay window, dropped")
        raise Unauthorized(messages.STALE_EVENT)
    name = str(body.get("event_name") or "")
    if zns.is_receipt(body):
        event = _receipt_event(body)
    elif name not in HANDLED:
        return jsonify(status="ignored")
    else:
        user_id = user_of(body)
        if user_id is None:
            raise UserValueError(messages.BAD_EVENT)
        event = ZaloEvent(event_key=event_key(body, user_id), event_name=name,
                          user_id=user_id[:64], payload=body)
    try:
        with savepoint():
            db.session.add(event)
            db.session.flush()
    except IntegrityError:
        return jsonify(status="duplicate")
    event_id = event.id
    after_commit(lambda: enqueue(event_id))  # the request's unit of work commits
    return jsonify(status="ok")


def _receipt_event(body: dict[str, Any]) -> ZaloEvent:
    """A ZNS delivery event, kept without the phone number it names."""
    msg_id = body["message"].get("msg_id")
    if not msg_id:
        raise UserValueError(messages.BAD_EVENT)
    return ZaloEvent(event_key=f"received:{msg_id}"[:200], event_name=zns.RECEIPT_EVENT,
                     user_id=None, payload=zns.receipt_payload(body))


def enqueue(event_id: int) -> None:
    """Hand an event to the task queue; the periodic sweep retries if the broker is down."""
    task = current_app.extensions["celery"].tasks["zalo.process_event"]
    try:
        task.delay(event_id)
    except Exception as exc:  # noqa: BLE001 - broker errors vary by transport
        log.warning("could not enqueue Zalo event %s: %s", event_id, type(exc).__name__)
