"""Receive endpoint: the province pushes items for our units, signed with HMAC-SHA256."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, request

from core import jsonbody
from core.errors import NotFound, Unauthorized, UserValueError
from integrations.source_system import messages, signing
from integrations.source_system.schemas import ItemSchema
from radio import source

log = logging.getLogger(__name__)

bp = Blueprint("source_system", __name__, url_prefix="/integrations/source-system")

_REASONS = {"stale": messages.SIGNATURE_STALE, "missing": messages.SIGNATURE_MISSING}


def _verify() -> None:
    config = current_app.config
    secrets = {config["SOURCE_SYSTEM_KEY_ID"]: config["SOURCE_SYSTEM_SECRET"]}
    path = request.full_path.rstrip("?")
    try:
        signing.verify(request.headers, request.method, path, request.get_data(),
                       secrets, float(config["SOURCE_SYSTEM_REPLAY_WINDOW"]))
    except signing.SignatureError as exc:
        log.warning("source system request refused: %s", exc.reason)
        raise Unauthorized(_REASONS.get(exc.reason, messages.SIGNATURE_INVALID)) from None


@bp.post("/v1/items")
def receive_item():
    """One item issued by the province; it becomes notices of its target units."""
    if not source.enabled() or not current_app.config["SOURCE_SYSTEM_SECRET"]:
        raise NotFound(messages.SOURCE_OFF)
    _verify()
    try:
        raw = jsonbody.loads(request.get_data())
    except ValueError:
        raise UserValueError(messages.BAD_JSON) from None
    if not isinstance(raw, dict):
        raise UserValueError(messages.BAD_JSON)
    item = ItemSchema().load(raw)  # a ValidationError becomes the 422 error shape
    rows = source.receive(item)
    return {"id": item["id"],
            "received": [{"unit_code": r.unit_code, "notice_id": r.notice_id,
                          "status": r.notice.status} for r in rows]}
