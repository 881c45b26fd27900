"""Radio use cases: the spoken version of a notice, and a commune's programme for a day.

Synthesis runs as a Celery task after the commit that asks for it (staff request, or the
publication of an emergency notice). Each public function is one unit of work.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

import directory
from core import clock, storage
from core.db import after_commit, after_rollback, db, flush, unit_of_work
from core.errors import Conflict, Forbidden
from directory.models import StaffUser
from notices import public
from notices.access import get_scoped
from notices.html import to_text
from notices.models import PRIORITY_RANK, Notice, NoticeTarget
from notices.verification import messages as verification_messages
from notices.verification import service as verification
from radio import engines, messages, signals
from radio.models import NoticeAudio
from radio.speech import prepare

log = logging.getLogger(__name__)

STALE_WORK = timedelta(minutes=10)  # a "working" job older than this was lost (crash)
PLAY = {"emergency": "immediately", "priority": "ahead", "normal": "scheduled"}


def spoken_text(notice: Notice) -> str:
    """What the loudspeaker says: the kind of notice, its title, then its text."""
    title = notice.title.strip()
    if title and title[-1] not in ".!?:":
        title += "."
    lead = messages.SPOKEN_EMERGENCY if notice.is_emergency else ""
    code = (verification_messages.CODE_SPOKEN.format(
        letters=verification.spoken(notice.verification_code))
        if notice.verification_code else "")
    raw = "\n".join(part for part in (lead, title, to_text(notice.body), code) if part)
    return prepare(raw, zero_ten=current_app.config["RADIO_ZERO_TEN"])


def text_digest(text: str) -> str:
    """SHA-256 of the prepared text (tells whether a stored audio is still current)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _enqueue(audio_id: int) -> None:
    task = current_app.extensions["celery"].tasks["radio.synthesise"]
    try:
        task.delay(audio_id)
    except Exception as exc:  # noqa: BLE001 - broker errors vary; the sweep retries
        log.warning("could not enqueue synthesis %s: %s", audio_id, type(exc).__name__)


def ensure_audio(notice: Notice, actor: StaffUser | None) -> NoticeAudio:
    """Make sure a current spoken version exists or is on its way (flush only).

    A ready audio of the same text and engine is kept; a pending or running job is left
    alone; anything else (failed, outdated, engine changed) is requested again.
    """
    engine = current_app.config["RADIO_TTS_ENGINE"]
    digest = text_digest(spoken_text(notice))
    audio = db.session.scalar(sa.select(NoticeAudio).where(NoticeAudio.notice_id == notice.id))
    moment = clock.now()
    if audio is not None:
        if audio.status == "ready" and audio.text_sha256 == digest and audio.engine == engine:
            return audio
        if audio.status == "pending" or (audio.status == "working"
                                         and audio.requested_at > moment - STALE_WORK):
            return audio
    else:
        audio = NoticeAudio(notice_id=notice.id, engine=engine)
        db.session.add(audio)
    audio.status = "pending"
    audio.engine = engine
    audio.error = None
    audio.attempts = 0
    audio.requested_at = moment
    audio.requested_by_id = actor.id if actor else None
    db.session.flush()
    audio_id = audio.id
    after_commit(lambda: _enqueue(audio_id))
    return audio


def request_audio(notice_id: int, actor: StaffUser) -> NoticeAudio:
    """Staff ask for the spoken version of a published notice."""
    if actor.role == "viewer":
        raise Forbidden(messages.READ_ONLY)
    notice = get_scoped(notice_id, actor, for_update=True)
    if notice.status != "published":
        raise Conflict(messages.NOT_PUBLISHED)
    audio = ensure_audio(notice, actor)
    flush()
    return audio


def audio_of(notice: Notice) -> NoticeAudio | None:
    """The audio row of a notice version, if any."""
    return db.session.scalar(sa.select(NoticeAudio).where(NoticeAudio.notice_id == notice.id))


def _claim(audio_id: int) -> bool:
    """Take the request, in a unit of work of its own (committed before the engine runs)."""
    moment = clock.now()
    with unit_of_work():
        claimed = db.session.execute(
            sa.update(NoticeAudio)
            .where(NoticeAudio.id == audio_id,
                   sa.or_(NoticeAudio.status == "pending",
                          sa.and_(NoticeAudio.status == "working",
                                  NoticeAudio.requested_at <= moment - STALE_WORK)))
            .values(status="working", attempts=NoticeAudio.attempts + 1, requested_at=moment)
            .execution_options(synchronize_session=False)).rowcount
    return bool(claimed)


