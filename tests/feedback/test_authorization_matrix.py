"""Authorisation matrix: every staff API route × every role × own / other unit and office.

Four items, one per place:
  A  commune 19753 (Phú Xuân), office "infra"   — the officer's office
  B  commune 19753 (Phú Xuân), office "police"  — another office of the same commune
  C  commune 19774 (Kim Long), its default office — another commune of the province
  D  a commune of Hà Nội — another province
Directory routes and the other packages' matrices (tests/test_authorization_matrix_*.py)
use places that are units: A commune 19753 (Phú Xuân), C commune 19774 (Kim Long), P the
province 46 (Huế), D a commune of Hà Nội — see ``unit_codes``.
The tables below are the expected HTTP status of each cell, written out by hand.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

import directory
from core import storage
from core.db import commit, db
from directory.models import AdminUnit, Office
from feedback import service
from feedback.models import Attachment, Feedback
from feedback.workflow import ACTIONS as WORKFLOW_ACTIONS
from tests.conftest import OTHER_PROVINCE

ROLES = ("province_admin", "other_province_admin", "leader", "officer", "police",
         "other_leader", "other_officer", "viewer")
PLACES = "ABCD"

# Reading (list, counts, detail, attachment): 200 in scope, 404 out of scope.
READ = {
    #                        A    B    C    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 200, 404, 404),
    "officer":              (200, 404, 404, 404),
    "police":               (404, 200, 404, 404),
    "other_leader":         (404, 404, 200, 404),
    "other_officer":        (404, 404, 200, 404),
    "viewer":               (200, 200, 404, 404),
}

# Workflow actions (except deciding extensions): 200 in scope; 404 out of scope;
# 403 for the read-only viewer whatever the item.
ACT = {
    #                        A    B    C    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 200, 404, 404),
    "officer":              (200, 404, 404, 404),
    "police":               (404, 200, 404, 404),
    "other_leader":         (404, 404, 200, 404),
    "other_officer":        (404, 404, 200, 404),
    "viewer":               (403, 403, 403, 403),
}

# Approving or rejecting an extension: leaders only (officers 403 even on their items).
DECIDE = {
    #                        A    B    C    D
    "province_admin":       (200, 200, 200, 404),
    "other_province_admin": (404, 404, 404, 200),
    "leader":               (200, 200, 404, 404),
    "officer":              (403, 403, 403, 403),
    "police":               (403, 403, 403, 403),
    "other_leader":         (404, 404, 200, 404),
    "other_officer":        (403, 403, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

UNIT_PLACES = "ACPD"

# Directory management (core/routes.py): POST /staff/offices, POST /staff/categories for a
# unit, PUT /staff/routing-rules (200 instead of 201) — leaders of the unit, administrators of
# its province. Units are public (GET /api/v1/units), so refusing is a 403, not a 404.
MANAGE = {
    #                        A    C    P    D
    "province_admin":       (201, 201, 201, 403),
    "other_province_admin": (403, 403, 403, 201),
    "leader":               (201, 403, 403, 403),
    "officer":              (403, 403, 403, 403),
    "police":               (403, 403, 403, 403),
    "other_leader":         (403, 201, 403, 403),
    "other_officer":        (403, 403, 403, 403),
    "viewer":               (403, 403, 403, 403),
}

# POST /staff/categories without a unit (a category for everyone): administrators only.
GLOBAL_CATEGORY = {
    "province_admin": 201, "other_province_admin": 201, "leader": 403, "officer": 403,
    "police": 403, "other_leader": 403, "other_officer": 403, "viewer": 403,
}

# GET /staff/offices?unit=: offices are public bodies (Open311 names them as
# agency_responsible) and transfers may cross units, so every role lists every unit's.
OFFICES = {
    #                        A    C    P    D
    "province_admin":       (200, 200, 200, 200),
    "other_province_admin": (200, 200, 200, 200),
    "leader":               (200, 200, 200, 200),
    "officer":              (200, 200, 200, 200),
    "police":               (200, 200, 200, 200),
    "other_leader":         (200, 200, 200, 200),
    "other_officer":        (200, 200, 200, 200),
    "viewer":               (200, 200, 200, 200),
}

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _hanoi_commune() -> str:
    return db.session.scalar(sa.select(AdminUnit.code).where(
        AdminUnit.parent_code == OTHER_PROVINCE).order_by(AdminUnit.code).limit(1))


def _submit(unit: str, category: str) -> Feedback:
    _, answer = service.submit({
        "unit_code": unit, "category_code": category, "title": "Ổ gà",
        "description": "Đường có ổ gà sâu cần sửa chữa.", "anonymous": True,
        "channel": "api"}, channel="api")
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == answer["tracking_code"].replace("-", "")))
    stored = storage.save(PNG, "png")
    db.session.add(Attachment(feedback_id=item.id, storage_key=stored.key,
                              content_type="image/png", size=stored.size,
                              sha256=stored.sha256))
    commit()
    return item


def unit_codes(world) -> dict[str, str]:
    """Unit places: A own commune, C other commune, P the province, D another province's."""
    return {"A": world.commune, "C": world.other_commune, "P": world.province,
            "D": _hanoi_commune()}


