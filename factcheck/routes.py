"""HTTP surfaces of the false-information reports: the citizen API (JSON or multipart with a
screenshot), the public report page ``/bao-tin-gia/<unit_code>`` (server-rendered, works
without JavaScript), and the staff API (queue, case, verdict, clarification, reports taken
by phone)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import Response, current_app, render_template, request, send_file
from flask_smorest import Blueprint
from marshmallow import ValidationError

import directory
from core import idempotency, storage
from core import messages as core_messages
from core.db import db, savepoint
from core.errors import AppError, NotFound, UserValueError
from core.extensions import limiter
from core.schemas import View, error_responses
from directory.auth import current_staff, staff_required
from factcheck import messages, schemas, service
from factcheck.models import MisinformationReport
from privacy import notice as privacy_notice

public = Blueprint("factcheck", __name__, url_prefix="/api/v1",
                   description="Báo tin giả, tin sai sự thật")
staff = Blueprint("staff_factcheck", __name__, url_prefix="/api/v1/staff",
                  description="Xác minh tin báo tin giả (cán bộ)")
pages = FlaskBlueprint("factcheck_pages", __name__, template_folder="templates",
                       static_folder="static", static_url_path="/bao-tin-gia/static")

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


class BadRequest(AppError):
    """Malformed request (400)."""


class UnsupportedMediaType(AppError):
    """Neither JSON nor multipart (415)."""

    status_code = 415


class PayloadTooLarge(AppError):
    """A screenshot over the size limit (413)."""

    status_code = 413


def _unflatten(form) -> dict[str, Any]:
    """Multipart fields named ``reporter.phone`` become ``{"reporter": {"phone": …}}``."""
    data: dict[str, Any] = {}
    for key in form:
        parts = key.split(".") if isinstance(key, str) else []
        if not 1 <= len(parts) <= 2 or not all(parts):
            raise UserValueError(core_messages.FIELD_UNKNOWN)
        target = data if len(parts) == 1 else data.setdefault(parts[0], {})
        if not isinstance(target, dict):
            raise UserValueError(core_messages.FIELD_UNKNOWN,
                                 {key: [core_messages.FIELD_UNKNOWN]})
        target[parts[-1]] = form.get(key)
    return data


def read_image() -> storage.Upload | None:
    """The one screenshot of a multipart request (field ``image``), checked by size and by
    content; None without one."""
    extra = [k for k in request.files if k != "image"]
    if extra:
        raise UserValueError(core_messages.FIELD_UNKNOWN,
                             {k: [core_messages.FIELD_UNKNOWN] for k in extra})
    files = [f for f in request.files.getlist("image") if f.filename or f.content_length]
    if len(files) > 1:
        raise UserValueError(messages.ONE_IMAGE, {"image": [messages.ONE_IMAGE]})
    if not files:
        return None
    limit = current_app.config["FEEDBACK_MAX_IMAGE_BYTES"]
    data = files[0].stream.read(limit + 1)
    if not data:
        return None
    if len(data) > limit:
        text = messages.IMAGE_TOO_LARGE.format(mb=limit // (1024 * 1024))
        raise PayloadTooLarge(text, {"image": [text]})
    kind = storage.sniff_image(data[:16])
    if kind is None:
        raise UserValueError(messages.IMAGE_NOT_IMAGE, {"image": [messages.IMAGE_NOT_IMAGE]})
    return storage.Upload(data=data, content_type=kind[0], ext=kind[1])


def read_report(schema) -> tuple[dict[str, Any], storage.Upload | None]:
    """A JSON or multipart report, validated; 422 when it says nothing."""
    if request.mimetype == "application/json":
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise BadRequest(core_messages.INVALID_JSON)
        image = None
    elif request.mimetype == "multipart/form-data":
        payload = _unflatten(request.form)
        image = read_image()
    else:
        raise UnsupportedMediaType(core_messages.UNSUPPORTED_CONTENT_TYPE)
    data = schema.load(payload)
    require_something(data, image)
    return data, image


def require_something(data: dict[str, Any], image: storage.Upload | None) -> None:
    """A report needs a link, a text or a screenshot."""
    if not (data.get("link") or data.get("content") or image):
        raise UserValueError(messages.NOTHING_REPORTED, {"content": [messages.NOTHING_REPORTED]})


def _with_evidence(data: dict[str, Any], channel: str) -> dict[str, Any]:
    if data.get("consent"):
        data["consent"]["evidence"] = {"source": "form", "channel": channel,
                                       "origin": (request.headers.get("Origin") or "")[:200]
                                       or None}
    return data


def _identity() -> service.Identity | None:
    """The Zalo user a Mini App token vouches for (through feedback's resolvers)."""
    from feedback import service as feedback_service

    found = feedback_service.resolve_identity()
    if found is None:
        return None
    return service.Identity(zalo_user_id=found.zalo_user_id,
                            zalo_app_user_id=found.zalo_app_user_id)


_REPORT_IN = schemas.ReportInSchema()
_STAFF_REPORT_IN = schemas.StaffReportInSchema()
_REPORT_BODY = {"required": True, "content": {
    "application/json": {"schema": schemas.ReportInSchema},
    "multipart/form-data": {"schema": {
        "type": "object",
        "description": "Các trường như JSON (trường lồng nhau: reporter.phone …) và một ảnh "
                       "chụp màn hình (image).",
        "properties": {"image": {"type": "string", "format": "binary"}}}}}}


@public.post("/misinformation-reports")
@public.doc(requestBody=_REPORT_BODY, parameters=[{
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "maxLength": 200}}])
@public.response(201, schemas.ReportCreatedSchema)
@error_responses(public, 400, 409, 413, 415, 422, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_SUBMIT"])
def submit():
    """Báo một tin nghi là tin giả: trả về mã tin báo ngay."""
    data, image = read_report(_REPORT_IN)
    channel = data.pop("channel")
    status, answer = service.report(_with_evidence(data, channel), image, channel=channel,
                                    identity=_identity(),
                                    idempotency_key=idempotency.key_from_request())
    return answer, status


@public.get("/misinformation-reports/<code>")
@public.response(200, schemas.ReportStatusSchema)
@error_responses(public, 404, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def status(code):
    """Kết quả xác minh của một tin báo (theo mã tin báo)."""
    row = service.public_status(code)
    return View(row, clarification=service.clarification_link(row.case))


# --- the public page ------------------------------------------------------------------------------
def _page(unit, status: int = 200, errors: dict[str, str] | None = None,
          values: dict[str, str] | None = None, done: dict | None = None) -> Response:
    notice = privacy_notice.current()
    html = render_template(
        "factcheck/report.html", m=messages, p=messages.PAGE, unit=unit, errors=errors or {},
        values=values or {}, done=done, notice=notice,
        mb=current_app.config["FEEDBACK_MAX_IMAGE_BYTES"] // (1024 * 1024),
        hours=current_app.config["FACTCHECK_DUE_HOURS"])
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["Cache-Control"] = "no-store"
    return response


def _flat_errors(errors: Any, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix and key != "_schema" else (prefix or key)
            for k, v in _flat_errors(value, name).items():
                flat[k] = f"{flat[k]} {v}" if k in flat else v
    elif isinstance(errors, list):
        texts = [e for e in errors if isinstance(e, str)]
        if texts:
            flat[prefix or "_schema"] = " ".join(texts)
    elif isinstance(errors, str):
        flat[prefix or "_schema"] = errors
    return flat


@pages.route("/bao-tin-gia/<unit_code>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SUBMIT"], methods=["POST"])
def report_page(unit_code: str):
    """The public report form of a commune (GET) and its submission (POST)."""
    try:
        unit = directory.get_unit(unit_code)
    except NotFound:
        unit = None
    if unit is None or unit.level != "commune":
        return _page(None, 404)
    if request.method == "GET":
        prefill = {k: " ".join(request.args.get(k, "").split())[:2000]
                   for k in ("content", "link") if request.args.get(k)}
        return _page(unit, values=prefill)
    form = request.form
    values = {k: form.get(k, "") for k in ("link", "content", "seen_where", "seen_at", "name",
                                            "phone", "email")}
    payload: dict[str, Any] = {"unit_code": unit.code, "channel": "web"}
    for key in ("link", "content", "seen_where", "seen_at"):
        if values[key].strip():
            payload[key] = values[key].strip()
    reporter = {k: values[k].strip() for k in ("name", "phone", "email") if values[k].strip()}
    if reporter:
        payload["reporter"] = reporter
        payload["notify_via"] = "email" if "phone" not in reporter else "sms"
    if form.get("consent") == "yes":
        payload["consent"] = {"purpose": messages.CONSENT_PURPOSE,
                              "policy_version": privacy_notice.current_version(),
                              "text": messages.PAGE["consent"].format(unit=unit.name)}
    try:
        image = read_image() if request.mimetype == "multipart/form-data" else None
        data = _REPORT_IN.load(payload)
        require_something(data, image)
        data.pop("channel")
        with savepoint():  # a refusal undoes the attempt; the form shows why
            _, answer = service.report(_with_evidence(data, "web"), image, channel="web")
    except ValidationError as exc:
        return _page(unit, 422, _flat_errors(exc.messages), values)
    except AppError as exc:
        errors = _flat_errors(exc.errors) if exc.errors else {"_schema": exc.message}
        return _page(unit, exc.status_code, errors, values)
    return _page(unit, 201, done=answer)


# --- staff -------------------------------------------------------------------------------------
@staff.get("/misinformation-cases")
@staff_required
@staff.arguments(schemas.CaseListArgsSchema, location="query")
@staff.response(200, schemas.StaffCasePageSchema)
@error_responses(staff, 401)
@staff.doc(security=[{"bearerAuth": []}])
def staff_list(args):
    """Hàng đợi tin báo tin giả: khẩn cấp trước, rồi theo hạn xác minh."""
    status = None if args["status"] == "all" else args["status"]
    cases = service.queue(current_staff(), status, args["limit"], args["offset"])
    return {"items": cases}


@staff.get("/misinformation-cases/<int:case_id>")
@staff_required
@staff.response(200, schemas.StaffCaseSchema)
@error_responses(staff, 401, 404)
@staff.doc(security=[{"bearerAuth": []}])
def staff_detail(case_id):
    """Một vụ việc: các tin báo, kết luận, thông tin chính thức."""
    return service.get_scoped(case_id, current_staff())


@staff.post("/misinformation-cases/<int:case_id>/verdict")
@staff_required
@staff.arguments(schemas.VerdictInSchema)
@staff.response(200, schemas.StaffCaseSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=[{"bearerAuth": []}])
def staff_verdict(data, case_id):
    """Ghi kết luận: sai sự thật, gây hiểu lầm, đúng, hoặc không thuộc thẩm quyền."""
    case = service.record_verdict(case_id, current_staff(), data["verdict"], data.get("note"),
                                  data.get("forwarded_to"))
    return case


@staff.post("/misinformation-cases/<int:case_id>/clarification")
@staff_required
@staff.arguments(schemas.ClarificationInSchema)
@staff.response(201, schemas.StaffCaseSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=[{"bearerAuth": []}])
def staff_clarification(data, case_id):
    """Soạn thông tin chính thức bác bỏ tin sai (trình lãnh đạo khác duyệt như mọi thông báo)."""
    user = current_staff()
    service.start_clarification(case_id, user, data)
    return service.get_scoped(case_id, user), 201


@staff.post("/misinformation-cases/<int:case_id>/priority")
@staff_required
@staff.arguments(schemas.PriorityInSchema)
@staff.response(200, schemas.StaffCaseSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=[{"bearerAuth": []}])
def staff_priority(data, case_id):
    """Đổi mức ưu tiên (khẩn cấp: hạn xác minh ngắn hơn)."""
    return service.set_priority(case_id, current_staff(), data["priority"])


@staff.post("/misinformation-reports")
@staff_required
@staff.doc(requestBody=_REPORT_BODY, security=[{"bearerAuth": []}])
@staff.response(201, schemas.ReportCreatedSchema)
@error_responses(staff, 400, 401, 403, 413, 415, 422)
def staff_report():
    """Ghi tin báo nhận qua điện thoại hoặc trực tiếp."""
    data, image = read_report(_STAFF_REPORT_IN)
    status, answer = service.report(_with_evidence(data, "staff"), image, channel="staff",
                                    actor=current_staff())
    return answer, status


@staff.get("/misinformation-cases/<int:case_id>/reports/<int:report_id>/image")
@staff_required
@error_responses(staff, 401, 404)
@staff.doc(security=[{"bearerAuth": []}],
           responses={200: {"description": "Ảnh chụp màn hình (JPEG, PNG hoặc WebP)",
                            "content": {kind: {"schema": {"type": "string",
                                                          "format": "binary"}}
                                        for kind in ("image/jpeg", "image/png",
                                                     "image/webp")}}})
def staff_image(case_id, report_id):
    """Ảnh chụp màn hình của một tin báo (chỉ cán bộ trong phạm vi)."""
    return send_image(case_id, report_id)


def send_image(case_id: int, report_id: int):
    """A report's screenshot for staff of its case's scope (404 otherwise)."""
    case = service.get_scoped(case_id, current_staff())
    row = db.session.get(MisinformationReport, report_id)
    if row is None or row.case_id != case.id or not row.image_key \
            or row.image_type not in storage.IMAGE_TYPES:
        raise NotFound(messages.NOT_FOUND)
    response = send_file(storage.path_of(row.image_key), mimetype=row.image_type,
                         conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
