"""Open311 GeoReport v2 use cases over feedback: services, requests, submission, tokens.

Open311 sees two statuses: ``closed`` (closed or refused) and ``open`` (everything else).
No personal data leaves here: texts go through :mod:`feedback.public_text` (or the
reviewed published version when there is one) and contact fields are never output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from marshmallow import ValidationError
from sqlalchemy.orm import selectinload

import directory
from core.clock import LOCAL_TZ, YEAR_MAX, YEAR_MIN, in_supported_range, isoformat_local, now
from core.codes import new_secret
from core.db import db
from core.errors import AppError, Forbidden, NotFound
from directory.models import AdminUnit, Category
from feedback import public_text
from feedback import service as feedback_service
from feedback.answers.models import PublishedAnswer
from feedback.messages import EVENT_LABELS, STATUS_LABELS
from feedback.models import Feedback
from feedback.open311 import keys, messages
from feedback.open311.models import CategoryQuestion, Open311Key, Open311Submission
from feedback.schemas import FeedbackInSchema, public_timeline

CLOSED_STATUSES = ("closed", "refused")


class BadRequest(AppError):
    """Open311's catch-all client error (400)."""

    status_code = 400


# --- parameters --------------------------------------------------------------------------
def param(args, name: str) -> str | None:
    """A parameter; empty counts as absent (as the specification says)."""
    value = args.get(name)
    value = value.strip() if isinstance(value, str) else value
    return value or None


def jurisdiction(args) -> AdminUnit | None:
    """The province or commune named by ``jurisdiction_id``; 404 when unknown."""
    code = param(args, "jurisdiction_id")
    if code is None:
        return None
    try:
        return directory.get_unit(code)
    except NotFound:
        raise NotFound(messages.JURISDICTION_NOT_FOUND) from None


