"""Mini App backend (``/api/v1/me/…``) and the staff view of Zalo delivery state.

Mini App requests carry ``Authorization: Bearer <Zalo user access token>``. The token is
checked with Zalo (``GET /v2.0/me`` with ``appsecret_proof``) and the answer cached briefly
by the token's hash; the user id always comes from Zalo, never from the client.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import fields
from sqlalchemy.orm import selectinload

from core.cache import get_cache
from core.clock import now
from core.db import db, flush
from core.errors import NotFound, ServiceUnavailable, Unauthorized, UserValueError
from core.extensions import limiter
from core.models import Delivery
from core.phones import to_e164
from core.schemas import BaseSchema, LocalDateTime, error_responses, length
from directory.auth import current_staff, staff_required
from feedback.access import get_scoped
from feedback.models import Feedback
from feedback.schemas import FeedbackPublicSchema
from feedback.service import Identity
from integrations.zalo import client, fanout, messages
from integrations.zalo.models import ZaloUser, ZaloVerifiedPhone
from notices.access import get_scoped as get_scoped_notice

miniapp = Blueprint("zalo_miniapp", __name__, url_prefix="/api/v1/me",
                    description="Zalo Mini App: phản ánh của chính người dùng")
staff = Blueprint("zalo_staff", __name__, url_prefix="/api/v1/staff/zalo",
                  description="Trạng thái gửi tin qua Zalo (cán bộ)")

USERS_CACHE = "zalo.miniapp_users"  # verified tokens by their hash (the app's core.cache)
USERS_CACHE_MAX = 10_000


@dataclass(frozen=True)
class MiniAppUser:
    """A Zalo user as Zalo vouched for them."""

    id: str
    name: str | None


def _bearer() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def clear_cache() -> None:
    """Forget verified tokens (tests)."""
    get_cache(USERS_CACHE).clear()


def verify_user_token(token: str) -> MiniAppUser:
    """The user behind a Mini App access token (cached briefly by the token's hash). Zalo
    off by configuration is not a passing outage: 404, not 503."""
    if not client.enabled():
        raise NotFound(messages.DISABLED)
    key = hashlib.sha256(token.encode()).hexdigest()
    users = get_cache(USERS_CACHE)
    hit = users.get(key)
    if hit is not None:
        return hit
    try:
        me = client.graph_me(token)
    except client.ZaloError as exc:
        if exc.kind == "transient":
            raise ServiceUnavailable(messages.MINIAPP_UNAVAILABLE) from None
        raise Unauthorized(messages.MINIAPP_TOKEN_INVALID,
                           headers={"WWW-Authenticate": "Bearer"}) from None
    user = MiniAppUser(id=str(me["id"])[:64], name=me.get("name"))
    users.put(key, user, ttl=float(current_app.config["ZALO_MINIAPP_CACHE_SECONDS"]))
    return user


def current_user() -> MiniAppUser:
    """The Mini App user of this request, or 401."""
    token = _bearer()
    if token is None:
        raise Unauthorized(messages.MINIAPP_TOKEN_INVALID, headers={"WWW-Authenticate": "Bearer"})
    return verify_user_token(token)


def identity_from_request() -> Identity | None:
    """Identity resolver for the citizen API: a Zalo user token links the item to them.

    When that user follows the OA (the OA's webhook told us their ``user_id_by_app``, the
    same per-app id the Mini App's ``/me`` answers when both belong to one Zalo app), the
    item also keeps their OA user id, so answers reach them in the OA conversation first;
    otherwise by ZNS to their phone.
    """
    token = _bearer()
    if token is None or not client.enabled():
        return None
    user = verify_user_token(token)
    follower = db.session.scalar(sa.select(ZaloUser.user_id).where(
        ZaloUser.user_id_by_app == user.id, ZaloUser.is_follower.is_(True)).limit(1))
    return Identity(zalo_user_id=follower, zalo_app_user_id=user.id)


class PhoneInSchema(BaseSchema):
    """The phone-number token from ``getPhoneNumber()``."""

    token = fields.String(required=True, validate=length(1, 2000))


class MyFeedbackSchema(BaseSchema):
    """The Zalo user's own items."""

    items = fields.List(fields.Nested(FeedbackPublicSchema))


class PhoneSchema(BaseSchema):
    """The user's phone number (E.164)."""

    phone = fields.String()


class ZaloDeliverySchema(BaseSchema):
    """One message to the citizen and how its delivery went."""

    id = fields.Integer()
    channel = fields.String()
    kind = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = LocalDateTime()
    sent_at = LocalDateTime()


class FeedbackDeliveriesSchema(BaseSchema):
    """Messages sent to the citizen about one item."""

    feedback_id = fields.Integer()
    deliveries = fields.List(fields.Nested(ZaloDeliverySchema))


class ZaloArticleSchema(BaseSchema):
    """The OA article of a notice."""

    article_id = fields.String(allow_none=True)
    status = fields.String()
    broadcast_at = fields.String(allow_none=True)


class ZaloNoticeDeliveriesSchema(BaseSchema):
    """Zalo messages about a notice, counted by status, and its article."""

    notice_id = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    total = fields.Integer()
    article = fields.Nested(ZaloArticleSchema, allow_none=True)


@miniapp.get("/feedback")
@miniapp.doc(security=[{"zaloUser": []}])
@miniapp.response(200, MyFeedbackSchema)
@error_responses(miniapp, 401, 404, 429, 503)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def my_feedback():
    """Phản ánh của chính người dùng Zalo (mới nhất trước)."""
    user = current_user()
    items = db.session.scalars(
        sa.select(Feedback).where(Feedback.zalo_app_user_id == user.id)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc()).limit(100)
        .options(selectinload(Feedback.events), selectinload(Feedback.category),
                 selectinload(Feedback.office), selectinload(Feedback.unit)))
    return {"items": items}


@miniapp.post("/phone")
@miniapp.arguments(PhoneInSchema)
@miniapp.doc(security=[{"zaloUser": []}])
@miniapp.response(200, PhoneSchema)
@error_responses(miniapp, 400, 401, 404, 429, 503)
@limiter.limit(lambda: current_app.config["RATELIMIT_LOOKUP"])
def my_phone(data):
    """Đổi mã cấp quyền số điện thoại (khi người dân đồng ý) lấy số điện thoại."""
    user = current_user()
    return {"phone": verify_phone(user, data["token"])}


def verify_phone(user: MiniAppUser, phone_token: str) -> str:
    """Exchange a ``getPhoneNumber()`` token (with this request's user token) for the number
    Zalo verified, and remember it for that user (E.164)."""
    try:
        number = client.graph_phone(_bearer() or "", phone_token)
    except client.ZaloError as exc:
        if exc.kind == "transient":
            raise ServiceUnavailable(messages.MINIAPP_UNAVAILABLE) from None
        raise UserValueError(messages.PHONE_TOKEN_INVALID,
                             {"token": [messages.PHONE_TOKEN_INVALID]}) from None
    phone = to_e164(number if number.startswith(("0", "+")) else "+" + number)
    if phone is None:
        raise UserValueError(messages.PHONE_TOKEN_INVALID,
                             {"token": [messages.PHONE_TOKEN_INVALID]})
    row = db.session.get(ZaloVerifiedPhone, user.id)
    if row is None:
        db.session.add(ZaloVerifiedPhone(zalo_app_user_id=user.id, phone=phone))
    else:
        row.phone, row.verified_at = phone, now()
    flush()
    return phone


def verified_phone(user: MiniAppUser) -> str | None:
    """The phone Zalo verified for this user, if they ever shared it."""
    row = db.session.get(ZaloVerifiedPhone, user.id)
    return row.phone if row is not None else None


# --- staff -------------------------------------------------------------------------------------
@staff.get("/feedback/<int:item_id>/deliveries")
@staff.doc(security=[{"bearerAuth": []}])
@staff.response(200, FeedbackDeliveriesSchema)
@error_responses(staff, 401, 404)
@staff_required
def feedback_deliveries(item_id):
    """Tin đã gửi cho người phản ánh (biên nhận, trạng thái, trả lời) và kết quả gửi."""
    item = get_scoped(item_id, current_staff())
    rows = db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id)
        .order_by(Delivery.id))
    return {"feedback_id": item.id, "deliveries": rows}


@staff.get("/notices/<int:notice_id>/deliveries")
@staff.doc(security=[{"bearerAuth": []}])
@staff.response(200, ZaloNoticeDeliveriesSchema)
@error_responses(staff, 401, 404)
@staff_required
def notice_deliveries(notice_id):
    """Số tin thông báo đã gửi, đang chờ, không gửi được qua Zalo; bài viết OA."""
    return fanout.counts(get_scoped_notice(notice_id, current_staff()).id)
