"""Authorisation matrix of the appointments staff API (issue 22): one appointment at the
one-stop office of commune A (Phú Xuân) × every role. Officers and leaders of the unit act;
its viewer sees but cannot act; staff of other units (the province's administrators
included: they belong to the province) do not see it."""

from __future__ import annotations

import pytest

from appointments import service
from core.db import db
from directory.models import StaffUser
from tests.feedback.test_authorization_matrix import ROLES
from tests.integrations.zalo.egov.conftest import next_working_day

BASE = "/api/v1/staff/appointments"

# Deciding on an appointment of commune A.
DECIDE = {"province_admin": 404, "other_province_admin": 404, "leader": 200, "officer": 200,
          "police": 200, "other_leader": 404, "other_officer": 404, "viewer": 403}
# Calling the next number of one's own unit on the day (A has an approved appointment).
CALL = {"province_admin": 403, "other_province_admin": 403, "leader": 200, "officer": 200,
        "police": 200, "other_leader": 409, "other_officer": 409, "viewer": 403}

ROUTES = {
    ("POST", BASE + "/<int:appointment_id>/approve"): DECIDE,
    ("POST", BASE + "/<int:appointment_id>/reject"): DECIDE,
    ("POST", BASE + "/call-next"): CALL,
}
COVERED = set(ROUTES) | {("GET", BASE)}


def _appointment(world, approved: bool = False):
    item = service.book(world.commune, next_working_day(), "Nguyễn Văn An", "0912345678",
                        "Chứng thực", service.Citizen("app-matrix"))
    if approved:
        service.approve(item.id, db.session.get(StaffUser, world.staff_ids["leader"]))
    return item


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=" ".join)
def test_appointment_actions(route, role, world, client, staff_headers, ctx):
    method, rule = route
    item = _appointment(world, approved=rule.endswith("call-next"))
    path = rule.replace("<int:appointment_id>", str(item.id))
    body = {"day": item.day.isoformat()} if rule.endswith("call-next") else {
        "reason": "Sai thủ tục"} if rule.endswith("reject") else None
    response = client.open(path, method=method, json=body, headers=staff_headers(role))
    assert response.status_code == ROUTES[route][role], response.json


@pytest.mark.parametrize("role", ROLES)
def test_the_day_list_shows_only_the_callers_unit(role, world, client, staff_headers, ctx):
    item = _appointment(world)
    response = client.get(f"{BASE}?day={item.day.isoformat()}", headers=staff_headers(role))
    assert response.status_code == 200
    ids = [a["id"] for a in response.json["items"]]
    sees = role in ("leader", "officer", "police", "viewer")
    assert ids == ([item.id] if sees else [])