def parse_datetime(value: str | None, field: str) -> datetime | None:
    """A W3C datetime (or date); naive values are Vietnam time. 400 when malformed."""
    if value is None:
        return None
    # An unencoded "+07:00" in a query string arrives as " 07:00".
    value = re.sub(r" (\d\d:?\d\d)$", r"+\1", value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(messages.BAD_DATE.format(field=field)) from None
    if not in_supported_range(moment):  # 0001-01-01+14:00 has no UTC equivalent
        raise BadRequest(messages.DATE_OUT_OF_RANGE.format(field=field, lo=YEAR_MIN,
                                                           hi=YEAR_MAX))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment


def parse_int(value: str | None, field: str, default: int, lo: int, hi: int) -> int:
    """An integer parameter within bounds; 400 otherwise."""
    if value is None:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise BadRequest(messages.BAD_PAGE.format(field=field, lo=lo, hi=hi))
    return int(value)


def csv(value: str | None) -> list[str]:
    """Comma list parameter."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


# --- services ----------------------------------------------------------------------------
def _categories(unit: AdminUnit | None) -> list[Category]:
    if unit is not None:
        return directory.categories_for_unit(unit)
    return directory.sort_categories(db.session.scalars(sa.select(Category).where(
        Category.is_active, Category.unit_code.is_(None))))


def _questions(category_ids: list[int]) -> dict[int, list[CategoryQuestion]]:
    found: dict[int, list[CategoryQuestion]] = {}
    for question in db.session.scalars(
            sa.select(CategoryQuestion)
            .where(CategoryQuestion.category_id.in_(category_ids), CategoryQuestion.is_active)
            .order_by(CategoryQuestion.order, CategoryQuestion.id)):
        found.setdefault(question.category_id, []).append(question)
    return found


def list_services(unit: AdminUnit | None) -> list[dict[str, Any]]:
    """Categories offered in ``unit`` (global ones when no jurisdiction is given)."""
    categories = _categories(unit)
    questions = _questions([c.id for c in categories])
    return [{
        "service_code": c.code,
        "service_name": c.name,
        "description": c.name,
        "metadata": bool(questions.get(c.id)),
        "type": "realtime",
        "keywords": None,
        "group": None,
    } for c in categories]


def get_category(code: str, unit: AdminUnit | None) -> Category:
    """A service (category) offered in ``unit``; 404 otherwise."""
    for category in _categories(unit):
        if category.code == code:
            return category
    raise NotFound(messages.SERVICE_NOT_FOUND)


def service_definition(code: str, unit: AdminUnit | None) -> dict[str, Any]:
    """The definition of a service: its extra questions as attributes."""
    category = get_category(code, unit)
    return {
        "service_code": category.code,
        "attributes": [{
            "variable": True,
            "code": q.code,
            "datatype": q.datatype,
            "required": q.required,
            "datatype_description": q.datatype_description,
            "order": q.order,
            "description": q.description,
            "values": [{"key": v["key"], "name": v["name"]} for v in q.values or []],
        } for q in _questions([category.id]).get(category.id, [])],
    }


# --- requests ----------------------------------------------------------------------------
@dataclass
class RequestQuery:
    """Parsed ``GET requests`` parameters."""

    ids: list[str]
    service_codes: list[str]
    start: datetime
    end: datetime
    statuses: list[str]
    page: int
    page_size: int
    extensions: bool


def parse_request_query(args) -> RequestQuery:
    """Read and check ``GET requests`` parameters (400 on malformed values)."""
    config = current_app.config
    max_rows = config["OPEN311_MAX_ROWS"]
    ids = csv(param(args, "service_request_id"))
    if len(ids) > max_rows:
        raise BadRequest(messages.TOO_MANY_IDS.format(n=max_rows))
    start = parse_datetime(param(args, "start_date"), "start_date")
    end = parse_datetime(param(args, "end_date"), "end_date")
    window = timedelta(days=config["OPEN311_DEFAULT_DAYS"])
    if start is None and end is None:
        end = now()
        start = end - window
    elif start is None:
        start = end - window
    elif end is None:
        end = now()
    if start > end:
        raise BadRequest(messages.DATES_REVERSED)
    statuses = csv(param(args, "status"))
    if any(s not in ("open", "closed") for s in statuses):
        raise BadRequest(messages.BAD_STATUS)
    return RequestQuery(
        ids=ids, service_codes=csv(param(args, "service_code")), start=start, end=end,
        statuses=statuses,
        page=parse_int(param(args, "page"), "page", 1, 1, 100000),
        page_size=parse_int(param(args, "page_size"), "page_size", max_rows, 1, max_rows),
        extensions=(param(args, "extensions") or "").lower() == "true")


def _in_unit(unit: AdminUnit | None) -> list[sa.ColumnElement[bool]]:
    if unit is None:
        return []
    if unit.level == "province":
        return [Feedback.unit_code.in_(
            sa.select(AdminUnit.code).where(AdminUnit.parent_code == unit.code))]
    return [Feedback.unit_code == unit.code]


def find_requests(query: RequestQuery, unit: AdminUnit | None) -> list[dict[str, Any]]:
    """Requests matching the query, newest first."""
    select = sa.select(Feedback).where(*_in_unit(unit))
    if query.ids:
        select = select.where(Feedback.public_id.in_([public_id(i) for i in query.ids]))
    else:
        select = select.where(Feedback.created_at >= query.start,
                              Feedback.created_at <= query.end)
        if query.service_codes:
            select = select.join(Category, Category.id == Feedback.category_id).where(
                Category.code.in_(query.service_codes))
        if query.statuses == ["open"]:
            select = select.where(Feedback.status.not_in(CLOSED_STATUSES))
        elif query.statuses == ["closed"]:
            select = select.where(Feedback.status.in_(CLOSED_STATUSES))
        select = select.offset((query.page - 1) * query.page_size).limit(query.page_size)
    options = [selectinload(Feedback.category), selectinload(Feedback.office),
               selectinload(Feedback.unit)]
    if query.extensions:
        options.append(selectinload(Feedback.events))
    items = list(db.session.scalars(
        select.order_by(Feedback.created_at.desc(), Feedback.id.desc()).options(*options)))
    return dump_requests(items, query.extensions)


def public_id(raw_id: str) -> str:
    """A ``service_request_id`` as partners may type it: the item's public id, never its
    tracking code (that one is the citizen's proof for lookups and personal data)."""
    return raw_id.strip().replace("-", "").upper()[:16]


def get_request(raw_id: str, unit: AdminUnit | None, extensions: bool) -> list[dict[str, Any]]:
    """One request, as a list of one; 404 when unknown."""
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.public_id == public_id(raw_id), *_in_unit(unit)))
    if item is None:
        raise NotFound(messages.REQUEST_NOT_FOUND)
    return dump_requests([item], extensions)


def dump_requests(items: list[Feedback], extensions: bool) -> list[dict[str, Any]]:
    """Items as Open311 requests (reviewed public texts where published)."""
    published = {a.feedback_id: a for a in db.session.scalars(sa.select(PublishedAnswer).where(
        PublishedAnswer.feedback_id.in_([i.id for i in items])))} if items else {}
    return [dump_request(i, published.get(i.id), extensions) for i in items]


def _status_notes(item: Feedback, answer: PublishedAnswer | None) -> str | None:
    if answer is not None:
        return answer.answer
    if item.public_answer:
        return public_text.mask(item, item.public_answer)
    if item.status == "refused":
        reasons = [e.public_note for e in item.events if e.kind == "refuse" and e.public_note]
        return public_text.mask(item, reasons[-1]) if reasons else None
    return None


