"""Authorisation matrix of the false-information staff API (issue 21): every route × every
role × the case's place (tests/feedback/test_authorization_matrix.py has the roles and the
helpers):
  A  a case of commune 19753 (Phú Xuân), handled by the infrastructure office (the office
     set for reports of false information there): officer's office, not police's
  C  a case of commune 19774 (Kim Long), handled by its default office (other_officer's)
  D  a case of a commune of Hà Nội — another province
Cases belong to communes only. A case outside the caller's scope is a 404; the viewer may
not act and is refused before the case is looked up (403). Taking a report by phone names
a unit, which is public: 403 outside the caller's unit.
"""

from __future__ import annotations

import pytest

from core import storage
from core.db import db
from factcheck import service
from factcheck.models import FactcheckCase, FactcheckOffice
from tests.feedback.test_authorization_matrix import PNG, ROLES, cells, unit_codes

PLACES = "ACD"
ONE = "/api/v1/staff/misinformation-cases/<int:case_id>"

READ = {
    #                        A    C    D
    "province_admin":       (200, 200, 404),
    "other_province_admin": (404, 404, 200),
    "leader":               (200, 404, 404),
    "officer":              (200, 404, 404),
    "police":               (404, 404, 404),
    "other_leader":         (404, 200, 404),
    "other_officer":        (404, 200, 404),
    "viewer":               (200, 404, 404),
}
ACT = {**READ, "viewer": (403, 403, 403)}
# POST /staff/misinformation-reports for the place's unit.
CREATE = {
    #                        A    C    D
    "province_admin":       (201, 201, 403),
    "other_province_admin": (403, 403, 201),
    "leader":               (201, 403, 403),
    "officer":              (201, 403, 403),
    "police":               (201, 403, 403),
    "other_leader":         (403, 201, 403),
    "other_officer":        (403, 201, 403),
    "viewer":               (403, 403, 403),
}


def make_cases(world) -> dict[str, FactcheckCase]:
    """A, C, D as described above, each with one report carrying a screenshot."""
    db.session.add(FactcheckOffice(unit_code=world.commune, office_id=world.office_infra))
    db.session.commit()
    codes = unit_codes(world)
    cases = {}
    for place in PLACES:
        _, answer = service.report(
            {"unit_code": codes[place], "content": f"Tin đồn số {place} về khoản phí lạ"},
            storage.Upload(data=PNG, content_type="image/png", ext="png"), channel="api")
        cases[place] = service.public_status(answer["tracking_code"]).case
    return cases


class Case:
    """How to call one case route: the suffix, the body, the table, the case's verdict
    beforehand."""

    def __init__(self, method, suffix, table, body=None, ok=None, verdict=None):
        self.method, self.suffix, self.table = method, suffix, table
        self.body, self.ok, self.verdict = body, ok, verdict


ROUTES = {
    ("GET", ONE): Case("GET", "", READ),
    ("GET", ONE + "/reports/<int:report_id>/image"): Case("GET", "/reports/{report}/image",
                                                          READ),
    ("POST", ONE + "/verdict"): Case("POST", "/verdict", ACT, {"verdict": "true"}),
    ("POST", ONE + "/priority"): Case("POST", "/priority", ACT, {"priority": "emergency"}),
    ("POST", ONE + "/clarification"): Case(
        "POST", "/clarification", ACT, {
            "title": "Bác bỏ tin đồn về khoản phí", "summary": "Không có khoản phí này.",
            "body": "<p>Tin đồn sai sự thật.</p>"}, ok=201, verdict="false"),
}
COVERED = set(ROUTES) | {("GET", "/api/v1/staff/misinformation-cases"),
                         ("POST", "/api/v1/staff/misinformation-reports")}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=" ".join)
def test_case_routes(route, role, world, client, staff_headers, ctx):
    case = ROUTES[route]
    got = {}
    for place, item in make_cases(world).items():
        if case.verdict:
            item.verdict, item.status, item.verdict_note = case.verdict, "clarifying", "Sai."
            db.session.commit()
        suffix = case.suffix.format(report=item.reports[0].id)
        response = client.open(f"/api/v1/staff/misinformation-cases/{item.id}{suffix}",
                               method=case.method, json=case.body,
                               headers=staff_headers(role))
        got[place] = response.status_code
        response.close()
    assert got == cells(case.table, role, PLACES, ok=case.ok)


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_the_scope(role, world, client, staff_headers, ctx):
    cases = make_cases(world)
    response = client.get("/api/v1/staff/misinformation-cases",
                          headers=staff_headers(role))
    assert response.status_code == 200
    listed = {c["id"] for c in response.json["items"]}
    expected = {cases[p].id for p, status in cells(READ, role, PLACES).items()
                if status == 200}
    assert listed == expected


@pytest.mark.parametrize("role", ROLES)
def test_taking_a_report_by_phone(role, world, client, staff_headers, ctx):
    codes = unit_codes(world)
    got = {place: client.post("/api/v1/staff/misinformation-reports", json={
        "unit_code": codes[place], "content": "Tin đồn về khoản phí lạ ở chợ"},
        headers=staff_headers(role)).status_code for place in PLACES}
    assert got == cells(CREATE, role, PLACES)
