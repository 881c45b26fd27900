"""Authorisation matrix of publishing answers (issue 6): preview, publish, unpublish × every
role × the feedback places A, B, C, D of tests/feedback/test_authorization_matrix.py (own
office, another office of the commune, another commune, another province).
"""

from __future__ import annotations

import pytest

from directory.auth import authenticate
from feedback.answers import service
from tests.feedback.test_authorization_matrix import READ, ROLES, _set, cells, make_items

ONE = "/api/v1/staff/feedback/<int:item_id>/publication"

# Publishing or withdrawing the public version: the commune's leader or the province's
# administrator (officers answer, leaders publish); the others are refused before the item is
# looked up, so 403 wherever it is.
PUBLISH = {
    #                        A    B    C    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 200, 404, 404),
    "officer":              (403, 403, 403, 403),
    "police":               (403, 403, 403, 403),
    "other_leader":         (404, 404, 200, 404),
    "other_officer":        (403, 403, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

# method -> (table, status of success, whether the item is already published)
ROUTES = {
    ("GET", ONE): (READ, 200, False),
    ("PUT", ONE): (PUBLISH, 200, False),
    ("DELETE", ONE): (PUBLISH, 204, True),
}
COVERED = set(ROUTES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=" ".join)
def test_publication_routes(route, role, world, client, staff_headers, ctx):
    table, ok, published = ROUTES[route]
    items = make_items(world)
    for place, item in items.items():
        _set(item, "answered", public_answer="Đã vá ổ gà trước số 12.")
        if published:
            admin = "other_province_admin" if place == "D" else "province_admin"
            service.publish(item.id, authenticate(world.tokens[admin]))
    got = {}
    for place, item in items.items():
        body = {"title": "Ổ gà đã được vá"} if route[0] == "PUT" else None
        got[place] = client.open(f"/api/v1/staff/feedback/{item.id}/publication",
                                 method=route[0], json=body,
                                 headers=staff_headers(role)).status_code
    assert got == cells(table, role, ok=ok)
