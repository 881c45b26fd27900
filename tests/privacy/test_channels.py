"""Rights requests through the Zalo chat and the console (queue, detail, one form per
action, staff entry), with CSRF on every form and no inline script."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core.codes import display_code
from core.db import db
from core.models import Delivery
from feedback.models import Feedback
from integrations.zalo import messages as zalo_messages
from privacy.models import RightsRequest
from tests.privacy.conftest import E164


def _zalo_item(send_event) -> Feedback:
    for text in ("phan anh", "phu xuan", "2", "Cây đổ chắn ngang đường Nguyễn Huệ", "xong",
                 "không", "gui"):
        assert send_event(text).status_code == 200
    return db.session.scalar(sa.select(Feedback).where(Feedback.zalo_user_id == "U1"))


def test_chat_menu_and_a_deletion_request_for_ones_own_item(send_event, zalo, ctx):
    item = _zalo_item(send_event)
    before = len(zalo.texts_to("U1"))
    send_event("dữ liệu cá nhân")
    assert zalo.texts_to("U1")[before:] == [zalo_messages.PRIVACY_MENU]
    code = display_code(item.tracking_code)
    send_event(f"du lieu 6 {code.lower()} kem anh")
    [reply] = zalo.texts_to("U1")[before + 1:]
    request = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id))
    assert request.kind == "delete" and request.channel == "zalo"
    assert request.details == {"redact_photos": True}
    assert display_code(request.code) in reply and "Xóa dữ liệu cá nhân" in reply
    # someone else's item is not found
    send_event(f"dữ liệu 1 {code}", user="U2")
    assert zalo.texts_to("U2")[-1] == zalo_messages.PRIVACY_NOT_FOUND.format(code=code)


def test_chat_correction_takes_the_new_phone(send_event, zalo, ctx):
    item = _zalo_item(send_event)
    code = display_code(item.tracking_code)
    send_event(f"dữ liệu 3 {code}")
    assert zalo.texts_to("U1")[-1] == zalo_messages.PRIVACY_CORRECTION_ASK
    send_event(f"dữ liệu 3 {code} 0912 345 678")
    request = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id))
    assert request.kind == "correct" and request.details["correction"] == {"phone": E164}


def test_completion_is_told_in_the_chat(send_event, zalo, client, staff_headers, ctx):
    item = _zalo_item(send_event)
    send_event(f"dữ liệu 1 {display_code(item.tracking_code)}")
    request = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id))
    client.post(f"/api/v1/staff/privacy-requests/{request.id}/complete", json={},
                headers=staff_headers("leader"))
    told = db.session.scalars(sa.select(Delivery).where(
        Delivery.kind == "privacy_request", Delivery.subject_id == item.id)).all()
    assert [(d.channel, d.recipient) for d in told] == [("zalo", "U1")]


# --- console ---------------------------------------------------------------------------------
def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_console_staff_entry_queue_detail_and_actions(item, console, ctx):
    leader = console("leader")
    detail = leader.get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert 'id="privacy-request"' in detail
    token = _token(detail)
    # staff entry of a correction, for a citizen who came in person
    created = leader.client.post(f"/console/feedback/{item.id}/privacy-request", data={
        "csrf_token": token, "kind": "correct", "correction_phone": "0987 654 321"})
    assert created.status_code == 201
    page = created.get_data(as_text=True)
    assert 'id="created-token"' in page and "+84987654321" in page
    request = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id))
    assert request.channel == "staff" and request.entered_by.username == "leader"
    # the queue lists it with its deadlines
    queue = leader.get("/console/privacy/requests").get_data(as_text=True)
    assert f'data-id="{request.id}"' in queue and 'data-kind="correct"' in queue
    assert "<script>" not in queue and " onclick=" not in queue
    # every form of the detail page carries a CSRF token; a form without it is refused
    html = leader.get(f"/console/privacy/requests/{request.id}").get_data(as_text=True)
    forms = re.findall(r"<form method=\"post\".*?</form>", html, re.S)
    assert len(forms) >= 4 and all('name="csrf_token"' in f for f in forms)
    refused = leader.client.post(f"/console/privacy/requests/{request.id}/do/acknowledge")
    assert refused.status_code == 400
    # acknowledge, then complete: one action each
    for action in ("acknowledge", "complete"):
        done = leader.post(f"/console/privacy/requests/{request.id}/do/{action}",
                           page=f"/console/privacy/requests/{request.id}")
        assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(RightsRequest, request.id).status == "completed"
    assert db.session.get(Feedback, item.id).reporter_phone == "+84987654321"


def test_console_deletion_needs_the_confirmation_box(item, console, ctx):
    leader = console("leader")
    detail = leader.get(f"/console/feedback/{item.id}").get_data(as_text=True)
    leader.client.post(f"/console/feedback/{item.id}/privacy-request",
                       data={"csrf_token": _token(detail), "kind": "delete"})
    request = db.session.scalar(sa.select(RightsRequest).where(
        RightsRequest.feedback_id == item.id))
    path = f"/console/privacy/requests/{request.id}"
    leader.post(f"{path}/do/complete", page=path)
    assert db.session.get(RightsRequest, request.id).status == "received"
    leader.post(f"{path}/do/complete", {"confirm": "1"}, page=path)
    db.session.expire_all()
    assert db.session.get(RightsRequest, request.id).status == "completed"
    assert db.session.get(Feedback, item.id).personal_data_erased_at is not None


def test_console_privacy_pages_are_for_leaders(item, console):
    officer = console("officer")
    assert officer.get("/console/privacy/requests").status_code == 403
    assert 'id="privacy-request"' not in officer.get(
        f"/console/feedback/{item.id}").get_data(as_text=True)
    assert "Yêu cầu dữ liệu cá nhân" in console("leader").get("/console/").get_data(
        as_text=True)
