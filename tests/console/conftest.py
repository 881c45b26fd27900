"""Console helpers: sign in through the real form, read the CSRF token from pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = _TOKEN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class Console:
    """A test client signed in to the console."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def login(self, username: str, password: str = PASSWORD, follow: bool = False):
        page = self.client.get("/console/login")
        response = self.client.post("/console/login", data={
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "username": username, "password": password}, follow_redirects=follow)
        return response

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, page: str | None = None, **kwargs):
        """POST a form with the CSRF token read from ``page`` (default: the queue)."""
        html = self.client.get(page or "/console/").get_data(as_text=True)
        return self.client.post(path, data={"csrf_token": csrf_from(html), **(data or {})},
                                **kwargs)


@pytest.fixture
def console(app):
    """``console("officer")`` → a client signed in as that seeded username."""
    def _make(username: str | None = None) -> Console:
        c = Console(app.test_client())
        if username:
            response = c.login(username)
            assert response.status_code == 303, response.get_data(as_text=True)
        return c

    return _make
