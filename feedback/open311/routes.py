"""Open311 GeoReport v2 at ``/open311/v2/`` (``.json`` and ``.xml``), and the staff key API.

Errors here use Open311's format, a list of ``{code, description}`` (``errors/error`` in
XML), not the JSON error shape of the rest of the API: the blueprint's own error handlers
take precedence over the application's, and a catch-all route keeps unknown paths and
methods under ``/open311/v2/`` inside the blueprint.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import ValidationError, fields
from werkzeug.exceptions import HTTPException

from core import idempotency
from core.codes import digest
from core.errors import AppError, Forbidden
from core.extensions import limiter
from core.messages import HTTP_MESSAGES
from core.schemas import BaseSchema, CleanString, LocalDateTime, View, error_responses, length
from core.urls import public_url
from directory.auth import current_staff, staff_required
from feedback.open311 import keys, messages, service
from feedback.open311.serialise import render

open311 = Blueprint("open311", __name__, url_prefix="/open311/v2")
FORMAT = "<any(json,xml):fmt>"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Open311 names three error statuses; ours that mean the same are mapped onto them.
_STATUS_MAP = {401: 403, 422: 400}

_read_limit = limiter.shared_limit(lambda: current_app.config["OPEN311_RATELIMIT_READ"],
                                   scope="open311-read")


def _key_bucket() -> str:
    """Rate-limit POSTs per partner key (the digest, never the key itself)."""
    raw = request.form.get("api_key")
    return "open311-key:" + digest(raw) if raw else "open311-ip:" + get_remote_address()


def _request_format() -> str:
    return "json" if request.path.endswith(".json") else "xml"


def _errors(status: int, descriptions: list[str]):
    status = _STATUS_MAP.get(status, status)
    return render([{"code": status, "description": d} for d in descriptions],
                  _request_format(), "errors", status)


@open311.errorhandler(AppError)
def _app_error(exc: AppError):
    if exc.errors:
        described = [f"{field}: {m}" if field != "_" else m
                     for field, msgs in exc.errors.items() for m in msgs]
        return _errors(exc.status_code, described)
    return _errors(exc.status_code, [exc.message])


@open311.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    status = exc.code or 500
    if status == 404:
        return _errors(404, [messages.NOT_FOUND])
    return _errors(status, [HTTP_MESSAGES.get(status, HTTP_MESSAGES[400])])


@open311.errorhandler(ValidationError)
def _validation_error(exc: ValidationError):
    return _errors(400, [str(m) for m in exc.messages] if isinstance(exc.messages, list)
                   else [HTTP_MESSAGES[422]])


@open311.get(f"/discovery.{FORMAT}")
@_read_limit
def discovery(fmt):
    """Discovery: where the endpoint is and what it speaks."""
    config = current_app.config
    data = {
        "changeset": config["OPEN311_CHANGESET"],
        "contact": config["OPEN311_CONTACT"] or messages.DISCOVERY_CONTACT,
        "key_service": messages.KEY_SERVICE,
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": public_url("open311.discovery", fmt=fmt).rsplit("/", 1)[0],
            "changeset": config["OPEN311_CHANGESET"],
            "type": config["OPEN311_ENDPOINT_TYPE"],
            "formats": ["text/xml", "application/json"],
        }],
    }
    return render(data, fmt, "discovery")


@open311.get(f"/services.{FORMAT}")
@_read_limit
def services(fmt):
    """Service list: the categories of the jurisdiction."""
    return render(service.list_services(service.jurisdiction(request.args)), fmt, "services")


@open311.get(f"/services/<code>.{FORMAT}")
@_read_limit
def service_definition(code, fmt):
    """Service definition: the category's extra questions."""
    unit = service.jurisdiction(request.args)
    return render(service.service_definition(code, unit), fmt, "service_definition")


