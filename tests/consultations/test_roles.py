"""Every staff route of consultations × every seeded role, on a consultation of Phú Xuân.

Reading: 200 in scope (the commune's staff, the province's administrator), 404 outside.
Writing: the same, but 403 for the read-only viewer. The summary: leaders and the province's
administrator only (403 for other roles wherever the consultation is).
"""

from __future__ import annotations

from io import BytesIO

import pytest

ROLES = ("province_admin", "other_province_admin", "leader", "officer", "police",
         "other_leader", "other_officer", "viewer")
READ = dict(zip(ROLES, (200, 404, 200, 200, 200, 404, 404, 200), strict=True))
WRITE = dict(zip(ROLES, (200, 404, 200, 200, 200, 404, 404, 403), strict=True))
SUMMARY = dict(zip(ROLES, (200, 404, 200, 403, 403, 404, 403, 403), strict=True))
LISTS = dict.fromkeys(ROLES, 200)
CREATE = dict(zip(ROLES, (201, 403, 201, 201, 201, 403, 403, 403), strict=True))
WRITE_201 = {role: 201 if status == 200 else status for role, status in WRITE.items()}

P = "/api/v1/staff/consultations"
# rule → (method, path template, body, expected statuses)
ROUTES = {
    P: [("get", P, None, LISTS), ("post", P, "draft", CREATE)],
    P + "/statistics": [("get", P + "/statistics", None, LISTS)],
    P + "/<int:consultation_id>": [("get", P + "/{cid}", None, READ),
                                   ("patch", P + "/{cid}", {"title": "Tên dự thảo mới"}, WRITE)],
    P + "/<int:consultation_id>/attachments": [("post", P + "/{cid}/attachments", "file",
                                                WRITE_201)],
    P + "/<int:consultation_id>/announce": [("post", P + "/{cid}/announce", None, WRITE)],
    P + "/<int:consultation_id>/comments": [("get", P + "/{cid}/comments", None, READ)],
    P + "/<int:consultation_id>/responses": [
        ("get", P + "/{cid}/responses", None, READ),
        ("post", P + "/{cid}/responses", "response", WRITE_201)],
    P + "/<int:consultation_id>/summary": [("post", P + "/{cid}/summary",
                                            {"summary": "Kết quả tiếp thu."}, SUMMARY)],
    P + "/<int:consultation_id>/statistics": [("get", P + "/{cid}/statistics", None, READ)],
    P + "/<int:consultation_id>/deliveries": [("get", P + "/{cid}/deliveries", None, READ)],
    P + "/comments/<int:comment_id>/hide": [("post", P + "/comments/{comment}/hide",
                                             {"reason": "Xúc phạm"}, WRITE)],
    P + "/comments/<int:comment_id>/restore": [("post", P + "/comments/{comment}/restore",
                                                None, WRITE)],
    P + "/comments/<int:comment_id>/tags": [("put", P + "/comments/{comment}/tags",
                                             {"tags": ["phí"]}, WRITE)],
}
CASES = [(method, path, body, role, expected[role])
         for calls in ROUTES.values() for method, path, body, expected in calls
         for role in ROLES]


def test_every_staff_route_is_in_the_matrix(app):
    rules = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith(P)}
    assert rules == set(ROUTES)


@pytest.mark.parametrize("method, path, body, role, expected", CASES,
                         ids=[f"{c[0]} {c[1]} {c[3]}" for c in CASES])
def test_matrix(frozen, consult, client, staff_headers, world, method, path, body, role,
                expected):
    item = consult.create()
    cid = item["id"]
    if not (path.endswith(("/announce", "/attachments")) or method == "patch"):
        consult.announce(cid)
        frozen.advance(days=1)
        comment = consult.comment(cid)["id"]
    else:
        comment = None
    if path.endswith("/restore"):
        consult.act(f"/comments/{comment}/hide", reason="Xúc phạm")
    if path.endswith("/summary"):
        frozen.advance(days=8)
    url = path.format(cid=cid, comment=comment)
    kwargs = {"headers": staff_headers(role)}
    if body == "draft":
        from tests.consultations.conftest import draft

        kwargs["json"] = draft(world, unit_code=world.commune)
    elif body == "file":
        kwargs["data"] = {"file": (BytesIO(b"%PDF-1.4 du thao"), "du-thao.pdf")}
    elif body == "response":
        kwargs["json"] = {"comment_ids": [comment], "decision": "accepted", "body": "Tiếp thu."}
    elif body is not None:
        kwargs["json"] = body
    elif method != "get":
        kwargs["json"] = {}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == expected, response.json
