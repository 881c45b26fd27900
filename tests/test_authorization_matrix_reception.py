"""Authorisation matrix of "Tiếp nhận phản ánh" (issue 18): staff entering feedback received
by phone, in person or on paper, × every role × the unit places of
tests/feedback/test_authorization_matrix.py (A own commune, C another commune of the province,
P the province itself, D a commune of another province).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.db import db
from feedback.models import Feedback, FeedbackEvent
from tests.feedback.test_authorization_matrix import ROLES, UNIT_PLACES, cells, unit_codes

# Acting roles receive for the units they write for (their commune; a province's
# administrator, its communes); units are public, so another unit is a 403, as for the
# directory's routes. The province itself takes no feedback (422: not a commune). The viewer
# only reads.
RECEIVE = {
    #                        A    C    P    D
    "province_admin":       (201, 201, 422, 403),
    "other_province_admin": (403, 403, 403, 201),
    "leader":               (201, 403, 403, 403),
    "officer":              (201, 403, 403, 403),
    "police":               (201, 403, 403, 403),
    "other_leader":         (403, 201, 403, 403),
    "other_officer":        (403, 201, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

COVERED = {("POST", "/api/v1/staff/feedback")}


@pytest.mark.parametrize("role", ROLES)
def test_receive_route(role, world, client, staff_headers, ctx):
    got, created = {}, {}
    for place, code in unit_codes(world).items():
        response = client.post("/api/v1/staff/feedback", headers=staff_headers(role), json={
            "unit_code": code, "category_code": "ha-tang", "received_via": "phone",
            "description": "Người dân gọi điện báo đèn đường hỏng ở tổ 3.",
            "reporter": {"name": "Lê Văn Tám", "phone": "0905 222 333"},
            "consent_given": True})
        got[place] = response.status_code
        if response.status_code == 201:
            created[place] = response.json["id"]
    assert got == cells(RECEIVE, role, UNIT_PLACES, ok=201)
    for item_id in created.values():  # the receiving officer is on the first event
        event = db.session.scalar(sa.select(FeedbackEvent).where(
            FeedbackEvent.feedback_id == item_id, FeedbackEvent.kind == "created"))
        assert event.actor_id == world.staff_ids[role]
        assert db.session.get(Feedback, item_id).channel == "staff"
