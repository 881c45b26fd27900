"""Authorisation matrix of the Open311 partner keys (issue 6) × every role × the unit a key is
for: A commune 19753, C commune 19774, P the province 46, D a commune of Hà Nội (see
tests/feedback/test_authorization_matrix.py). Keys are a province administrator's business:
the other roles are refused (403) before anything is looked up; a key of another province
does not exist for an administrator (404); naming another province's unit for a new key is
a 403 (units are public).
"""

from __future__ import annotations

import pytest

from feedback.open311 import keys
from tests.feedback.test_authorization_matrix import ROLES, UNIT_PLACES, cells, unit_codes

KEYS = "/api/v1/staff/open311/keys"
REVOKE = "/api/v1/staff/open311/keys/<int:key_id>/revoke"

# GET /keys: which places' keys the list shows ("" and 403: refused).
LIST = {
    "province_admin":       (200, "ACP"),
    "other_province_admin": (200, "D"),
    "leader":               (403, ""),
    "officer":              (403, ""),
    "police":               (403, ""),
    "other_leader":         (403, ""),
    "other_officer":        (403, ""),
    "viewer":               (403, ""),
}

# POST /keys for the place's unit.
CREATE = {
    #                        A    C    P    D
    "province_admin":       (201, 201, 201, 403),
    "other_province_admin": (403, 403, 403, 201),
    "leader":               (403, 403, 403, 403),
    "officer":              (403, 403, 403, 403),
    "police":               (403, 403, 403, 403),
    "other_leader":         (403, 403, 403, 403),
    "other_officer":        (403, 403, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

# POST /keys/<id>/revoke of the place's key.
REVOKE_KEY = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (403, 403, 403, 403),
    "officer":              (403, 403, 403, 403),
    "police":               (403, 403, 403, 403),
    "other_leader":         (403, 403, 403, 403),
    "other_officer":        (403, 403, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

COVERED = {("GET", KEYS), ("POST", KEYS), ("POST", REVOKE)}


def _keys(world) -> dict[str, int]:
    return {place: keys.create_key(f"Đối tác {place}", code)[0].id
            for place, code in unit_codes(world).items()}


@pytest.mark.parametrize("role", ROLES)
def test_list_keys(role, world, client, staff_headers, ctx):
    made = _keys(world)
    response = client.get(KEYS, headers=staff_headers(role))
    status, places = LIST[role]
    assert response.status_code == status
    if status == 200:
        shown = {k["id"] for k in response.json}
        assert {p for p, key_id in made.items() if key_id in shown} == set(places)
        assert all("api_key" not in k for k in response.json)


@pytest.mark.parametrize("role", ROLES)
def test_create_key(role, world, client, staff_headers, ctx):
    got = {place: client.post(KEYS, headers=staff_headers(role),
                              json={"partner": "Ứng dụng thử", "unit_code": code}).status_code
           for place, code in unit_codes(world).items()}
    assert got == cells(CREATE, role, UNIT_PLACES)


@pytest.mark.parametrize("role", ROLES)
def test_revoke_key(role, world, client, staff_headers, ctx):
    got = {place: client.post(f"{KEYS}/{key_id}/revoke",
                              headers=staff_headers(role)).status_code
           for place, key_id in _keys(world).items()}
    assert got == cells(REVOKE_KEY, role, UNIT_PLACES)
