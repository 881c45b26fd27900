"""Authorisation matrix of the notices staff API (issue 4): every route × every role × the
notice's unit (tests/feedback/test_authorization_matrix.py has the roles and the helpers).

One notice per place, each written by an author of its own unit (so nobody in the matrix
approves their own notice):
  A  commune 19753 (Phú Xuân) — the unit of leader, officer, police and viewer
  C  commune 19774 (Kim Long) — another commune of the province
  P  the province 46 (Huế)
  D  a commune of Hà Nội — another province
Notices belong to a unit, not to an office: the two officers of Phú Xuân (infra and police)
have the same rights. A notice outside the caller's scope is a 404; a role that may not do
something to a notice it can see gets a 403. Creating names a unit, which is public: 403.
"""

from __future__ import annotations

import io

import pytest

import directory
from core import clock, storage
from core.db import commit
from directory import auth
from notices import service
from notices.models import Notice
from tests.feedback.test_authorization_matrix import PNG, ROLES, UNIT_PLACES, cells, unit_codes
from tests.notices.conftest import notice_body

STAFF = "/api/v1/staff/notices"
ONE = "/api/v1/staff/notices/<int:notice_id>"

# Reading (list, detail, deliveries; and, in the sibling matrices, a notice's audio and its
# Zalo deliveries): the caller's unit, and for a province administrator its communes.
READ = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 404, 404, 404),
    "officer":              (200, 404, 404, 404),
    "police":               (200, 404, 404, 404),
    "other_leader":         (404, 200, 404, 404),
    "other_officer":        (404, 200, 404, 404),
    "viewer":               (200, 404, 404, 404),
}

# Writing (change a draft, submit it, add an image, start a correction): every role but the
# viewer, in its scope.
WRITE = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 404, 404, 404),
    "officer":              (200, 404, 404, 404),
    "police":               (200, 404, 404, 404),
    "other_leader":         (404, 200, 404, 404),
    "other_officer":        (404, 200, 404, 404),
    "viewer":               (403, 404, 404, 404),
}

# Approving, rejecting, withdrawing: the commune's leader or the province's administrator.
APPROVE = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 404, 404, 404),
    "officer":              (403, 404, 404, 404),
    "police":               (403, 404, 404, 404),
    "other_leader":         (404, 200, 404, 404),
    "other_officer":        (404, 403, 404, 404),
    "viewer":               (403, 404, 404, 404),
}

# POST /staff/notices for the place's unit.
CREATE = {
    #                        A    C    P    D
    "province_admin":       (201, 201, 201, 403),
    "other_province_admin": (403, 403, 403, 201),
    "leader":               (201, 403, 403, 403),
    "officer":              (201, 403, 403, 403),
    "police":               (201, 403, 403, 403),
    "other_leader":         (403, 201, 403, 403),
    "other_officer":        (403, 201, 403, 403),
    "viewer":               (403, 403, 403, 403),
}


def make_notices(world, status: str = "draft") -> dict[str, Notice]:
    """A, C, P, D as described above, each in ``status``."""
    notices = {}
    for place, code in unit_codes(world).items():
        unit = directory.get_unit(code)
        role = "province_admin" if unit.level == "province" else "commune_leader"
        author = auth.create_staff(f"author-{place.lower()}", role, code)
        notice = service.create({**notice_body(), "unit_code": code}, author)
        moment = clock.now()
        if status != "draft":
            notice.status, notice.submitted_at = status, moment
        if status == "published":
            notice.approved_at = notice.publish_at = notice.published_at = moment
        commit()
        notices[place] = notice
    return notices


class Case:
    """How to call one notice route: the notice's status beforehand, the body, the table."""

    def __init__(self, method: str, suffix: str, status: str, table, body=None, ok=None,
                 multipart=False):
        self.method, self.suffix, self.status, self.table = method, suffix, status, table
        self.body, self.ok, self.multipart = body, ok, multipart


