"""The public list: filtering, order, pagination, caching headers, CORS, widget, board."""

from __future__ import annotations

import io
import re

import pytest

from notices import cache
from tests.notices.conftest import notice_body

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_emergency_first_then_newest_and_pagination(notices_api, world, frozen):
    first = notices_api.publish(title="Thông báo thứ nhất")
    frozen.advance(minutes=5)
    urgent = notices_api.publish(title="Cảnh báo lũ khẩn cấp", category="disaster_incident",
                                 priority="emergency", risk_level=4)
    frozen.advance(minutes=5)
    newest = notices_api.publish(title="Thông báo mới nhất")
    body = notices_api.public(world.commune).json
    assert [i["id"] for i in body["items"]] == [urgent["id"], newest["id"], first["id"]]
    assert body["total"] == 3
    assert body["items"][0]["risk"] == {"level": 4, "colour": "#e53935",
                                        "label": "Cấp độ 4 – Rủi ro thiên tai rất lớn"}
    page2 = notices_api.public(world.commune, page=2, per_page=2).json
    assert [i["id"] for i in page2["items"]] == [first["id"]]
    assert (page2["page"], page2["per_page"], page2["total"]) == (2, 2, 3)


def test_no_drafts_no_personal_data(notices_api, world, client, staff_headers):
    notices_api.create(title="Bản nháp bí mật")
    submitted = notices_api.create(title="Đang chờ duyệt")
    notices_api.act(submitted["id"], "submit", "officer")
    published = notices_api.publish()
    response = notices_api.public(world.commune)
    text = response.get_data(as_text=True)
    assert [i["id"] for i in response.json["items"]] == [published["id"]]
    for secret in ("Bản nháp bí mật", "Đang chờ duyệt", "officer", "leader", "author",
                   "approver"):
        assert secret not in text
    assert client.get(f"/api/v1/notices/{submitted['id']}").status_code == 404
    assert client.get(f"/api/v1/notices/{published['id']}").json["title"] == published["title"]