def dump_request(item: Feedback, answer: PublishedAnswer | None = None,
                 extensions: bool = False) -> dict[str, Any]:
    """One item as an Open311 request."""
    closed = item.status in CLOSED_STATUSES
    exact = answer is not None and answer.exact_location
    data: dict[str, Any] = {
        "service_request_id": item.public_id,
        "status": "closed" if closed else "open",
        "status_notes": _status_notes(item, answer),
        "service_name": item.category.name,
        "service_code": item.category.code,
        "description": answer.question if answer else public_text.mask(item, item.description),
        "agency_responsible": item.office.name,
        "service_notice": None,
        "requested_datetime": isoformat_local(item.created_at),
        "updated_datetime": isoformat_local(
            (item.closed_at or item.updated_at) if closed else item.updated_at),
        "expected_datetime": isoformat_local(item.due_at),
        "address": public_text.mask(item, item.address),
        "address_id": None,
        "zipcode": None,
        # Rounded to about 100 m unless staff published the place as exact.
        "lat": public_text.public_coordinate(item.lat, exact),
        "long": public_text.public_coordinate(item.lng, exact),
        "media_url": None,
    }
    if extensions:
        data["extended_attributes"] = {
            "title": answer.title if answer else public_text.mask(item, item.title),
            "detailed_status": item.status,
            "detailed_status_label": STATUS_LABELS[item.status],
            "channel": item.channel,
            "unit_code": item.unit_code,
            "unit_name": item.unit.name,
        }
        data["notes"] = [{
            "type": event["kind"],
            "label": EVENT_LABELS.get(event["kind"], event["kind"]),
            "status": event["status"],
            "description": public_text.mask(item, event["note"]),
            "datetime": event["at"],
        } for event in public_timeline(item)]
    return data


def get_token(token: str) -> list[dict[str, Any]]:
    """The request created under ``token``, as a list of one; 404 when unknown."""
    row = db.session.execute(
        sa.select(Open311Submission.token, Feedback.public_id)
        .join(Feedback, Feedback.id == Open311Submission.feedback_id)
        .where(Open311Submission.token == token)).first()
    if row is None:
        raise NotFound(messages.TOKEN_NOT_FOUND)
    return [{"token": row.token, "service_request_id": row.public_id}]


# --- submission ----------------------------------------------------------------------------
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
CONTACT_FIELDS = ("first_name", "last_name", "phone", "email")
# Our field path → the Open311 parameter a partner sent.
FIELD_NAMES = {"reporter.name": "first_name", "reporter.phone": "phone",
               "reporter.email": "email", "location.lat": "lat", "location.lng": "long",
               "location.address": "address_string", "category_code": "service_code",
               "unit_code": "jurisdiction_id"}


def _submission_unit(form, key: Open311Key) -> AdminUnit:
    unit = jurisdiction(form)
    if unit is None:
        key_unit = directory.get_unit(key.unit_code)
        if key_unit.level != "commune":
            raise BadRequest(messages.JURISDICTION_REQUIRED)
        unit = key_unit
    if unit.level != "commune":
        raise BadRequest(messages.JURISDICTION_NOT_COMMUNE)
    if key.unit_code not in (unit.code, unit.province_code):
        raise Forbidden(messages.API_KEY_WRONG_UNIT)
    return unit


def _float(form, name: str) -> float | None:
    value = param(form, name)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise BadRequest(messages.BAD_NUMBER.format(field=name)) from None


def _attributes(form, category: Category) -> dict[str, Any]:
    """Answers to the category's questions, checked against their definitions."""
    given: dict[str, Any] = {}
    for name in form:
        match = _ATTRIBUTE.match(name)
        if match:
            values = [v for v in form.getlist(name) if v.strip()]
            if values:
                given[match.group(1)] = values if match.group(2) else values[-1]
    questions = {q.code: q for q in _questions([category.id]).get(category.id, [])}
    for code in given:
        if code not in questions:
            raise BadRequest(messages.ATTRIBUTE_UNKNOWN.format(code=code))
    for code, question in questions.items():
        value = given.get(code)
        if value is None:
            if question.required:
                raise BadRequest(messages.ATTRIBUTE_REQUIRED.format(question=question.description))
            continue
        keys_allowed = {v["key"] for v in question.values or []}
        values = value if isinstance(value, list) else [value]
        if question.datatype == "singlevaluelist" and (
                len(values) != 1 or values[0] not in keys_allowed):
            raise BadRequest(messages.ATTRIBUTE_BAD_VALUE.format(code=code))
        if question.datatype == "multivaluelist" and not set(values) <= keys_allowed:
            raise BadRequest(messages.ATTRIBUTE_BAD_VALUE.format(code=code))
        if question.datatype == "number":
            try:
                float(values[0])
            except ValueError:
                raise BadRequest(messages.ATTRIBUTE_BAD_VALUE.format(code=code)) from None
        if question.datatype == "datetime":
            parse_datetime(values[0], f"attribute[{code}]")
        if question.datatype not in ("singlevaluelist", "multivaluelist"):
            given[code] = values[0]
    return given


