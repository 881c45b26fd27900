"""The outbox sender for channel ``zns``: ZNS/ZBS template messages to a citizen's phone,
and the delivery events that confirm them (reference/zalo.md §1, §6).

Each message kind has one approved template in ``ZALO_ZNS_TEMPLATES``; its parameters are
filled from the delivery's payload, each cut to its limit. What happens when it goes wrong:

- the OA is not connected or its token refresh failed: ``failed`` at once;
- no template for the kind, a number that is not a Vietnamese mobile, the user cannot
  receive (-114, -118): ``unreachable``, so the citizen's next route (SMS) is used at once;
- the OA's daily quota is spent (-115, -144, or a reply with nothing remaining):
  ``unreachable`` too, and remembered until the next midnight in Vietnam, so further ZNS
  deliveries that day move on without calling Zalo;
- 22:00–06:00 Vietnam time (Zalo refuses with -133): deferred to 06:00 without calling;
- a bad phone (-108) or template (-109, -131, -111, -112, -1121, -1122): ``failed``;
- -100, timeouts, HTTP 5xx, an access token still refused after one refresh: retried.

The reply's ``msg_id`` is the delivery's ``external_id``; the ``tracking_id`` is
``d<delivery id>``. A ``user_received_message`` event carrying a ``tracking_id`` is a ZNS
delivery event: it turns the delivery ``delivered``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from core import clock, outbox
from core.clock import LOCAL_TZ
from core.db import db, unit_of_work
from core.models import Delivery
from core.outbox import Deferred, SendResult, TransientError
from core.text import clean_line
from integrations.zalo import client, messages, ratelimit
from integrations.zalo.client import ZaloError
from integrations.zalo.models import ZaloEvent, ZaloOAState

log = logging.getLogger(__name__)

CHANNEL = "zns"
RECEIPT_EVENT = "user_received_message"
NIGHT_START, NIGHT_END = 22, 6  # Zalo sends no template message from 22:00 to 06:00
DEFAULT_PARAM_LIMIT = 100
TRACKING_ID_LIMIT = 48
SKEW_RETRY = timedelta(minutes=5)  # Zalo says "night" while our clock says morning
_MOBILE = re.compile(r"\+84(\d{9})")


# --- configuration ---------------------------------------------------------------------------
def templates() -> dict[str, dict[str, Any]]:
    """The configured template of each message kind."""
    return current_app.config.get("ZALO_ZNS_TEMPLATES") or {}


def check_templates(configured: Any) -> None:
    """Refuse a malformed ``ZALO_ZNS_TEMPLATES`` at start-up rather than at the first send."""
    if not isinstance(configured, dict):
        raise ValueError("ZALO_ZNS_TEMPLATES must be an object {kind: template}")
    for kind, template in configured.items():
        where = f"ZALO_ZNS_TEMPLATES[{kind!r}]"
        if not isinstance(template, dict) or not str(template.get("template_id") or ""):
            raise ValueError(f"{where} needs a template_id")
        params = template.get("params")
        if not isinstance(params, dict) or not params or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in params.items()):
            raise ValueError(f"{where}.params must map template params to payload fields")
        limits = template.get("limits") or {}
        if not isinstance(limits, dict) or not all(
                k in params and isinstance(n, int) and n > 0 for k, n in limits.items()):
            raise ValueError(f"{where}.limits must give a positive length per known param")


def cut(value: str, limit: int) -> str:
    """``value`` on one line, at most ``limit`` characters ("…" marks a cut)."""
    value = clean_line(value)
    return value if len(value) <= limit else value[: max(0, limit - 1)].rstrip() + "…"


def template_data(template: dict[str, Any], payload: dict[str, Any]) -> dict[str, str]:
    """The template's parameters filled from the payload (missing fields are empty)."""
    limits = template.get("limits") or {}
    data = {}
    for param, field in template["params"].items():
        value = payload.get(field)
        data[param] = cut("" if value is None else str(value),
                          int(limits.get(param, DEFAULT_PARAM_LIMIT)))
    return data


