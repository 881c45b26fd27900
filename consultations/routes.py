"""Consultations over HTTP: the public draft, comments and summary; the staff API."""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import current_app, request, send_file
from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload

import directory
from consultations import messages, privacy, service
from consultations.access import get_scoped, scope_clause
from consultations.models import (
    Consultation,
    ConsultationAttachment,
    ConsultationComment,
    ConsultationCommentTag,
    ConsultationResponse,
)
from consultations.schemas import (
    CommentCreatedSchema,
    CommentInSchema,
    ConsultationDeliveriesSchema,
    ConsultationInSchema,
    ConsultationStatisticsAllSchema,
    ConsultationStatisticsSchema,
    ConsultationUpdateSchema,
    HideReasonSchema,
    PublicCommentArgsSchema,
    PublicCommentPageSchema,
    PublicConsultationSchema,
    ResponseInSchema,
    StaffCommentArgsSchema,
    StaffCommentPageSchema,
    StaffCommentSchema,
    StaffConsultationListSchema,
    StaffConsultationSchema,
    StaffResponseSchema,
    StaffResponsesSchema,
    SummaryInSchema,
    TagsSchema,
    UnitConsultationsSchema,
)
from core import idempotency, storage
from core.db import db
from core.errors import AppError, NotFound, UserValueError
from core.extensions import limiter
from core.models import Delivery
from core.schemas import View, error_responses
from core.text import clean_line
from directory.auth import current_staff, staff_required
from feedback import service as feedback_service
from privacy import access_log

public_bp = Blueprint("consultations_public", __name__, url_prefix="/api/v1",
                      description="Lấy ý kiến người dân về dự thảo (công khai)")
staff_bp = Blueprint("consultations_staff", __name__, url_prefix="/api/v1/staff",
                     description="Lấy ý kiến dự thảo: soạn, thông báo, kiểm duyệt, tổng hợp "
                                 "(cán bộ)")

_SECURITY = [{"bearerAuth": []}]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UnsupportedMediaType(AppError):
    """Not multipart (415)."""

    status_code = 415


class PayloadTooLarge(AppError):
    """A file over the size limit (413)."""

    status_code = 413


def _cache(seconds: int = 15) -> dict[str, str]:
    """Short shared caching for lists; ``0``: always revalidated (a commenter reloads the
    draft and its comments right after sending and must see their comment)."""
    return {"Cache-Control": f"public, max-age={seconds}" if seconds else "no-cache"}


def _counted(item: Consultation, counts: dict[int | None, int], **extra) -> View:
    """A consultation with its status and its comments counted per section."""
    return View(item, status=service.status_of(item), comment_count=sum(counts.values()),
                whole_draft_comment_count=counts.get(None, 0),
                sections=[View(s, comment_count=counts.get(s.id, 0)) for s in item.sections],
                **extra)


# --- public --------------------------------------------------------------------------------------
@public_bp.get("/units/<code>/consultations")
@public_bp.doc(summary="Dự thảo đang và đã lấy ý kiến của một đơn vị")
@public_bp.response(200, UnitConsultationsSchema)
@error_responses(public_bp, 404)
def unit_consultations(code):
    """Announced consultations of a commune (and of its province), latest window first."""
    unit = directory.get_unit(code)
    items = service.public_list(unit)
    totals = dict(db.session.execute(
        sa.select(ConsultationComment.consultation_id, sa.func.count())
        .where(ConsultationComment.consultation_id.in_([i.id for i in items]),
               ConsultationComment.status == "published")
        .group_by(ConsultationComment.consultation_id)).all()) if items else {}
    return {"unit": unit, "items": [
        View(i, status=service.status_of(i), comment_count=totals.get(i.id, 0))
        for i in items]}, 200, _cache()


def _public_responses(item: Consultation) -> list[ConsultationResponse]:
    return list(db.session.scalars(sa.select(ConsultationResponse).where(
        ConsultationResponse.consultation_id == item.id).order_by(ConsultationResponse.id)))