ROUTES = {
    ("GET", ONE): Case("GET", "", "draft", READ),
    ("PATCH", ONE): Case("PATCH", "", "draft", WRITE, {"title": "Lịch cắt điện đổi giờ"}),
    ("POST", ONE + "/submit"): Case("POST", "/submit", "draft", WRITE, {}),
    ("POST", ONE + "/images"): Case("POST", "/images", "draft", WRITE, ok=201, multipart=True),
    ("POST", ONE + "/correct"): Case("POST", "/correct", "published", WRITE,
                                     {"summary": "Cắt điện từ 8 giờ đến 11 giờ."}, ok=201),
    ("POST", ONE + "/approve"): Case("POST", "/approve", "submitted", APPROVE, {}),
    ("POST", ONE + "/reject"): Case("POST", "/reject", "submitted", APPROVE,
                                    {"reason": "Sửa lại giờ cắt điện."}),
    ("POST", ONE + "/withdraw"): Case("POST", "/withdraw", "published", APPROVE,
                                      {"reason": "Đăng nhầm thông báo."}),
    ("GET", ONE + "/deliveries"): Case("GET", "/deliveries", "published", READ),
}
COVERED = set(ROUTES) | {("GET", STAFF), ("POST", STAFF)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=" ".join)
def test_notice_routes(route, role, world, client, staff_headers, ctx):
    case = ROUTES[route]
    got = {}
    for place, notice in make_notices(world, case.status).items():
        url = f"{STAFF}/{notice.id}{case.suffix}"
        if case.multipart:
            response = client.post(url, headers=staff_headers(role),
                                   content_type="multipart/form-data",
                                   data={"image": (io.BytesIO(PNG), "anh.png"), "alt": "Ảnh"})
        else:
            response = client.open(url, method=case.method, json=case.body,
                                   headers=staff_headers(role))
        got[place] = response.status_code
    assert got == cells(case.table, role, UNIT_PLACES, ok=case.ok)


@pytest.mark.parametrize("role", ROLES)
def test_list(role, world, client, staff_headers, ctx):
    notices = make_notices(world)
    listed = client.get(f"{STAFF}?limit=200", headers=staff_headers(role))
    assert listed.status_code == 200
    ids = {item["id"] for item in listed.json["items"]}
    assert {place: notice.id in ids for place, notice in notices.items()} == {
        place: status == 200 for place, status in cells(READ, role, UNIT_PLACES).items()}


@pytest.mark.parametrize("role", ROLES)
def test_create(role, world, client, staff_headers, ctx):
    got = {place: client.post(STAFF, json=notice_body(unit_code=code),
                              headers=staff_headers(role)).status_code
           for place, code in unit_codes(world).items()}
    assert got == cells(CREATE, role, UNIT_PLACES)


# --- the console's notice pages (console/notices.py) --------------------------------------------
# The same tables and places as the staff API, through a signed-in console session. A form
# that succeeds redirects (303) to a page showing a success message; every refusal is the
# status of the table: 404 outside the scope, 403 for a role that may not do it.
CONSOLE = "/console/notices"
CONSOLE_ONE = CONSOLE + "/<int:notice_id>"
USERNAMES = {"province_admin": "admin", "other_province_admin": "hn_admin", "leader": "leader",
             "officer": "officer", "police": "police", "other_leader": "kl_leader",
             "other_officer": "kl_officer", "viewer": "viewer"}
CONSOLE_FORM = {**notice_body(), "priority": "normal"}
# GET /console/notices/new: every role that writes.
NEW_FORM = {role: 403 if role == "viewer" else 200 for role in ROLES}


class Page:
    """One console request on each place's notice: the status beforehand, the form, the table."""

    def __init__(self, method: str, suffix: str, status: str, table, form=None, ok=None):
        self.method, self.suffix, self.status, self.table = method, suffix, status, table
        self.form, self.ok = form, ok