def zns_phone(e164: str) -> str | None:
    """``+84912345678`` → ``84912345678``; None unless a Vietnamese mobile number."""
    match = _MOBILE.fullmatch((e164 or "").strip())
    return "84" + match.group(1) if match else None


def tracking_id(delivery_id: int) -> str:
    """What Zalo echoes in the delivery event (≤48 characters)."""
    return f"d{delivery_id}"[:TRACKING_ID_LIMIT]


# --- Vietnam's clock: the night window and the quota day -------------------------------------
def in_night(moment: datetime) -> bool:
    """Whether Zalo refuses template messages at ``moment`` (22:00–06:00 Vietnam time)."""
    hour = moment.astimezone(LOCAL_TZ).hour
    return hour >= NIGHT_START or hour < NIGHT_END


def morning_after(moment: datetime) -> datetime:
    """The next 06:00 in Vietnam after ``moment``, as aware UTC."""
    local = moment.astimezone(LOCAL_TZ)
    day = local.date() if local.hour < NIGHT_END else local.date() + timedelta(days=1)
    return datetime.combine(day, time(NIGHT_END), LOCAL_TZ).astimezone(UTC)


def next_midnight(moment: datetime) -> datetime:
    """The next 00:00 in Vietnam (Zalo's quota day starts again), as aware UTC."""
    day = moment.astimezone(LOCAL_TZ).date() + timedelta(days=1)
    return datetime.combine(day, time(0), LOCAL_TZ).astimezone(UTC)