@public_bp.get("/consultations/<int:consultation_id>")
@public_bp.doc(summary="Toàn văn dự thảo, số ý kiến theo từng điều và kết quả tiếp thu")
@public_bp.response(200, PublicConsultationSchema)
@error_responses(public_bp, 404)
def detail(consultation_id):
    """The draft, its sections with comment counts, attachments and the summary."""
    item = service.get_public(consultation_id)
    return _counted(item, service.section_counts(item),
                    responses=_public_responses(item)), 200, _cache(0)


@public_bp.get("/consultations/<int:consultation_id>/comments")
@public_bp.arguments(PublicCommentArgsSchema, location="query")
@public_bp.doc(summary="Ý kiến đã công khai (đã che thông tin cá nhân)")
@public_bp.response(200, PublicCommentPageSchema)
@error_responses(public_bp, 404)
def comments(args, consultation_id):
    """Published comments, oldest first; ``section=0`` for those on the whole draft."""
    item = service.get_public(consultation_id)
    query = sa.select(ConsultationComment).where(
        ConsultationComment.consultation_id == item.id,
        ConsultationComment.status == "published")
    query = _section_filter(query, item, args.get("section"))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(ConsultationComment.id)
                              .offset(args["offset"]).limit(args["limit"])
                              .options(selectinload(ConsultationComment.section),
                                       selectinload(ConsultationComment.response)))
    return {"consultation_id": item.id, "total": total, "items": rows}, 200, _cache(0)


def _section_filter(query, item: Consultation, number: int | None):
    if number is None:
        return query
    if number == 0:
        return query.where(ConsultationComment.section_id.is_(None))
    section = next((s for s in item.sections if s.number == number), None)
    if section is None:
        text = messages.SECTION_UNKNOWN.format(n=number)
        raise UserValueError(text, {"section": [text]})
    return query.where(ConsultationComment.section_id == section.id)


@public_bp.post("/consultations/<int:consultation_id>/comments")
@public_bp.arguments(CommentInSchema)
@public_bp.doc(summary="Gửi góp ý cho cả dự thảo hoặc một điều",
               description="Trong thời gian góp ý. Ngoài thời gian đó: 409 kèm thông báo "
                           "tiếng Việt nêu thời hạn. Hỗ trợ Idempotency-Key; Zalo Mini App "
                           "gửi kèm Authorization: Bearer <mã người dùng Zalo>.",
               parameters=[{"name": "Idempotency-Key", "in": "header", "required": False,
                            "schema": {"type": "string", "maxLength": 200}}])
@limiter.limit(lambda: current_app.config["RATELIMIT_SUBMIT"])
@public_bp.response(201, CommentCreatedSchema)
@error_responses(public_bp, 400, 401, 404, 409, 429, 503)
def submit_comment(data, consultation_id):
    """Take a comment from the widget, the Mini App or any client."""
    status, answer = service.comment(consultation_id, data, idempotency.key_from_request(),
                                     identity=feedback_service.resolve_identity(),
                                     channel=data["channel"])
    return answer, status


@public_bp.get("/consultations/<int:consultation_id>/attachments/<int:attachment_id>")
@public_bp.doc(summary="Tệp của dự thảo", responses={"200": {
    "description": "Tệp", "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                                      for kind in ("application/pdf", DOCX, "image/jpeg",
                                                   "image/png", "image/webp")}}})