def _attributes_text(category: Category, answers: dict[str, Any]) -> str:
    questions = _questions([category.id]).get(category.id, [])
    lines = []
    for question in questions:
        if question.code not in answers:
            continue
        value = answers[question.code]
        names = {v["key"]: v["name"] for v in question.values or []}
        values = value if isinstance(value, list) else [value]
        lines.append(f"- {question.description}: {', '.join(names.get(v, v) for v in values)}")
    return "\n\n" + messages.ATTRIBUTES_HEADING + "\n" + "\n".join(lines) if lines else ""


def _flatten(errors: Any, prefix: str = "") -> list[tuple[str, str]]:
    flat: list[tuple[str, str]] = []
    if isinstance(errors, dict):
        for key, inner in errors.items():
            flat += _flatten(inner, f"{prefix}{key}." if key != "_schema" else prefix)
    elif isinstance(errors, list):
        for inner in errors:
            flat += _flatten(inner, prefix) if isinstance(inner, dict | list) \
                else [(prefix.rstrip("."), str(inner))]
    return flat


def submit(form, idempotency_key: str | None = None) -> list[dict[str, Any]]:
    """Create feedback from an Open311 POST through the one intake service."""
    key = keys.authenticate(param(form, "api_key"))
    if key is None:
        raise Forbidden(messages.API_KEY_MISSING if param(form, "api_key") is None
                        else messages.API_KEY_INVALID)
    unit = _submission_unit(form, key)
    code = param(form, "service_code")
    if code is None:
        raise BadRequest(messages.SERVICE_CODE_REQUIRED)
    category = directory.get_category_for_unit(code, unit)
    if category is None:
        raise BadRequest(messages.SERVICE_CODE_UNKNOWN)
    answers = _attributes(form, category)

    data: dict[str, Any] = {"unit_code": unit.code, "category_code": category.code,
                            "description": (param(form, "description") or "")
                            + _attributes_text(category, answers)}
    lat, lng = _float(form, "lat"), _float(form, "long")
    location = {k: v for k, v in (("lat", lat), ("lng", lng),
                                  ("address", param(form, "address_string"))) if v is not None}
    if not location or ("address" not in location and len(location) < 2):
        raise BadRequest(messages.LOCATION_REQUIRED)
    data["location"] = location
    contact = {f: param(form, f) for f in CONTACT_FIELDS if param(form, f)}
    if contact and not key.collects_consent:
        raise BadRequest(messages.CONTACT_NEEDS_CONSENT)
    if contact:
        name = " ".join(contact[f] for f in ("first_name", "last_name") if f in contact)
        data["reporter"] = {k: v for k, v in (("name", name), ("phone", contact.get("phone")),
                                              ("email", contact.get("email"))) if v}
        data["consent"] = {"purpose": messages.CONSENT_PURPOSE.format(partner=key.partner),
                           "policy_version": key.consent_policy}
    else:
        data["anonymous"] = True
    try:
        data = FeedbackInSchema().load(data)
    except ValidationError as exc:
        problems = _flatten(exc.messages)
        raise BadRequest(
            "; ".join(f"{FIELD_NAMES.get(f, f)}: {m}" if f else m for f, m in problems),
            {FIELD_NAMES.get(f, f) or "_": [m] for f, m in problems}) from None
    if data.get("consent"):
        # The partner's form asked for consent under the partner's own policy version.
        data["consent"]["evidence"] = {"source": "open311", "partner": key.partner,
                                       "key_prefix": key.key_prefix}

    token = new_secret(18)

    def link(item: Feedback) -> None:
        db.session.add(Open311Submission(feedback_id=item.id, key_id=key.id, token=token,
                                         attributes=answers or None))

    _, answer = feedback_service.submit(data, idempotency_key=idempotency_key,
                                        channel="open311", on_created=link)
    code = answer["tracking_code"].replace("-", "")
    item = db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))
    submission = db.session.scalar(sa.select(Open311Submission)
                                   .where(Open311Submission.feedback_id == item.id))
    return [{
        "service_request_id": item.public_id,
        "token": submission.token if submission else None,
        "service_notice": messages.SERVICE_NOTICE.format(
            office=answer["office"], due=feedback_service.calendar_due_text(item)),
        "account_id": None,
    }]
