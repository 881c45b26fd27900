"""The template's routes, each a thin facade over an existing service: the organization and
its OA, notices as articles, categories as feedback types, photo uploads, feedback intake
(``feedback.service.submit``), published answers as feedback and as Q&A guides
(``feedback.answers``), dossier look-up (``feedback.ownership`` and ``FeedbackPublicSchema``), and
appointments (``appointments.service``).

The Zalo user is the one Zalo vouches for (``integrations.zalo.routes.current_user``); a
phone counts as theirs only when Zalo verified it for them.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, request, send_file, url_for

import directory
from appointments import service as appointments
from appointments.models import Appointment
from core import storage, throttle
from core.clock import now
from core.db import db
from core.errors import ServiceUnavailable, Unauthorized, UserValueError
from core.extensions import limiter
from feedback import ownership
from feedback import service as feedback_service
from feedback.answers import service as answers
from feedback.answers.models import PublishedAnswer
from feedback.models import Feedback
from feedback.schemas import FeedbackInSchema as CoreFeedbackInSchema
from feedback.schemas import FeedbackPublicSchema
from integrations.zalo import client
from integrations.zalo import routes as miniapp
from integrations.zalo.egov import envelope, messages, units, uploads
from integrations.zalo.egov.schemas import (
    FeedbackInSchema,
    OrganizationArgsSchema,
    PageArgsSchema,
    ScheduleInSchema,
    SearchArgsSchema,
    schedule_date,
)
from integrations.zalo.models import ZaloUser
from notices import public as notices_public
from notices.schemas import PublicNoticeSchema
from privacy import notice as privacy_notice

SEARCH = "miniapp-search"
UPLOADS_PATH = "/miniapp_uploads/"

_PAGE = PageArgsSchema()
_CORE_FEEDBACK_IN = CoreFeedbackInSchema()
_PUBLIC_NOTICE = PublicNoticeSchema()


def _ms(moment: datetime | None) -> int | None:
    """Milliseconds since the epoch (the template does ``new Date(ms)``)."""
    return int(moment.timestamp() * 1000) if moment is not None else None


def _page_args() -> tuple[int, int]:
    args = _PAGE.load(request.args.to_dict())
    return args["page"], args["pargeSize"]


def _page(page: int, size: int, total: int, data: list) -> dict:
    return {"current": page, "pageSize": size, "total": total, "data": data}


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise UserValueError(messages.INVALID_JSON)
    return body


def _user_or_none() -> miniapp.MiniAppUser | None:
    """The Zalo user when a valid token came along (public calls do not need one)."""
    if miniapp._bearer() is None or not client.enabled():
        return None
    try:
        return miniapp.current_user()
    except (Unauthorized, ServiceUnavailable):
        return None


def _follows_oa(user: miniapp.MiniAppUser | None) -> bool:
    if user is None:
        return False
    return db.session.scalar(sa.select(ZaloUser.user_id).where(
        ZaloUser.user_id_by_app == user.id, ZaloUser.is_follower.is_(True)).limit(1)) is not None


# --- organization, articles, feedback types ----------------------------------------------------
def get_organization():
    """The unit a Mini App serves, and its Official Accounts (the first one listed is this
    service's OA: ``follow`` says whether the user follows it)."""
    args = OrganizationArgsSchema().load(request.args.to_dict())
    app, unit = units.by_mini_app(args["miniAppId"])
    follows = _follows_oa(_user_or_none())
    accounts = [{"oaId": account["oa_id"], "name": account["name"],
                 "logoUrl": account["logo_url"], "follow": follows and index == 0}
                for index, account in enumerate(app.official_accounts)]
    return envelope.ok({"id": unit.code, "name": unit.name, "description": app.description,
                        "logoUrl": app.logo_url, "officialAccounts": accounts})


def get_articles():
    """The unit's current notices (its province's too) as articles; ``link`` is the notice's
    public address."""
    unit = units.of_request()
    page, size = _page_args()
    items, total = notices_public.current_page(notices_public.audience_codes(unit), now(),
                                               page + 1, size)
    data = []
    for notice in items:
        public = _PUBLIC_NOTICE.dump(notice)
        data.append({"id": str(notice.id), "title": notice.title, "desc": notice.summary or "",
                     "thumb": public["images"][0]["url"] if public["images"] else "",
                     "link": public["links"]["self"], "createdAt": _ms(notice.published_at)})
    return envelope.ok(_page(page, size, total, data))


def feedback_types():
    """The categories a citizen of the unit can choose."""
    unit = units.of_request()
    return envelope.ok([{"id": category.id, "title": category.name, "order": index}
                        for index, category in enumerate(
                            directory.categories_for_unit(unit), start=1)])


# --- photos ------------------------------------------------------------------------------------
def upload_image():
    """Store the picker's photos; ``domain + name`` is where the app shows each one."""
    user = _user_or_none()
    names = uploads.receive(user.id if user else None)
    domain = url_for(".uploaded_image", name="x", _external=True)[:-1]
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        domain = base.rstrip("/") + url_for(".uploaded_image", name="x")[:-1]
    return envelope.ok({"domain": domain, "images": names})


def uploaded_image(name: str):
    """A photo uploaded and not yet sent (its name is the secret)."""
    row = uploads.pending(name)
    if row is None:
        abort(404)
    response = send_file(storage.path_of(row.storage_key), mimetype=row.content_type,
                         conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- feedback ----------------------------------------------------------------------------------
def feedback():
    """GET: the unit's published answers; POST: a feedback item from the Zalo user."""
    if request.method == "POST":
        return _submit_feedback()
    unit = units.of_request()
    page, size = _page_args()
    found = answers.search(unit_code=unit.code, limit=size, offset=page * size)
    created = {row[0]: row[1] for row in db.session.execute(
        sa.select(Feedback.id, Feedback.created_at).where(
            Feedback.id.in_([a.feedback_id for a in found.items])))}
    data = [{"id": a.id, "title": a.title, "content": a.question, "response": a.answer,
             "creationTime": _ms(created.get(a.feedback_id)),
             "responseTime": _ms(a.published_at), "type": a.category.name, "imageUrls": []}
            for a in found.items]
    return envelope.ok(_page(page, size, _published_count(unit.code), data))


def _published_count(unit_code: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(PublishedAnswer)
                             .where(PublishedAnswer.unit_code == unit_code)) or 0


def _submit_feedback():
    user = miniapp.current_user()
    unit = units.of_request()
    body = FeedbackInSchema().load(_json_body())
    category = next((c for c in directory.categories_for_unit(unit)
                     if c.id == body["feedbackTypeId"]), None)
    if category is None:
        raise UserValueError(messages.UNKNOWN_TYPE, {"feedbackTypeId": [messages.UNKNOWN_TYPE]})
    images = uploads.claimable(body["imageUrls"], user.id)
    phone = (miniapp.verify_phone(user, body["token"]) if body["token"]
             else miniapp.verified_phone(user))
    payload = {"unit_code": unit.code, "category_code": category.code, "title": body["title"],
               "description": body["content"], "channel": "miniapp"}
    if phone:
        payload["reporter"] = {"name": user.name or messages.REPORTER_NAME, "phone": phone}
        payload["consent"] = {"purpose": messages.CONSENT_PURPOSE,
                              "policy_version": privacy_notice.current_version(),
                              "text": messages.CONSENT_TEXT}
    else:
        payload["anonymous"] = True
    data = _CORE_FEEDBACK_IN.load(payload)
    if phone:
        data["consent"]["evidence"] = {"source": "zalo_miniapp", "channel": "miniapp",
                                       "phone": "verified_by_zalo",
                                       "origin": (request.headers.get("Origin") or "")[:200]
                                       or None}
    feedback_service.submit(data, identity=miniapp.identity_from_request(), channel="miniapp",
                            on_created=lambda item: uploads.attach(images, item.id))
    return envelope.ok(True)


def information_guides():
    """The unit's published questions and answers."""
    unit = units.of_request()
    page, size = _page_args()
    found = answers.search(unit_code=unit.code, limit=size, offset=page * size)
    return envelope.ok(_page(page, size, _published_count(unit.code), [
        {"id": a.id, "question": a.question, "answer": a.answer} for a in found.items]))


# --- dossier look-up ---------------------------------------------------------------------------
def search_profiles():
    """An item by its tracking code with its public timeline, for its owner only (the same
    Zalo user, or the phone Zalo verified for them); others get an empty list."""
    user = miniapp.current_user()
    unit = units.of_request()
    args = SearchArgsSchema().load(request.args.to_dict())
    if not throttle.hit(SEARCH, user.id, str(current_app.config["MINIAPP_SEARCH_LIMIT"])):
        raise envelope.SearchLimited(messages.SEARCH_LIMIT)
    item = ownership.load(args["profileCode"])
    if item is None or item.unit_code != unit.code or not _owns(item, user):
        return envelope.ok([])
    view = FeedbackPublicSchema().dump(item)
    notifications = []
    for event in view["timeline"]:
        text = event["label"] + (f": {event['note']}" if event["note"] else "")
        notifications.append({"message": text,
                              "createdAt": _ms(datetime.fromisoformat(event["at"]))})
    if view["public_answer"]:
        notifications.append({"message": view["public_answer"], "createdAt": None})
    return envelope.ok([{"name": view["title"], "profileCode": view["tracking_code"],
                         "status": view["status_label"], "dueDate": _ms(item.due_at),
                         "notifications": notifications}])


def _owns(item: Feedback, user: miniapp.MiniAppUser) -> bool:
    if item.zalo_app_user_id == user.id:
        return True
    phone = miniapp.verified_phone(user)
    return bool(phone and item.reporter_phone == phone)


# --- appointments ------------------------------------------------------------------------------
def _dump_schedule(item: Appointment) -> dict:
    phone = item.phone
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    answer = {"fullName": item.full_name, "yourNumber": item.number,
              "currentNumber": appointments.current_number(item.unit_code, item.day),
              "date": schedule_date(item.day), "content": item.content, "phoneNumber": phone,
              "organizationId": item.unit_code, "status": item.status}
    if item.status == "rejected":
        answer["rejectedInfo"] = item.reject_reason
    return answer


def create_schedule():
    """Book a day at the unit's one-stop office; the answer carries the queue number."""
    user = miniapp.current_user()
    unit = units.of_request()
    body = ScheduleInSchema().load(_json_body())
    identity = miniapp.identity_from_request()
    citizen = appointments.Citizen(zalo_app_user_id=user.id,
                                   zalo_user_id=identity.zalo_user_id if identity else None,
                                   verified_phone=miniapp.verified_phone(user))
    item = appointments.book(unit.code, body["day"], body["fullName"], body["phoneNumber"],
                             body["content"], citizen)
    return envelope.ok(_dump_schedule(item))


def get_schedule():
    """The user's appointment at the unit (``data`` null when there is none)."""
    user = miniapp.current_user()
    unit = units.of_request()
    item = appointments.current_for(unit.code, user.id)
    if item is None:
        return envelope.ok(None, messages.NO_SCHEDULE)
    return envelope.ok(_dump_schedule(item))


def _limit(setting: str):
    return limiter.limit(lambda: current_app.config[setting])


_LOOKUP, _SUBMIT = _limit("RATELIMIT_LOOKUP"), _limit("RATELIMIT_SUBMIT")
# (path, view, methods), each view rate-limited once per process (apps share the limiter).
ROUTES = (
    ("/get_organization_api", _LOOKUP(get_organization), ["GET"]),
    ("/get_articles_api", _LOOKUP(get_articles), ["GET"]),
    ("/feedback_types_api", _LOOKUP(feedback_types), ["GET"]),
    ("/upload_image_api", _SUBMIT(upload_image), ["POST"]),
    (UPLOADS_PATH + "<name>", _LOOKUP(uploaded_image), ["GET"]),
    ("/feedback_api", _SUBMIT(feedback), ["GET", "POST"]),
    ("/information_guide_api", _LOOKUP(information_guides), ["GET"]),
    ("/search_profiles_api", _LOOKUP(search_profiles), ["GET"]),
    ("/create_schedule_api", _SUBMIT(create_schedule), ["POST"]),
    ("/get_schedule_api", _LOOKUP(get_schedule), ["GET"]),
)


def blueprint() -> Blueprint:
    """A fresh blueprint of the facade (each app gets its own, with its own CORS)."""
    bp = Blueprint("miniapp_egov", __name__)
    for path, view, methods in ROUTES:
        bp.add_url_rule(path, view.__name__, view, methods=methods)
    envelope.register(bp)
    return bp