@public_bp.alt_response(304, description="Không thay đổi", success=True)
@error_responses(public_bp, 404)
def attachment(consultation_id, attachment_id):
    """A file of an announced consultation."""
    item = service.get_public(consultation_id)
    row = db.session.get(ConsultationAttachment, attachment_id)
    if row is None or row.consultation_id != item.id:
        raise NotFound(messages.ATTACHMENT_NOT_FOUND)
    response = send_file(storage.path_of(row.storage_key), mimetype=row.content_type,
                         etag=row.sha256, max_age=3600, conditional=True,
                         as_attachment=row.content_type == DOCX, download_name=row.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- staff ---------------------------------------------------------------------------------------
def _latest_notice(item: Consultation):
    if item.notice_id is None:
        return None
    from notices.models import Notice

    return db.session.scalar(sa.select(Notice).where(Notice.series_id == item.notice_id)
                             .order_by(Notice.version.desc()).limit(1))


def _detail(item: Consultation) -> View:
    return _counted(item, service.section_counts(item, include_hidden=True),
                    notice=_latest_notice(item))


@staff_bp.get("/consultations")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffConsultationListSchema)
@error_responses(staff_bp, 401)
def staff_list():
    """Dự thảo trong phạm vi của cán bộ, mới trước, kèm số ý kiến."""
    items = list(db.session.scalars(sa.select(Consultation)
                                    .where(scope_clause(current_staff()))
                                    .order_by(Consultation.id.desc()).limit(200)))
    totals = _totals([i.id for i in items])
    return {"items": [View(i, status=service.status_of(i), comments=totals.get(i.id, 0))
                      for i in items]}


