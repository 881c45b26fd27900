"""Radio over HTTP: spoken versions (staff; public for published notices) and programmes."""

from __future__ import annotations

from flask import current_app, request, send_file
from flask_smorest import Blueprint

import directory
from core import clock, storage
from core.errors import Forbidden, NotFound, UserValueError
from core.schemas import View, error_responses
from directory.auth import current_staff, staff_required
from directory.models import AdminUnit, StaffUser
from notices import public
from notices.access import get_scoped
from radio import messages, service
from radio.models import NoticeAudio
from radio.schemas import AudioSchema, ProgrammeArgsSchema, ProgrammeSchema, m3u

public_bp = Blueprint("radio_public", __name__, url_prefix="/api/v1",
                      description="Bản âm thanh của thông báo đang đăng (công khai)")
staff_bp = Blueprint("radio_staff", __name__, url_prefix="/api/v1/staff",
                     description="Đài truyền thanh: bản âm thanh, chương trình phát (cán bộ)")

_SECURITY = [{"bearerAuth": []}]
_AUDIO_FILE = {"description": "MP3 (hoặc WAV)", "content": {
    kind: {"schema": {"type": "string", "format": "binary"}}
    for kind in ("audio/mpeg", "audio/wav")}}


def _send(audio: NoticeAudio, public_cache: bool):
    ext = audio.storage_key.rsplit(".", 1)[-1]
    response = send_file(storage.path_of(audio.storage_key), mimetype=audio.content_type,
                         etag=audio.sha256, conditional=True,
                         max_age=3600 if public_cache else 0,
                         download_name=f"thong-bao-{audio.notice_id}.{ext}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not public_cache:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@public_bp.route("/notices/<int:notice_id>/audio", methods=["GET"])
@public_bp.doc(summary="Bản âm thanh của một thông báo đang có hiệu lực",
               responses={"200": _AUDIO_FILE})
@error_responses(public_bp, 404)
def audio_file(notice_id):
    """The spoken version of a current notice (no personal data is in notices)."""
    notice = public.get_current(notice_id)
    audio = service.audio_of(notice) if notice else None
    if audio is None or audio.status != "ready":
        raise NotFound(messages.AUDIO_NOT_FOUND)
    return _send(audio, public_cache=True)


@staff_bp.post("/notices/<int:notice_id>/audio")
@staff_bp.doc(security=_SECURITY, summary="Tạo bản âm thanh (giọng nói) của thông báo đang đăng")
@staff_bp.response(202, AudioSchema, description="Đang tạo")
@staff_bp.alt_response(200, schema=AudioSchema, description="Đã có", success=True)
@error_responses(staff_bp, 401, 403, 404, 409)
@staff_required
def request_audio(notice_id):
    """Tạo bản âm thanh của thông báo đang đăng (chạy nền)."""
    audio = service.request_audio(notice_id, current_staff())
    return audio, 200 if audio.status == "ready" else 202


@staff_bp.get("/notices/<int:notice_id>/audio")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, AudioSchema, description="Trạng thái bản âm thanh")
@error_responses(staff_bp, 401, 404)
@staff_required
def audio_status(notice_id):
    """Trạng thái bản âm thanh của thông báo."""
    audio = service.audio_of(get_scoped(notice_id, current_staff()))
    if audio is None:
        raise NotFound(messages.AUDIO_NOT_FOUND)
    return audio


@staff_bp.get("/notices/<int:notice_id>/audio/file")
@staff_bp.doc(security=_SECURITY, responses={"200": _AUDIO_FILE})
@error_responses(staff_bp, 401, 404)
@staff_required
def staff_audio_file(notice_id):
    """Tải bản âm thanh của thông báo."""
    audio = service.audio_of(get_scoped(notice_id, current_staff()))
    if audio is None:
        raise NotFound(messages.AUDIO_NOT_FOUND)
    if audio.status != "ready":
        raise NotFound(messages.AUDIO_NOT_READY)
    return _send(audio, public_cache=False)


def _unit_in_scope(code: str, user: StaffUser) -> AdminUnit:
    unit = directory.get_unit(code)
    allowed = (unit.code == user.unit_code
               or (user.unit.level == "province" and unit.province_code == user.unit_code))
    if not allowed:
        raise Forbidden(messages.NOT_YOUR_UNIT)
    return unit


def _programme(code: str, args: dict):
    unknown = [k for k in request.args if k != "date"]
    if unknown:
        raise UserValueError(messages.UNKNOWN_PARAM, {k: [messages.UNKNOWN_PARAM] for k in unknown})
    unit = _unit_in_scope(code, current_staff())
    day = args.get("date") or clock.to_local(clock.now()).date()
    _, items = service.programme(unit.code, day)
    return unit, day, items


def _numbered(items: list) -> list[View]:
    return [View(item, position=n) for n, item in enumerate(items, start=1)]


@staff_bp.get("/units/<code>/radio/programme")
@staff_required
@staff_bp.arguments(ProgrammeArgsSchema, location="query")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, ProgrammeSchema, description="Chương trình phát (JSON)")
@error_responses(staff_bp, 401, 403, 404)
def programme(args, code):
    """Chương trình phát thanh của đơn vị trong một ngày (JSON cho bộ điều khiển đài)."""
    unit, day, items = _programme(code, args)
    return {"unit": unit, "date": day, "items": _numbered(items)}


@staff_bp.get("/units/<code>/radio/programme.m3u")
@staff_required
@staff_bp.arguments(ProgrammeArgsSchema, location="query")
@staff_bp.doc(security=_SECURITY, responses={"200": {
    "description": "Danh sách phát M3U",
    "content": {"audio/x-mpegurl": {"schema": {"type": "string"}}}}})
@error_responses(staff_bp, 401, 403, 404)
def programme_m3u(args, code):
    """Chương trình phát thanh dạng danh sách phát M3U."""
    unit, day, items = _programme(code, args)
    response = current_app.response_class(m3u(unit, day, items),
                                          mimetype="audio/x-mpegurl")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="chuong-trinh-{unit.code}-{day.isoformat()}.m3u"')
    return response
