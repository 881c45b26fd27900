"""Notices over HTTP: the public list (cached, ETag), one notice, images, and the staff API."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from flask import current_app, request, send_file
from flask_smorest import Blueprint

import directory
from core import clock, storage
from core.db import db
from core.errors import AppError, NotFound, UserValueError
from core.schemas import View, error_responses
from directory.auth import current_staff, staff_required
from notices import cache, messages, public, schemas, service
from notices.access import get_scoped
from notices.models import Notice, NoticeImage
from notices.verification import service as verification

public_bp = Blueprint("notices_public", __name__, url_prefix="/api/v1",
                      description="Thông tin thiết yếu (công khai)")
staff_bp = Blueprint("notices_staff", __name__, url_prefix="/api/v1/staff",
                     description="Soạn, duyệt, đăng thông báo (cán bộ)")

_PARAMS = frozenset(("page", "per_page"))
_CACHED_ENDPOINT = "notices_public.unit_notices"


def is_cached_public_read() -> bool:
    """Rate-limit filter: the cached public list is exempt (it is cheap and CDN-fronted)."""
    return request.endpoint == _CACHED_ENDPOINT


class UnsupportedMediaType(AppError):
    """Not multipart (415)."""

    status_code = 415


class PayloadTooLarge(AppError):
    """An image over the size limit (413)."""

    status_code = 413


def _page_args() -> tuple[int, int]:
    args = request.args
    unknown = [k for k in args if k not in _PARAMS]
    if unknown:
        raise UserValueError(messages.UNKNOWN_PARAM, {k: [messages.UNKNOWN_PARAM] for k in unknown})
    limit = current_app.config["NOTICES_PER_PAGE_MAX"]
    page, per_page = args.get("page", "1"), args.get("per_page", "20")
    if not page.isdigit() or not 1 <= int(page) <= 10000:
        raise UserValueError(messages.BAD_PAGE, {"page": [messages.BAD_PAGE]})
    if not per_page.isdigit() or not 1 <= int(per_page) <= limit:
        text = messages.BAD_PER_PAGE.format(n=limit)
        raise UserValueError(text, {"per_page": [text]})
    return int(page), int(per_page)


_UNIT_NOTICES = schemas.UnitNoticesSchema()


def _cache_key(code: str) -> tuple:
    environ = request.environ
    return (code, environ.get("QUERY_STRING", ""), environ.get("HTTP_HOST", ""),
            environ.get("wsgi.url_scheme", "http"))


def _build(code: str, key: tuple) -> cache.Entry:
    page, per_page = _page_args()
    unit = directory.get_unit(code)
    codes = public.audience_codes(unit)
    generation = cache.generation()
    stamp, changed_at = cache.versions(codes)
    moment = clock.now()
    items, total = public.current_page(codes, moment, page, per_page)
    signatures = verification.signatures_for([n.id for n in items])
    body = _UNIT_NOTICES.dump({"unit": unit, "page": page, "per_page": per_page, "total": total,
                               "items": [View(n, signature_row=signatures.get(n.id))
                                         for n in items]})
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    stamps = [t for t in (changed_at, public.last_time_change(codes, moment),
                          *(n.published_at for n in items)) if t is not None]
    last_modified = (max(stamps) if stamps else datetime(2025, 7, 1, tzinfo=UTC)).replace(
        microsecond=0)
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    entry = cache.Entry(body=raw, etag=etag, last_modified=last_modified,
                        headers={"ETag": etag,
                                 "Last-Modified": format_datetime(last_modified, usegmt=True),
                                 "Cache-Control": current_app.config["NOTICES_CACHE_CONTROL"]},
                        versions=(codes, stamp), valid_until=public.next_change(codes, moment),
                        checked_at=time.monotonic())
    cache.put(key, entry, generation)
    return entry


def _current_entry(code: str) -> cache.Entry:
    """The cached rendering, rebuilt when its units' versions moved or an expiry passed.

    The fast path (a hit checked less than NOTICES_CACHE_CHECK_SECONDS ago) touches neither
    the database nor the query-string parser.
    """
    key = _cache_key(code)
    entry = cache.get(key)
    if entry is None:
        return _build(code, key)
    if entry.valid_until is not None and clock.now() >= entry.valid_until:
        return _build(code, key)
    tick = time.monotonic()
    if tick - entry.checked_at >= current_app.config["NOTICES_CACHE_CHECK_SECONDS"]:
        codes, stamp = entry.versions
        if cache.versions(codes)[0] != stamp:
            return _build(code, key)
        entry.checked_at = tick
    return entry


def _not_modified(entry: cache.Entry) -> bool:
    match = request.headers.get("If-None-Match")
    if match is not None:
        if match == entry.etag:
            return True
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or entry.etag in tags
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return entry.last_modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@public_bp.route("/units/<code>/notices", methods=["GET"])
@public_bp.doc(
    summary="Thông báo đang có hiệu lực của một đơn vị",
    description="Thông báo đã đăng, còn hiệu lực, của xã/phường và của tỉnh; khẩn cấp trước, "
                "mới trước. Hỗ trợ ETag/If-None-Match và Last-Modified/If-Modified-Since (304).",
    parameters=[{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {"name": "per_page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": 50}}])
@public_bp.response(200, schemas.UnitNoticesSchema, description="Danh sách thông báo")
@public_bp.alt_response(304, description="Không thay đổi", success=True)
@error_responses(public_bp, 404, 422)
def unit_notices(code):
    """Current notices of a unit (hot path: served from the per-process cache)."""
    entry = _current_entry(code)
    if _not_modified(entry):
        return current_app.response_class(status=304, headers=entry.headers)
    return current_app.response_class(entry.body, status=200, headers=entry.headers,
                                      mimetype="application/json")


@public_bp.route("/notices/<int:notice_id>", methods=["GET"])
@public_bp.doc(summary="Một thông báo đang có hiệu lực")
@public_bp.response(200, schemas.PublicNoticeSchema, description="Thông báo")
@error_responses(public_bp, 404)
def notice(notice_id):
    """One current notice."""
    item = public.get_current(notice_id)
    if item is None:
        raise NotFound(messages.NOT_FOUND)
    return item, 200, {"Cache-Control": current_app.config["NOTICES_CACHE_CONTROL"]}


@public_bp.route("/notices/<int:notice_id>/images/<int:image_id>", methods=["GET"])
@public_bp.doc(summary="Ảnh của một thông báo đang có hiệu lực", responses={"200": {
    "description": "Ảnh", "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                                      for kind in ("image/jpeg", "image/png", "image/webp")}}})
@public_bp.alt_response(304, description="Không thay đổi", success=True)
@error_responses(public_bp, 404)
def image(notice_id, image_id):
    """An image of a current notice."""
    item = public.get_current(notice_id)
    row = db.session.get(NoticeImage, image_id) if item else None
    if row is None or row.notice_id != notice_id:
        raise NotFound(messages.NOT_FOUND)
    response = send_file(storage.path_of(row.storage_key), mimetype=row.content_type,
                         etag=row.sha256, max_age=3600, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- staff -------------------------------------------------------------------------------------
_SECURITY = [{"bearerAuth": []}]


def _detail(notice: Notice) -> View:
    return View(notice, versions=service.versions_of(notice))


@staff_bp.get("/notices")
@staff_required
@staff_bp.arguments(schemas.StaffListArgsSchema, location="query")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticePageSchema)
@error_responses(staff_bp, 401)
def staff_list(args):
    """Thông báo trong phạm vi của cán bộ, mới trước."""
    page, after = service.staff_page(current_staff(), args.get("status"), args.get("before"),
                                     args["limit"])
    return {"items": page, "next": after}


@staff_bp.post("/notices")
@staff_required
@staff_bp.arguments(schemas.NoticeInSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(201, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404)
def staff_create(data):
    """Soạn thông báo mới (bản nháp)."""
    return _detail(service.create(data, current_staff())), 201


@staff_bp.get("/notices/<int:notice_id>")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 401, 404)
@staff_required
def staff_detail(notice_id):
    """Chi tiết thông báo, các phiên bản và nhật ký."""
    return _detail(get_scoped(notice_id, current_staff()))


@staff_bp.patch("/notices/<int:notice_id>")
@staff_required
@staff_bp.arguments(schemas.NoticeUpdateSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_update(data, notice_id):
    """Sửa bản nháp."""
    return _detail(service.update(notice_id, data, current_staff()))


@staff_bp.post("/notices/<int:notice_id>/submit")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 401, 403, 404, 409)
@staff_required
def staff_submit(notice_id):
    """Gửi duyệt."""
    return _detail(service.submit(notice_id, current_staff()))


@staff_bp.post("/notices/<int:notice_id>/approve")
@staff_required
@staff_bp.arguments(schemas.ApproveSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_approve(data, notice_id):
    """Duyệt (lãnh đạo xã hoặc quản trị tỉnh, không phải người soạn); đăng ngay nếu đến giờ."""
    return _detail(service.approve(notice_id, current_staff(), data.get("publish_at")))


@staff_bp.post("/notices/<int:notice_id>/reject")
@staff_required
@staff_bp.arguments(schemas.ReasonSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_reject(data, notice_id):
    """Trả lại bản nháp cho người soạn."""
    return _detail(service.reject(notice_id, current_staff(), data["reason"]))


@staff_bp.post("/notices/<int:notice_id>/withdraw")
@staff_required
@staff_bp.arguments(schemas.ReasonSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_withdraw(data, notice_id):
    """Thu hồi thông báo (giữ hồ sơ và lý do)."""
    return _detail(service.withdraw(notice_id, current_staff(), data["reason"]))


@staff_bp.post("/notices/<int:notice_id>/correct")
@staff_required
@staff_bp.arguments(schemas.NoticeUpdateSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(201, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_correct(data, notice_id):
    """Đính chính: tạo phiên bản mới (bản nháp) của thông báo đang đăng."""
    return _detail(service.correct(notice_id, current_staff(), data)), 201


@staff_bp.post("/notices/<int:notice_id>/images")
@staff_bp.doc(security=_SECURITY, requestBody={"content": {"multipart/form-data": {
    "schema": {"type": "object", "properties": {
        "image": {"type": "string", "format": "binary"}, "alt": {"type": "string"}}}}}})
@staff_bp.response(201, schemas.NoticeStaffSchema)
@error_responses(staff_bp, 401, 403, 404, 409, 413, 415, 422)
@staff_required
def staff_add_image(notice_id):
    """Thêm ảnh vào bản nháp (JPEG, PNG, WebP)."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(messages.MULTIPART_REQUIRED)
    form = schemas.ImageFormSchema().load(request.form.to_dict())
    extra = [k for k in request.files if k != "image"]
    upload = request.files.get("image")
    if extra or upload is None:
        raise UserValueError(messages.IMAGE_REQUIRED, {"image": [messages.IMAGE_REQUIRED]})
    service.add_image(notice_id, current_staff(), read_image(upload), form["alt"])
    return _detail(get_scoped(notice_id, current_staff())), 201


def read_image(upload) -> storage.Upload:
    """An uploaded file as an image checked by content (413 too large, 422 not an image)."""
    limit = current_app.config["NOTICES_MAX_IMAGE_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        text = messages.IMAGE_TOO_LARGE.format(mb=limit // (1024 * 1024))
        raise PayloadTooLarge(text, {"image": [text]})
    kind = storage.sniff_image(data[:16])
    if kind is None:
        raise UserValueError(messages.IMAGE_NOT_IMAGE, {"image": [messages.IMAGE_NOT_IMAGE]})
    return storage.Upload(data, *kind)


@staff_bp.get("/notices/<int:notice_id>/deliveries")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, schemas.NoticeDeliveriesSchema)
@error_responses(staff_bp, 401, 404)
@staff_required
def staff_deliveries(notice_id):
    """Thông báo đã được gửi đi đâu: số lượt theo kênh và trạng thái."""
    item = get_scoped(notice_id, current_staff())
    rows = service.deliveries(item)
    return {"notice_id": item.id, "total": sum(r["count"] for r in rows), "by_channel": rows}
