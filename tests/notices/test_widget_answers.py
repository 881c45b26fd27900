"""The widget's "Hỏi đáp" tab: CORS on the published-answers API, and the script itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.db import db
from directory.models import StaffUser
from feedback.answers import service as answers
from feedback.answers.models import PublishedAnswer
from notices.messages import WIDGET, WIDGET_MORE
from tests.open311.helpers import create_item

ORIGIN = "https://xa.example.vn"
WIDGET_SOURCE = Path(__file__).parents[2] / "notices" / "assets" / "widget.js"


@pytest.fixture
def answer_id(ctx, world):
    item = create_item(world, title="Đường ngập nước sau mưa",
                       description="Đoạn đường trước chợ ngập nước mỗi khi mưa lớn.",
                       actions=("accept", "assign", "start", "answer"),
                       answer="Đã nạo vét cống thoát nước.")
    return answers.publish(item.id, db.session.get(StaffUser, world.staff_ids["leader"])).id


def _answer_urls(world, answer_id):
    return [f"/api/v1/answers?unit={world.commune}&q=duong%20ngap%20nuoc",
            f"/api/v1/answers?unit={world.commune}", f"/api/v1/answers/{answer_id}"]


def test_answers_get_allowed_from_configured_origins(client, app, monkeypatch, world,
                                                     answer_id):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", [ORIGIN, "https://b.example"])
    for url in _answer_urls(world, answer_id):
        response = client.get(url, headers={"Origin": ORIGIN})
        assert response.status_code == 200, url
        assert response.headers["Access-Control-Allow-Origin"] == ORIGIN, url
        assert "Origin" in response.headers["Vary"], url
        assert "Access-Control-Allow-Credentials" not in response.headers, url
        refused = client.get(url, headers={"Origin": "https://evil.example"})
        assert refused.status_code == 200, url  # same answer, but the browser may not read it
        assert "Access-Control-Allow-Origin" not in refused.headers, url
    search = client.get(_answer_urls(world, answer_id)[0], headers={"Origin": ORIGIN}).json
    assert [a["id"] for a in search["items"]] == [answer_id]
    # an error answer carries the header too, so the widget can tell "not found" apart
    missing = client.get("/api/v1/answers/999999", headers={"Origin": ORIGIN})
    assert missing.status_code == 404
    assert missing.headers["Access-Control-Allow-Origin"] == ORIGIN


def test_answers_cors_with_any_origin(client, app, monkeypatch, world, answer_id):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", "*")
    for url in _answer_urls(world, answer_id):
        response = client.get(url, headers={"Origin": "https://any.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "*", url
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_answers_preflight_only_for_get(client, app, monkeypatch, world, answer_id):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", [ORIGIN])
    url = f"/api/v1/answers/{answer_id}"
    get = client.options(url, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
    assert get.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert get.headers["Access-Control-Allow-Methods"] == "GET"
    for method in ("POST", "DELETE", "PUT"):
        refused = client.options(url, headers={"Origin": ORIGIN,
                                               "Access-Control-Request-Method": method})
        assert "Access-Control-Allow-Origin" not in refused.headers, method
    other = client.options("/api/v1/answers", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_staff_publication_endpoints_stay_same_origin(client, app, monkeypatch, world,
                                                      staff_headers, answer_id):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", "*")
    feedback_id = db.session.get(PublishedAnswer, answer_id).feedback_id
    url = f"/api/v1/staff/feedback/{feedback_id}/publication"
    response = client.get(url, headers={"Origin": ORIGIN, **staff_headers("leader")})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options(url, headers={"Origin": ORIGIN,
                                             "Access-Control-Request-Method": "PUT"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_widget_has_an_accessible_qa_tab_within_budget(client):
    response = client.get("/widget.js")
    source = response.get_data(as_text=True)
    assert len(response.data) < 30 * 1024
    # the tab's code is in the second part, which the widget loads when it is first needed
    more = client.get("/widget-more.js")
    assert len(more.data) < 30 * 1024 and "/widget-more.js" in source
    assert "/api/v1/answers?" in more.get_data(as_text=True)
    assert "/api/v1/answers/" in more.get_data(as_text=True)
    for role in ('role: "tablist"', 'role: "tab"', 'role: "tabpanel"', '"aria-selected"',
                 '"aria-controls"', '"aria-labelledby"', '"ArrowRight"', '"ArrowLeft"'):
        assert role in source, role
    assert '"tabQa": "Hỏi đáp"' in source


def test_widget_strings_live_in_messages_only():
    """Every string a citizen reads comes from ``notices.messages.WIDGET`` (the loader) and
    ``WIDGET_MORE`` (the second part, which also reads the loader's): the scripts' code
    (comments aside) is plain ASCII, uses only existing keys and leaves none unused."""
    used = {}
    for name, source in (("loader", WIDGET_SOURCE), ("more", WIDGET_SOURCE.with_name(
            "widget-more.js"))):
        code = re.sub(r"/\*.*?\*/", "", source.read_text(encoding="utf-8"), flags=re.S)
        assert code.isascii(), name
        used[name] = set(re.findall(r"\bT\.(\w+)", code))
    assert used["loader"] <= set(WIDGET)
    assert set(WIDGET_MORE) <= used["more"] <= set(WIDGET) | set(WIDGET_MORE)
    assert used["loader"] | used["more"] == set(WIDGET) | set(WIDGET_MORE)
