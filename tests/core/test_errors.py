"""Every error, whatever raised it, comes back in the one JSON shape with Vietnamese text."""

import inspect

import pytest
import werkzeug.exceptions as wexc
from flask import abort

from core.errors import Conflict
from core.messages import HTTP_MESSAGES
from tests.conftest import make_app

HTTP_EXCEPTIONS = sorted(
    {cls.code: cls for _, cls in inspect.getmembers(wexc, inspect.isclass)
     if issubclass(cls, wexc.HTTPException) and cls.code and cls.code >= 400}.items())


@pytest.fixture(scope="module")
def error_app(tmp_path_factory):
    app = make_app(tmp_path_factory, "_errors", TESTING_CATCH_ERRORS=True)

    @app.get("/_raise/<int:code>")
    def _raise(code):
        abort(code)

    @app.get("/_boom")
    def _boom():
        raise RuntimeError("secret stack detail")

    @app.get("/_conflict")
    def _conflict():
        raise Conflict("Xung đột.", {"field": ["Sai."]})

    return app


def assert_error_shape(response, code):
    assert response.status_code == code
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) <= {"code", "status", "message", "errors"}
    assert body["code"] == code
    assert isinstance(body["status"], str) and body["status"]
    assert isinstance(body["message"], str) and body["message"]
    return body


@pytest.mark.parametrize("code,exc", HTTP_EXCEPTIONS, ids=[str(c) for c, _ in HTTP_EXCEPTIONS])
def test_every_werkzeug_exception_is_json(error_app, code, exc):
    response = error_app.test_client().get(f"/_raise/{code}")
    body = assert_error_shape(response, code)
    assert body["message"] == HTTP_MESSAGES[code]


def test_unexpected_error_is_500_without_stack_trace(error_app):
    response = error_app.test_client().get("/_boom")
    body = assert_error_shape(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert body["message"] == HTTP_MESSAGES[500]


def test_service_errors_carry_field_errors(error_app):
    body = assert_error_shape(error_app.test_client().get("/_conflict"), 409)
    assert body == {"code": 409, "status": "Conflict", "message": "Xung đột.",
                    "errors": {"field": ["Sai."]}}


def test_routing_errors(client):
    assert_error_shape(client.get("/khong-co"), 404)
    assert_error_shape(client.delete("/api/v1/units"), 405)


def test_too_large_body_is_413(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/api/v1/feedback", data=b"x" * (limit + 1),
                           content_type="application/json")
    assert_error_shape(response, 413)


def test_rate_limit_is_429_with_retry_after(tmp_path_factory):
    app = make_app(tmp_path_factory, "_ratelimit", RATELIMIT_ENABLED=True,
                   RATELIMIT_LOOKUP="3 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/feedback/ABCD-EFGH?phone=0912345678").status_code
                for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    response = client.get("/api/v1/feedback/ABCD-EFGH?phone=0912345678")
    assert_error_shape(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_webhook_is_rate_limited(tmp_path_factory):
    app = make_app(tmp_path_factory, "_ratelimit_webhook", RATELIMIT_ENABLED=True,
                   RATELIMIT_WEBHOOK="2 per minute", ZALO_APP_ID="app",
                   ZALO_OA_SECRET_KEY="k", ZALO_APP_SECRET="s")
    client = app.test_client()
    statuses = [client.post("/integrations/zalo/webhook", json={}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.post("/integrations/zalo/webhook", json={})
    assert_error_shape(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_console_login_is_rate_limited(tmp_path_factory):
    app = make_app(tmp_path_factory, "_ratelimit_login", RATELIMIT_ENABLED=True,
                   RATELIMIT_LOGIN="2 per minute")
    from tests.console.conftest import csrf_from

    client = app.test_client()

    def attempt():
        token = csrf_from(client.get("/console/login").get_data(as_text=True))
        return client.post("/console/login", data={"csrf_token": token, "username": "khong-co",
                                                   "password": "sai"})

    assert [attempt().status_code for _ in range(2)] == [401, 401]  # the form, with an error
    response = attempt()
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0


def test_limits_of_one_app_do_not_leak_into_another(tmp_path_factory, client):
    """Rate limiting is decided per app: a limited app created in the same process does not
    start throttling the suite's app, whose configuration turns limits off."""
    from tests.console.conftest import csrf_from

    limited = make_app(tmp_path_factory, "_ratelimit_leak", RATELIMIT_ENABLED=True,
                       RATELIMIT_LOGIN="1 per minute")

    def attempt(c, n):
        # A new name each time: the sign-in throttle (per name and address) stays out of it.
        token = csrf_from(c.get("/console/login").get_data(as_text=True))
        return c.post("/console/login", data={"csrf_token": token, "username": f"khong-co-{n}",
                                              "password": "sai"}).status_code

    limited_client = limited.test_client()
    assert [attempt(limited_client, n) for n in range(2)] == [401, 429]
    over_default = int(client.application.config["RATELIMIT_LOGIN"].split()[0]) + 2
    assert [attempt(client, n) for n in range(over_default)] == [401] * over_default
