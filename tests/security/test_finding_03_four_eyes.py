"""Finding 3: four eyes could be bypassed. A leader edited an officer's draft (title, body,
priority ``emergency``), submitted and approved it: published, with CAP and Zalo output, and
no second person saw the final text.

Rule: nobody who wrote or changed any version of the content may approve it; every change
after submission returns it to draft. The matrix: every path that changes notice content
(API and console: create, edit the text, the priority, the schedule, the targets, add an
image, correct a published notice as a new version; changes made while a draft and after
submission) × (the author approves, another editor approves, a third person approves).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from core.models import Delivery
from directory import auth
from notices import messages as notices_messages
from notices.models import CapAlert, Notice
from tests.conftest import PASSWORD
from tests.console.conftest import Console, csrf_from
from tests.feedback.test_authorization_matrix import PNG
from tests.notices.conftest import notice_body

FORM = {"title": "Lịch cắt điện khu vực phường",
        "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
        "body": "<p>Điện lực thông báo cắt điện để bảo dưỡng.</p>",
        "category": "local_programmes", "priority": "normal"}


@dataclass
class Person:
    """A member of staff acting through the API (token) or the console (signed in on first
    use: passwords are slow to hash on purpose)."""

    app: object
    user_id: int
    username: str
    token: str
    _console: Console | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def console(self) -> Console:
        if self._console is None:
            from directory.models import StaffUser

            auth.set_password(db.session.get(StaffUser, self.user_id), PASSWORD)
            self._console = Console(self.app.test_client())
            assert self._console.login(self.username).status_code == 303
        return self._console


@dataclass
class Cast:
    author: Person
    editor: Person
    third: Person
    unit: str


def _person(app, username: str, role: str, unit: str) -> Person:
    user = auth.create_staff(username, role, unit)
    return Person(app, user.id, username, auth.issue_token(user))


@pytest.fixture
def commune_cast(app, world, ctx) -> Cast:
    """Three leaders of Phú Xuân: each may approve what the others wrote."""
    return Cast(*(_person(app, f"ld_{n}", "commune_leader", world.commune)
                  for n in ("author", "editor", "third")), world.commune)


@pytest.fixture
def province_cast(app, world, ctx) -> Cast:
    """Three administrators of Huế (their notices target communes)."""
    return Cast(*(_person(app, f"qt_{n}", "province_admin", world.province)
                  for n in ("author", "editor", "third")), world.province)


class Surface:
    """The staff API or the console, driven the same way."""

    def __init__(self, client):
        self.client = client

    def _json(self, person, method, path, expect, **kwargs):
        response = getattr(self.client, method)("/api/v1/staff/notices" + path,
                                                headers=person.headers, **kwargs)
        assert response.status_code == expect, response.get_data(as_text=True)
        return response

    def create(self, person, **fields) -> int:
        return self._json(person, "post", "", 201, json=notice_body(**fields)).json["id"]

    def submit(self, person, notice_id):
        self._json(person, "post", f"/{notice_id}/submit", 200, json={})

    def approve(self, person, notice_id, expect):
        return self._json(person, "post", f"/{notice_id}/approve", expect, json={})

    def update(self, person, notice_id, **fields):
        self._json(person, "patch", f"/{notice_id}", 200, json=fields)

    def add_image(self, person, notice_id):
        self._json(person, "post", f"/{notice_id}/images", 201,
                   data={"image": (io.BytesIO(PNG), "a.png"), "alt": "Sơ đồ"},
                   content_type="multipart/form-data")

    def correct(self, person, notice_id, **fields) -> int:
        return self._json(person, "post", f"/{notice_id}/correct", 201,
                          json=fields).json["id"]


class ConsoleSurface(Surface):
    """The same steps through the console's forms (approval too)."""

    @staticmethod
    def _post(person, path, data=None, **kwargs):
        token = csrf_from(person.console.get("/console/notices").get_data(as_text=True))
        return person.console.client.post(path, data={"csrf_token": token, **(data or {})},
                                          **kwargs)

    def create(self, person, **fields) -> int:
        response = self._post(person, "/console/notices/new", {**FORM, **fields})
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(re.search(r"/console/notices/(\d+)$", response.headers["Location"])[1])

    def submit(self, person, notice_id):
        assert self._post(person, f"/console/notices/{notice_id}/do/submit").status_code == 303

    def approve(self, person, notice_id, expect):
        response = self._post(person, f"/console/notices/{notice_id}/do/approve")
        assert response.status_code == (303 if expect == 200 else expect)
        return response

    def update(self, person, notice_id, **fields):
        form = {**FORM, **fields}
        response = self._post(person, f"/console/notices/{notice_id}/edit", form)
        assert response.status_code == 303, response.get_data(as_text=True)

    def add_image(self, person, notice_id):
        response = self._post(person, f"/console/notices/{notice_id}/images",
                              {"image": (io.BytesIO(PNG), "a.png"), "alt": "Sơ đồ"},
                              content_type="multipart/form-data")
        assert response.status_code == 303

    def correct(self, person, notice_id, **fields) -> int:
        response = self._post(person, f"/console/notices/{notice_id}/correct",
                              {**FORM, **fields})
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(re.search(r"/console/notices/(\d+)$", response.headers["Location"])[1])


