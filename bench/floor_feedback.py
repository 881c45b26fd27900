"""The floor for bench.feedback: a plain Flask endpoint that parses the same JSON body and
writes the rows a submission writes (item, consent record, ``created`` event, receipt in
the outbox) with the service's own statement (``feedback/intake.py``), in one transaction
through Flask-SQLAlchemy, then answers 201 like the bare endpoint.

No validation, routing lookup, phone or text normalisation, idempotency, error handling,
OpenAPI layer or hooks: what is left is the cost of the framework plus the database write
itself, which no intake can go below with this stack. Served by the same gunicorn
settings; the database is ``DATABASE_URL`` as prepared by bench.feedback.
"""

import os
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, jsonify, request

import consultations.models  # noqa: F401 - the models' relationships name its classes
from core import outbox
from core.clock import now
from core.codes import new_public_id, new_tracking_code
from core.config import engine_options
from core.db import db
from directory.models import Category, Office
from feedback import intake

app = Flask(__name__)
URL = os.environ["DATABASE_URL"]
app.config.update(SQLALCHEMY_DATABASE_URI=URL, SQLALCHEMY_ENGINE_OPTIONS=engine_options(URL))
db.init_app(app)
_route: dict = {}


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


def route(unit_code: str, category_code: str) -> dict[str, int]:
    """The office and category ids of the benchmark's one route (read once)."""
    if not _route:
        office = db.session.scalars(sa.select(Office).where(Office.unit_code == unit_code)
                                   .order_by(Office.id)).first()
        category = db.session.scalars(sa.select(Category.id).where(
            Category.code == category_code)).one()
        _route.update(office_id=office.id, category_id=category)
    return _route


def submission_rows(data: dict, ids: dict[str, int]):
    """(values, consent summary, received, receipt) as intake.write takes them."""
    received = now()
    reporter, consent = data["reporter"], data["consent"]
    kept = {"purpose": consent["purpose"], "policy_version": consent["policy_version"],
            "policy_owner": "controller", "text": None, "data": ["name", "phone"],
            "evidence": None, "channel": "api", "at": received.isoformat()}
    values = {
        "tracking_code": new_tracking_code(), "public_id": new_public_id(), "channel": "api",
        "unit_code": data["unit_code"], **ids, "title": data["title"],
        "description": data["description"], "search_text": data["description"].lower(),
        "lat": None, "lng": None, "address": None, "reporter_name": reporter["name"],
        "reporter_phone": "+84912345678", "reporter_email": None, "zalo_user_id": None,
        "zalo_app_user_id": None, "is_anonymous": False, "lookup_token_hash": None,
        "consent": kept, "notify_routes": ["zns", "sms"], "priority": "normal",
        "status": "received", "is_overdue": False,
        "due_at": received + timedelta(days=14), "created_at": received,
        "updated_at": received,
    }
    routes = [outbox.Route("zns", "+84912345678"), outbox.Route("sms", "+84912345678")]
    receipt = intake.CitizenMessage(routes, "feedback_receipt",
                                    {"tracking_code": values["tracking_code"],
                                     "status": "received", "text": "Đã tiếp nhận."})
    return values, kept, received, receipt


def answer(data: dict, values: dict):
    return jsonify(tracking_code=values["tracking_code"], status="received",
                   due_at=values["due_at"].isoformat(), office=str(data["unit_code"])), 201


@app.post("/api/v1/feedback")
def submit():
    data = request.get_json()
    rows = submission_rows(data, route(data["unit_code"], data["category_code"]))
    intake.write(*rows)
    db.session.commit()
    return answer(data, rows[0])
