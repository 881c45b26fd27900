"""Background job of the SMS channel: reading SMPP delivery receipts between sends."""

from __future__ import annotations

from celery import shared_task

from integrations.sms.gateway import gateway
from integrations.sms.smpp import SmppGateway


@shared_task(name="sms.poll_receipts", ignore_result=True)
def poll_receipts() -> int:
    """Read what the SMSC sent on the link and mark receipted deliveries ``delivered``;
    returns how many receipts were waiting (0 when SMS is not on SMPP)."""
    active = gateway()
    if not isinstance(active, SmppGateway):
        return 0
    count = active.poll()
    active.apply_receipts()
    return count
