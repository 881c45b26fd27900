"""Each right end to end: request (with ownership proof) → deadlines → completion by a
leader with one action → the effect on every surface (lookup, staff API, console, search
indexes, published answers, Open311, the citizen's JSON export, outbox)."""

from __future__ import annotations

import os
from datetime import datetime

import sqlalchemy as sa

from core import clock, storage
from core.clock import LOCAL_TZ
from core.db import commit, db
from core.models import Delivery
from directory.models import StaffUser
from feedback import workflow
from feedback.answers import service as answers
from feedback.answers.models import PublishedAnswer
from feedback.models import Attachment, Feedback, FeedbackEvent
from privacy.models import ConsentRecord, RightsRequest
from tests.privacy.conftest import E164, NAME, PHONE, item_by_code, request_id

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(LOCAL_TZ)


def _freeze(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def _citizen(client, code: str, token: str):
    return client.get(f"/api/v1/privacy-requests/{code}", query_string={"token": token})


# --- deadlines -------------------------------------------------------------------------------
def test_deadlines_count_working_days_to_acknowledge_and_days_to_complete(
        item, ask, act, client, staff_headers, monkeypatch):
    # Wednesday 29/04/2026: 30/04 and 01/05 are public holidays, then a weekend.
    _freeze(monkeypatch, datetime(2026, 4, 29, 10, 0, tzinfo=LOCAL_TZ))
    access = ask(item, "access")
    assert access.status_code == 201, access.json
    assert _local(access.json["acknowledge_due_at"]) == datetime(2026, 5, 5, 23, 59, 59,
                                                                 tzinfo=LOCAL_TZ)
    assert _local(access.json["due_at"]) == datetime(2026, 5, 9, 23, 59, 59, tzinfo=LOCAL_TZ)
    restrict = ask(item, "restrict").json
    assert _local(restrict["due_at"]) == datetime(2026, 5, 14, 23, 59, 59, tzinfo=LOCAL_TZ)

    rid = request_id(access.json["code"])
    # acknowledgement late, then completion late: the queue says so
    _freeze(monkeypatch, datetime(2026, 5, 6, 9, 0, tzinfo=LOCAL_TZ))
    row = client.get(f"/api/v1/staff/privacy-requests/{rid}",
                     headers=staff_headers("leader")).json
    assert row["deadline"] == "ack_overdue"
    _freeze(monkeypatch, datetime(2026, 5, 10, 9, 0, tzinfo=LOCAL_TZ))
    assert act(rid, "acknowledge").json["deadline"] == "overdue"
    # one extension of 15 days, with a reason; not twice
    assert act(rid, "extend").status_code == 422
    extended = act(rid, "extend", reason="Cần xác minh với cơ quan công an.").json
    assert _local(extended["due_at"]) == datetime(2026, 5, 24, 23, 59, 59, tzinfo=LOCAL_TZ)
    assert extended["deadline"] is None
    assert act(rid, "extend", reason="Lần nữa").status_code == 409


# --- access and export -------------------------------------------------------------------------
def test_access_shows_the_data_once_completed(item, ask, act, client, ctx):
    created = ask(item, "access")
    assert created.status_code == 201
    code, token = created.json["code"], created.json["token"]
    assert created.headers["Cache-Control"] == "private, no-store"
    waiting = _citizen(client, code, token).json
    assert waiting["status"] == "received" and "data" not in waiting
    assert _citizen(client, code, "wrong").status_code == 404
    assert client.get(f"/api/v1/privacy-requests/{code}").status_code == 422
    rid = request_id(code)
    assert act(rid, "acknowledge").json["status"] == "acknowledged"
    # the citizen is told (SMS to the phone they gave)
    told = db.session.scalars(sa.select(Delivery).where(
        Delivery.kind == "privacy_request", Delivery.subject_id == item.id)).all()
    assert [d.recipient for d in told] == [E164]
    assert act(rid, "complete").json["status"] == "completed"
    done = _citizen(client, code, token).json
    assert done["status_label"] == "Đã thực hiện xong"
    assert done["data"]["contact"] == {"name": NAME, "phone": E164, "email": None}
    assert done["data"]["consents"][0]["policy_version"] == "2026-01"
    assert [e["kind"] for e in done["timeline"]] == ["received", "acknowledge", "complete"]
    # nothing more to do on a completed request
    assert act(rid, "refuse", reason="x").status_code == 409


def test_export_is_a_json_file_once_completed(item, ask, act, client, ctx):
    created = ask(item, "export").json
    code, token = created["code"], created["token"]
    early = client.get(f"/api/v1/privacy-requests/{code}/export", query_string={"token": token})
    assert early.status_code == 409
    act(request_id(code), "complete")
    response = client.get(f"/api/v1/privacy-requests/{code}/export",
                          query_string={"token": token})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "private, no-store"
    body = response.json
    assert body["data"]["contact"]["phone"] == E164
    assert body["data"]["tracking_code"] == f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    assert body["data"]["privacy_requests"][0]["kind"] == "export"


def test_ownership_is_required(item, ask, client):
    assert ask(item, "access", phone="0987 000 111").status_code == 404
    response = client.post(f"/api/v1/feedback/{item.tracking_code}/privacy-requests",
                           json={"kind": "access"})
    assert response.status_code == 422
    assert ask(item, "erase-all").status_code == 422


# --- correct ---------------------------------------------------------------------------------
def test_correction_replaces_the_contact_and_forgets_the_values(
        item, ask, act, client, staff_headers, ctx):
    assert ask(item, "correct").status_code == 422  # what to correct is required
    created = ask(item, "correct", correction={"phone": "0987 654 321", "name": "Nguyễn Văn Ân"})
    assert created.status_code == 201, created.json
    rid = request_id(created.json["code"])
    staff_view = client.get(f"/api/v1/staff/privacy-requests/{rid}",
                            headers=staff_headers("leader")).json
    assert staff_view["details"]["correction"] == {"phone": "+84987654321",
                                                   "name": "Nguyễn Văn Ân"}
    act(rid, "complete")
    db.session.expire_all()
    item = db.session.get(Feedback, item.id)
    assert (item.reporter_name, item.reporter_phone) == ("Nguyễn Văn Ân", "+84987654321")
    row = db.session.get(RightsRequest, rid)
    assert row.details["correction"] == ["name", "phone"]  # values dropped once applied
    assert row.result == {"fields": ["name", "phone"]}
    code = item.tracking_code
    assert client.get(f"/api/v1/feedback/{code}", query_string={"phone": PHONE}).status_code \
        == 404
    assert client.get(f"/api/v1/feedback/{code}",
                      query_string={"phone": "0987654321"}).status_code == 200


# --- restrict --------------------------------------------------------------------------------
def test_restriction_hides_and_stops_using_the_contact(
        item, ask, act, client, staff_headers, console, ctx):
    rid = request_id(ask(item, "restrict").json["code"])
    act(rid, "complete")
    detail = client.get(f"/api/v1/staff/feedback/{item.id}", headers=staff_headers("officer"))
    assert detail.json["reporter"] is None and detail.json["contact_restricted"] is True
    html = console("officer").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert 'id="contact-restricted"' in html and E164 not in html
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.subject_id == item.id, Delivery.status == "pending"))
    officer = db.session.get(StaffUser, _staff_id(client, "officer"))
    workflow.perform(item.id, "accept", officer)
    after = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.subject_id == item.id, Delivery.status == "pending"))
    assert before == after == 0  # the receipt was cancelled; no new message
    db.session.expire_all()
    assert db.session.get(Feedback, item.id).reporter_phone == E164  # kept, frozen
    assert ask(item, "restrict").status_code == 409


