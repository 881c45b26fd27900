"""Console accounts: sign-in, cookie flags, rotation, idle timeout, sign-in throttle, resets,
CLI."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core.db import db
from directory.models import ApiToken, StaffUser
from tests.conftest import PASSWORD
from tests.console.conftest import Console, csrf_from


def _cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie")
                if h.startswith("thongtin_console="))


def test_sign_in_sets_a_fresh_secure_cookie_and_reaches_the_queue(app, world):
    c = Console(app.test_client())
    page = c.client.get("/console/login")
    before = _cookie(page)
    response = c.client.post("/console/login?next=/console/feedback/1", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "username": "officer", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/console/feedback/1"
    after = _cookie(response)
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in after
    # Rotation: nothing of the anonymous session (its CSRF token) survives sign-in.
    assert after.split(";")[0] != before.split(";")[0]
    with app.test_request_context():
        from flask import session
        serializer = app.session_interface.get_signing_serializer(app)
        data = serializer.loads(after.split(";")[0].split("=", 1)[1])
        assert set(data) == {"_permanent", "sid"}  # only the server-side session's id
        del session
    assert c.get("/console/").status_code == 200


def test_open_redirect_after_sign_in_is_refused(app, world):
    c = Console(app.test_client())
    page = c.client.get("/console/login")
    response = c.client.post("/console/login?next=//evil.example/x", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "username": "officer", "password": PASSWORD})
    assert response.headers["Location"] == "/console/"


def test_pages_need_a_session(client):
    response = client.get("/console/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login")
    assert client.get("/console/feedback/1").status_code == 302


def test_wrong_password_and_throttle_after_five_failures(console, world, ctx):
    c = console()
    for _ in range(5):
        response = c.login("police", "sai-mat-khau-1")
        assert response.status_code == 401
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    # Throttled from this address: even the right password waits (Retry-After says how long).
    response = c.login("police", PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Đăng nhập sai nhiều lần từ thiết bị này" in response.get_data(as_text=True)
    # Another address is not affected.
    other = console()
    other.client.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert other.login("police").status_code == 303


def test_unknown_account_gets_the_same_answer(console):
    response = console().login("khong-co-ai", PASSWORD)
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_idle_session_expires(console, monkeypatch, app):
    from datetime import timedelta

    from core import clock

    c = console("officer")
    assert c.get("/console/").status_code == 200
    real = clock.now
    idle = timedelta(minutes=app.config["CONSOLE_IDLE_MINUTES"], seconds=5)
    monkeypatch.setattr(clock, "now", lambda: real() + idle)
    response = c.get("/console/")
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]
    monkeypatch.setattr(clock, "now", real)
    assert c.get("/console/").status_code == 302  # the session is gone, not just paused


def test_logout_ends_the_session(console):
    c = console("officer")
    assert c.post("/console/logout").status_code == 303
    assert c.get("/console/").status_code == 302


def test_admin_creates_account_with_one_time_password_that_must_be_changed(console, world, ctx):
    admin = console("admin")
    response = admin.post("/console/admin/staff", {
        "username": "canbo_moi", "full_name": "Lê Văn Cường", "role": "officer",
        "unit_code": world.commune, "office_id": str(world.office_infra)},
        page="/console/admin/staff")
    assert response.status_code == 200
    one_time = re.search(r'id="one-time-password">([^<]+)<',
                         response.get_data(as_text=True)).group(1)
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "canbo_moi"))
    assert user.password_hash.startswith("$argon2id$")
    assert one_time not in user.password_hash

    new = console()
    assert new.login("canbo_moi", one_time).status_code == 303
    response = new.get("/console/")
    assert response.status_code == 302 and response.headers["Location"] == "/console/password"
    response = new.post("/console/password", {"current": one_time, "new": "ngan", "confirm":
                                              "ngan"}, page="/console/password")
    assert response.status_code == 422
    response = new.post("/console/password", {
        "current": one_time, "new": "Mat-khau-moi-123", "confirm": "Mat-khau-moi-123"},
        page="/console/password")
    assert response.status_code == 303
    assert new.get("/console/").status_code == 200
    assert console().login("canbo_moi", "Mat-khau-moi-123").status_code == 303


def test_admin_reset_unlocks_and_ends_existing_sessions(console, world, ctx):
    victim = console("police")
    assert victim.get("/console/").status_code == 200
    for _ in range(5):
        console().login("police", "sai-mat-khau-1")
    assert console().login("police").status_code == 429
    admin = console("admin")
    page = f"/console/admin/staff/{world.staff_ids['police']}"
    assert admin.get(page).status_code == 200
    response = admin.post(f"{page}/reset-password", page=page)
    one_time = re.search(r'id="one-time-password">([^<]+)<',
                         response.get_data(as_text=True)).group(1)
    assert victim.get("/console/").status_code == 302  # the old session ended
    again = console()
    assert again.login("police", one_time).status_code == 303


def test_admin_revokes_api_tokens(console, world, client, staff_headers, ctx):
    headers = staff_headers("officer")
    assert client.get("/api/v1/staff/feedback", headers=headers).status_code == 200
    admin = console("admin")
    page = f"/console/admin/staff/{world.staff_ids['officer']}"
    token_id = db.session.scalar(sa.select(ApiToken.id).where(
        ApiToken.staff_user_id == world.staff_ids["officer"]))
    assert f'data-token="{token_id}"' in admin.get(page).get_data(as_text=True)
    response = admin.post(f"{page}/revoke", {"token_id": str(token_id)}, page=page)
    assert response.status_code == 303
    assert client.get("/api/v1/staff/feedback", headers=headers).status_code == 401


def test_only_province_admins_administer_and_only_their_province(console, world):
    for who in ("leader", "officer", "viewer"):
        assert console(who).get("/console/admin/staff").status_code == 403
    other = console("hn_admin")
    page = other.get("/console/admin/staff").get_data(as_text=True)
    assert "kl_officer" not in page and "hn_admin" in page
    assert other.get(f"/console/admin/staff/{world.staff_ids['officer']}").status_code == 404
    response = other.post("/console/admin/staff", {
        "username": "xam_nhap", "role": "viewer", "unit_code": world.commune},
        page="/console/admin/staff")
    assert response.status_code == 403
    from core.db import db as _db
    assert _db.session.scalar(sa.select(StaffUser.id).where(
        StaffUser.username == "xam_nhap")) is None


def test_cli_create_prints_one_time_password_and_token_revoke(runner, world, ctx, client):
    result = runner.invoke(args=["staff", "create", "cli_officer", "--role", "officer",
                                 "--unit", world.commune, "--office", str(world.office_infra)])
    assert result.exit_code == 0, result.output
    one_time = result.output.strip().splitlines()[-1].split(": ")[-1]
    assert len(one_time) == 12
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "cli_officer"))
    assert user.must_change_password
    result = runner.invoke(args=["staff", "token", "cli_officer"])
    token = result.output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/staff/feedback", headers=headers).status_code == 200
    result = runner.invoke(args=["staff", "revoke", "cli_officer"])
    assert "1" in result.output
    assert client.get("/api/v1/staff/feedback", headers=headers).status_code == 401
    result = runner.invoke(args=["staff", "reset-password", "cli_officer"])
    assert result.exit_code == 0 and len(result.output.strip().split(": ")[-1]) == 12
    bad = runner.invoke(args=["staff", "create", "x y", "--role", "viewer", "--unit",
                              world.commune])
    assert bad.exit_code != 0