def test_etag_and_last_modified_revalidation(notices_api, world, frozen):
    notices_api.publish()
    first = notices_api.public(world.commune)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert modified == "Tue, 01 Dec 2026 01:00:00 GMT"
    cached = notices_api_get(world.commune, {"If-None-Match": etag})
    assert cached.status_code == 304 and cached.data == b""
    assert cached.headers["ETag"] == etag
    assert notices_api_get(world.commune, {"If-None-Match": f'W/{etag}'}).status_code == 304
    assert notices_api_get(world.commune, {"If-Modified-Since": modified}).status_code == 304
    frozen.advance(minutes=1)
    notices_api.publish(title="Thông báo thứ hai")
    changed = notices_api_get(world.commune, {"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert notices_api_get(world.commune, {"If-Modified-Since": modified}).status_code == 200


@pytest.fixture(autouse=True)
def _getter(client):
    global notices_api_get

    def notices_api_get(code, headers, **params):
        return client.get(f"/api/v1/units/{code}/notices", headers=headers,
                          query_string=params)


def test_change_from_another_process_is_seen_after_the_check_interval(
        notices_api, world, app, monkeypatch):
    notices_api.publish()
    before = notices_api.public(world.commune).json["total"]
    # another process publishes: our in-process cache is not cleared, only the version moves
    monkeypatch.setattr(cache, "invalidate", lambda: None)
    notices_api.publish(title="Đăng từ tiến trình khác")
    monkeypatch.setitem(app.config, "NOTICES_CACHE_CHECK_SECONDS", 3600)
    assert notices_api.public(world.commune).json["total"] == before  # still cached
    monkeypatch.setitem(app.config, "NOTICES_CACHE_CHECK_SECONDS", 0)
    assert notices_api.public(world.commune).json["total"] == before + 1


def test_bad_parameters_and_unknown_unit(notices_api):
    for params in ({"page": "0"}, {"per_page": "500"}, {"page": "x"}, {"sort": "new"}):
        response = notices_api.public("19753", **params)
        assert response.status_code == 422, params
        assert response.json["code"] == 422 and response.json["errors"]
    missing = notices_api.public("99999")
    assert missing.status_code == 404 and missing.json["message"]


def test_images_are_public_only_once_published(notices_api, client, staff_headers, world):
    item = notices_api.create()
    upload = client.post(f"/api/v1/staff/notices/{item['id']}/images",
                         data={"image": (io.BytesIO(PNG), "a.png"), "alt": "Bản đồ khu vực"},
                         headers=staff_headers("officer"), content_type="multipart/form-data")
    assert upload.status_code == 201, upload.json
    image_id = upload.json["images"][0]["id"]
    assert client.get(f"/api/v1/notices/{item['id']}/images/{image_id}").status_code == 404
    fake = client.post(f"/api/v1/staff/notices/{item['id']}/images",
                       data={"image": (io.BytesIO(b"<svg onload=x>"), "a.png")},
                       headers=staff_headers("officer"), content_type="multipart/form-data")
    assert fake.status_code == 422
    notices_api.act(item["id"], "submit", "officer")
    notices_api.act(item["id"], "approve", "leader")
    listed = notices_api.public(world.commune).json["items"][0]["images"]
    assert listed[0]["alt"] == "Bản đồ khu vực"
    served = client.get(listed[0]["url"])
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["Content-Type"] == "image/png"
    served.close()


# --- CORS --------------------------------------------------------------------------------------
def test_preflight_for_json_post_with_idempotency_key(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", ["https://xa.example.vn"])
    response = client.options("/api/v1/feedback", headers={
        "Origin": "https://xa.example.vn", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,idempotency-key"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "https://xa.example.vn"
    assert response.headers["Access-Control-Allow-Methods"] == "POST"
    assert "Idempotency-Key" in response.headers["Access-Control-Allow-Headers"]
    assert "Origin" in response.headers["Vary"]
    other = client.options("/api/v1/feedback", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert "Access-Control-Allow-Origin" not in other.headers
    odd = client.options("/api/v1/feedback", headers={
        "Origin": "https://xa.example.vn", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert "Access-Control-Allow-Origin" not in odd.headers


def test_cors_only_on_widget_endpoints(client, app, monkeypatch, world, staff_headers, submit):
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", "*")
    origin = {"Origin": "https://xa.example.vn"}
    for path in (f"/api/v1/units/{world.commune}/notices",
                 f"/api/v1/units/{world.commune}/categories"):
        response = client.get(path, headers=origin)
        assert response.headers["Access-Control-Allow-Origin"] == "*", path
    posted = submit(headers=origin)
    assert posted.status_code == 201 and posted.headers["Access-Control-Allow-Origin"] == "*"
    for path in ("/api/v1/staff/notices", "/api/v1/units", "/api/v1/staff/feedback"):
        response = client.get(path, headers={**origin, **staff_headers("officer")})
        assert "Access-Control-Allow-Origin" not in response.headers, path
    # the widget's "Tra cứu" tab: the owner's look-up (GET) and rating (POST, preflighted)
    code = posted.json["tracking_code"]
    looked = client.get(f"/api/v1/feedback/{code}?phone=0912345678", headers=origin)
    assert looked.headers["Access-Control-Allow-Origin"] == "*"
    rating = client.options(f"/api/v1/feedback/{code}/rating", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, idempotency-key"})
    assert rating.headers["Access-Control-Allow-Origin"] == "*"
    assert rating.headers["Access-Control-Allow-Methods"] == "POST"
    ownership = client.options(f"/api/v1/feedback/{code}/ownership-code", headers={
        **origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in ownership.headers
    preflight = client.options(f"/api/v1/units/{world.commune}/notices", headers={
        **origin, "Access-Control-Request-Method": "DELETE"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


# --- widget and board ---------------------------------------------------------------------------
def test_widget_script_is_small_vietnamese_and_framework_free(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    source = response.get_data(as_text=True)
    assert len(response.data) < 30 * 1024
    assert "__MESSAGES__" not in source and "Gửi phản ánh, kiến nghị" in source
    assert "attachShadow" in source
    assert "checked" not in re.sub(r"consent\.checked", "", source)  # never pre-ticked
    # the photo limits are the service's own
    assert '"images": 5' in source and f'"bytes": {5 * 1024 * 1024}' in source
    assert "__LIMITS__" not in source and "thongtin-widget" in source


def test_widget_second_part_is_small_and_loaded_from_the_service(client):
    response = client.get("/widget-more.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    source = response.get_data(as_text=True)
    assert len(response.data) < 30 * 1024
    assert "__MESSAGES__" not in source and "Tra cứu phản ánh đã gửi" in source
    assert "Gửi góp ý" in source and "widget-1" not in source
    assert client.get("/widget-more.js", headers={"If-None-Match": response.headers["ETag"]}
                      ).status_code == 304


def test_board_page_has_no_inline_script(client, world):
    response = client.get(f"/board/{world.commune}?rotate=2&refresh=1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert 'data-rotate="2.0"' in html and 'data-refresh="1.0"' in html
    assert client.get(f"/board/{world.commune}?rotate=0").status_code == 422
    assert client.get("/board/99999").status_code == 404


def test_notice_payload_helper():
    assert notice_body(title=None).get("title") is None


def test_fast_path_answers_like_the_view(notices_api, world, client, app, monkeypatch):
    notices_api.publish()
    monkeypatch.setitem(app.config, "WIDGET_ALLOWED_ORIGINS", ["https://xa.example.vn"])
    calls = []
    from notices import routes

    real = routes._current_entry
    monkeypatch.setattr(routes, "_current_entry", lambda code: calls.append(code) or real(code))
    origin = {"Origin": "https://xa.example.vn"}
    view = client.get(f"/api/v1/units/{world.commune}/notices", headers=origin)
    fast = client.get(f"/api/v1/units/{world.commune}/notices", headers=origin)
    assert calls == [world.commune]  # the second answer never reached the view
    assert fast.data == view.data
    for name in ("ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin",
                 "Content-Type"):
        assert fast.headers[name] == view.headers[name], name
    refused = client.get(f"/api/v1/units/{world.commune}/notices",
                         headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers
    assert client.get(f"/api/v1/units/{world.commune}/notices",
                      headers={"If-None-Match": view.headers["ETag"]}).status_code == 304


def test_compact_js_drops_only_indentation_blank_lines_and_whole_line_comments():
    from notices.feeds import compact_js

    source = "  /* a\n     b */ start();\n\n    call(1); /* inline stays */\n  /* gone */\nend();"
    assert compact_js(source) == "start();\ncall(1); /* inline stays */\nend();\n"


def test_unknown_board_is_a_readable_vietnamese_page(client, world):
    response = client.get("/board/99999")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "Không tìm thấy bảng tin" in html and "“99999”" in html
    assert '"code"' not in html and "{" not in html  # not a JSON error
    bad = client.get(f"/board/{world.commune}?rotate=0")
    assert bad.mimetype == "text/html" and "Số giây phải từ 0.2 đến 3600." in bad.get_data(
        as_text=True)
    hostile = client.get("/board/<script>alert(1)<%2Fscript>")
    assert "<script>alert" not in hostile.get_data(as_text=True)


def test_board_service_worker_is_served_for_the_boards_scope(client):
    response = client.get("/board/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/board/"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "X-Board-Offline" in response.get_data(as_text=True)
