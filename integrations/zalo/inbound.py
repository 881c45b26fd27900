"""Processing a stored webhook event: download what it carries, run the chat, queue replies
(a ZNS delivery event marks its delivery delivered, see ``zns``).

Each event is processed once: under the user's row lock its status is checked and set in
the same transaction as the conversation step and the replies (outbox rows).
"""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from core import clock, outbox, storage
from core.db import after_rollback, db, savepoint, unit_of_work
from integrations.zalo import client, zns
from integrations.zalo.chat import Chat, Inbound
from integrations.zalo.models import ZaloEvent, ZaloUser
from integrations.zalo.webhook import HANDLED

log = logging.getLogger(__name__)


def _attachments(payload: dict) -> list[dict]:
    message = payload.get("message") if isinstance(payload.get("message"), dict) else {}
    items = message.get("attachments") or []
    return [a for a in items if isinstance(a, dict)]


def _download_images(payload: dict) -> tuple[list[str], bool]:
    """Fetch the event's images into storage; returns (keys, whether one failed)."""
    limit = int(current_app.config["FEEDBACK_MAX_IMAGE_BYTES"])
    keys, failed = [], False
    for attachment in _attachments(payload)[: int(current_app.config["FEEDBACK_MAX_IMAGES"])]:
        if attachment.get("type") not in ("image", "gif"):
            continue
        url = (attachment.get("payload") or {}).get("url")
        if not url:
            continue
        try:
            data = client.download(str(url), limit)
        except client.ZaloError as exc:
            log.info("Zalo image download failed: %s", exc.code)
            failed = True
            continue
        kind = storage.sniff_image(data[:16])
        if kind is None:
            failed = True
            continue
        keys.append(storage.save(data, kind[1]).key)
    return keys, failed


def to_inbound(event: ZaloEvent, images: list[str], image_failed: bool) -> Inbound:
    """The chat's view of a stored event."""
    payload = event.payload or {}
    message = payload.get("message") if isinstance(payload.get("message"), dict) else {}
    kind = HANDLED.get(event.event_name, "ignored")
    inbound = Inbound(kind=kind, msg_id=message.get("msg_id"),
                      text=str(message.get("text") or ""), images=images,
                      image_failed=image_failed,
                      user_id_by_app=str(payload["user_id_by_app"])[:64]
                      if payload.get("user_id_by_app") else None)
    if kind == "location":
        for attachment in _attachments(payload):
            coords = (attachment.get("payload") or {}).get("coordinates") or {}
            try:
                lat, lng = float(coords["latitude"]), float(coords["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            if -90 <= lat <= 90 and -180 <= lng <= 180:
                inbound.lat, inbound.lng = lat, lng
                break
    if kind == "submit_info":
        info = payload.get("info") if isinstance(payload.get("info"), dict) else {}
        inbound.info = info
    if kind == "submit_info" and not inbound.msg_id:
        inbound.msg_id = event.event_key
    return inbound


def _lock_user(user_id: str) -> ZaloUser:
    """The user's row, locked for this transaction (created on first contact)."""
    query = sa.select(ZaloUser).where(ZaloUser.user_id == user_id).with_for_update()
    user = db.session.scalar(query.execution_options(populate_existing=True))
    if user is not None:
        return user
    try:
        with savepoint():
            db.session.add(ZaloUser(user_id=user_id, state="idle", data={}))
    except IntegrityError:
        pass  # created by a concurrent task
    return db.session.scalar(query.execution_options(populate_existing=True))


class _Handled(Exception):
    """The event was processed by another worker meanwhile (its status)."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


def process(event_id: int) -> str | None:
    """Process one stored event (idempotent); returns its final status.

    A job of steps, each a unit of work of its own: reading the event; downloading its
    images (outside any transaction); handling it, its replies queued in the same unit.
    """
    with unit_of_work():
        event = db.session.get(ZaloEvent, event_id)
        if event is None or event.status != "pending":
            return event.status if event else None
        name, payload = event.event_name, dict(event.payload or {})
    if name == zns.RECEIPT_EVENT:
        return zns.process_receipt(event_id)
    images, failed = ([], False)
    if name == "user_send_image":
        images, failed = _download_images(payload)
    try:
        with unit_of_work():
            after_rollback(lambda: _delete_files(images))
            user = _lock_user(event.user_id)
            event = db.session.get(ZaloEvent, event_id, populate_existing=True)
            if event.status != "pending":
                raise _Handled(event.status)  # undo what this unit began
            replies = Chat(user).handle(to_inbound(event, images, failed))
            # The chat may have flushed and expired it (submitting feedback): take it again.
            event = db.session.get(ZaloEvent, event_id)
            event.status, event.processed_at = "processed", clock.now()
            for n, reply in enumerate(replies):
                payload = ({"text": reply.text} if reply.text
                           else {"template": reply.template})
                outbox.queue("zalo", event.user_id, "chat_reply", payload,
                             key=f"zalo:event:{event_id}:reply:{n}",
                             subject=("zalo_event", event_id))
    except _Handled as handled:
        return handled.status
    return "processed"


def _delete_files(keys: list[str]) -> None:
    for key in keys:
        storage.delete(key)


def pending_event_ids(older_than_seconds: float = 30, limit: int = 200) -> list[int]:
    """Events stored but not processed (broker down, worker crash)."""
    cutoff = clock.now() - timedelta(seconds=older_than_seconds)
    return list(db.session.scalars(
        sa.select(ZaloEvent.id).where(ZaloEvent.status == "pending",
                                      ZaloEvent.received_at <= cutoff)
        .order_by(ZaloEvent.id).limit(limit)))


def drop_idle_conversations() -> int:
    """Drop conversations idle past ``ZALO_CHAT_IDLE_MINUTES`` and their unsent photos (a
    unit of work of its own; the photos go once it has committed)."""
    limit = timedelta(minutes=float(current_app.config["ZALO_CHAT_IDLE_MINUTES"]))
    with unit_of_work():
        users = list(db.session.scalars(
            sa.select(ZaloUser).where(ZaloUser.state != "idle",
                                      ZaloUser.state_at < clock.now() - limit)
            .limit(500).with_for_update(skip_locked=True)))
        keys = []
        for user in users:
            keys.extend((user.data or {}).get("images") or [])
            user.state, user.data = "idle", {}
    _delete_files(keys)
    return len(users)


def prune_events(days: int | None = None) -> int:
    """Forget processed events after ``ZALO_EVENT_KEEP_DAYS`` (they hold personal data);
    long past the replay window, so a pruned event can never be accepted again. A unit of
    work of its own."""
    from flask import current_app

    days = days if days is not None else float(current_app.config["ZALO_EVENT_KEEP_DAYS"])
    cutoff = clock.now() - timedelta(days=days)
    with unit_of_work():
        count = db.session.execute(sa.delete(ZaloEvent).where(
            ZaloEvent.status == "processed", ZaloEvent.processed_at < cutoff)).rowcount
    return count
