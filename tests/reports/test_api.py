"""``GET /api/v1/staff/stats``: roles and scope, arguments, and the same figures as the
service (worked out by hand in test_figures.py)."""

from __future__ import annotations

from datetime import date

import pytest

import directory
from reports.service import Period, statistics
from tests.reports.conftest import AS_OF

QUERY = {"from": "2026-02-10", "to": "2026-02-24"}


def get(client, staff_headers, who, **params):
    return client.get("/api/v1/staff/stats", query_string={**QUERY, **params},
                      headers=staff_headers(who))


def test_api_returns_the_service_figures(client, staff_headers, seeded, frozen_stats, world):
    """The province administrator's view of the province: the figures of the service."""
    response = get(client, staff_headers, "province_admin")
    assert response.status_code == 200
    body = response.get_json()
    expected = statistics(directory.get_unit(world.province),
                          Period(date(2026, 2, 10), date(2026, 2, 24)), AS_OF)
    assert body == expected
    assert body["feedback"]["received"] == 10
    assert body["feedback"]["answered_on_time"] == 3
    assert len(body["feedback"]["communes"]) > 10


@pytest.mark.parametrize(("who", "unit", "status", "received"), [
    ("leader", None, 200, 7),  # their commune by default
    ("leader", "19753", 200, 7),
    ("leader", "19774", 403, None),  # another commune
    ("leader", "46", 403, None),  # their province
    ("other_leader", None, 200, 3),
    ("viewer", None, 200, 7),  # read-only: the figures of their unit
    ("viewer", "46", 403, None),
    ("province_admin", None, 200, 10),  # the province by default
    ("province_admin", "19774", 200, 3),  # any commune of the province
    ("province_admin", "01", 403, None),  # another province
    ("other_province_admin", "19753", 403, None),
    ("officer", None, 403, None),  # officers follow their office's queue instead
    ("police", "19753", 403, None),
])
def test_roles_and_scope(client, staff_headers, seeded, frozen_stats, who, unit, status,
                         received):
    """Who sees what; refusals in the error shape with a Vietnamese message."""
    params = {"unit": unit} if unit else {}
    response = get(client, staff_headers, who, **params)
    assert response.status_code == status
    body = response.get_json()
    if status == 200:
        assert body["feedback"]["received"] == received
        assert ("communes" in body["feedback"]) == (body["unit"]["level"] == "province")
    else:
        assert body["code"] == 403 and body["status"] == "Forbidden"
        assert "thống kê" in body["message"].lower()


def test_authentication_required(client, seeded):
    """No token: 401."""
    response = client.get("/api/v1/staff/stats", query_string=QUERY)
    assert response.status_code == 401
    assert response.get_json()["code"] == 401


@pytest.mark.parametrize(("params", "status", "field"), [
    ({"from": "2026-02-30"}, 422, "from"),
    ({"to": "24/02/2026"}, 422, "to"),
    ({"from": "2026-02-25", "to": "2026-02-24"}, 422, "to"),
    ({"from": "2010-01-01", "to": "2026-02-24"}, 422, "to"),
    ({"unit": "x"}, 422, "unit"),
    ({"unit": "99999"}, 404, None),
])
def test_bad_arguments(client, staff_headers, seeded, params, status, field):
    """Bad dates, reversed or too long ranges, unknown units: 4xx, never 500."""
    response = client.get("/api/v1/staff/stats", query_string={**QUERY, **params},
                          headers=staff_headers("province_admin"))
    assert response.status_code == status
    body = response.get_json()
    assert body["code"] == status and body["message"]
    if field:
        assert field in str(body.get("errors"))


def test_default_period_is_this_year_to_today(client, staff_headers, seeded, frozen_stats):
    """Without dates: 01/01 of the current local year to today (as of 02/03/2026)."""
    response = client.get("/api/v1/staff/stats", headers=staff_headers("leader"))
    assert response.status_code == 200
    period = response.get_json()["period"]
    assert (period["from"], period["to"]) == ("2026-01-01", "2026-03-02")
    # Everything of Phú Xuân in the data set, B and D included.
    assert response.get_json()["feedback"]["received"] == 9


def test_no_personal_data_in_statistics(client, staff_headers, seeded, frozen_stats):
    """Figures only: no reporter data, no citizen text."""
    text = get(client, staff_headers, "province_admin").get_data(as_text=True)
    for secret in ("Bảo Mật", "0912000111", "baomat@", "zalo-secret-id", "Tiêu đề riêng"):
        assert secret not in text
