"""The SMS gateway interface and the outbox sender of channel ``sms``.

A gateway (``smpp.SmppGateway`` or ``http_api.HttpGateway``, chosen by ``SMS_ADAPTER``) takes
one :class:`Outgoing` message and returns the provider's message id; it raises
:class:`Rejected` for a permanent refusal and ``outbox.TransientError`` for anything worth
retrying. The app keeps one gateway per process (``app.extensions["sms_gateway"]``).

:func:`send` renders the delivery (``compose``), lets go of the database transaction, calls
the gateway, and reports the segments and encoding with the outcome.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from flask import Flask, current_app

from core import phones
from core.db import unit_of_work
from core.models import Delivery
from core.outbox import SendResult
from integrations.sms import compose, gsm, messages

log = logging.getLogger(__name__)
EXTENSION = "sms_gateway"


@dataclass(frozen=True)
class Outgoing:
    """One SMS to submit: ``phone`` in international digits (``84…``), the final text and
    its encoding, and ``reference`` (the delivery id, for the provider's idempotency)."""

    reference: str
    phone: str
    text: str
    encoding: str
    segments: int

    @property
    def unicode(self) -> bool:
        """Whether the text goes out as UCS-2."""
        return self.encoding == gsm.UCS2


class Rejected(Exception):
    """The provider refused the message for good (invalid number, bad sender, …)."""


class Gateway(Protocol):
    """What an adapter offers the sender."""

    name: str

    def submit(self, message: Outgoing) -> str | None:
        """Hand over one message; the provider's id for it (delivery receipts use it)."""

    def apply_receipts(self) -> None:
        """Record the delivery receipts received so far (SMPP; nothing for HTTP)."""

    def close(self) -> None:
        """Release connections (shutdown, tests)."""


def gateway(app: Flask | None = None) -> Gateway | None:
    """This process's gateway, if SMS is on."""
    return (app or current_app).extensions.get(EXTENSION)


def destination(recipient: str) -> str | None:
    """The recipient as SMS destination digits (``+84912345678`` → ``84912345678``)."""
    e164 = phones.to_e164(recipient or "")
    return e164[1:] if e164 else None


def send(delivery: Delivery) -> SendResult:
    """The outbox sender of channel ``sms``."""
    config = current_app.config
    with unit_of_work():  # reads alone: no transaction stays open while the provider is called
        composed = compose.compose(delivery.kind, delivery.payload or {},
                                   unicode=bool(config["SMS_UNICODE"]),
                                   max_segments=int(config["SMS_MAX_SEGMENTS"]))
        info = {"segments": composed.segments, "encoding": composed.encoding}
        phone = destination(delivery.recipient)
        message = Outgoing(str(delivery.id), phone or "", composed.text, composed.encoding,
                           composed.segments)
    if phone is None:
        return SendResult("failed", messages.NO_PHONE)
    if not composed.text.strip():
        return SendResult("failed", messages.EMPTY_TEXT)
    active = gateway()
    try:
        external_id = active.submit(message)
    except Rejected as exc:
        return SendResult("failed", str(exc), info=info)
    finally:
        _apply_receipts(active)
    return SendResult("sent", external_id=external_id, info=info)


def _apply_receipts(active: Gateway) -> None:
    try:
        active.apply_receipts()  # a unit of work of its own, rolled back if it fails
    except Exception:
        log.exception("could not record SMS delivery receipts")
