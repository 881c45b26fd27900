"""How a citizen is told about their item: the routes their choice and contact data allow
(``notify_routes``, kept on the item at intake), and the messages queued on them."""

from __future__ import annotations

from typing import Any

from core import outbox
from core.codes import display_code
from feedback import intake, messages
from feedback.models import NOTIFY_CHOICES, Feedback


def notify_routes(choice: str | None, *, zalo_user_id: str | None, phone: str | None,
                  email: str | None) -> list[str] | None:
    """The channels on which a citizen can be told, in order: what they chose first, then
    the others their contact data allows (each is a fallback when the one before fails)."""
    available = [channel for channel, address in (
        ("zalo", zalo_user_id), ("zns", phone), ("sms", phone), ("email", email)) if address]
    preferred = [c for c in NOTIFY_CHOICES.get(choice or "", ()) if c in available]
    ordered = preferred + [c for c in available if c not in preferred]
    return ordered or None


def _recipient(item: Feedback, channel: str) -> str | None:
    return {"zalo": item.zalo_user_id, "zns": item.reporter_phone,
            "sms": item.reporter_phone, "email": item.reporter_email}.get(channel)


def citizen_routes(item: Feedback, at_their_request: bool = False) -> list[outbox.Route]:
    """The routes on which the citizen can be told about their item, in order (none while
    the citizen has restricted the processing of their contact data, except for what they
    ask for themselves, ``at_their_request``: a code proving they own the item).

    Channels this deployment cannot send on are left out, unless none of them can: then the
    delivery fails with its reason, visibly, instead of waiting for a sender.
    """
    if item.contact_restricted_at is not None and not at_their_request:
        return []
    channels = item.notify_routes or notify_routes(
        None, zalo_user_id=item.zalo_user_id, phone=item.reporter_phone,
        email=item.reporter_email) or []
    routes = [outbox.Route(c, r) for c in channels if (r := _recipient(item, c))]
    usable = [route for route in routes if outbox.has_sender(route.channel)]
    return usable or routes


def notify_citizen(item: Feedback, event_id: int, kind: str, text: str,
                   **params: Any) -> None:
    """Queue a message to the citizen about an event of theirs, on their routes in order."""
    receipt = message(item, kind, text, **params)
    if receipt is not None:
        outbox.queue(receipt.routes, None, kind, receipt.payload,
                     key=intake.message_key(item.id, event_id, receipt.routes[0].channel),
                     subject=("feedback", item.id))


def message(item: Feedback, kind: str, text: str, **params: Any) -> intake.CitizenMessage | None:
    """The message to the citizen about their item (its code, status and ``text`` plus the
    non-empty ``params``) with its routes, or None when there is no route to them."""
    routes = citizen_routes(item)
    if not routes:
        return None
    payload = {"tracking_code": item.tracking_code, "code": display_code(item.tracking_code),
               "status": item.status, "status_label": messages.STATUS_LABELS[item.status],
               "text": text}
    payload.update({k: v for k, v in params.items() if v is not None})
    return intake.CitizenMessage(routes, kind, payload)