def _later(hours: int) -> str:
    return clock.isoformat_local(clock.now() + timedelta(hours=hours))


def _later_form(hours: int) -> str:
    return clock.to_local(clock.now() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


# Every way content changes: (name, the change an editor makes, surface, cast).
CHANGES = {
    "api_text": (lambda s, p, n: s.update(p, n, title="Lịch cắt điện (đã sửa)",
                                          body="<p>Nội dung khác hẳn.</p>"), "api", "commune"),
    "api_priority": (lambda s, p, n: s.update(p, n, priority="emergency"), "api", "commune"),
    "api_schedule": (lambda s, p, n: s.update(p, n, publish_at=_later(3),
                                              expires_at=_later(30)), "api", "commune"),
    "api_targets": (lambda s, p, n: s.update(p, n, targets=["19753", "19774"]), "api",
                    "province"),
    "api_image": (lambda s, p, n: s.add_image(p, n), "api", "commune"),
    "console_text_priority": (lambda s, p, n: s.update(p, n, title="Khẩn: cắt điện",
                                                       priority="emergency"), "console",
                              "commune"),
    "console_schedule": (lambda s, p, n: s.update(p, n, publish_at=_later_form(3)),
                         "console", "commune"),
    "console_image": (lambda s, p, n: s.add_image(p, n), "console", "commune"),
}
APPROVERS = ("author", "editor", "third")
EXPECTED = {"author": (403, notices_messages.AUTHOR_CANNOT_APPROVE),
            "editor": (403, notices_messages.CONTRIBUTOR_CANNOT_APPROVE), "third": (200, None)}


def _surface(kind: str, client):
    return Surface(client) if kind == "api" else ConsoleSurface(client)


def _check(surface, cast: Cast, approver: str, notice_id: int,
           expected: dict | None = None) -> None:
    """The approver's attempt: refused in the error shape (API) or on the error page
    (console) for the author and editors, and nothing leaves; a third person approves."""
    status, message = (expected or EXPECTED)[approver]
    response = surface.approve(getattr(cast, approver), notice_id, status)
    item = db.session.get(Notice, notice_id)
    db.session.refresh(item)
    if status == 200:
        assert item.status in ("approved", "published")
        assert item.approver_id is not None
        return
    if isinstance(surface, ConsoleSurface):
        assert message in response.get_data(as_text=True)
    else:
        assert response.json == {"code": 403, "status": "Forbidden", "message": message}
    assert item.status == "submitted" and item.approver_id is None
    assert db.session.scalar(sa.select(CapAlert.id).where(CapAlert.notice_id == notice_id)) \
        is None
    assert db.session.scalar(sa.select(Delivery.id).where(
        Delivery.subject_type == "notice", Delivery.subject_id == notice_id)) is None


@pytest.mark.parametrize("approver", APPROVERS)
@pytest.mark.parametrize("after_submission", [False, True], ids=["draft", "submitted"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_finding_03_four_eyes_over_every_change(change, after_submission, approver, client,
                                                request):
    apply, kind, cast_name = CHANGES[change]
    cast: Cast = request.getfixturevalue(f"{cast_name}_cast")
    surface = _surface(kind, client)
    extra = {"targets": ["19753"]} if cast_name == "province" else {}
    notice_id = surface.create(cast.author, **extra)
    if after_submission:
        surface.submit(cast.author, notice_id)
    apply(surface, cast.editor, notice_id)
    # Changed after submission: back to draft, approval starts over.
    assert db.session.scalar(sa.select(Notice.status).where(Notice.id == notice_id)) == "draft"
    surface.submit(cast.editor, notice_id)
    _check(surface, cast, approver, notice_id)


@pytest.mark.parametrize("approver", APPROVERS)
@pytest.mark.parametrize("kind", ["api", "console"])
def test_finding_03_a_correction_is_approved_by_none_of_the_series_writers(kind, approver,
                                                                          commune_cast,
                                                                          client):
    """Correcting a published notice makes a new version: neither the first version's
    author nor the corrector approves it."""
    surface, cast = _surface(kind, client), commune_cast
    first = surface.create(cast.author)
    surface.submit(cast.author, first)
    surface.approve(cast.third, first, 200)
    corrected = surface.correct(cast.editor, first, title="Đính chính: lịch cắt điện")
    surface.submit(cast.editor, corrected)
    # The corrector wrote this version; the first author wrote an earlier one.
    _check(surface, cast, approver, corrected, {
        "author": (403, notices_messages.CONTRIBUTOR_CANNOT_APPROVE),
        "editor": (403, notices_messages.AUTHOR_CANNOT_APPROVE), "third": (200, None)})


@pytest.mark.parametrize("approver", ["author", "third"])
@pytest.mark.parametrize("kind", ["api", "console"])
def test_finding_03_the_author_of_a_new_notice_never_approves_it(kind, approver,
                                                                commune_cast, client):
    surface, cast = _surface(kind, client), commune_cast
    notice_id = surface.create(cast.author)
    surface.submit(cast.author, notice_id)
    _check(surface, cast, approver, notice_id)


def test_finding_03_the_reported_bypass_is_closed(client, staff_headers, world, ctx):
    """The attack as reported: an officer's draft, edited by a leader (title, body,
    emergency), submitted and approved by that leader: refused, nothing goes out; another
    leader sees the final text and approves it."""
    officer, leader = staff_headers("officer"), staff_headers("leader")
    draft = client.post("/api/v1/staff/notices", json=notice_body(),
                        headers=officer).json["id"]
    edited = client.patch(f"/api/v1/staff/notices/{draft}", headers=leader, json={
        "title": "KHẨN: sơ tán ngay", "body": "<p>Nội dung do lãnh đạo tự viết lại.</p>",
        "priority": "emergency"})
    assert edited.status_code == 200
    assert client.post(f"/api/v1/staff/notices/{draft}/submit", json={},
                       headers=leader).status_code == 200
    refused = client.post(f"/api/v1/staff/notices/{draft}/approve", json={}, headers=leader)
    assert refused.status_code == 403
    assert refused.json["message"] == notices_messages.CONTRIBUTOR_CANNOT_APPROVE
    assert client.get(f"/api/v1/units/{world.commune}/notices").json["total"] == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CapAlert)) == 0
    second = auth.create_staff("leader_b", "commune_leader", world.commune)
    approved = client.post(f"/api/v1/staff/notices/{draft}/approve", json={},
                           headers={"Authorization": f"Bearer {auth.issue_token(second)}"})
    assert approved.status_code == 200 and approved.json["status"] == "published"


def test_finding_03_the_console_says_why_approval_is_barred(commune_cast, client):
    cast = commune_cast
    api = Surface(client)
    notice_id = api.create(cast.author)
    api.update(cast.editor, notice_id, priority="emergency")
    api.submit(cast.editor, notice_id)
    for person, shown in ((cast.author, notices_messages.AUTHOR_CANNOT_APPROVE),
                          (cast.editor, notices_messages.CONTRIBUTOR_CANNOT_APPROVE),
                          (cast.third, None)):
        page = person.console.get(f"/console/notices/{notice_id}").get_data(as_text=True)
        if shown:
            assert shown in page and 'data-action="approve"' not in page
        else:
            assert 'data-action="approve"' in page and 'id="own-approval"' not in page
    # Editing a submitted notice warns that it goes back to draft.
    form = cast.third.console.get(f"/console/notices/{notice_id}/edit").get_data(as_text=True)
    assert notices_messages.BACK_TO_DRAFT in form


def test_finding_03_an_approved_scheduled_notice_changed_goes_back_to_draft(commune_cast,
                                                                            client):
    cast, api = commune_cast, Surface(client)
    notice_id = api.create(cast.author, publish_at=_later(5))
    api.submit(cast.author, notice_id)
    api.approve(cast.third, notice_id, 200)
    assert db.session.get(Notice, notice_id).status == "approved"
    api.update(cast.third, notice_id, body="<p>Sửa sau khi duyệt.</p>")
    item = db.session.get(Notice, notice_id)
    db.session.refresh(item)
    assert (item.status, item.approver_id, item.approved_at) == ("draft", None, None)
    api.submit(cast.third, notice_id)
    api.approve(cast.third, notice_id, 403)  # now a contributor
    api.approve(cast.editor, notice_id, 200)
