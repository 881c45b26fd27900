"""Personal-data HTTP surfaces: the privacy notice (HTML and JSON, every version), the
citizen's rights requests, and the staff API (requests queue and actions, access log)."""

from __future__ import annotations

import json

from flask import Blueprint as FlaskBlueprint
from flask import Response, current_app, render_template, request
from flask_smorest import Blueprint

from core.clock import to_local
from core.extensions import limiter
from core.schemas import View, error_responses
from core.urls import public_url
from directory.auth import current_staff, staff_required
from privacy import access_log, messages, notice, rights_requests
from privacy.schemas import (
    AccessLogArgsSchema,
    AccessLogSchema,
    CitizenRequestInSchema,
    CitizenRequestSchema,
    ExportSchema,
    NoticeSchema,
    RequestCreatedSchema,
    RequestTokenArgsSchema,
    StaffActionInSchema,
    StaffRequestArgsSchema,
    StaffRequestInSchema,
    StaffRequestPageSchema,
    StaffRequestSchema,
)
from privacy.subjects import items

pages = FlaskBlueprint("privacy_pages", __name__, template_folder="templates",
                       static_folder="static", static_url_path="/privacy/static")
public = Blueprint("privacy", __name__, url_prefix="/api/v1",
                   description="Bảo vệ dữ liệu cá nhân: thông báo xử lý dữ liệu, yêu cầu của "
                               "người dân")
staff = Blueprint("staff_privacy", __name__, url_prefix="/api/v1/staff",
                  description="Yêu cầu về dữ liệu cá nhân, nhật ký truy cập (lãnh đạo)")

_EXPORT = ExportSchema()
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


# --- the notice ----------------------------------------------------------------------------
def _page(version: str | None):
    shown = notice.get(version) if version else notice.current()
    current = notice.current()
    html = render_template("privacy/notice.html", notice=shown, current=current,
                           versions=notice.versions(), m=messages,
                           day=lambda value: to_local(value).strftime("%d/%m/%Y"))
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@pages.get("/privacy")
def notice_page():
    """The privacy notice in force (HTML, for citizens)."""
    return _page(None)


@pages.get("/privacy/<version>")
def notice_version_page(version: str):
    """One version of the privacy notice, old ones included."""
    return _page(version)


def _notice_json(version: str | None) -> View:
    current = notice.current()
    shown = notice.get(version) if version else current
    listing = [View(n, url=public_url("privacy.notice_version", version=n.version))
               for n in notice.versions()]
    return View(shown, url=public_url("privacy_pages.notice_version_page",
                                      version=shown.version),
                is_current=shown.version == current.version, versions=listing)


@public.get("/privacy-notice")
@public.response(200, NoticeSchema)
def notice_current():
    """Thông báo xử lý dữ liệu cá nhân đang áp dụng (phiên bản mà biểu mẫu gửi kèm)."""
    return _notice_json(None)


@public.get("/privacy-notice/<version>")
@error_responses(public, 404)
@public.response(200, NoticeSchema)
def notice_version(version):
    """Một phiên bản của thông báo xử lý dữ liệu cá nhân (kể cả phiên bản cũ)."""
    return _notice_json(version)


# --- citizens --------------------------------------------------------------------------------
@public.post("/feedback/<code>/privacy-requests")
@error_responses(public, 400, 404, 409, 429)
@public.arguments(CitizenRequestInSchema)
@public.response(201, RequestCreatedSchema)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def create_request(data, code):
    """Yêu cầu xem, sửa, nhận bản sao, hạn chế, xóa dữ liệu cá nhân hoặc rút lại sự đồng ý
    (cần mã bí mật để tra cứu hoặc mã xác nhận đã gửi đến Zalo, tin nhắn, email của người
    phản ánh; số điện thoại thôi chưa đủ)."""
    item = rights_requests.owned_item(code, data.get("token"), data.get("code"))
    channel = "miniapp" if not (data.get("code") or data.get("token")) else "api"
    created = rights_requests.create(item, data["kind"], channel, {
        "note": data.get("note"), "correction": data.get("correction"),
        "redact_photos": data.get("redact_photos")})
    secrets = {"token": created.token}
    if created.lookup_token:
        secrets["lookup_token"] = created.lookup_token
    return View(created.request, **secrets), 201


