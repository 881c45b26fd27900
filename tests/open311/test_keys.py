"""Partner keys: CLI, staff API (province administrators), hashing, revocation, rate limit."""

from __future__ import annotations

import sqlalchemy as sa

from core.codes import digest
from core.db import db
from feedback.open311 import keys
from feedback.open311.models import Open311Key

KEYS = "/api/v1/staff/open311/keys"


def test_cli_creates_lists_and_revokes(runner, ctx, world):
    result = runner.invoke(args=["open311", "keys", "create", "--partner", "Ứng dụng A",
                                 "--unit", world.commune])
    assert result.exit_code == 0, result.output
    raw = result.output.strip().rsplit(" ", 1)[-1]
    key = keys.authenticate(raw)
    assert key.partner == "Ứng dụng A" and key.unit_code == world.commune
    # stored hashed: the key itself is nowhere in the table
    assert key.key_hash == digest(raw)
    assert raw not in {k.key_hash for k in db.session.scalars(sa.select(Open311Key))}
    listing = runner.invoke(args=["open311", "keys", "list"])
    assert f"{key.id}\t{raw[:8]}…" in listing.output and raw not in listing.output
    revoked = runner.invoke(args=["open311", "keys", "revoke", str(key.id)])
    assert revoked.exit_code == 0 and "Đã thu hồi" in revoked.output
    assert keys.authenticate(raw) is None
    assert "thu hồi" in runner.invoke(args=["open311", "keys", "list"]).output


def test_cli_refuses_bad_input(runner, world):
    result = runner.invoke(args=["open311", "keys", "create", "--partner", "B",
                                 "--unit", "99999"])
    assert result.exit_code != 0 and "Không tìm thấy đơn vị" in result.output
    result = runner.invoke(args=["open311", "keys", "create", "--partner", "B",
                                 "--unit", world.commune, "--collects-consent"])
    assert result.exit_code != 0 and "consent_policy" in result.output
    assert runner.invoke(args=["open311", "keys", "revoke", "424242"]).exit_code != 0


def test_cli_adds_questions(runner, client):
    result = runner.invoke(args=["open311", "questions", "add", "ha-tang", "muc-do",
                                 "--description", "Mức độ nguy hiểm",
                                 "--datatype", "singlevaluelist", "--required",
                                 "--value", "cao=Cao", "--value", "thap=Thấp"])
    assert result.exit_code == 0, result.output
    body = client.get("/open311/v2/services/ha-tang.json").get_json()
    assert body["attributes"][0]["values"] == [{"key": "cao", "name": "Cao"},
                                               {"key": "thap", "name": "Thấp"}]
    no_values = runner.invoke(args=["open311", "questions", "add", "ha-tang", "x",
                                    "--description", "X", "--datatype", "multivaluelist"])
    assert no_values.exit_code != 0


def test_staff_api_for_province_admins(client, world, staff_headers):
    admin = staff_headers("province_admin")
    response = client.post(KEYS, json={"partner": "Cổng Huế-S", "unit_code": world.province,
                                       "collects_consent": True, "consent_policy": "2026-01"},
                           headers=admin)
    assert response.status_code == 201, response.json
    created = response.json
    assert created["api_key"].startswith("o311_") and created["collects_consent"] is True
    listing = client.get(KEYS, headers=admin).json
    assert [k["id"] for k in listing] == [created["id"]]
    assert "api_key" not in listing[0]
    # another province's administrator neither sees nor revokes it
    other = staff_headers("other_province_admin")
    assert client.get(KEYS, headers=other).json == []
    assert client.post(f"{KEYS}/{created['id']}/revoke", headers=other).status_code == 404
    # and cannot issue keys for Huế
    assert client.post(KEYS, json={"partner": "Đối tác X", "unit_code": world.commune},
                       headers=other).status_code == 403
    # other roles may not manage keys
    for who in ("leader", "officer", "viewer"):
        assert client.get(KEYS, headers=staff_headers(who)).status_code == 403
    assert client.get(KEYS).status_code == 401
    revoked = client.post(f"{KEYS}/{created['id']}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json["revoked_at"]
    post = client.post("/open311/v2/requests.json", data={
        "api_key": created["api_key"], "jurisdiction_id": world.commune,
        "service_code": "khac", "address_string": "Chợ", "description": "Nội dung thử."})
    assert post.status_code == 403


def test_staff_api_validates(client, staff_headers):
    response = client.post(KEYS, json={"partner": "X"}, headers=staff_headers("province_admin"))
    assert response.status_code == 422 and "unit_code" in response.json["errors"]


def test_posts_are_rate_limited_per_key(app):
    """The POST limit is keyed by the partner key's digest (each key has its own budget)."""
    from feedback.open311.routes import _key_bucket

    with app.test_request_context("/open311/v2/requests.json", method="POST",
                                  data={"api_key": "o311_mot"}):
        first = _key_bucket()
    with app.test_request_context("/open311/v2/requests.json", method="POST",
                                  data={"api_key": "o311_hai"}):
        second = _key_bucket()
    with app.test_request_context("/open311/v2/requests.json", method="POST", data={}):
        anonymous = _key_bucket()
    assert first == "open311-key:" + digest("o311_mot") and first != second
    assert "o311_mot" not in first
    assert anonymous.startswith("open311-ip:")


def test_rate_limit_answer_is_in_open311_format(app):
    """A 429 raised under /open311/v2 (Flask-Limiter raises an HTTPException) keeps the format."""
    from werkzeug.exceptions import TooManyRequests

    from feedback.open311.routes import _http_error

    with app.test_request_context("/open311/v2/requests.xml", method="POST"):
        response = _http_error(TooManyRequests())
    assert response.status_code == 429
    assert b"<errors><error><code>429</code>" in response.data
