"""Zalo background jobs: process webhook events, drain notice deliveries, keep the token fresh."""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from core import clock
from core.db import db, unit_of_work

log = logging.getLogger(__name__)


@shared_task(name="zalo.process_event", ignore_result=True)
def process_event(event_id: int) -> str | None:
    """Process one stored webhook event (idempotent): a job of steps, each its own unit of
    work (:func:`integrations.zalo.inbound.process`); a failed one has rolled back, and the
    event is marked failed in a unit of its own."""
    from integrations.zalo import inbound
    from integrations.zalo.models import ZaloEvent

    try:
        return inbound.process(event_id)
    except Exception:
        log.exception("Zalo event %s could not be processed", event_id)
        with unit_of_work():
            event = db.session.get(ZaloEvent, event_id)
            if event is not None and event.status == "pending":
                event.status, event.processed_at = "failed", clock.now()
        return "failed"


@shared_task(name="zalo.drain_notices", ignore_result=True)
def drain_notices(shard: int = 0, shards: int = 1) -> int:
    """Send one shard's due notice deliveries for up to a minute; re-queue while some remain."""
    from integrations.zalo import fanout

    handled = fanout.drain(shard=shard, shards=shards)
    if handled and fanout.due_notice_ids(limit=1, shard=shard, shards=shards):
        current_app.extensions["celery"].tasks["zalo.drain_notices"].delay(shard, shards)
    return handled


@shared_task(name="zalo.sweep", ignore_result=True)
def sweep() -> int:
    """Periodic: events not yet processed, notice deliveries not yet drained, old events."""
    from integrations.zalo import fanout, inbound
    from integrations.zalo.webhook import enqueue

    ids = inbound.pending_event_ids()
    for event_id in ids:
        enqueue(event_id)
    if fanout.due_notice_ids(limit=1):
        fanout.start_sending()
    inbound.drop_idle_conversations()
    inbound.prune_events()
    return len(ids)


@shared_task(name="zalo.refresh_token", ignore_result=True)
def refresh_token() -> str:
    """Periodic: refresh the OA access token before it expires (at ~20 h of 25 h)."""
    from integrations.zalo import client

    try:
        client.access_token()
        return "ok"
    except client.ZaloError as exc:
        log.error("Zalo token check failed: %s %s", exc.code, exc.message)
        return "error"