def _local_text(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def _oa_state() -> tuple[bool, datetime | None]:
    """Whether the OA can send (connected, its token not lost), and until when its ZNS
    quota is known to be spent (None: not known to be)."""
    row = db.session.execute(
        sa.select(ZaloOAState.refresh_token, ZaloOAState.refresh_failed_at,
                  ZaloOAState.zns_quota_until).where(ZaloOAState.id == 1)).first()
    if row is None:
        return False, None
    until = row.zns_quota_until
    return (bool(row.refresh_token) and row.refresh_failed_at is None,
            until if until and until > clock.now() else None)


def remember_quota_spent(moment: datetime) -> datetime:
    """Skip ZNS until the next midnight in Vietnam (a unit of work of its own: the sender's
    outcome comes after it). Returns that moment."""
    until = next_midnight(moment)
    with unit_of_work():
        db.session.execute(sa.update(ZaloOAState).where(ZaloOAState.id == 1)
                           .values(zns_quota_until=until))
    return until


# --- the sender ------------------------------------------------------------------------------
def _deferred_to_morning(moment: datetime) -> Deferred:
    until = morning_after(moment)
    return Deferred(messages.ZNS_NIGHT.format(until=_local_text(until)), until)


def _failure(exc: ZaloError, moment: datetime) -> SendResult:
    """Map a Zalo error of a ZNS send: a final result, or raise Deferred / TransientError."""
    details = {"code": exc.code, "message": exc.message}
    kind = exc.kind
    if kind == "quota":
        until = remember_quota_spent(moment)
        log.warning("ZNS quota spent (%s): ZNS skipped until %s", exc.code, until.isoformat())
        return SendResult("unreachable", messages.ZNS_QUOTA.format(**details))
    if kind == "unreachable":
        return SendResult("unreachable", messages.ZNS_UNREACHABLE.format(**details))
    if kind == "night":
        until = morning_after(moment)
        if not in_night(moment):  # the clocks disagree around 06:00 or 22:00
            local_hour = moment.astimezone(LOCAL_TZ).hour
            until = moment + SKEW_RETRY if local_hour < 12 else until
        raise Deferred(messages.ZNS_NIGHT.format(until=_local_text(until)), until)
    if kind == "transient":
        raise TransientError(messages.ZNS_TRANSIENT.format(**details))
    if kind == "token":
        raise TransientError(messages.ZNS_TOKEN.format(**details), retry_after=300)
    if kind == "phone":
        return SendResult("failed", messages.ZNS_BAD_PHONE.format(**details))
    if kind == "template":
        return SendResult("failed", messages.ZNS_BAD_TEMPLATE.format(**details))
    if kind == "template_data":
        return SendResult("failed", messages.ZNS_BAD_DATA.format(**details))
    return SendResult("failed", messages.ZNS_REFUSED.format(**details))


def send(delivery: Delivery) -> SendResult:
    """The outbox sender of channel ``zns``: one template message."""
    delivery_id, kind = delivery.id, delivery.kind
    recipient, payload = delivery.recipient, dict(delivery.payload or {})
    template = templates().get(kind)
    if template is None:
        return SendResult("unreachable", messages.ZNS_NO_TEMPLATE.format(kind=kind))
    phone = zns_phone(recipient)
    if phone is None:
        return SendResult("unreachable", messages.ZNS_NOT_MOBILE)
    moment = clock.now()
    if in_night(moment):
        raise _deferred_to_morning(moment)
    with unit_of_work():  # read alone: no transaction is held across the HTTP call
        connected, spent = _oa_state()
    if not connected:  # a lost token needs an administrator: do not wait for them
        return SendResult("failed", messages.ZNS_NOT_CONNECTED)
    if spent is not None:
        return SendResult("unreachable", messages.ZNS_QUOTA_SPENT.format(
            until=_local_text(spent)))
    template_id = str(template["template_id"])
    try:
        ratelimit.acquire()
        sent = client.send_zns(phone, template_id, template_data(template, payload),
                               tracking_id(delivery_id))
    except ZaloError as exc:
        return _failure(exc, moment)
    if sent.remaining_quota == 0:  # this one went out; the next would be refused
        remember_quota_spent(moment)
    return SendResult("sent", external_id=sent.msg_id, info={
        "template_id": template_id, "tracking_id": tracking_id(delivery_id),
        "remaining_quota": sent.remaining_quota})


# --- delivery events -------------------------------------------------------------------------
def is_receipt(body: dict[str, Any]) -> bool:
    """A ZNS delivery event (``user_received_message`` with a ``tracking_id``); the same
    event for OA chat messages has none."""
    message = body.get("message")
    return (body.get("event_name") == RECEIPT_EVENT and isinstance(message, dict)
            and bool(message.get("tracking_id")))


def receipt_payload(body: dict[str, Any]) -> dict[str, Any]:
    """What is kept of a delivery event: no phone number."""
    message = body["message"]
    return {"event_name": RECEIPT_EVENT, "app_id": body.get("app_id"),
            "timestamp": body.get("timestamp"),
            "message": {k: str(message[k]) for k in ("msg_id", "tracking_id", "delivery_time")
                        if message.get(k) is not None}}


def _delivery_time(message: dict[str, Any]) -> datetime | None:
    try:
        millis = int(str(message.get("delivery_time")))
    except (TypeError, ValueError):
        return None
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    return moment if abs(moment - clock.now()) < timedelta(days=30) else None


def _still_sending(tracking: str) -> bool:
    """Whether the delivery named by a tracking id is being sent right now (the event came
    before the send was recorded)."""
    if not re.fullmatch(r"d\d{1,18}", tracking):
        return False
    row = db.session.execute(sa.select(Delivery.channel, Delivery.status)
                             .where(Delivery.id == int(tracking[1:]))).first()
    return row is not None and row.channel == CHANNEL and row.status == "sending"


def process_receipt(event_id: int) -> str | None:
    """Mark the delivery a stored delivery event names as delivered (idempotent); an event
    for a message we do not know is dropped. Returns the event's status. A unit of work."""
    with unit_of_work():
        event = db.session.get(ZaloEvent, event_id)
        if event is None or event.status != "pending":
            return event.status if event else None
        message = (event.payload or {}).get("message") or {}
        msg_id = str(message.get("msg_id") or "")
        found = bool(msg_id) and outbox.mark_delivered(CHANNEL, msg_id,
                                                        _delivery_time(message))
        if not found and _still_sending(str(message.get("tracking_id") or "")):
            return "pending"  # nothing changed; the Zalo sweep offers it again in a while
        if not found:
            log.info("ZNS delivery event %s names no sent delivery; ignored", event_id)
        event.status, event.processed_at = "processed", clock.now()
    return event.status