def cells(table: dict[str, tuple[int, ...]], role: str, places: str = PLACES,
          ok: int | None = None) -> dict[str, int]:
    """A table row as {place: status}; ``ok`` replaces the table's success status (for a
    route that answers 201 or 204 where its table says 200, or 200 where it says 201)."""
    return {place: (ok if ok and 200 <= status < 300 else status)
            for place, status in zip(places, table[role], strict=True)}


def make_items(world) -> dict[str, Feedback]:
    """A, B, C, D as described above."""
    return {
        "A": _submit(world.commune, "ha-tang"),
        "B": _submit(world.commune, "an-ninh"),
        "C": _submit(world.other_commune, "ha-tang"),
        "D": _submit(_hanoi_commune(), "ha-tang"),
    }


def _set(item: Feedback, status: str, **values) -> None:
    item.status = status
    for key, value in values.items():
        setattr(item, key, value)
    commit()


def _other_office(item: Feedback) -> int:
    return directory.default_office(item.unit.province_code).id


# action -> prepare(item, world) -> request body
ACTIONS = {
    "accept": lambda item, world: {},
    "refuse": lambda item, world: {"reason": "Không thuộc thẩm quyền."},
    "assign": lambda item, world: _set(item, "accepted") or {},
    "transfer": lambda item, world: _set(item, "accepted") or {
        "office_id": _other_office(item), "reason": "Đúng thẩm quyền của tỉnh."},
    "start": lambda item, world: _set(item, "assigned") or {},
    "progress": lambda item, world: _set(item, "in_progress") or {"note": "Đang sửa."},
    "answer": lambda item, world: _set(item, "in_progress") or {"answer": "Đã sửa xong."},
    "close": lambda item, world: _set(item, "answered", public_answer="Đã sửa xong.") or {},
    "reopen": lambda item, world: _set(item, "answered", public_answer="x") or {
        "reason": "Chưa sửa hết."},
    "request_info": lambda item, world: _set(item, "accepted") or {
        "note": "Xin gửi thêm ảnh chụp vị trí."},
    "request_extension": lambda item, world: _set(item, "accepted") or {
        "due_at": (item.due_at + timedelta(days=7)).isoformat(), "reason": "Chờ vật tư."},
    "approve_extension": lambda item, world: _set(
        item, "accepted", extension_due_at=item.due_at + timedelta(days=7),
        extension_reason="Chờ vật tư.") or {},
    "reject_extension": lambda item, world: _set(
        item, "accepted", extension_due_at=item.due_at + timedelta(days=7),
        extension_reason="Chờ vật tư.") or {},
    "merge": None,  # needs a second item in the same place, see below
}


def _table(action: str) -> dict[str, tuple[int, ...]]:
    return DECIDE if action in ("approve_extension", "reject_extension") else ACT


def test_every_workflow_action_is_in_the_matrix():
    assert set(ACTIONS) == set(WORKFLOW_ACTIONS)


