"""Cross-origin access (core/cors.py, Flask-CORS): every endpoint the widget and consultations
call from another site answers the allowed origins' preflights with its one method and the
two headers; other origins, methods and headers get no CORS header at all."""

from __future__ import annotations

import pytest

ALLOWED = "https://phuxuan.hue.gov.vn"
WIDGET = [("/api/v1/units/19753/notices", "GET"), ("/api/v1/units/19753/categories", "GET"),
          ("/api/v1/answers", "GET"), ("/api/v1/answers/1", "GET"),
          ("/api/v1/privacy-notice", "GET"), ("/api/v1/feedback", "POST"),
          ("/api/v1/feedback/ABCD-EFGH", "GET"), ("/api/v1/feedback/ABCD-EFGH/rating", "POST"),
          ("/api/v1/units/19753/consultations", "GET"), ("/api/v1/consultations/1", "GET"),
          ("/api/v1/consultations/1/comments", "GET"),
          ("/api/v1/consultations/1/comments", "POST")]


@pytest.fixture
def allowed(app, monkeypatch):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", [ALLOWED + "/", "https://b.vn"])


def _preflight(client, path, method, origin=ALLOWED, headers="content-type, idempotency-key"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                         "Access-Control-Request-Headers": headers})


def _cors(response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.startswith("Access-Control-")}


@pytest.mark.parametrize(("path", "method"), WIDGET)
def test_allowed_origin_preflight_names_the_one_method_and_the_two_headers(
        client, allowed, path, method):
    response = _preflight(client, path, method)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert response.headers["Access-Control-Allow-Methods"] == method
    assert response.headers["Access-Control-Allow-Headers"] == "Content-Type, Idempotency-Key"
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize(("path", "method"), WIDGET)
def test_preflight_from_a_non_allowed_origin_gets_no_cors_header(client, allowed, path, method):
    assert _cors(_preflight(client, path, method, origin="https://evil.example")) == {}
    assert _cors(_preflight(client, path, method, origin="null")) == {}


def test_preflight_for_another_method_or_header_gets_no_cors_header(client, allowed):
    assert _cors(_preflight(client, "/api/v1/answers/1", "DELETE")) == {}
    assert _cors(_preflight(client, "/api/v1/units/19753/notices", "POST")) == {}
    assert _cors(_preflight(client, "/api/v1/feedback", "POST",
                            headers="content-type, authorization")) == {}


def test_staff_and_other_endpoints_stay_same_origin(client, allowed, staff_headers):
    for path in ("/api/v1/staff/feedback", "/api/v1/units", "/api/v1/staff/consultations"):
        assert _cors(_preflight(client, path, "GET")) == {}, path
        response = client.get(path, headers={"Origin": ALLOWED, **staff_headers("leader")})
        assert _cors(response) == {}, path


def test_the_fast_path_answers_with_the_views_cors_headers(client, allowed, world):
    path = f"/api/v1/units/{world.commune}/notices"
    from_view = client.get(path, headers={"Origin": ALLOWED})
    from_cache = client.get(path, headers={"Origin": ALLOWED})
    assert from_view.status_code == from_cache.status_code == 200
    assert _cors(from_view) == _cors(from_cache) == {
        "Access-Control-Allow-Origin": ALLOWED,
        "Access-Control-Expose-Headers": "ETag, Last-Modified"}
    assert "Origin" in from_cache.headers["Vary"]
    refused = client.get(path, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 200 and _cors(refused) == {}