@open311.get(f"/requests.{FORMAT}")
@_read_limit
def requests_list(fmt):
    """Query requests (no personal data)."""
    unit = service.jurisdiction(request.args)
    query = service.parse_request_query(request.args)
    return render(service.find_requests(query, unit), fmt, "service_requests")


@open311.post(f"/requests.{FORMAT}")
@limiter.limit(lambda: current_app.config["OPEN311_RATELIMIT_POST"], key_func=_key_bucket)
def requests_create(fmt):
    """Create a request (form-encoded, api_key required)."""
    answer = service.submit(request.form, idempotency.key_from_request())
    return render(answer, fmt, "service_requests", 201)


@open311.get(f"/requests/<request_id>.{FORMAT}")
@_read_limit
def request_detail(request_id, fmt):
    """One request, as a list of one."""
    unit = service.jurisdiction(request.args)
    extensions = (service.param(request.args, "extensions") or "").lower() == "true"
    return render(service.get_request(request_id, unit, extensions), fmt, "service_requests")


@open311.get(f"/tokens/<token>.{FORMAT}")
@_read_limit
def token_detail(token, fmt):
    """The request id behind a token."""
    return render(service.get_token(token), fmt, "service_requests")


@open311.route("/", defaults={"rest": ""},
               methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])
@open311.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])
def not_found(rest):
    """Anything else under /open311/v2/: a 404 in Open311's format."""
    return _errors(404, [messages.NOT_FOUND])


# --- staff API: partner keys ---------------------------------------------------------------
staff_keys = ApiBlueprint("open311_keys", __name__, url_prefix="/api/v1/staff/open311",
                          description="Khóa API Open311 của đối tác (quản trị tỉnh)")


class KeyInSchema(BaseSchema):
    """A new partner key."""

    partner = CleanString(required=True, single_line=True, validate=length(2, 120))
    unit_code = fields.String(required=True, validate=length(2, 5))
    collects_consent = fields.Boolean(load_default=False)
    consent_policy = CleanString(single_line=True, validate=length(1, 40))


class KeySchema(BaseSchema):
    """A key as administrators see it (never the key itself, except once at creation:
    ``View(key, api_key=…)``)."""

    id = fields.Integer()
    partner = fields.String()
    key_prefix = fields.String()
    unit_code = fields.String()
    collects_consent = fields.Boolean()
    consent_policy = fields.String(allow_none=True)
    created_at = LocalDateTime()
    revoked_at = LocalDateTime()
    api_key = fields.String()


def _admin_province() -> str:
    user = current_staff()
    if user.role != "province_admin":
        raise Forbidden(messages.KEY_ADMIN_ONLY)
    return user.unit_code


@staff_keys.get("/keys")
@staff_keys.response(200, KeySchema(many=True))
@error_responses(staff_keys, 401, 403)
@staff_keys.doc(security=[{"bearerAuth": []}])
@staff_required
def list_keys():
    """Khóa API Open311 của tỉnh."""
    return keys.list_keys(_admin_province())


@staff_keys.post("/keys")
@staff_required
@staff_keys.arguments(KeyInSchema)
@staff_keys.response(201, KeySchema)
@error_responses(staff_keys, 400, 401, 403)
@staff_keys.doc(security=[{"bearerAuth": []}])
def create_key(data):
    """Cấp khóa cho một đối tác (khóa chỉ hiện một lần)."""
    province = _admin_province()
    if data["unit_code"] not in keys.units_of(province):
        raise Forbidden(messages.KEY_UNIT_OUTSIDE)
    key, raw = keys.create_key(created_by_id=current_staff().id, **data)
    return View(key, api_key=raw)


@staff_keys.post("/keys/<int:key_id>/revoke")
@staff_keys.response(200, KeySchema)
@error_responses(staff_keys, 401, 403, 404)
@staff_keys.doc(security=[{"bearerAuth": []}])
@staff_required
def revoke_key(key_id):
    """Thu hồi khóa."""
    return keys.revoke_key(key_id, _admin_province())
