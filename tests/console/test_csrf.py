"""Every console form needs its CSRF token; a foreign Origin is refused too."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from core.db import db
from feedback.models import Feedback


def _item_id(console_client) -> int:
    html = console_client.get("/console/").get_data(as_text=True)
    return int(re.search(r'data-id="(\d+)"', html).group(1))


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_action_form_without_a_valid_token_is_refused(console, submit, token, ctx):
    submit()
    c = console("officer")
    item_id = _item_id(c)
    data = {} if token is None else {"csrf_token": token}
    response = c.client.post(f"/console/feedback/{item_id}/do/accept", data=data)
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Feedback.status).where(Feedback.id == item_id)) \
        == "received"
    # The same form with the page's token goes through.
    ok = c.post(f"/console/feedback/{item_id}/do/accept", page=f"/console/feedback/{item_id}")
    assert ok.status_code == 303


def test_token_of_another_session_is_refused(console, submit):
    submit()
    attacker, victim = console("police"), console("officer")
    item_id = _item_id(victim)
    stolen_page = attacker.get("/console/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', stolen_page).group(1)
    response = victim.client.post(f"/console/feedback/{item_id}/do/accept",
                                  data={"csrf_token": token})
    assert response.status_code == 400


def test_foreign_origin_is_refused_even_with_a_token(console, submit):
    submit()
    c = console("officer")
    item_id = _item_id(c)
    response = c.post(f"/console/feedback/{item_id}/do/accept",
                      page=f"/console/feedback/{item_id}",
                      headers={"Origin": "https://evil.example"})
    assert response.status_code == 400


def test_login_and_logout_forms_need_the_token_too(client):
    response = client.post("/console/login", data={"username": "officer",
                                                   "password": "whatever-123"})
    assert response.status_code == 400
    assert client.post("/console/logout").status_code == 400
