"""Feedback HTTP API: citizen intake and lookup, and the staff queue and actions."""

from __future__ import annotations

from flask import current_app, request, send_file
from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload

from core import idempotency, storage
from core import messages as core_messages
from core.db import db
from core.errors import AppError, NotFound, UserValueError
from core.extensions import limiter
from core.schemas import View, error_responses
from directory.auth import current_staff, staff_required
from feedback import messages, ownership, reception, schemas, service, workflow
from feedback.access import get_scoped, may_see_contact
from feedback.models import Attachment, Feedback
from feedback.queue import encode_cursor, fetch_page, status_counts
from privacy import access_log

public = Blueprint("feedback", __name__, url_prefix="/api/v1",
                   description="Phản ánh, kiến nghị của người dân")
staff = Blueprint("staff_feedback", __name__, url_prefix="/api/v1/staff",
                  description="Xử lý phản ánh (cán bộ)")


class BadRequest(AppError):
    """Malformed request (400)."""


class UnsupportedMediaType(AppError):
    """Neither JSON nor multipart (415)."""

    status_code = 415


class PayloadTooLarge(AppError):
    """An image over the size limit (413)."""

    status_code = 413


def _unflatten(form) -> dict:
    """Multipart fields named ``reporter.phone`` become ``{"reporter": {"phone": …}}``."""
    data: dict = {}
    for key in form:
        if not isinstance(key, str):  # a part whose name werkzeug could not read
            raise UserValueError(core_messages.FIELD_UNKNOWN)
        parts = key.split(".")
        if len(parts) > 2 or not all(parts):
            raise UserValueError(core_messages.FIELD_UNKNOWN, {key: [core_messages.FIELD_UNKNOWN]})
        target = data
        if len(parts) == 2:
            target = data.setdefault(parts[0], {})
            if not isinstance(target, dict):
                raise UserValueError(core_messages.FIELD_UNKNOWN,
                                     {key: [core_messages.FIELD_UNKNOWN]})
        target[parts[-1]] = form.get(key)
    return data


def _read_images() -> list[storage.Upload]:
    config = current_app.config
    extra = [k for k in request.files if k != "images"]
    if extra:
        raise UserValueError(core_messages.FIELD_UNKNOWN,
                             {k: [core_messages.FIELD_UNKNOWN] for k in extra})
    files = request.files.getlist("images")
    if len(files) > config["FEEDBACK_MAX_IMAGES"]:
        text = messages.TOO_MANY_IMAGES.format(n=config["FEEDBACK_MAX_IMAGES"])
        raise UserValueError(text, {"images": [text]})
    return [check_image(upload) for upload in files]


def check_image(upload, field: str = "images") -> storage.Upload:
    """One uploaded photo, checked as every feedback photo is: its size, then its type by
    content (JPEG, PNG or WebP); ``field`` names it in the errors."""
    limit = current_app.config["FEEDBACK_MAX_IMAGE_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        text = messages.IMAGE_TOO_LARGE.format(mb=limit // (1024 * 1024))
        raise PayloadTooLarge(text, {field: [text]})
    kind = storage.sniff_image(data[:16])
    if kind is None:
        raise UserValueError(messages.IMAGE_NOT_IMAGE, {field: [messages.IMAGE_NOT_IMAGE]})
    return storage.Upload(data=data, content_type=kind[0], ext=kind[1])


_FEEDBACK_IN = schemas.FeedbackInSchema()  # schemas are stateless when loading: build it once


def read_submission() -> tuple[dict, list[storage.Upload]]:
    """Parse a JSON or multipart submission into validated data and checked images."""
    if request.mimetype == "application/json":
        payload = request.get_json(silent=True)
        if payload is None:
            raise BadRequest(core_messages.INVALID_JSON)
        images: list[storage.Upload] = []
    elif request.mimetype == "multipart/form-data":
        payload = _unflatten(request.form)
        images = _read_images()
    else:
        raise UnsupportedMediaType(core_messages.UNSUPPORTED_CONTENT_TYPE)
    return _FEEDBACK_IN.load(payload), images


_SUBMIT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": schemas.FeedbackInSchema},
        "multipart/form-data": {"schema": {
            "type": "object",
            "description": "Các trường như JSON (trường lồng nhau: reporter.phone …) "
                           "và tối đa 5 ảnh.",
            "properties": {"images": {"type": "array",
                                      "items": {"type": "string", "format": "binary"}}},
        }},
    },
}