@pytest.mark.parametrize("role", ROLES)
def test_read_routes(role, world, client, staff_headers, ctx):
    items = make_items(world)
    headers = staff_headers(role)
    listed = client.get("/api/v1/staff/feedback?limit=200", headers=headers)
    assert listed.status_code == 200
    listed_ids = {i["id"] for i in listed.json["items"]}
    counts = client.get("/api/v1/staff/feedback/counts", headers=headers)
    assert counts.status_code == 200
    got, expected = {}, {}
    for place, status in zip(PLACES, READ[role], strict=True):
        item = items[place]
        expected[place] = (status, status == 200, status)
        detail = client.get(f"/api/v1/staff/feedback/{item.id}", headers=headers)
        image = client.get(f"/api/v1/staff/feedback/{item.id}/attachments/"
                           f"{item.attachments[0].id}", headers=headers)
        got[place] = (detail.status_code, item.id in listed_ids, image.status_code)
        if image.status_code == 200:
            assert image.mimetype == "image/png"
            assert image.headers["X-Content-Type-Options"] == "nosniff"
            assert image.get_data() == PNG
        image.close()
    assert got == expected
    assert counts.json["total"] == sum(1 for s in READ[role] if s == 200)
    # An item in scope with another item's attachment id: 404 as well.
    for place, status in zip(PLACES, READ[role], strict=True):
        if status == 200:
            for other in PLACES.replace(place, ""):
                image = client.get(f"/api/v1/staff/feedback/{items[place].id}/attachments/"
                                   f"{items[other].attachments[0].id}", headers=headers)
                assert image.status_code == 404, (place, other)
    # Filters cannot widen the scope: naming another office or unit lists and counts only
    # what the role could already see.
    visible = {p for p, status in zip(PLACES, READ[role], strict=True) if status == 200}
    for place in PLACES:
        item = items[place]
        for field, value in (("office_id", item.office_id), ("unit", item.unit_code)):
            matching = {p for p in PLACES
                        if getattr(items[p], "office_id" if field == "office_id"
                                   else "unit_code") == value}
            rows = client.get(f"/api/v1/staff/feedback?{field}={value}",
                              headers=headers).json["items"]
            counted = client.get(f"/api/v1/staff/feedback/counts?{field}={value}",
                                 headers=headers).json["total"]
            assert {r["id"] for r in rows} == {items[p].id for p in matching & visible}
            assert counted == len(matching & visible)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_action_routes(action, role, world, client, staff_headers, ctx):
    items = make_items(world)
    bodies = {}
    for place, item in items.items():
        if action == "merge":
            sibling = _submit(item.unit_code, item.category.code)
            bodies[place] = {"target_code": sibling.tracking_code}
        else:
            bodies[place] = ACTIONS[action](item, world)
    got = {}
    for place, item in items.items():
        response = client.post(f"/api/v1/staff/feedback/{item.id}/{action}",
                               json=bodies[place], headers=staff_headers(role))
        got[place] = response.status_code
    expected = dict(zip(PLACES, _table(action)[role], strict=True))
    assert got == expected


def _route_office(code: str) -> int:
    return db.session.scalar(sa.select(Office.id).where(Office.unit_code == code)
                             .order_by(Office.is_default.desc(), Office.id).limit(1))


@pytest.mark.parametrize("role", ROLES)
def test_directory_routes(role, world, client, staff_headers, ctx):
    headers = staff_headers(role)
    units = unit_codes(world)
    got = {"offices": {}, "categories": {}, "routes": {}, "list": {}}
    for place, code in units.items():
        office = _route_office(code)
        got["offices"][place] = client.post(
            "/api/v1/staff/offices", headers=headers,
            json={"unit_code": code, "name": f"Tổ công tác {role}"}).status_code
        got["categories"][place] = client.post(
            "/api/v1/staff/categories", headers=headers,
            json={"code": f"rieng-{place.lower()}", "name": "Lĩnh vực riêng",
                  "unit_code": code}).status_code
        got["routes"][place] = client.put(
            "/api/v1/staff/routing-rules", headers=headers,
            json={"category_code": "khac", "unit_code": code, "office_id": office,
                  "due_days": 7}).status_code
        listed = client.get(f"/api/v1/staff/offices?unit={code}", headers=headers)
        got["list"][place] = listed.status_code
        assert {o["id"] for o in listed.json} >= {office}
    assert got == {"offices": cells(MANAGE, role, UNIT_PLACES),
                   "categories": cells(MANAGE, role, UNIT_PLACES),
                   "routes": cells(MANAGE, role, UNIT_PLACES, ok=200),
                   "list": cells(OFFICES, role, UNIT_PLACES)}
    shared = client.post("/api/v1/staff/categories", headers=headers,
                         json={"code": "dung-chung", "name": "Lĩnh vực dùng chung"})
    assert shared.status_code == GLOBAL_CATEGORY[role]


