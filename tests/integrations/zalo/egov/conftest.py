"""The template's service layer replayed against the app: every call as
``src/service/services.ts`` makes it through ``request.ts`` (Bearer token, custom headers,
GET data as a query string, POST data as a JSON body), and the Mini App configured."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from appointments import service as appointments_service
from core import calendar

MINI_APP_ID = "1234567890123456789"
OA_ID = "579745863508352884"


def units_config(world) -> dict:
    """MINIAPP_UNITS for the seeded commune."""
    return {MINI_APP_ID: {"unit": world.commune, "description": "Cổng dịch vụ công phường",
                          "logo_url": "https://example.invalid/logo.png",
                          "official_accounts": [{"oa_id": OA_ID, "name": "UBND phường Phú Xuân",
                                                 "logo_url": "https://example.invalid/oa.png"}]}}


@pytest.fixture
def egov(app, world, zalo):
    """The session app serving the template for the seeded commune, Zalo on the fake."""
    saved = {k: app.config.get(k) for k in ("MINIAPP_UNITS", "MINIAPP_SEARCH_LIMIT")}
    app.config["MINIAPP_UNITS"] = units_config(world)
    yield zalo
    app.config.update(saved)


class Template:
    """``request<T>(method, url, data, options)`` of the template, in Python: the same
    headers, query strings and bodies; returns the whole response (envelope included)."""

    def __init__(self, client, token: str | None = None, prefix: str = ""):
        self.client = client
        self.token = token
        self.prefix = prefix

    def request(self, method: str, url: str, data=None, custom_header: dict | None = None):
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for key, value in (custom_header or {}).items():
            headers[key] = f"{value}"
        path = self.prefix + url
        if method == "GET":
            query = urlencode({k: f"{v}" for k, v in (data or {}).items()})
            return self.client.get(path + ("?" + query if query else ""), headers=headers)
        headers["Content-Type"] = "application/json"
        return self.client.open(path, method=method, data=json.dumps(data), headers=headers)

    # services.ts, one function each
    def get_organization(self, mini_app_id: str):
        return self.request("GET", "/get_organization_api", {"miniAppId": mini_app_id})

    def get_articles(self, organization_id: str, page: int = 0, limit: int = 10):
        # generatePath("/get_articles_api", {id}) leaves the path as is; no header is sent
        return self.request("GET", "/get_articles_api", {"page": page, "pargeSize": limit})

    def get_feedbacks(self, organization_id: str, page: int = 0, limit: int = 10):
        return self.request("GET", "/feedback_api", {"page": page, "pargeSize": limit},
                            {"x-organization-id": organization_id})

    def get_feedback_types(self, organization_id: str):
        return self.request("GET", "/feedback_types_api", {},
                            {"x-organization-id": organization_id})

    def create_feedback(self, feedback: dict, organization_id: str):
        return self.request("POST", "/feedback_api", feedback,
                            {"x-organization-id": organization_id})

    def get_information_guides(self, organization_id: str, page: int = 0, limit: int = 10):
        return self.request("GET", "/information_guide_api", {"page": page, "pargeSize": limit},
                            {"x-organization-id": organization_id})

    def get_work_schedule(self, organization_id: str):
        return self.request("GET", "/get_schedule_api", {},
                            {"x-organization-id": organization_id})

    def create_work_schedule(self, organization_id: str, day, full_name: str, content: str,
                             phone_number: str):
        return self.request("POST", "/create_schedule_api", {
            "fullName": full_name, "content": content, "phoneNumber": phone_number,
            "date": day.strftime("%m-%d-%Y")}, {"x-organization-id": organization_id})

    def search_profiles(self, profile_code: str, organization_id: str):
        params = {"profileCode": profile_code, "organizationId": organization_id}
        return self.request("GET", "/search_profiles_api", params,
                            {"x-organization-id": organization_id})

    def upload_images(self, files: list[tuple[bytes, str]], field: str = "file",
                      with_token: bool = False):
        """What ``openMediaPicker({serverUploadUrl})`` posts: multipart files (Zalo's native
        upload sends no token; ``with_token`` adds this user's)."""
        import io

        data = {field: [(io.BytesIO(content), name) for content, name in files]}
        headers = {"Authorization": f"Bearer {self.token}"} if with_token else {}
        return self.client.post(self.prefix + "/upload_image_api", data=data, headers=headers,
                                content_type="multipart/form-data")


@pytest.fixture
def template(client):
    """``template(token)`` → the template's service layer with that Zalo token."""
    return lambda token=None, prefix="": Template(client, token, prefix)


def next_working_day(after_days: int = 1):
    """A working day at least ``after_days`` from Vietnam's today."""
    day = appointments_service.local_today()
    from datetime import timedelta

    day += timedelta(days=after_days)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def envelope_ok(response) -> object:
    """The ``data`` of a successful envelope (asserting its shape)."""
    body = response.get_json()
    assert body["err"] == 0, body
    assert isinstance(body["message"], str) and set(body) == {"err", "message", "data"}
    return body["data"]


def envelope_error(response, err: int | None = None) -> dict:
    """An error envelope: non-zero ``err``, a message, no ``data``."""
    body = response.get_json()
    assert body["err"] != 0 and "data" not in body and body["message"], body
    assert set(body) == {"err", "message"}
    if err is not None:
        assert body["err"] == err, body
    return body


from tests.notices.conftest import notices_api  # noqa: E402,F401 - the staff notices driver
