"""Finding 5: after logout the old cookie still worked, and the "absolute" 12-hour limit
slid with use.

Now console sessions are rows on the server (the cookie carries a random id, stored as a
digest): every request checks the row, and sign-out, a password change (other sessions),
disabling the account and an administrator end it; it ends after the idle time and at an
absolute time from sign-in, however busy.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core.db import db
from directory.models import StaffSession
from tests.conftest import PASSWORD

COOKIE = "thongtin_console"


def _signed_in(browser, username: str, address: str = "127.0.0.1"):
    c = browser(address)
    assert c.login(username).status_code == 303
    assert c.get("/console/").status_code == 200
    return c


def _replay(browser, value: str, path: str = "/console/"):
    """The same cookie from another client (an attacker who copied it)."""
    thief = browser("203.0.113.66")
    thief.client.set_cookie(COOKIE, value)
    return thief.get(path)


def _signed_out(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith(
        "/console/login")


def test_finding_05_a_cookie_replayed_after_logout_is_signed_out(browser, ctx):
    c = _signed_in(browser, "officer")
    stolen = c.client.get_cookie(COOKIE).value
    assert _replay(browser, stolen).status_code == 200  # a live session, as any cookie
    assert c.post("/console/logout").status_code == 303
    assert _signed_out(_replay(browser, stolen))
    assert _signed_out(_replay(browser, stolen, "/console/notices"))
    row = db.session.scalar(sa.select(StaffSession).order_by(StaffSession.id.desc()))
    assert row.revoked_reason == "logout" and len(row.token_hash) == 64
    assert stolen not in {row.token_hash}  # only the digest of the id is stored


def test_finding_05_a_password_change_ends_the_other_sessions(browser, ctx):
    office = _signed_in(browser, "officer", "198.51.100.1")
    elsewhere = _signed_in(browser, "officer", "198.51.100.2")
    stolen = elsewhere.client.get_cookie(COOKIE).value
    response = office.post("/console/password", {
        "current": PASSWORD, "new": "Mat-khau-moi-2027", "confirm": "Mat-khau-moi-2027"},
        page="/console/password")
    assert response.status_code == 303
    assert office.get("/console/").status_code == 200  # the one who changed it goes on
    assert _signed_out(elsewhere.get("/console/"))
    assert _signed_out(_replay(browser, stolen))


def test_finding_05_disabling_the_account_ends_its_sessions(browser, world, client,
                                                            staff_headers, ctx):
    victim = _signed_in(browser, "police")
    stolen = victim.client.get_cookie(COOKIE).value
    admin = _signed_in(browser, "admin")
    page = f"/console/admin/staff/{world.staff_ids['police']}"
    response = admin.post(f"{page}/disable", page=page, follow_redirects=True)
    assert "Đã khóa tài khoản police" in response.get_data(as_text=True)
    assert _signed_out(_replay(browser, stolen))
    assert _signed_out(victim.get("/console/"))
    assert browser().login("police").status_code == 401  # no new session either
    assert client.get("/api/v1/staff/feedback",
                      headers=staff_headers("police")).status_code == 401
    admin.post(f"{page}/enable", page=page)
    assert browser().login("police").status_code == 303
    assert _signed_out(_replay(browser, stolen))  # enabling does not revive old sessions


def test_finding_05_an_administrator_ends_every_session_of_an_account(browser, world, runner,
                                                                     ctx):
    first = _signed_in(browser, "leader", "198.51.100.1")
    second = _signed_in(browser, "leader", "198.51.100.2")
    admin = _signed_in(browser, "admin")
    page = f"/console/admin/staff/{world.staff_ids['leader']}"
    html = admin.get(page).get_data(as_text=True)
    assert html.count("data-session=") == 2
    response = admin.post(f"{page}/end-sessions", page=page, follow_redirects=True)
    assert "Đã kết thúc 2 phiên đăng nhập." in response.get_data(as_text=True)
    assert _signed_out(first.get("/console/")) and _signed_out(second.get("/console/"))
    # The command line ends them too (disabling).
    third = _signed_in(browser, "leader")
    result = runner.invoke(args=["staff", "disable", "leader"])
    assert result.exit_code == 0, result.output
    assert _signed_out(third.get("/console/"))


def test_finding_05_the_absolute_limit_holds_however_busy_the_session(browser, frozen, app,
                                                                      ctx):
    lifetime = app.permanent_session_lifetime
    assert lifetime == timedelta(hours=12)
    c = _signed_in(browser, "officer")
    stolen = c.client.get_cookie(COOKIE).value
    busy_until = frozen.moment + lifetime - timedelta(minutes=1)
    while frozen.moment + timedelta(minutes=20) < busy_until:
        frozen.advance(minutes=20)  # well inside the idle limit, every time
        assert c.get("/console/").status_code == 200
    frozen.moment = busy_until
    assert c.get("/console/").status_code == 200
    frozen.advance(minutes=1)  # twelve hours after sign-in
    assert _signed_out(c.get("/console/"))
    assert _signed_out(_replay(browser, stolen))
    row = db.session.scalar(sa.select(StaffSession).order_by(StaffSession.id.desc()))
    assert row.revoked_reason == "expired"


def test_finding_05_an_idle_session_ends(browser, frozen, app, ctx):
    c = _signed_in(browser, "officer")
    frozen.advance(minutes=app.config["CONSOLE_IDLE_MINUTES"], seconds=1)
    response = c.get("/console/", follow_redirects=True)
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)
    frozen.advance(seconds=-61)  # back in time: the session stays ended
    assert _signed_out(c.get("/console/"))