COVERED = {
    ("GET", "/api/v1/staff/feedback"), ("GET", "/api/v1/staff/feedback/counts"),
    ("GET", "/api/v1/staff/feedback/<int:item_id>"),
    ("GET", "/api/v1/staff/feedback/<int:item_id>/attachments/<int:attachment_id>"),
    # every action of the rule is in ACTIONS (test_every_workflow_action_is_in_the_matrix)
    ("POST", "/api/v1/staff/feedback/<int:item_id>/<any(" + ",".join(WORKFLOW_ACTIONS)
     + "):action>"),
    ("GET", "/api/v1/staff/offices"), ("POST", "/api/v1/staff/offices"),
    ("POST", "/api/v1/staff/categories"), ("PUT", "/api/v1/staff/routing-rules"),
}


def staff_routes(app) -> set[tuple[str, str]]:
    """(method, rule) of every staff API route."""
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/api/v1/staff")
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def _example_path(app, rule) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        kind = type(converter).__name__
        values[name] = (1 if kind in ("IntegerConverter", "IdConverter")
                        else sorted(converter.items)[0] if kind == "AnyConverter" else "19753")
    return rule.build(values, append_unknown=False)[1]


def test_every_staff_route_needs_a_valid_token(app, client, world, ctx):
    """No token, a made-up token or a revoked one: 401 on every staff route, before the
    request is even read (a body or query the route would refuse changes nothing)."""
    from directory import auth
    from directory.models import StaffUser

    user = db.session.get(StaffUser, world.staff_ids["leader"])
    token = auth.issue_token(user)
    auth.revoke_tokens(user)
    got, rules = {}, [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/staff")]
    for rule in rules:
        path = _example_path(app, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for name, headers in (("none", {}), ("bad", {"Authorization": "Bearer not-a-token"}),
                                  ("revoked", {"Authorization": f"Bearer {token}"})):
                response = client.open(f"{path}?zz=1&date=x&limit=0&status=x",
                                       method=method, headers=headers, json={"zz": 1})
                got[(method, rule.rule, name)] = response.status_code
    assert len(got) == 3 * len(staff_routes(app))
    assert {key: status for key, status in got.items() if status != 401} == {}


def test_matrix_covers_every_staff_route(app):
    """Every staff route is in a matrix: this file's, or a tests/test_authorization_matrix_*
    module's ``COVERED``."""
    import importlib
    from pathlib import Path

    covered, modules = set(COVERED), sorted(
        Path(__file__).parents[1].glob("test_authorization_matrix_*.py"))
    assert len(modules) >= 5
    for module in modules:
        extra = importlib.import_module(f"tests.{module.stem}").COVERED
        assert not covered & extra, f"{module.stem} repeats routes"
        covered |= extra
    # Consultations (issue 10) keep their matrix, with its own coverage test, in
    # tests/consultations/test_roles.py.
    # Consultations (issue 10), personal-data requests (issue 9) and statistics (issue 7)
    # keep their own role tables: tests/consultations/test_roles.py,
    # tests/privacy/test_roles.py, tests/reports/test_api.py::test_roles_and_scope.
    own = {r for r in staff_routes(app) if r[1].startswith(
        ("/api/v1/staff/consultations", "/api/v1/staff/privacy", "/api/v1/staff/stats"))}
    assert own
    assert staff_routes(app) - own == covered


def test_out_of_scope_attempt_is_logged_without_personal_data(world, client, staff_headers,
                                                              caplog, ctx):
    item = _submit(world.other_commune, "ha-tang")
    item.reporter_name, item.reporter_phone = "Trần Thị Bình", "+84912000111"
    commit()
    with caplog.at_level("WARNING", logger="directory.scope"):
        response = client.get(f"/api/v1/staff/feedback/{item.id}",
                              headers=staff_headers("officer"))
    assert response.status_code == 404
    lines = [r.getMessage() for r in caplog.records if r.name == "directory.scope"]
    assert lines == [f"feedback {item.id} not in scope of staff {world.staff_ids['officer']}"]
    assert "Bình" not in lines[0] and "0912" not in lines[0] and "+84" not in lines[0]
