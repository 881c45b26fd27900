"""Verification over HTTP: the public check page (/xac-minh), each notice's page and
printable A4 PDF (what its QR code opens), the check API and the published keys."""

from __future__ import annotations

from typing import Any

import segno
import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template, request
from flask_smorest import Blueprint as ApiBlueprint

import directory
from core import clock
from core.db import db
from core.errors import NotFound, UserValueError
from core.extensions import limiter
from core.schemas import error_responses
from core.urls import is_absolute
from directory.models import AdminUnit
from notices.models import Notice, NoticeTarget
from notices.verification import keys, messages, printable, service
from notices.verification.schemas import KeySetSchema, VerifyArgsSchema, VerifyResultSchema

api = ApiBlueprint("verification_api", __name__, url_prefix="",
                   description="Xác minh thông báo chính thức (công khai)")
pages = Blueprint("verification_pages", __name__, template_folder="templates",
                  static_folder="static", static_url_path="/xac-minh-static")


def _limit() -> str:
    return current_app.config["RATELIMIT_LOOKUP"]


def run_check(code: str | None, text: str | None, unit_code: str | None) -> service.Check:
    """A check by code, else by text (within the unit when given)."""
    code, text = (code or "").strip(), (text or "").strip()
    if code:
        return service.by_code(code)
    if text:
        unit = directory.get_unit(unit_code) if unit_code else None
        return service.by_text(text, unit)
    raise UserValueError(messages.NEED_INPUT, {"code": [messages.NEED_INPUT]})


# --- API --------------------------------------------------------------------------------------
@api.route("/api/v1/verify", methods=["GET"])
@limiter.limit(_limit)
@api.arguments(VerifyArgsSchema, location="query")
@api.doc(summary="Kiểm tra một thông báo bằng mã xác minh hoặc nội dung",
         description="Trả lời thông báo chính thức (kể cả đã hết hiệu lực, bị thu hồi hay đã "
                     "đính chính) hoặc câu trả lời rằng không có thông báo nào như vậy.")
@api.alt_response(200, schema=VerifyResultSchema, success=True, description="Kết quả")
@error_responses(api, 404, 429)
def verify_get(args):
    """Check by query string."""
    return service.answer(run_check(args.get("code"), args.get("text"), args.get("unit_code")))


@api.route("/api/v1/verify", methods=["POST"])
@limiter.limit(_limit)
@api.arguments(VerifyArgsSchema)
@api.doc(summary="Kiểm tra một thông báo (nội dung dài gửi trong thân yêu cầu)")
@api.alt_response(200, schema=VerifyResultSchema, success=True, description="Kết quả")
@error_responses(api, 400, 404, 429)
def verify_post(args):
    """Check by JSON body."""
    return service.answer(run_check(args.get("code"), args.get("text"), args.get("unit_code")))


@api.route("/.well-known/thongtin-keys.json", methods=["GET"])
@api.doc(summary="Khóa công khai dùng để kiểm tra chữ ký của thông báo",
         description="Mọi khóa còn hiệu lực, với thời hạn; chữ ký bằng một khóa đã hết hạn "
                     "không còn được chấp nhận.")
@api.alt_response(200, schema=KeySetSchema, success=True, description="Các khóa")
def published_keys():
    """The key set (public parts, validity)."""
    response = current_app.json.response(keys.document())
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# --- pages -------------------------------------------------------------------------------------
def absolute_page_url(code: str) -> tuple[str, bool]:
    """The notice page's absolute address (for QR codes) and whether it came from a trusted
    origin (else from this request: not to be cached for others)."""
    url = service.page_url(code)
    if is_absolute(url):
        return url, True
    return request.host_url.rstrip("/") + url, False


def qr_data_uri(url: str) -> str:
    """An SVG QR code of ``url`` as a data URI (the page's CSP allows data: images)."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=4)


def _units_with_notices() -> list[AdminUnit]:
    codes = sa.select(NoticeTarget.unit_code).join(Notice, Notice.id == NoticeTarget.notice_id) \
        .where(Notice.verification_code.is_not(None)).distinct()
    from core.text import vietnamese_sort_key

    rows = db.session.scalars(sa.select(AdminUnit).where(AdminUnit.code.in_(codes))
                              .limit(500)).all()
    return sorted(rows, key=lambda u: vietnamese_sort_key(u.name))


def _html(html: str, status: int = 200, cache: str = "no-store") -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = cache
    return response


def _notice_view(notice: Notice) -> dict[str, Any]:
    data = service.notice_summary(notice)
    url, _trusted = absolute_page_url(notice.verification_code)
    data["qr"] = qr_data_uri(url)
    data["absolute_url"] = url
    data["published_local"] = _date(notice.published_at)
    data["expires_local"] = _date(notice.expires_at) if notice.expires_at else None
    data["paragraphs"] = [p for p in data["text"].split("\n") if p.strip()]
    return data


def _date(value) -> str:
    return clock.to_local(value).strftime("%H:%M %d/%m/%Y") if value else ""


@pages.route("/xac-minh", methods=["GET", "POST"])
@limiter.limit(_limit)
def check_page():
    """The check form and, after a check, its answer."""
    source = request.form if request.method == "POST" else request.args
    code, text = source.get("ma", "")[:40], source.get("noi_dung", "")[:20000]
    unit_code = source.get("don_vi", "")[:5]
    result = error = None
    status = 200
    if code.strip() or text.strip():
        try:
            check = run_check(code, text, unit_code or None)
            unit = check.notice.unit if check.found and check.match == "code" else check.unit
            result = {"check": check, "verdict": service.verdict(check),
                      "notice": _notice_view(check.notice) if check.found else None,
                      "report_url": service.report_url(unit, text),
                      "report_unit": unit}
        except (UserValueError, NotFound) as exc:
            error, status = exc.message, exc.status_code
    html = render_template("verification/check.html", m=messages, result=result, error=error,
                           code=code, text=text, unit_code=unit_code,
                           units=_units_with_notices())
    return _html(html, status)


@pages.get("/xac-minh/<code>")
def notice_page(code):
    """One notice's page by its code (what its QR code opens), in any state."""
    check = service.by_code(code) if service.normalise_code(code) else None
    if check is None or not check.found:
        html = render_template("verification/not_found.html", m=messages,
                               verdict=service.verdict(check) if check else
                               messages.CODE_INVALID)
        return _html(html, 404)
    html = render_template("verification/notice.html", m=messages,
                           notice=_notice_view(check.notice),
                           verdict=service.verdict(check))
    trusted = is_absolute(service.page_url(check.code))
    return _html(html, cache="public, max-age=60" if trusted else "no-store")


@pages.get("/xac-minh/<code>.pdf", endpoint="printable")
def printable_page(code):
    """The printable A4 page of a notice (PDF)."""
    check = service.by_code(code) if service.normalise_code(code) else None
    if check is None or not check.found:
        raise NotFound(messages.NOT_FOUND_PAGE)
    url, trusted = absolute_page_url(check.notice.verification_code)
    pdf = printable.render(check.notice, url)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="thong-bao-{service.display(check.code)}.pdf"')
    response.headers["Cache-Control"] = "public, max-age=300" if trusted else "no-store"
    return response