CONSOLE_PAGES = {
    ("GET", CONSOLE_ONE): [Page("GET", "", "draft", READ)],
    ("GET", CONSOLE_ONE + "/images/<int:image_id>"): [Page("GET", "/images/{image}", "draft",
                                                           READ)],
    ("GET", CONSOLE_ONE + "/edit"): [Page("GET", "/edit", "draft", WRITE)],
    ("POST", CONSOLE_ONE + "/edit"): [Page("POST", "/edit", "draft", WRITE, CONSOLE_FORM, 303)],
    ("POST", CONSOLE_ONE + "/images"): [Page("POST", "/images", "draft", WRITE, "image", 303)],
    ("GET", CONSOLE_ONE + "/correct"): [Page("GET", "/correct", "published", WRITE)],
    ("POST", CONSOLE_ONE + "/correct"): [Page("POST", "/correct", "published", WRITE,
                                              CONSOLE_FORM, 303)],
    ("POST", CONSOLE_ONE + "/do/<action>"): [
        Page("POST", "/do/submit", "draft", WRITE, {}, 303),
        Page("POST", "/do/approve", "submitted", APPROVE, {}, 303),
        Page("POST", "/do/reject", "submitted", APPROVE, {"reason": "Sửa lại giờ."}, 303),
        Page("POST", "/do/withdraw", "published", APPROVE, {"reason": "Đăng nhầm."}, 303),
    ],
}
CONSOLE_COVERED = set(CONSOLE_PAGES) | {("GET", CONSOLE), ("GET", CONSOLE + "/new"),
                                        ("POST", CONSOLE + "/new")}
CONSOLE_CASES = [(rule, n) for rule, pages in sorted(CONSOLE_PAGES.items())
                 for n in range(len(pages))]


def test_console_matrix_covers_every_notice_page(app):
    """Every console route of notices is in the console matrix."""
    rules = {(method, rule.rule) for rule in app.url_map.iter_rules()
             if rule.rule.startswith(CONSOLE)
             for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert rules == CONSOLE_COVERED


def _console(app, role: str):
    """A console client signed in as the role's account, and its CSRF token."""
    from tests.console.conftest import Console, csrf_from

    c = Console(app.test_client())
    assert c.login(USERNAMES[role]).status_code == 303
    return c, csrf_from(c.get(CONSOLE).get_data(as_text=True))


def _outcome(c, response):
    """The status, or for a redirect whether the page it leads to reports success."""
    if response.status_code != 303:
        return response.status_code
    page = c.get(response.headers["Location"]).get_data(as_text=True)
    return 303 if 'class="flash flash-success"' in page else page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CONSOLE_CASES, ids=lambda c: f"{c[0][0]} {c[0][1]} {c[1]}")
def test_console_notice_pages(case, role, app, world, ctx):
    page = CONSOLE_PAGES[case[0]][case[1]]
    notices = make_notices(world, page.status)
    images = {}
    if "{image}" in page.suffix:
        for place, notice in notices.items():
            images[place] = service.add_image(notice.id, notice.author,
                                              storage.Upload(PNG, "image/png", "png"), "").id
    c, token = _console(app, role)
    got = {}
    for place, notice in notices.items():
        url = f"{CONSOLE}/{notice.id}{page.suffix.format(image=images.get(place))}"
        if page.method == "GET":
            response = c.get(url)
        elif page.form == "image":
            response = c.client.post(url, content_type="multipart/form-data", data={
                "csrf_token": token, "image": (io.BytesIO(PNG), "anh.png"), "alt": "Ảnh"})
        else:
            response = c.client.post(url, data={"csrf_token": token, **page.form})
        got[place] = _outcome(c, response)
        response.close()
    assert got == cells(page.table, role, UNIT_PLACES, ok=page.ok)


@pytest.mark.parametrize("role", ROLES)
def test_console_list_and_new(role, app, world, ctx):
    notices = make_notices(world)
    c, token = _console(app, role)
    listed = c.get(f"{CONSOLE}?status=draft").get_data(as_text=True)
    assert {place: f'data-notice-id="{notice.id}"' in listed
            for place, notice in notices.items()} == {
        place: status == 200 for place, status in cells(READ, role, UNIT_PLACES).items()}
    assert c.get(f"{CONSOLE}/new").status_code == NEW_FORM[role]
    got = {place: _outcome(c, c.client.post(f"{CONSOLE}/new", data={
        "csrf_token": token, **CONSOLE_FORM, "unit_code": code}))
        for place, code in unit_codes(world).items()}
    assert got == cells(CREATE, role, UNIT_PLACES, ok=303)
