"""Exchange with the provincial source information system (Hệ thống thông tin nguồn).

The national interface is not public, so the domain speaks to an **adapter** chosen by
``SOURCE_SYSTEM_ADAPTER``; integrations register adapters by name (the shipped one is
``json-hmac``, see ``docs/source-system.md``). Everything outbound is an outbox delivery on
channel ``source_system`` written in the transaction that causes it, so a partner outage
loses nothing and retries with back-off:

- ``notice``: a notice published here (again, as an update, once its audio is ready);
- ``withdraw``: a published notice taken down;
- ``statistics``: the periodic report for a day.

Inbound items (the province issuing news for our communes) come through the adapter and
:func:`receive`: each becomes a notice of the target unit, waiting for local approval or
published at once (``SOURCE_SYSTEM_INBOUND_MODE``).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any, Protocol

import sqlalchemy as sa
from flask import Flask, current_app

from core import clock, outbox
from core.db import db, flush
from core.errors import UserValueError
from core.models import Delivery
from core.urls import public_url
from directory.models import AdminUnit, StaffUser
from notices import service as notices_service
from notices.html import to_text
from notices.models import Notice
from notices.schemas import PublicNoticeSchema
from notices.verification import service as verification
from radio import messages
from radio.models import NoticeAudio, SourceItem
from radio.service import audio_of, day_bounds

log = logging.getLogger(__name__)

CHANNEL = "source_system"
_RECEIVING = "radio.source.receiving"
_PUBLIC_NOTICE = PublicNoticeSchema()  # the public JSON the signature is checked against


class SourceAdapter(Protocol):
    """What a vendor adapter implements. Each call raises ``core.outbox.TransientError``
    for a failure worth retrying and returns ``core.outbox.SendResult`` otherwise;
    ``message_id`` is stable across retries (the receiver de-duplicates on it)."""

    name: str

    def push_notice(self, payload: dict[str, Any], message_id: str) -> outbox.SendResult:
        """Send a published notice (create or update, by its ``id``)."""

    def withdraw_notice(self, payload: dict[str, Any], message_id: str) -> outbox.SendResult:
        """Tell the province a notice was withdrawn."""

    def report_statistics(self, payload: dict[str, Any],
                          message_id: str) -> outbox.SendResult:
        """Send a periodic statistics report."""


Factory = Callable[[Mapping[str, Any]], SourceAdapter]
_EXTENSION = "source_adapters"


def register_adapter(app: Flask, name: str, factory: Factory) -> None:
    """Make an adapter available under ``name`` in ``app``."""
    app.extensions.setdefault(_EXTENSION, {})[name] = factory


def _adapters() -> dict[str, Factory]:
    return current_app.extensions.setdefault(_EXTENSION, {})


def enabled() -> bool:
    """Whether an adapter and the province are configured."""
    config = current_app.config
    return bool(config["SOURCE_SYSTEM_ADAPTER"] and config["SOURCE_SYSTEM_PROVINCE"]
                and config["SOURCE_SYSTEM_ADAPTER"] in _adapters())


def adapter() -> SourceAdapter:
    """The configured adapter."""
    name = current_app.config["SOURCE_SYSTEM_ADAPTER"]
    return _adapters()[name](current_app.config)


def send(delivery: Delivery) -> outbox.SendResult:
    """Outbox sender of channel ``source_system``: hand the payload to the adapter."""
    if not enabled():
        raise outbox.TransientError("source system not configured")
    target = adapter()
    if delivery.kind == "notice":
        return target.push_notice(delivery.payload, delivery.idempotency_key)
    if delivery.kind == "withdraw":
        return target.withdraw_notice(delivery.payload, delivery.idempotency_key)
    if delivery.kind == "statistics":
        return target.report_statistics(delivery.payload, delivery.idempotency_key)
    return outbox.SendResult("unreachable", f"unknown kind {delivery.kind}")


# --- outbound -----------------------------------------------------------------------------------
def external_id(notice: Notice) -> str:
    """Our stable identifier of a notice series for the province."""
    return f"{current_app.config['NOTICES_CAP_ID_PREFIX']}.{notice.unit_code}.{notice.series_id}"


def notice_payload(notice: Notice, audio: NoticeAudio | None, revision: int) -> dict[str, Any]:
    """A notice as the source system receives it (public information only). ``revision``
    grows with each message about the same notice version: receivers keep the highest,
    as retries may deliver messages out of order."""
    sound = None
    if audio is not None and audio.status == "ready":
        sound = {
            "url": public_url("radio_public.audio_file", notice_id=notice.id),
            "sha256": audio.sha256,
            "content_type": audio.content_type,
            "size": audio.size,
            "duration": audio.duration,
        }
    return {
        "id": external_id(notice),
        "version": notice.version,
        "revision": revision,
        "unit": {"code": notice.unit_code, "name": notice.unit.name},
        "title": notice.title,
        "summary": notice.summary,
        "text": to_text(notice.body),
        "category": notice.category,
        "priority": notice.priority,
        "risk_level": notice.risk_level,
        "targets": notice.target_codes,
        "valid_from": clock.isoformat_local(notice.publish_at or notice.published_at),
        "valid_until": clock.isoformat_local(notice.expires_at),
        "published_at": clock.isoformat_local(notice.published_at),
        "audio": sound,
        # The notice as our public JSON shows it, with its Ed25519 signature: the province
        # verifies it against /.well-known/thongtin-keys.json before accepting it
        # (docs/source-system.md, notices/verification/signing.py).
        "verification_code": verification.display(notice.verification_code),
        "signed_notice": _PUBLIC_NOTICE.dump(notice),
    }


def _in_province(unit: AdminUnit) -> bool:
    return unit.province_code == current_app.config["SOURCE_SYSTEM_PROVINCE"]


def _received(notice: Notice) -> bool:
    """Notices that came from the source system are not sent back to it."""
    if db.session.info.get(_RECEIVING):
        return True
    return db.session.scalar(sa.select(SourceItem.id).where(
        SourceItem.series_id == notice.series_id).limit(1)) is not None


def _queue_notice(notice: Notice, audio: NoticeAudio | None, key: str) -> None:
    if db.session.scalar(sa.select(Delivery.id).where(Delivery.idempotency_key == key)):
        return
    revision = 1 + db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.channel == CHANNEL, Delivery.kind == "notice",
        Delivery.subject_type == "notice", Delivery.subject_id == notice.id))
    outbox.queue(CHANNEL, current_app.config["SOURCE_SYSTEM_PROVINCE"], "notice",
                 notice_payload(notice, audio, revision), key=key, subject=("notice", notice.id))


def on_published(notice: Notice) -> None:
    """Notices signal: push what we publish (inside the publishing transaction)."""
    if not enabled() or not _in_province(notice.unit) or _received(notice):
        return
    _queue_notice(notice, audio_of(notice), f"source:notice:{notice.id}")


def on_withdrawn(notice: Notice) -> None:
    """Notices signal: tell the province a pushed notice was withdrawn."""
    if not enabled() or not _in_province(notice.unit) or _received(notice):
        return
    key = f"source:withdraw:{notice.id}"
    payload = {"id": external_id(notice), "version": notice.version,
               "reason": notice.withdraw_reason,
               "withdrawn_at": clock.isoformat_local(notice.ended_at)}
    outbox.queue(CHANNEL, current_app.config["SOURCE_SYSTEM_PROVINCE"], "withdraw", payload,
                 key=key, subject=("notice", notice.id))


def on_audio_ready(_app, audio: NoticeAudio) -> None:
    """Receiver of ``radio.signals.audio_ready``: push the notice again with its audio
    (still published ones only)."""
    notice = audio.notice
    if (not enabled() or notice.status != "published" or not _in_province(notice.unit)
            or _received(notice)):
        return
    _queue_notice(notice, audio, f"source:notice:{notice.id}:audio:{audio.sha256[:16]}")


# --- inbound ------------------------------------------------------------------------------------
def _system_account(province_code: str) -> StaffUser:
    """The inactive account that authors notices received from the source system."""
    username = f"httt-nguon-{province_code}"
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
    if user is None:
        user = StaffUser(username=username, full_name=messages.SOURCE_SYSTEM_ACCOUNT,
                         role="viewer", unit_code=province_code, is_active=False)
        db.session.add(user)
        db.session.flush()
    return user


def _html(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def receive(item: dict[str, Any]) -> list[SourceItem]:
    """Turn an item issued by the province into notices of its target units (one unit of
    work). Idempotent by (item id, unit): a repeated item returns what it became."""
    config = current_app.config
    province = config["SOURCE_SYSTEM_PROVINCE"]
    publish = config["SOURCE_SYSTEM_INBOUND_MODE"] == "publish"
    moment = clock.now()
    if item.get("valid_until") and item["valid_until"] <= moment:
        raise UserValueError(messages.SOURCE_EXPIRED,
                             {"valid_until": [messages.SOURCE_EXPIRED]})
    units = []
    for code in dict.fromkeys(item["targets"]):
        unit = db.session.get(AdminUnit, code) if code.isdigit() else None
        if unit is None or unit.province_code != province:
            text = messages.SOURCE_TARGET_UNKNOWN.format(code=code)
            raise UserValueError(text, {"targets": [text]})
        units.append(unit)
    results = []
    db.session.info[_RECEIVING] = True
    try:
        author = _system_account(province)
        for unit in units:
            existing = db.session.scalar(sa.select(SourceItem).where(
                SourceItem.source_id == item["id"], SourceItem.unit_code == unit.code))
            if existing is not None:
                results.append(existing)
                continue
            data = {"title": item["title"], "summary": item.get("summary") or item["title"],
                    "body": _html(item["text"]), "category": item["category"],
                    "priority": item["priority"], "risk_level": item.get("risk_level"),
                    "publish_at": item.get("valid_from"), "expires_at": item.get("valid_until"),
                    "targets": [unit.code]}
            note = messages.SOURCE_RECEIVED_NOTE.format(issuer=item["issuer"],
                                                        source_id=item["id"])[:500]
            notice = notices_service.receive_external(data, unit, author, publish, note)
            row = SourceItem(source_id=item["id"], unit_code=unit.code, notice_id=notice.id,
                             series_id=notice.series_id, issuer=item["issuer"],
                             mode="publish" if publish else "approval", received_at=moment)
            db.session.add(row)
            results.append(row)
        flush()
    finally:
        db.session.info.pop(_RECEIVING, None)
    return results


# --- statistics ---------------------------------------------------------------------------------
def statistics(province_code: str, day: date) -> dict[str, Any]:
    """What the province is told about a local day: per unit, notices published by
    priority, spoken versions and their minutes, items received, feedback received and
    answered. Counts only: no personal data."""
    from feedback.models import Feedback

    start, end = day_bounds(day)
    units: dict[str, dict[str, Any]] = {}

    def row(code: str) -> dict[str, Any]:
        return units.setdefault(code, {
            "code": code, "notices_published": {"normal": 0, "priority": 0, "emergency": 0},
            "audio_items": 0, "audio_seconds": 0.0, "received_items": 0,
            "feedback_received": 0, "feedback_answered": 0})

    in_province = sa.select(AdminUnit.code).where(sa.or_(
        AdminUnit.code == province_code, AdminUnit.parent_code == province_code))
    for code, priority, count in db.session.execute(
            sa.select(Notice.unit_code, Notice.priority, sa.func.count())
            .where(Notice.unit_code.in_(in_province), Notice.published_at >= start,
                   Notice.published_at < end)
            .group_by(Notice.unit_code, Notice.priority)):
        row(code)["notices_published"][priority] = count
    for code, count, total in db.session.execute(
            sa.select(Notice.unit_code, sa.func.count(), sa.func.sum(NoticeAudio.duration_ms))
            .join(Notice, Notice.id == NoticeAudio.notice_id)
            .where(Notice.unit_code.in_(in_province), NoticeAudio.status == "ready",
                   NoticeAudio.ready_at >= start, NoticeAudio.ready_at < end)
            .group_by(Notice.unit_code)):
        row(code)["audio_items"] = count
        row(code)["audio_seconds"] = round((total or 0) / 1000, 1)
    for code, count in db.session.execute(
            sa.select(SourceItem.unit_code, sa.func.count())
            .where(SourceItem.unit_code.in_(in_province), SourceItem.received_at >= start,
                   SourceItem.received_at < end)
            .group_by(SourceItem.unit_code)):
        row(code)["received_items"] = count
    for code, count in db.session.execute(
            sa.select(Feedback.unit_code, sa.func.count())
            .where(Feedback.unit_code.in_(in_province), Feedback.created_at >= start,
                   Feedback.created_at < end)
            .group_by(Feedback.unit_code)):
        row(code)["feedback_received"] = count
    for code, count in db.session.execute(
            sa.select(Feedback.unit_code, sa.func.count())
            .where(Feedback.unit_code.in_(in_province), Feedback.answered_at >= start,
                   Feedback.answered_at < end)
            .group_by(Feedback.unit_code)):
        row(code)["feedback_answered"] = count
    return {"province": province_code, "period": {"from": day.isoformat(),
                                                  "to": day.isoformat()},
            "generated_at": clock.isoformat_local(clock.now()),
            "units": sorted(units.values(), key=lambda r: r["code"])}


def queue_statistics(day: date | None = None) -> int | None:
    """Queue the statistics report of a local day (yesterday by default), once per day."""
    if not enabled():
        return None
    province = current_app.config["SOURCE_SYSTEM_PROVINCE"]
    day = day or (clock.to_local(clock.now()).date() - timedelta(days=1))
    key = f"source:statistics:{province}:{day.isoformat()}"
    if db.session.scalar(sa.select(Delivery.id).where(Delivery.idempotency_key == key)):
        return None
    delivery_id = outbox.queue(CHANNEL, province, "statistics", statistics(province, day),
                               key=key, subject=None)
    flush()
    return delivery_id