@public.get("/privacy-requests/<code>")
@error_responses(public, 400, 404, 429)
@public.arguments(RequestTokenArgsSchema, location="query")
@public.response(200, CitizenRequestSchema)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def citizen_request(args, code):
    """Tình trạng yêu cầu về dữ liệu cá nhân; dữ liệu khi yêu cầu xem đã được thực hiện."""
    return rights_requests.for_citizen(rights_requests.for_owner(code, args.get("token")))


@public.get("/privacy-requests/<code>/export")
@error_responses(public, 400, 404, 429)
@public.arguments(RequestTokenArgsSchema, location="query")
@public.response(200, ExportSchema, description="Tệp JSON dữ liệu cá nhân")
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def citizen_export(args, code):
    """Tải bản sao dữ liệu cá nhân (JSON) khi yêu cầu nhận bản sao đã được thực hiện."""
    request_row = rights_requests.for_owner(code, args.get("token"))
    body = json.dumps(_EXPORT.dump(rights_requests.export_for_citizen(request_row)),
                      ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{request_row.code}.json"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


@public.after_request
def _no_store(response):
    """Citizens' requests and data are never cached."""
    if request.endpoint in ("privacy.citizen_request", "privacy.create_request"):
        response.headers["Cache-Control"] = "private, no-store"
    return response


# --- staff -----------------------------------------------------------------------------------
def _view(row) -> View:
    return View(row, deadline=rights_requests.deadline_state(row))


@staff.get("/privacy-requests")
@error_responses(staff, 401, 403)
@staff_required
@staff.arguments(StaffRequestArgsSchema, location="query")
@staff.response(200, StaffRequestPageSchema)
@staff.doc(security=[{"bearerAuth": []}])
def staff_requests(args):
    """Yêu cầu về dữ liệu cá nhân trong phạm vi (hạn gần nhất trước)."""
    rows = rights_requests.queue(current_staff(), args["status"], args["limit"], args["offset"])
    return {"items": [_view(r) for r in rows]}


@staff.post("/privacy-requests")
@error_responses(staff, 400, 401, 403, 404, 409)
@staff_required
@staff.arguments(StaffRequestInSchema)
@staff.response(201, StaffRequestSchema)
@staff.doc(security=[{"bearerAuth": []}])
def staff_create_request(data):
    """Ghi nhận yêu cầu người dân gửi trực tiếp (cán bộ đã xác minh người yêu cầu)."""
    user = current_staff()
    rights_requests.require_handler(user)
    item = items().get_scoped(data["feedback_id"], user)
    created = rights_requests.create(item, data["kind"], "staff", {
        "note": data.get("note"), "correction": data.get("correction"),
        "redact_photos": data.get("redact_photos")}, entered_by=user)
    return _view(created.request), 201


@staff.get("/privacy-requests/<int:request_id>")
@error_responses(staff, 401, 403, 404)
@staff_required
@staff.response(200, StaffRequestSchema)
@staff.doc(security=[{"bearerAuth": []}])
def staff_request(request_id):
    """Một yêu cầu và diễn biến."""
    return _view(rights_requests.get_scoped(request_id, current_staff()))


@staff.post("/privacy-requests/<int:request_id>/<any(" + ",".join(rights_requests.ACTIONS)
            + "):action>")
@error_responses(staff, 400, 401, 403, 404, 409)
@staff_required
@staff.arguments(StaffActionInSchema)
@staff.response(200, StaffRequestSchema)
@staff.doc(security=[{"bearerAuth": []}])
def staff_request_action(data, request_id, action):
    """Xác nhận, thực hiện, từ chối (nêu lý do) hoặc gia hạn một lần (nêu lý do)."""
    return _view(rights_requests.perform(request_id, action, current_staff(), **data))


@staff.get("/privacy/contact-access")
@error_responses(staff, 401, 403)
@staff_required
@staff.arguments(AccessLogArgsSchema, location="query")
@staff.response(200, AccessLogSchema)
@staff.doc(security=[{"bearerAuth": []}])
def staff_access_log(args):
    """Nhật ký cán bộ xem thông tin liên hệ của người phản ánh (lãnh đạo)."""
    rows = access_log.entries(current_staff(), args.get("feedback_id"), args.get("staff_id"),
                              args.get("before"), args["limit"] + 1)
    page = rows[:args["limit"]]
    return {"items": page,
            "next_before": page[-1].id if len(rows) > args["limit"] else None}
