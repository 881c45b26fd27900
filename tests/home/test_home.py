"""The home page lists every seeded commune under its province with its public pages, and
each of its links answers; it holds no personal data and is cacheable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from core.security import HTML_POLICY
from home import messages


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def test_the_home_page_lists_each_commune_with_its_public_pages(client, world):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Content-Security-Policy"] == HTML_POLICY  # no inline style
    html = response.get_data(as_text=True)
    assert f"<h1>{messages.HOME_TITLE}</h1>" in html
    hrefs = _links(html)
    for code in (world.commune, world.other_commune):
        assert {f"/answers/{code}", f"/board/{code}", f"/bao-tin-gia/{code}",
                f"/feeds/{code}.atom"} <= set(hrefs)
    assert {"/xac-minh", "/privacy", "/console/", "/api/docs"} <= set(hrefs)
    # Provinces only head their communes: no province gets commune pages.
    assert f"/answers/{world.province}" not in hrefs
    assert re.search(r"<h3>[^<]*Huế</h3>", html)


def test_every_link_on_the_home_page_answers(client, world):
    hrefs = set(_links(client.get("/").get_data(as_text=True)))
    for code in (world.commune, world.other_commune):
        for href in (f"/answers/{code}", f"/board/{code}", f"/bao-tin-gia/{code}",
                     f"/feeds/{code}.atom"):
            assert href in hrefs
            assert client.get(href).status_code == 200, href
    for href in ("/xac-minh", "/privacy", "/api/docs"):
        assert client.get(href).status_code == 200, href
    assert client.get("/console/").status_code in (200, 302)


def test_the_home_page_holds_no_staff_or_citizen_data(client, world):
    html = client.get("/").get_data(as_text=True)
    for token in world.tokens.values():
        assert token not in html
    assert "@" not in html and not re.search(r"\b0\d{9}\b", html)
