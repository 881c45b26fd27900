"""Retention with a frozen clock; the contact-access log and who may review it; the roles
of the staff privacy API; no ID numbers asked, and typed ones masked in public."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.clock import LOCAL_TZ
from core.db import commit, db
from directory.models import StaffUser
from feedback import workflow
from feedback.answers import service as answers
from feedback.models import Feedback, FeedbackEvent
from privacy import tasks
from privacy.models import ContactAccess, RetentionRun
from tests.privacy.conftest import E164, item_by_code, request_id

CLOSED = datetime(2026, 3, 2, 9, 0, tzinfo=LOCAL_TZ)


def _freeze(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def _ended(submit, status: str, at: datetime, **overrides) -> Feedback:
    item = item_by_code(submit(**overrides).json["tracking_code"])
    item.status, item.closed_at = status, at
    commit()
    return item


def test_retention_erases_contact_of_items_ended_long_enough_ago(submit, app, monkeypatch,
                                                                 ctx):
    assert app.config["PRIVACY_CONTACT_RETENTION_DAYS"] == 365
    closed = _ended(submit, "closed", CLOSED)
    refused = _ended(submit, "refused", CLOSED - timedelta(hours=1))
    recent = _ended(submit, "closed", CLOSED + timedelta(days=10))
    still_open = item_by_code(submit().json["tracking_code"])
    anonymous = _ended(submit, "closed", CLOSED, reporter=None, consent=None, anonymous=True)

    _freeze(monkeypatch, CLOSED + timedelta(days=364))
    assert tasks.erase_expired_contacts.delay().get() == 0  # eager without a broker
    _freeze(monkeypatch, CLOSED + timedelta(days=366))
    assert tasks.erase_expired_contacts.delay().get() == 2

    db.session.expire_all()
    for item in (closed, refused):
        erased = db.session.get(Feedback, item.id)
        assert erased.reporter_name is None and erased.reporter_phone is None
        assert erased.personal_data_erased_at == CLOSED + timedelta(days=366)
        assert "Ổ gà" in erased.title  # content kept
        [event] = db.session.scalars(sa.select(FeedbackEvent).where(
            FeedbackEvent.feedback_id == item.id, FeedbackEvent.kind == "personal_data"))
        assert "365 ngày" in event.note and not event.is_public
    for item in (recent, still_open):
        assert db.session.get(Feedback, item.id).reporter_phone == E164
    assert db.session.get(Feedback, anonymous.id).personal_data_erased_at is None

    runs = db.session.scalars(sa.select(RetentionRun).order_by(RetentionRun.id)).all()
    assert [r.items_erased for r in runs[-2:]] == [0, 2]
    last = runs[-1]
    assert sorted(last.feedback_ids) == sorted([closed.id, refused.id])
    assert last.retention_days == 365 and last.finished_at is not None
    assert last.cutoff == CLOSED + timedelta(days=1)
    # the next run finds nothing more
    assert tasks.erase_expired_contacts.delay().get() == 0


def test_retention_period_is_configurable_and_the_cli_runs_it(submit, app, runner,
                                                               monkeypatch, ctx):
    item = _ended(submit, "closed", CLOSED)
    monkeypatch.setitem(app.config, "PRIVACY_CONTACT_RETENTION_DAYS", 30)
    _freeze(monkeypatch, CLOSED + timedelta(days=31))
    result = runner.invoke(args=["privacy", "retention"])
    assert result.exit_code == 0 and "Đã xóa thông tin liên hệ của 1 phản ánh" in result.output
    db.session.expire_all()
    assert db.session.get(Feedback, item.id).reporter_phone is None


def test_retention_is_scheduled(app):
    schedule = app.extensions["celery"].conf.beat_schedule
    assert schedule["privacy-retention"]["task"] == "privacy.erase_expired_contacts"
    assert schedule["privacy-retention"]["schedule"] == app.config[
        "PRIVACY_RETENTION_CHECK_SECONDS"]


# --- access log --------------------------------------------------------------------------------
def _log(item_id: int) -> list[tuple[str, str]]:
    rows = db.session.scalars(sa.select(ContactAccess).where(ContactAccess.feedback_id == item_id)
                              .order_by(ContactAccess.id))
    return [(r.staff.username, r.surface) for r in rows]


def test_every_view_of_contact_data_is_logged(item, client, staff_headers, console, ctx):
    client.get(f"/api/v1/staff/feedback/{item.id}", headers=staff_headers("officer"))
    client.get("/api/v1/staff/feedback", headers=staff_headers("leader"))
    client.post(f"/api/v1/staff/feedback/{item.id}/accept", json={},
                headers=staff_headers("officer"))
    html = console("leader").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert E164 in html
    # viewers are not shown contact data, so nothing is logged for them
    viewer = client.get(f"/api/v1/staff/feedback/{item.id}", headers=staff_headers("viewer"))
    assert viewer.json["reporter"] is None
    assert _log(item.id) == [("officer", "api_detail"), ("leader", "api_list"),
                             ("officer", "api_action"), ("leader", "console_detail")]
    row = db.session.scalar(sa.select(ContactAccess).where(ContactAccess.feedback_id == item.id))
    assert abs(row.created_at - clock.now()) < timedelta(minutes=1)


def test_items_without_contact_data_are_not_logged(submit, client, staff_headers, ctx):
    item = item_by_code(submit(reporter=None, consent=None, anonymous=True).json[
        "tracking_code"])
    client.get(f"/api/v1/staff/feedback/{item.id}", headers=staff_headers("officer"))
    assert _log(item.id) == []


def test_log_cursor_beyond_an_id_is_refused_not_a_500(client, staff_headers):
    """The ``before`` cursor is an id: past the INTEGER range it is bad input (PostgreSQL
    would otherwise fail the query)."""
    response = client.get("/api/v1/staff/privacy/contact-access",
                          query_string={"before": 2**40}, headers=staff_headers("leader"))
    assert response.status_code == 422
    assert "before" in str(response.json["errors"])


def test_leaders_review_the_log_in_their_scope(item, client, staff_headers, console, ctx):
    client.get(f"/api/v1/staff/feedback/{item.id}", headers=staff_headers("officer"))
    page = client.get("/api/v1/staff/privacy/contact-access",
                      query_string={"feedback_id": item.id}, headers=staff_headers("leader"))
    assert page.status_code == 200
    [entry] = page.json["items"]
    assert (entry["staff"], entry["surface"], entry["feedback_id"]) == (
        "officer", "api_detail", item.id)
    admin = client.get("/api/v1/staff/privacy/contact-access",
                       query_string={"feedback_id": item.id},
                       headers=staff_headers("province_admin")).json["items"]
    assert [e["id"] for e in admin] == [entry["id"]]
    other = client.get("/api/v1/staff/privacy/contact-access",
                       query_string={"feedback_id": item.id},
                       headers=staff_headers("other_leader")).json["items"]
    assert other == []  # another commune's leader does not see this commune's log
    for who in ("officer", "viewer"):
        assert client.get("/api/v1/staff/privacy/contact-access",
                          headers=staff_headers(who)).status_code == 403
    html = console("leader").get("/console/privacy/access-log").get_data(as_text=True)
    assert 'data-staff="officer"' in html and f'data-feedback="{item.id}"' in html
    assert console("officer").get("/console/privacy/access-log").status_code == 403


# --- roles of the staff privacy API ----------------------------------------------------------
# Handling rights requests: leaders in scope. Item in Phú Xuân (19753).
HANDLE = {"province_admin": 200, "other_province_admin": 404, "leader": 200,
          "officer": 403, "police": 403, "other_leader": 404, "other_officer": 403,
          "viewer": 403}


@pytest.mark.parametrize("who", sorted(HANDLE))
def test_request_routes_by_role(who, item, ask, client, staff_headers):
    rid = request_id(ask(item, "access").json["code"])
    headers = staff_headers(who)
    expected = HANDLE[who]
    assert client.get(f"/api/v1/staff/privacy-requests/{rid}",
                      headers=headers).status_code == expected
    listing = client.get("/api/v1/staff/privacy-requests", headers=headers)
    assert listing.status_code == (403 if expected == 403 else 200)
    if listing.status_code == 200:
        assert (rid in [r["id"] for r in listing.json["items"]]) == (expected == 200)
    assert client.post(f"/api/v1/staff/privacy-requests/{rid}/acknowledge", json={},
                       headers=headers).status_code == expected
    entry = client.post("/api/v1/staff/privacy-requests", headers=headers,
                        json={"feedback_id": item.id, "kind": "export"})
    assert entry.status_code == (201 if expected == 200 else expected)


def test_staff_routes_need_a_token(client):
    for path in ("/api/v1/staff/privacy-requests", "/api/v1/staff/privacy/contact-access"):
        assert client.get(path).status_code == 401


# --- ID numbers ------------------------------------------------------------------------------
_ID_WORDS = re.compile(r"CCCD|CMND|căn cước|chứng minh|giấy tờ|hộ chiếu|định danh",
                       re.IGNORECASE)


def test_no_form_or_chat_step_asks_for_id_documents():
    from feedback.schemas import FeedbackInSchema, ReporterSchema
    from integrations.zalo import messages as zalo_messages
    from notices.messages import WIDGET, WIDGET_MORE

    asked = list(WIDGET.values()) + list(WIDGET_MORE.values()) + [
        v for k, v in vars(zalo_messages).items() if k.isupper() and isinstance(v, str)]
    assert [t for t in asked if _ID_WORDS.search(t)] == []
    fields = set(FeedbackInSchema().fields) | set(ReporterSchema().fields)
    assert not {f for f in fields if re.search(r"id_number|cccd|cmnd|passport", f)}


def test_id_numbers_typed_in_feedback_are_masked_on_public_surfaces(
        submit, client, world, ctx):
    text = "Tôi số CCCD 046190001234, CMND 191234567. Ổ gà trước nhà văn hóa thôn 3."
    item = item_by_code(submit(description=text).json["tracking_code"])
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    for action in ("accept", "assign", "start"):
        workflow.perform(item.id, action, leader)
    workflow.perform(item.id, "answer", leader, answer="Đã vá ổ gà.")
    answer = answers.publish(item.id, leader)
    surfaces = [
        client.get(f"/api/v1/answers/{answer.id}").get_data(as_text=True),
        client.get("/api/v1/answers", query_string={"unit": world.commune}).get_data(
            as_text=True),
        client.get(f"/open311/v2/requests/{item.tracking_code}.json").get_data(as_text=True),
        client.get(f"/open311/v2/requests/{item.tracking_code}.xml").get_data(as_text=True),
    ]
    for body in surfaces:
        assert "046190001234" not in body and "191234567" not in body
    assert "Ổ gà trước nhà văn hóa" in surfaces[0]