def _staff_id(client, who: str) -> int:
    return db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == who))


# --- withdraw ----------------------------------------------------------------------------------
def test_withdrawal_erases_consented_data_and_keeps_the_proof(item, ask, act, client, ctx):
    created = ask(item, "withdraw").json
    lookup = created["lookup_token"]  # phone will be gone: the item stays reachable
    act(request_id(created["code"]), "complete")
    db.session.expire_all()
    item = db.session.get(Feedback, item.id)
    assert (item.reporter_name, item.reporter_phone, item.reporter_email) == (None, None, None)
    [record] = db.session.scalars(sa.select(ConsentRecord)
                                  .where(ConsentRecord.feedback_id == item.id)).all()
    assert record.withdrawn_at is not None and record.evidence is not None  # proof kept
    assert item.consent["withdrawn_at"]
    code = item.tracking_code
    assert client.get(f"/api/v1/feedback/{code}", query_string={"phone": PHONE}).status_code \
        == 404
    assert client.get(f"/api/v1/feedback/{code}", query_string={"token": lookup}).status_code \
        == 200
    assert client.post(f"/api/v1/feedback/{code}/privacy-requests",
                       json={"kind": "withdraw", "token": lookup}).status_code == 409


# --- delete ----------------------------------------------------------------------------------
def _published_with_unaccented_name(item, world) -> PublishedAnswer:
    """Answer and publish the item; the published text names the reporter without
    diacritics (as an answer published before the masker learnt to catch that would)."""
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    for action in ("accept", "assign", "start"):
        workflow.perform(item.id, action, leader)
    workflow.perform(item.id, "answer", leader, answer="Đã sửa ổ gà trước số 12.")
    answers.publish(item.id, leader)
    answer = db.session.scalar(sa.select(PublishedAnswer)
                               .where(PublishedAnswer.feedback_id == item.id))
    answer.question += " Người báo: Nguyen Van An."
    answer.search_text = answers.fold(" ".join((answer.title, answer.question, answer.answer)))
    commit()
    return answer


