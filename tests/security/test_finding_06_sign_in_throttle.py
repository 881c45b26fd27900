"""Finding 6: five wrong passwords locked an account for everyone, and the message revealed
that the name existed.

Now failures are throttled per (name typed, client address) with growing delays: unknown
names and wrong passwords get the same answer after the same work, another address is never
affected, and administrators unlock an account (console button, ``flask staff unlock``).
"""

from __future__ import annotations

import re

import pytest

from directory import auth
from tests.conftest import PASSWORD
from tests.console.conftest import Console

ATTACKER = "203.0.113.9"
USER = "198.51.100.4"
INVALID = "Tên đăng nhập hoặc mật khẩu không đúng."
THROTTLED = "Đăng nhập sai nhiều lần từ thiết bị này"


def _error(response) -> str:
    return re.search(r'role="alert">([^<]+)<', response.get_data(as_text=True)).group(1)


def _fail(c, username: str, times: int = 1):
    return [c.login(username, "sai-mat-khau-1") for _ in range(times)][-1]


def test_finding_06_unknown_names_and_wrong_passwords_get_the_same_answer(browser, frozen):
    known, unknown = browser(ATTACKER), browser(ATTACKER)
    for n in range(1, 8):
        a, b = _fail(known, "police"), _fail(unknown, "khong-co-ai")
        assert (a.status_code, _error(a)) == (b.status_code, _error(b)), n
        assert a.headers.get("Retry-After") == b.headers.get("Retry-After"), n
    assert (a.status_code, b.status_code) == (429, 429)  # both throttled alike
    assert THROTTLED in _error(a)


def test_finding_06_unknown_names_cost_the_same_password_check(browser, monkeypatch):
    checked = []
    real = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda h, p: checked.append(h) or real(h, p))
    _fail(browser(ATTACKER), "police")
    _fail(browser(ATTACKER), "khong-co-ai")
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)


def test_finding_06_an_attacker_cannot_lock_the_user_out_from_another_address(browser):
    attacker = browser(ATTACKER)
    response = _fail(attacker, "police", 25)
    assert response.status_code == 429
    assert browser(USER).login("police").status_code == 303  # the real user, elsewhere
    assert attacker.login("police").status_code == 429  # still waiting, right password or not


def test_finding_06_delays_grow_and_end(browser, frozen, app):
    c = browser(ATTACKER)
    for _ in range(4):
        assert _fail(c, "police").status_code == 401
    assert _fail(c, "police").status_code == 401  # the fifth failure starts the first delay
    waits = []
    for _ in range(7):
        refused = c.login("police", PASSWORD)
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        waits.append(wait)
        frozen.advance(seconds=wait)
        assert _fail(c, "police").status_code == 401  # the wait is over: a try, wrong again
    assert waits == [30, 60, 120, 240, 480, 900, 900]  # doubling, at most 15 minutes
    frozen.advance(seconds=900)
    assert c.login("police", PASSWORD).status_code == 303
    assert _fail(browser(ATTACKER), "police").status_code == 401  # success cleared the count


def test_finding_06_an_administrator_unlocks_the_account(browser, world, runner):
    attacker = browser(ATTACKER)
    _fail(attacker, "police", 6)
    assert attacker.login("police").status_code == 429
    admin = browser(USER)
    assert admin.login("admin").status_code == 303
    page = f"/console/admin/staff/{world.staff_ids['police']}"
    response = admin.post(f"{page}/unlock", page=page, follow_redirects=True)
    assert "Đã mở khóa đăng nhập cho police." in response.get_data(as_text=True)
    assert attacker.login("police").status_code == 303
    # The command line does the same.
    attacker = browser(ATTACKER)
    _fail(attacker, "police", 6)
    assert attacker.login("police").status_code == 429
    result = runner.invoke(args=["staff", "unlock", "police"])
    assert result.exit_code == 0 and "Đã mở khóa đăng nhập cho police." in result.output
    assert attacker.login("police").status_code == 303
    assert runner.invoke(args=["staff", "unlock", "khong-co-ai"]).exit_code != 0


def test_finding_06_sign_in_goes_on_when_the_throttle_storage_fails(browser, app, monkeypatch,
                                                                   caplog):
    """Staff must reach the console in an emergency: a broken counter store is logged and
    sign-in works without the throttle (the per-address rate limit still holds)."""
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("redis down")

        incr = clear = get

    monkeypatch.setitem(app.extensions, "login_throttle", Down())
    assert browser(ATTACKER).login("police", "sai-mat-khau-1").status_code == 401
    assert browser(USER).login("police").status_code == 303
    assert "sign-in throttle storage failed" in caplog.text


@pytest.mark.no_db_transaction
def test_finding_06_behind_a_trusted_balancer_each_client_address_counts(other_app):
    """Behind a load balancer every request comes from its address: with
    ``TRUSTED_PROXY_HOPS`` the throttle (and the rate limits) key on the client's address
    from X-Forwarded-For, so the attacker still cannot lock the user out."""
    app = other_app("_proxy", TRUSTED_PROXY_HOPS=1)

    def client(address: str) -> Console:
        c = Console(app.test_client())
        c.client.environ_base.update(REMOTE_ADDR="10.0.0.2",  # the balancer
                                     HTTP_X_FORWARDED_FOR=address)
        return c

    attacker = client(ATTACKER)
    assert _fail(attacker, "police", 6).status_code == 429
    assert client(USER).login("police").status_code == 303
