"""The e-government template's request path in Chromium, from a page of another origin: the
same ``fetch`` calls as its ``request.ts`` (Bearer token, ``x-organization-id``, GET data as
a query string, POST data as JSON) and the picker's multipart upload. CORS lets an allowed
origin through and stops any other."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from tests.conftest import app_unit, dispose, make_app, seed
from tests.fakes.zalo import tiny_jpeg
from tests.integrations.zalo.conftest import APP_ID, fake, fake_server, zalo_config  # noqa: F401 - pytest fixtures
from tests.integrations.zalo.egov.conftest import MINI_APP_ID, next_working_day, units_config
from tests.live import serve
from tests.procs import free_port

pytestmark = pytest.mark.browser

TOKEN = "tk-browser"

# The template's request(): our own rendering of its behaviour, not its code.
SCRIPT = """
const BASE = %(base)s;
async function request(method, url, data, options) {
  const headers = new Headers();
  headers.append("Authorization", "Bearer " + %(token)s);
  const custom = (options && options.customHeader) || {};
  Object.keys(custom).forEach(k => headers.append(k, String(custom[k])));
  const target = new URL(url, BASE);
  const init = {method, headers};
  if (method === "GET") {
    target.search = new URLSearchParams(data).toString();
  } else {
    headers.append("Content-Type", "application/json");
    init.body = JSON.stringify(data);
  }
  const response = await fetch(target.toString(), init);
  return await response.json();
}
const org = id => ({customHeader: {"x-organization-id": id}});
window.upload = async function () {
  const bytes = Uint8Array.from(atob(%(jpeg)s), c => c.charCodeAt(0));
  const form = new FormData();
  form.append("file", new Blob([bytes], {type: "image/jpeg"}), "a.jpg");
  const response = await fetch(BASE + "/upload_image_api", {method: "POST", body: form});
  return JSON.parse(await response.text());
};
window.run = async function (typeId, day) {
  const out = {};
  out.organization = await request("GET", "/get_organization_api", {miniAppId: %(app)s});
  const id = out.organization.data.id;
  out.articles = await request("GET", "/get_articles_api", {page: 0, pargeSize: 10});
  out.types = await request("GET", "/feedback_types_api", {}, org(id));
  out.upload = await window.upload();
  out.created = await request("POST", "/feedback_api", {title: "Đèn hỏng",
      content: "Đèn đường trước số 20 tắt ba hôm nay.", imageUrls: out.upload.data.images,
      feedbackTypeId: typeId, token: ""}, org(id));
  out.feedbacks = await request("GET", "/feedback_api", {page: 0, pargeSize: 10}, org(id));
  out.guides = await request("GET", "/information_guide_api", {page: 0, pargeSize: 10}, org(id));
  out.search = await request("GET", "/search_profiles_api",
                             {profileCode: "AAAA-BBBB", organizationId: id}, org(id));
  out.booked = await request("POST", "/create_schedule_api", {fullName: "Nguyễn Văn An",
      content: "Chứng thực", phoneNumber: "0912345678", date: day}, org(id));
  out.schedule = await request("GET", "/get_schedule_api", {}, org(id));
  return out;
};
window.tryOnce = async function () {
  try {
    return await request("GET", "/feedback_types_api", {}, org("19753"));
  } catch (err) {
    return {refused: String(err)};
  }
};
"""


def _page_app(base: str) -> Flask:
    import base64

    page = Flask("miniapp_page")
    script = SCRIPT % {"base": json.dumps(base), "token": json.dumps(TOKEN),
                       "app": json.dumps(MINI_APP_ID),
                       "jpeg": json.dumps(base64.b64encode(tiny_jpeg()).decode())}

    @page.get("/")
    def index():
        return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'></head>"
                f"<body><p>Mini App</p><script>{script}</script></body></html>")

    return page


@pytest.fixture(scope="module")
def served(tmp_path_factory, fake_server):
    """The backend configured for the Mini App, allowing one page origin (not another)."""
    fake_, server = fake_server
    allowed_port = free_port()
    app = make_app(tmp_path_factory, "_miniapp_browser",
                   **zalo_config(server.url),
                   MINIAPP_UNITS={},
                   MINIAPP_ALLOWED_ORIGINS=[f"http://127.0.0.1:{allowed_port}"])
    world = seed(app)
    app.config["MINIAPP_UNITS"] = units_config(world)
    with serve(app) as backend:
        yield app, world, backend, allowed_port
    dispose(app)


def test_the_template_request_path_works_from_an_allowed_origin(page, served, fake):
    import sqlalchemy as sa

    from core.db import db
    from directory.models import Category
    from feedback.models import Attachment, Feedback

    app, world, backend, allowed_port = served
    fake.add_miniapp_user(TOKEN, "app-browser", "Người dùng thử")
    with app_unit(app):
        type_id = db.session.scalar(sa.select(Category.id).where(Category.code == "ha-tang"))
    day = next_working_day_in(app)
    with serve(_page_app(backend.url), port=allowed_port) as host:
        page.goto(host.url + "/")
        out = page.evaluate("([t, d]) => window.run(t, d)", [type_id, day])
    assert page.errors == []
    for name, answer in out.items():
        if name != "upload":
            assert answer["err"] == 0, (name, answer)
    assert out["organization"]["data"]["id"] == world.commune
    assert out["articles"]["data"]["data"] == []
    assert {t["title"] for t in out["types"]["data"]} >= {"Hạ tầng, giao thông"}
    assert out["upload"]["err"] == 0 and len(out["upload"]["data"]["images"]) == 1
    assert out["created"]["data"] is True
    assert out["search"]["data"] == []
    assert out["booked"]["data"]["yourNumber"] == 1
    assert out["schedule"]["data"]["status"] == "pending"
    with app_unit(app):
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.zalo_app_user_id == "app-browser"))
        assert item.channel == "miniapp"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment).where(
            Attachment.feedback_id == item.id)) == 1


def test_a_page_of_another_origin_is_stopped_by_cors(page, served, fake):
    app, world, backend, _ = served
    fake.add_miniapp_user(TOKEN, "app-browser", "Người dùng thử")
    with serve(_page_app(backend.url)) as host:  # a port the backend does not allow
        page.goto(host.url + "/")
        answer = page.evaluate("() => window.tryOnce()")
    assert "refused" in answer and "Failed to fetch" in answer["refused"]


def next_working_day_in(app) -> str:
    """A working day ahead, as the template sends it (mm-dd-yyyy)."""
    with app_unit(app):
        return next_working_day().strftime("%m-%d-%Y")
