"""Authorisation matrix of the Zalo delivery views (issue 5) × every role: a feedback item's
deliveries follow the feedback reading table (places A, B, C, D of
tests/feedback/test_authorization_matrix.py), a notice's follow the notices reading table
(places A, C, P, D of tests/test_authorization_matrix_notices.py).
"""

from __future__ import annotations

import pytest

from tests.feedback.test_authorization_matrix import READ, ROLES, UNIT_PLACES, cells, make_items
from tests.test_authorization_matrix_notices import READ as READ_NOTICE
from tests.test_authorization_matrix_notices import make_notices

FEEDBACK = "/api/v1/staff/zalo/feedback/<int:item_id>/deliveries"
NOTICE = "/api/v1/staff/zalo/notices/<int:notice_id>/deliveries"
COVERED = {("GET", FEEDBACK), ("GET", NOTICE)}


@pytest.mark.parametrize("role", ROLES)
def test_feedback_deliveries(role, world, client, staff_headers, ctx):
    got = {place: client.get(f"/api/v1/staff/zalo/feedback/{item.id}/deliveries",
                             headers=staff_headers(role)).status_code
           for place, item in make_items(world).items()}
    assert got == cells(READ, role)


@pytest.mark.parametrize("role", ROLES)
def test_notice_deliveries(role, world, client, staff_headers, ctx):
    got = {place: client.get(f"/api/v1/staff/zalo/notices/{notice.id}/deliveries",
                             headers=staff_headers(role)).status_code
           for place, notice in make_notices(world, "published").items()}
    assert got == cells(READ_NOTICE, role, UNIT_PLACES)