def test_deletion_anonymises_everywhere_and_is_irreversible(
        submit, ask, act, client, staff_headers, world, console, ctx):
    response = submit(description="Ổ gà sâu trước số 12 Lê Lợi. Tôi là Nguyễn Văn An, "
                                  "gọi 0912 345 678 hoặc nguyen van an; CCCD 046190001234.")
    item = item_by_code(response.json["tracking_code"])
    stored = storage.save(PNG, "png")
    db.session.add(Attachment(feedback_id=item.id, storage_key=stored.key,
                              content_type="image/png", size=stored.size, sha256=stored.sha256))
    commit()
    answer = _published_with_unaccented_name(item, world)
    officer = staff_headers("officer")
    search = {"q": "nguyen van an"}

    # before: the name is findable by staff search and in the published answers' index
    found = client.get("/api/v1/staff/feedback", query_string=search,
                       headers=officer).json["items"]
    assert [i["id"] for i in found] == [item.id]
    public = client.get("/api/v1/answers", query_string={"unit": world.commune, **search}).json
    assert [a["id"] for a in public["items"]] == [answer.id]

    created = ask(item, "delete", redact_photos=True)
    assert created.status_code == 201, created.json
    rid = request_id(created.json["code"])
    assert act(rid, "complete", who="officer").status_code == 403  # leaders decide
    done = act(rid, "complete")
    assert done.status_code == 200
    result = done.json["result"]
    assert (result["fields"], result["photos"]) == (["name", "phone"], 1)
    assert result["deliveries"] >= 2  # the receipt and the status messages

    db.session.expire_all()
    item = db.session.get(Feedback, item.id)
    # identity and contact gone; content and statistics kept
    assert (item.reporter_name, item.reporter_phone, item.zalo_user_id) == (None, None, None)
    assert item.personal_data_erased_at is not None
    assert item.unit_code == world.commune and item.category.code == "ha-tang"
    assert "Ổ gà sâu trước số 12 Lê Lợi" in item.description
    for text in (item.description, item.search_text):
        for gone in ("Nguyễn Văn An", "nguyen van an", "0912 345 678", "046190001234"):
            assert gone not in text
    # staff search, published answers and their index, Open311, staff API, console
    assert client.get("/api/v1/staff/feedback", query_string=search,
                      headers=officer).json["items"] == []
    assert client.get("/api/v1/answers",
                      query_string={"unit": world.commune, **search}).json["items"] == []
    published = client.get(f"/api/v1/answers/{answer.id}").json
    assert "Nguyen Van An" not in published["question"]
    open311 = client.get(f"/open311/v2/requests/{item.tracking_code}.json").get_data(
        as_text=True)
    assert "Nguy" not in open311 and "0912" not in open311
    staff_item = client.get(f"/api/v1/staff/feedback/{item.id}", headers=officer).json
    assert staff_item["reporter"] is None and staff_item["attachments"] == []
    html = console("officer").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert 'id="contact-erased"' in html and "Nguyễn Văn An" not in html
    # photos: rows and files
    assert db.session.scalars(sa.select(Attachment)
                              .where(Attachment.feedback_id == item.id)).all() == []
    assert not os.path.exists(storage.path_of(stored.key))
    # outbox: no recipient left, nothing pending to the citizen
    deliveries = db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id)).all()
    assert deliveries and {d.recipient for d in deliveries} == {"-"}
    assert not [d for d in deliveries if d.status == "pending"]
    # consent: what and when kept, identifying evidence gone
    [record] = db.session.scalars(sa.select(ConsentRecord)
                                  .where(ConsentRecord.feedback_id == item.id)).all()
    assert record.evidence is None and record.purpose and record.policy_version == "2026-01"
    # an internal timeline line, without personal data
    [event] = db.session.scalars(sa.select(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item.id, FeedbackEvent.kind == "personal_data")).all()
    assert not event.is_public and "1 ảnh" in event.note
    # the citizen's own export now shows nothing identifying
    token = created.json["token"]
    assert _citizen(client, created.json["code"], token).json["status"] == "completed"
    # irreversible: nothing left to delete, correct, restrict or withdraw
    lookup = created.json["lookup_token"]
    for kind, extra in (("delete", {}), ("correct", {"correction": {"name": "Ai đó"}}),
                        ("restrict", {}), ("withdraw", {})):
        again = client.post(f"/api/v1/feedback/{item.tracking_code}/privacy-requests",
                            json={"kind": kind, "token": lookup, **extra})
        assert again.status_code == 409, (kind, again.json)
    access = client.post(f"/api/v1/feedback/{item.tracking_code}/privacy-requests",
                         json={"kind": "access", "token": lookup}).json
    act(request_id(access["code"]), "complete")
    data = _citizen(client, access["code"], access["token"]).json["data"]
    assert data["contact"] == {"name": None, "phone": None, "email": None}
    assert data["photos"] == [] and data["personal_data_erased_at"]


def test_refusal_needs_a_reason_and_tells_the_citizen(item, ask, act, client, ctx):
    created = ask(item, "correct", correction={"email": "an@example.vn"}).json
    rid = request_id(created["code"])
    assert act(rid, "refuse").status_code == 422
    refused = act(rid, "refuse", reason="Không xác minh được người yêu cầu.").json
    assert refused["status"] == "refused" and refused["details"]["correction"] == ["email"]
    view = _citizen(client, created["code"], created["token"]).json
    assert view["refusal_reason"] == "Không xác minh được người yêu cầu."
    texts = [d.payload["text"] for d in db.session.scalars(sa.select(Delivery).where(
        Delivery.kind == "privacy_request", Delivery.subject_id == item.id))]
    assert any("Không xác minh được" in t for t in texts)


def test_a_second_request_of_the_same_kind_waits_for_the_first(item, ask):
    first = ask(item, "access")
    assert first.status_code == 201
    second = ask(item, "access")
    assert second.status_code == 409 and first.json["code"] in second.json["message"]