def _totals(ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    return dict(db.session.execute(
        sa.select(ConsultationComment.consultation_id, sa.func.count())
        .where(ConsultationComment.consultation_id.in_(ids))
        .group_by(ConsultationComment.consultation_id)).all())


@staff_bp.post("/consultations")
@staff_required
@staff_bp.arguments(ConsultationInSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(201, StaffConsultationSchema)
@error_responses(staff_bp, 400, 401, 403, 404)
def staff_create(data):
    """Soạn dự thảo lấy ý kiến (chưa công khai đến khi thông báo được duyệt, đăng)."""
    return _detail(service.create(data, current_staff())), 201


@staff_bp.get("/consultations/<int:consultation_id>")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffConsultationSchema)
@error_responses(staff_bp, 401, 404)
def staff_detail(consultation_id):
    """Chi tiết dự thảo, số ý kiến theo điều, thông báo và kết quả tiếp thu."""
    return _detail(get_scoped(consultation_id, current_staff()))


@staff_bp.patch("/consultations/<int:consultation_id>")
@staff_required
@staff_bp.arguments(ConsultationUpdateSchema(partial=True))
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffConsultationSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_update(data, consultation_id):
    """Sửa dự thảo trước khi thông báo lấy ý kiến."""
    return _detail(service.update(consultation_id, data, current_staff()))


def _sniff(data: bytes, filename: str) -> tuple[str, str] | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if data.startswith(b"PK\x03\x04") and filename.lower().endswith(".docx"):
        return DOCX, "docx"
    return storage.sniff_image(data[:16])


@staff_bp.post("/consultations/<int:consultation_id>/attachments")
@staff_required
@staff_bp.doc(security=_SECURITY, requestBody={"content": {"multipart/form-data": {
    "schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}}}}})
@staff_bp.response(201, StaffConsultationSchema)
@error_responses(staff_bp, 401, 403, 404, 409, 413, 415, 422)
def staff_add_attachment(consultation_id):
    """Đính kèm tệp dự thảo (PDF, DOCX, ảnh)."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(messages.MULTIPART_REQUIRED)
    upload = request.files.get("file")
    extra = [k for k in request.files if k != "file"] + list(request.form)
    if extra or upload is None:
        raise UserValueError(messages.ATTACHMENT_REQUIRED,
                             {"file": [messages.ATTACHMENT_REQUIRED]})
    limit = current_app.config["CONSULTATIONS_MAX_ATTACHMENT_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        text = messages.ATTACHMENT_TOO_LARGE.format(mb=limit // (1024 * 1024))
        raise PayloadTooLarge(text, {"file": [text]})
    filename = clean_line(os.path.basename((upload.filename or "").replace("\\", "/")))[:200]
    kind = _sniff(data, filename)
    if kind is None:
        raise UserValueError(messages.ATTACHMENT_TYPE, {"file": [messages.ATTACHMENT_TYPE]})
    service.add_attachment(consultation_id, current_staff(), storage.Upload(
        data=data, filename=filename or f"du-thao.{kind[1]}", content_type=kind[0],
        ext=kind[1]))
    return _detail(get_scoped(consultation_id, current_staff())), 201


@staff_bp.post("/consultations/<int:consultation_id>/announce")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffConsultationSchema)
@error_responses(staff_bp, 401, 403, 404, 409, 422)
def staff_announce(consultation_id):
    """Soạn thông báo lấy ý kiến và gửi duyệt; khi được duyệt, đăng trên mọi kênh."""
    return _detail(service.announce(consultation_id, current_staff()))


@staff_bp.get("/consultations/<int:consultation_id>/comments")
@staff_required
@staff_bp.arguments(StaffCommentArgsSchema, location="query")
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffCommentPageSchema)
@error_responses(staff_bp, 401, 404)
def staff_comments(args, consultation_id):
    """Mọi ý kiến (kể cả đã ẩn), có thông tin liên hệ; lọc theo điều, kênh, nhãn."""
    item = get_scoped(consultation_id, current_staff())
    query = sa.select(ConsultationComment).where(ConsultationComment.consultation_id == item.id)
    query = _section_filter(query, item, args.get("section"))
    if args.get("status"):
        query = query.where(ConsultationComment.status == args["status"])
    if args.get("channel"):
        query = query.where(ConsultationComment.channel == args["channel"])
    if args.get("tag"):
        query = query.where(ConsultationComment.id.in_(
            sa.select(ConsultationCommentTag.comment_id)
            .where(ConsultationCommentTag.tag == args["tag"].strip().lower())))
    if args.get("unanswered"):
        query = query.where(ConsultationComment.response_id.is_(None))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(ConsultationComment.id)
                              .offset(args["offset"]).limit(args["limit"])
                              .options(selectinload(ConsultationComment.section),
                                       selectinload(ConsultationComment.tags),
                                       selectinload(ConsultationComment.hidden_by)))
    rows = list(rows)
    user = current_staff()
    shown = privacy.may_see_contact(user)
    access_log.contact_view(user, rows, "api_comments")
    return {"consultation_id": item.id, "total": total,
            "items": [View(r, show_contact=shown) for r in rows]}


def _after_action(row) -> View:
    """A comment after a moderation step (by staff who may see contact data: logged)."""
    user = current_staff()
    shown = privacy.may_see_contact(user)
    access_log.contact_view(user, row, "api_comment_action")
    return View(row, show_contact=shown)


@staff_bp.post("/consultations/comments/<int:comment_id>/hide")
@staff_required
@staff_bp.arguments(HideReasonSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffCommentSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_hide(data, comment_id):
    """Ẩn ý kiến vi phạm (nêu lý do; ý kiến vẫn được lưu)."""
    return _after_action(service.hide(comment_id, current_staff(), data["reason"]))


@staff_bp.post("/consultations/comments/<int:comment_id>/restore")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffCommentSchema)
@error_responses(staff_bp, 401, 403, 404, 409)
def staff_restore(comment_id):
    """Hiển thị lại ý kiến đã ẩn."""
    return _after_action(service.restore(comment_id, current_staff()))


@staff_bp.put("/consultations/comments/<int:comment_id>/tags")
@staff_required
@staff_bp.arguments(TagsSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffCommentSchema)
@error_responses(staff_bp, 400, 401, 403, 404)
def staff_tags(data, comment_id):
    """Gắn nhãn cho ý kiến (thay các nhãn cũ)."""
    return _after_action(service.set_tags(comment_id, current_staff(), data["tags"]))


@staff_bp.get("/consultations/<int:consultation_id>/responses")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffResponsesSchema)
@error_responses(staff_bp, 401, 404)
def staff_responses(consultation_id):
    """Các câu trả lời theo nhóm ý kiến."""
    item = get_scoped(consultation_id, current_staff())
    rows = _public_responses(item)
    ids: dict[int, list[int]] = {}
    for comment_id, response_id in db.session.execute(
            sa.select(ConsultationComment.id, ConsultationComment.response_id)
            .where(ConsultationComment.consultation_id == item.id,
                   ConsultationComment.response_id.is_not(None))
            .order_by(ConsultationComment.id)):
        ids.setdefault(response_id, []).append(comment_id)
    return {"items": [View(r, comment_ids=ids.get(r.id, [])) for r in rows]}


@staff_bp.post("/consultations/<int:consultation_id>/responses")
@staff_required
@staff_bp.arguments(ResponseInSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(201, StaffResponseSchema)
@error_responses(staff_bp, 400, 401, 403, 404)
def staff_respond(data, consultation_id):
    """Trả lời một nhóm ý kiến: tiếp thu, tiếp thu một phần, không tiếp thu, giải trình."""
    response = service.respond(consultation_id, current_staff(), data["comment_ids"],
                               data["decision"], data["body"])
    return View(response, comment_ids=sorted(set(data["comment_ids"]))), 201


@staff_bp.post("/consultations/<int:consultation_id>/summary")
@staff_required
@staff_bp.arguments(SummaryInSchema)
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, StaffConsultationSchema)
@error_responses(staff_bp, 400, 401, 403, 404, 409)
def staff_summary(data, consultation_id):
    """Công bố kết quả tiếp thu (sau khi hết hạn góp ý); gửi tới từng người đã góp ý."""
    return _detail(service.publish_summary(consultation_id, current_staff(), data["summary"]))


@staff_bp.get("/consultations/<int:consultation_id>/statistics")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, ConsultationStatisticsSchema)
@error_responses(staff_bp, 401, 404)
def staff_statistics(consultation_id):
    """Số ý kiến theo điều, theo kênh, theo nhãn."""
    return service.statistics(get_scoped(consultation_id, current_staff()))


@staff_bp.get("/consultations/statistics")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, ConsultationStatisticsAllSchema)
@error_responses(staff_bp, 401)
def staff_statistics_all():
    """Số ý kiến của từng dự thảo trong phạm vi, theo kênh."""
    items = list(db.session.scalars(sa.select(Consultation)
                                    .where(scope_clause(current_staff()))
                                    .order_by(Consultation.id.desc()).limit(500)))
    rows = db.session.execute(
        sa.select(ConsultationComment.consultation_id, ConsultationComment.channel,
                  sa.func.count())
        .where(ConsultationComment.consultation_id.in_([i.id for i in items]))
        .group_by(ConsultationComment.consultation_id, ConsultationComment.channel)).all() \
        if items else []
    per: dict[int, dict[str, int]] = {}
    for consultation_id, channel, n in rows:
        per.setdefault(consultation_id, {})[channel] = n
    return {"items": [{"id": i.id, "title": i.title, "unit_code": i.unit_code,
                       "status": service.status_of(i),
                       "comments": sum(per.get(i.id, {}).values()),
                       "by_channel": dict(sorted(per.get(i.id, {}).items()))} for i in items]}


@staff_bp.get("/consultations/<int:consultation_id>/deliveries")
@staff_required
@staff_bp.doc(security=_SECURITY)
@staff_bp.response(200, ConsultationDeliveriesSchema)
@error_responses(staff_bp, 401, 404)
def staff_deliveries(consultation_id):
    """Tin báo kết quả tiếp thu đã gửi tới người góp ý: số lượt theo kênh và trạng thái."""
    item = get_scoped(consultation_id, current_staff())
    rows = db.session.execute(
        sa.select(Delivery.channel, Delivery.status, sa.func.count())
        .where(Delivery.subject_type == "consultation", Delivery.subject_id == item.id)
        .group_by(Delivery.channel, Delivery.status)
        .order_by(Delivery.channel, Delivery.status)).all()
    by_channel = [{"channel": c, "status": s, "count": n} for c, s, n in rows]
    return {"consultation_id": item.id, "total": sum(r["count"] for r in by_channel),
            "by_channel": by_channel}
