"""Staff and radio-controller views of spoken versions and programmes."""

from __future__ import annotations

import math
from typing import Any

from marshmallow import fields

from core.schemas import BaseSchema, Label, LocalDateTime, Part, computed
from core.urls import public_url
from directory.models import AdminUnit
from notices import messages as notices_messages
from radio import messages
from radio.models import NoticeAudio
from radio.service import ProgrammeItem


class ProgrammeArgsSchema(BaseSchema):
    """``?date=YYYY-MM-DD`` (today in Vietnam when absent)."""

    date = fields.Date(format="%Y-%m-%d", error_messages={"invalid": messages.BAD_DATE})


def _ready(audio: NoticeAudio) -> bool:
    return audio.status == "ready"


def _when_ready(name: str, kind: str) -> fields.Function:
    return computed(lambda audio: getattr(audio, name) if _ready(audio) else None, kind,
                    allow_none=True)


class AudioSchema(BaseSchema):
    """Staff view of a spoken version (the file's details once it is ready)."""

    notice_id = fields.Integer()
    status = fields.String()
    status_label = Label(messages.AUDIO_STATUS_LABELS, attribute="status")
    engine = fields.String()
    voice = fields.String(allow_none=True)
    content_type = _when_ready("content_type", "string")
    size = _when_ready("size", "integer")
    sha256 = _when_ready("sha256", "string")
    duration = _when_ready("duration", "number")
    characters = _when_ready("chars", "integer")
    error = fields.String(allow_none=True)
    requested_at = LocalDateTime()
    ready_at = LocalDateTime()
    download = computed(lambda audio: public_url("radio_staff.staff_audio_file",
                                                 notice_id=audio.notice_id)
                        if _ready(audio) else None, allow_none=True)


def _audio_url(item: ProgrammeItem) -> str:
    return public_url("radio_public.audio_file", notice_id=item.notice.id)


class ProgrammeUnitSchema(BaseSchema):
    """The unit whose programme it is."""

    code = fields.String()
    name = fields.String()


class ProgrammeAudioSchema(BaseSchema):
    """Where a radio controller gets an item's audio."""

    url = computed(_audio_url)
    content_type = fields.String(attribute="audio.content_type")
    sha256 = fields.String(attribute="audio.sha256")
    size = fields.Integer(attribute="audio.size")


class ProgrammeItemSchema(BaseSchema):
    """One notice in the programme, in playing order (``position`` from 1)."""

    position = fields.Integer()
    notice_id = fields.Integer(attribute="notice.id")
    version = fields.Integer(attribute="notice.version")
    title = fields.String(attribute="notice.title")
    category = fields.String(attribute="notice.category")
    priority = fields.String(attribute="notice.priority")
    priority_label = Label(notices_messages.PRIORITY_LABELS, attribute="notice.priority")
    play = fields.String()
    play_label = Label(messages.PLAY_LABELS, attribute="play")
    published_at = LocalDateTime(attribute="notice.published_at")
    expires_at = LocalDateTime(attribute="notice.expires_at")
    start = computed(lambda item: item.start, "number", allow_none=True)
    duration = computed(lambda item: item.audio.duration if item.audio else None, "number",
                        allow_none=True)
    audio = Part(ProgrammeAudioSchema, when=lambda item: item.audio)


def _title(programme: dict[str, Any]) -> str:
    return messages.PROGRAMME_TITLE.format(unit=programme["unit"].name,
                                           day=programme["date"].strftime("%d/%m/%Y"))


class ProgrammeSchema(BaseSchema):
    """A unit's programme of one day, as JSON for radio controllers: dumps ``{"unit",
    "date", "items"}`` (``items``: ``ProgrammeItem`` with its ``position``)."""

    unit = fields.Nested(ProgrammeUnitSchema)
    date = fields.Date()
    title = computed(_title)
    total_duration = computed(lambda programme: round(sum(
        i.audio.duration for i in programme["items"] if i.audio is not None), 3), "number")
    items = fields.List(fields.Nested(ProgrammeItemSchema))


def m3u(unit: AdminUnit, day, items: list[ProgrammeItem]) -> str:
    """Extended M3U (UTF-8) of the items that have audio, in programme order."""
    title = messages.PROGRAMME_TITLE.format(unit=unit.name, day=day.strftime("%d/%m/%Y"))
    lines = ["#EXTM3U", "#EXTENC:UTF-8", f"#PLAYLIST:{title}"]
    for item in items:
        if item.audio is None:
            continue
        label = notices_messages.PRIORITY_LABELS[item.notice.priority]
        name = " ".join(item.notice.title.split())
        lines.append(f"#EXTINF:{math.ceil(item.audio.duration)},[{label}] {name}")
        lines.append(_audio_url(item))
    return "\n".join(lines) + "\n"