@public.post("/feedback")
@public.doc(requestBody=_SUBMIT_BODY, parameters=[{
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "maxLength": 200}}])
@public.response(201, schemas.FeedbackCreatedSchema)
@error_responses(public, 400, 401, 409, 413, 415, 422, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_SUBMIT"])
def submit():
    """Gửi phản ánh: trả về mã tra cứu ngay."""
    data, images = read_submission()
    if data.get("consent"):
        # Evidence of a form's consent: the text shown (sent by the form) and where from.
        data["consent"]["evidence"] = {"source": "form", "channel": data["channel"],
                                       "origin": (request.headers.get("Origin") or "")[:200]
                                       or None}
    status, answer = service.submit(data, images, idempotency.key_from_request(),
                                    identity=service.resolve_identity(),
                                    channel=data["channel"])
    return answer, status


@public.get("/feedback/<code>")
@public.arguments(schemas.LookupArgsSchema, location="query")
@public.response(200, schemas.FeedbackPublicSchema)
@error_responses(public, 404, 422, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def lookup(args, code):
    """Tra cứu tình trạng phản ánh: mã tra cứu kèm số điện thoại đã dùng khi gửi, hoặc mã bí
    mật để tra cứu."""
    return service.get_for_owner(code, args.get("phone"), args.get("token"))


@public.post("/feedback/<code>/rating")
@public.arguments(schemas.RatingInSchema)
@public.response(200, schemas.FeedbackPublicSchema)
@error_responses(public, 400, 404, 409, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def rate(data, code):
    """Đánh giá câu trả lời (1–5 sao), một lần."""
    return service.rate(code, data["rating"], data.get("comment"), data.get("phone"),
                        data.get("token"))


@public.post("/feedback/<code>/ownership-code")
@public.arguments(schemas.OwnershipCodeInSchema)
@public.response(202, schemas.MessageSchema)
@error_responses(public, 400, 404, 422, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def ownership_code(data, code):
    """Gửi mã xác nhận đến Zalo, tin nhắn hoặc email của người phản ánh (để gửi yêu cầu về
    dữ liệu cá nhân); cần số điện thoại hoặc email đã dùng khi gửi phản ánh."""
    ownership.send_code(code, data.get("phone"), data.get("email"))
    minutes = current_app.config["FEEDBACK_OWNERSHIP_CODE_MINUTES"]
    return {"message": messages.CODE_SENT.format(minutes=minutes)}, 202


# --- staff ---------------------------------------------------------------------------------
@staff.get("/feedback")
@staff_required
@staff.arguments(schemas.StaffListArgsSchema, location="query")
@staff.response(200, schemas.StaffPageSchema)
@error_responses(staff, 401)
@staff.doc(security=[{"bearerAuth": []}])
def staff_list(args):
    """Hàng đợi phản ánh trong phạm vi của cán bộ."""
    limit = args["limit"]
    user = current_staff()
    rows = fetch_page(args, user, limit, selectinload(Feedback.office),
                      selectinload(Feedback.category))
    page = rows[:limit]
    contact = may_see_contact(user)
    answer = {"items": [View(i, with_contact=contact) for i in page],
              "next": encode_cursor(page[-1]) if len(rows) > limit else None}
    access_log.contact_view(user, page, "api_list")
    return answer


@staff.post("/feedback")
@staff_required
@staff.arguments(schemas.StaffFeedbackInSchema)
@staff.response(201, schemas.StaffFeedbackCreatedSchema)
@error_responses(staff, 400, 401, 403, 422)
@staff.doc(security=[{"bearerAuth": []}])
def staff_receive(data):
    """Tiếp nhận phản ánh qua điện thoại, trực tiếp hoặc đơn thư (kênh ``staff``): sự đồng ý
    của người phản ánh được ghi nhận là đồng ý bằng lời, kèm cán bộ tiếp nhận."""
    status, answer = reception.receive(data, current_staff())
    return answer, status


@staff.get("/feedback/counts")
@staff_required
@staff.arguments(schemas.StaffListArgsSchema, location="query")
@staff.response(200, schemas.StaffCountsSchema)
@error_responses(staff, 401)
@staff.doc(security=[{"bearerAuth": []}])
def staff_counts(args):
    """Số phản ánh theo trạng thái trong phạm vi của cán bộ (cùng bộ lọc)."""
    counts = status_counts(args, current_staff())
    return {"counts": counts, "total": sum(counts.values())}


@staff.get("/feedback/<int:item_id>")
@staff_required
@staff.response(200, schemas.StaffFeedbackSchema)
@error_responses(staff, 401, 404)
@staff.doc(security=[{"bearerAuth": []}])
def staff_detail(item_id):
    """Chi tiết phản ánh và toàn bộ diễn biến."""
    user = current_staff()
    item = get_scoped(item_id, user)
    answer = View(item, with_contact=may_see_contact(user))
    access_log.contact_view(user, item, "api_detail")
    return answer


def send_attachment(item_id: int, attachment_id: int, user):
    """An image of an item in the user's scope, with a safe content type (404 otherwise)."""
    item = get_scoped(item_id, user)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.feedback_id != item.id \
            or attachment.content_type not in storage.IMAGE_TYPES:
        raise NotFound(core_messages.HTTP_MESSAGES[404])
    response = send_file(storage.path_of(attachment.storage_key),
                         mimetype=attachment.content_type, conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@staff.get("/feedback/<int:item_id>/attachments/<int:attachment_id>")
@staff_required
@error_responses(staff, 401, 404)
@staff.doc(security=[{"bearerAuth": []}], responses={200: {
    "description": "Ảnh (JPEG, PNG hoặc WebP)",
    "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in sorted(storage.IMAGE_TYPES)}}})
def staff_attachment(item_id, attachment_id):
    """Ảnh đính kèm phản ánh (chỉ cán bộ trong phạm vi)."""
    return send_attachment(item_id, attachment_id, current_staff())


@staff.post("/feedback/<int:item_id>/<any(" + ",".join(workflow.ACTIONS) + "):action>")
@staff_required
@staff.arguments(schemas.TransitionInSchema)
@staff.response(200, schemas.StaffFeedbackSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=[{"bearerAuth": []}])
def staff_action(data, item_id, action):
    """Thực hiện một bước xử lý (thụ lý, chuyển, trả lời, gộp, …)."""
    user = current_staff()
    item = workflow.perform(item_id, action, user, **data)
    answer = View(item, with_contact=may_see_contact(user))
    access_log.contact_view(user, item, "api_action")
    return answer