def synthesise(audio_id: int) -> str | None:
    """Produce and store the audio of one request; returns its new status.

    Idempotent: a request that is ready, failed or being worked on elsewhere is left alone.
    A job of steps, each a unit of work of its own: the claim, then (after the engine) the
    outcome.
    """
    if not _claim(audio_id):
        audio = db.session.get(NoticeAudio, audio_id)
        return audio.status if audio else None
    audio = db.session.get(NoticeAudio, audio_id, populate_existing=True)
    notice = audio.notice
    text = spoken_text(notice)
    try:
        engine = engines.current()
        result = engine.synthesise(text)
    except engines.EngineError as exc:
        log.error("synthesis of notice %s failed: %s", notice.id, exc)
        with unit_of_work():
            audio.status = "failed"
            audio.error = str(exc)[:500]
        return audio.status
    stored = storage.save(result.data, result.ext)
    old_key = audio.storage_key
    with unit_of_work():
        after_rollback(lambda: storage.delete(stored.key))  # the file of a version not kept
        audio.status = "ready"
        audio.engine = engine.name
        audio.voice = engine.voice
        audio.text_sha256 = text_digest(text)
        audio.chars = len(text)
        audio.storage_key = stored.key
        audio.content_type = result.content_type
        audio.size = stored.size
        audio.sha256 = stored.sha256
        audio.duration_ms = round(result.duration * 1000)
        audio.ready_at = clock.now()
        audio.error = None
        signals.audio_ready.send(current_app._get_current_object(), audio=audio)
    if old_key:
        storage.delete(old_key)
    return audio.status


def sweep() -> int:
    """Re-enqueue synthesis requests that were never started or whose worker died."""
    moment = clock.now()
    ids = db.session.scalars(sa.select(NoticeAudio.id).where(sa.or_(
        NoticeAudio.status == "pending",
        sa.and_(NoticeAudio.status == "working",
                NoticeAudio.requested_at <= moment - STALE_WORK)))).all()
    for audio_id in ids:
        _enqueue(audio_id)
    return len(ids)


def on_published(notice: Notice) -> None:
    """Notices signal: emergency notices are synthesised automatically on publication."""
    if notice.is_emergency and current_app.config["RADIO_AUTO_EMERGENCY"]:
        ensure_audio(notice, None)


# --- programme ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgrammeItem:
    """One notice in a day's programme, with its audio if it has one."""

    notice: Notice
    audio: NoticeAudio | None
    play: str
    start: float | None  # seconds from the start of the programme (items with audio)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Start and end of a local (Asia/Ho_Chi_Minh) day, in UTC."""
    start = datetime.combine(day, time.min, tzinfo=clock.LOCAL_TZ)
    return start, start + timedelta(days=1)


def programme(unit_code: str, day: date) -> tuple[Any, list[ProgrammeItem]]:
    """The ordered programme of a unit for a local day (TT 39/2020 priorities).

    Items are the notices published for the unit (its own and its province's) that are in
    force during the day: emergency first (play immediately), then priority (ahead within
    the programme), then normal; within each level by publication time, oldest first.
    """
    unit = directory.get_unit(unit_code)
    codes = public.audience_codes(unit)
    start, end = day_bounds(day)
    rank = sa.case({p: r for p, r in PRIORITY_RANK.items()}, value=Notice.priority, else_=9)
    rows = db.session.execute(
        sa.select(Notice, NoticeAudio)
        .outerjoin(NoticeAudio, sa.and_(NoticeAudio.notice_id == Notice.id,
                                        NoticeAudio.status == "ready"))
        .where(Notice.status == "published",
               Notice.id.in_(sa.select(NoticeTarget.notice_id)
                             .where(NoticeTarget.unit_code.in_(codes))),
               Notice.published_at < end,
               sa.or_(Notice.expires_at.is_(None), Notice.expires_at > start))
        .order_by(rank, Notice.published_at, Notice.id)).all()
    items, offset = [], 0.0
    for notice, audio in rows:
        begins = None
        if audio is not None:
            begins = round(offset, 3)
            offset += audio.duration
        items.append(ProgrammeItem(notice=notice, audio=audio, play=PLAY[notice.priority],
                                   start=begins))
    return unit, items
