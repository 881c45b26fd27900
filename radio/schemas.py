"""Staff and radio-controller views of spoken versions and programmes."""

from __future__ import annotations

import math
from typing import Any

from marshmallow import fields

from core.clock import isoformat_local
from core.urls import public_url
from core.models import AdminUnit
from core.schemas import BaseSchema
from notices import messages as notice_messages
from radio import messages
from radio.models import NoticeAudio
from radio.service import ProgrammeItem


class ProgrammeArgsSchema(BaseSchema):
    """``?date=YYYY-MM-DD`` (today in Vietnam when absent)."""

    date = fields.Date(format="%Y-%m-%d", error_messages={"invalid": messages.BAD_DATE})


def dump_audio(audio: NoticeAudio) -> dict[str, Any]:
    """Staff view of a spoken version."""
    ready = audio.status == "ready"
    return {
        "notice_id": audio.notice_id,
        "status": audio.status,
        "status_label": messages.AUDIO_STATUS_LABELS[audio.status],
        "engine": audio.engine,
        "voice": audio.voice,
        "content_type": audio.content_type if ready else None,
        "size": audio.size if ready else None,
        "sha256": audio.sha256 if ready else None,
        "duration": audio.duration if ready else None,
        "characters": audio.chars if ready else None,
        "error": audio.error,
        "requested_at": isoformat_local(audio.requested_at),
        "ready_at": isoformat_local(audio.ready_at),
        "download": (public_url("radio_staff.staff_audio_file", notice_id=audio.notice_id)
                     if ready else None),
    }


def _audio_url(item: ProgrammeItem) -> str:
    return public_url("radio_public.audio_file", notice_id=item.notice.id)


def dump_programme(unit: AdminUnit, day, items: list[ProgrammeItem]) -> dict[str, Any]:
    """The programme as JSON for radio controllers."""
    total = sum(i.audio.duration for i in items if i.audio is not None)
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "date": day.isoformat(),
        "title": messages.PROGRAMME_TITLE.format(unit=unit.name, day=day.strftime("%d/%m/%Y")),
        "total_duration": round(total, 3),
        "items": [{
            "position": n,
            "notice_id": i.notice.id,
            "version": i.notice.version,
            "title": i.notice.title,
            "category": i.notice.category,
            "priority": i.notice.priority,
            "priority_label": notice_messages.PRIORITY_LABELS[i.notice.priority],
            "play": i.play,
            "play_label": messages.PLAY_LABELS[i.play],
            "published_at": isoformat_local(i.notice.published_at),
            "expires_at": isoformat_local(i.notice.expires_at),
            "start": i.start,
            "duration": i.audio.duration if i.audio else None,
            "audio": ({"url": _audio_url(i), "content_type": i.audio.content_type,
                       "sha256": i.audio.sha256, "size": i.audio.size}
                      if i.audio else None),
        } for n, i in enumerate(items, start=1)],
    }


def m3u(unit: AdminUnit, day, items: list[ProgrammeItem]) -> str:
    """Extended M3U (UTF-8) of the items that have audio, in programme order."""
    title = messages.PROGRAMME_TITLE.format(unit=unit.name, day=day.strftime("%d/%m/%Y"))
    lines = ["#EXTM3U", "#EXTENC:UTF-8", f"#PLAYLIST:{title}"]
    for item in items:
        if item.audio is None:
            continue
        label = notice_messages.PRIORITY_LABELS[item.notice.priority]
        name = " ".join(item.notice.title.split())
        lines.append(f"#EXTINF:{math.ceil(item.audio.duration)},[{label}] {name}")
        lines.append(_audio_url(item))
    return "\n".join(lines) + "\n"
