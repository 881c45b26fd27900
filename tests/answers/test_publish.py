"""Staff preview, edit and publish, unpublish; scope and roles."""

from __future__ import annotations

import pytest

from tests.open311.helpers import create_item

REPORTER = {"name": "Phan Thị Mai", "phone": "0935 111 222", "email": "mai.phan@example.vn"}


@pytest.fixture
def answered(ctx, world):
    return create_item(
        world, reporter=REPORTER, title="Chị Mai báo đèn đường hỏng",
        description="Tôi là Phan Thị Mai, số nhà 14 kiệt 3, gọi 0935111222. Đèn đường hỏng.",
        actions=("accept", "assign", "start", "answer"),
        answer="Đã liên hệ chị Mai (0935 111 222) và thay bóng đèn mới.")


def url(item):
    return f"/api/v1/staff/feedback/{item.id}/publication"


def test_preview_masks_personal_data(client, answered, staff_headers):
    body = client.get(url(answered), headers=staff_headers("officer")).json
    assert body["is_published"] is False and body["published"] is None
    proposal = body["proposal"]
    text = " ".join(proposal.values())
    for leak in ("Mai", "0935", "mai.phan", "14 kiệt"):
        assert leak not in text
    assert proposal["answer"] == "Đã liên hệ chị *** (***) và thay bóng đèn mới."


def test_publish_edit_and_unpublish(client, answered, staff_headers):
    leader = staff_headers("leader")
    response = client.put(url(answered), json={"answer": "Đã thay bóng đèn mới."},
                          headers=leader)
    assert response.status_code == 200, response.json
    assert response.json["is_published"] is True
    assert response.json["published"]["answer"] == "Đã thay bóng đèn mới."
    assert response.json["published"]["question"] == response.json["proposal"]["question"]
    found = client.get("/api/v1/answers?q=bong den").json["items"]
    assert [a["answer"] for a in found] == ["Đã thay bóng đèn mới."]
    # Open311 shows the reviewed version
    notes = (client.get(f"/open311/v2/requests/{answered.public_id}.json")
             .get_json()[0]["status_notes"])
    assert notes == "Đã thay bóng đèn mới."
    assert client.get(f"/api/v1/answers/{found[0]['id']}").json["title"] == \
        "Chị *** báo đèn đường hỏng"
    # republishing replaces, never duplicates
    client.put(url(answered), json={"title": "Đèn đường hỏng ở kiệt 3"}, headers=leader)
    found = client.get("/api/v1/answers?q=den duong").json["items"]
    assert [a["title"] for a in found] == ["Đèn đường hỏng ở kiệt 3"]
    assert client.delete(url(answered), headers=leader).status_code == 204
    assert client.get("/api/v1/answers?q=den duong").json["items"] == []
    assert client.delete(url(answered), headers=leader).status_code == 404


def test_edits_may_not_reintroduce_the_reporters_data(client, answered, staff_headers):
    for edit in ({"answer": "Đã gọi lại số 0935.111.222."}, {"question": "Chị Phan Thị Mai hỏi"},
                 {"title": "Thư từ mai.phan@example.vn"}):
        response = client.put(url(answered), json=edit, headers=staff_headers("leader"))
        assert response.status_code == 422, edit
        assert list(response.json["errors"]) == list(edit)
    assert client.get("/api/v1/answers").json["items"] == []


def test_roles_scope_and_state(client, ctx, world, answered, staff_headers):
    assert client.put(url(answered), json={}, headers=staff_headers("officer")).status_code == 403
    assert client.put(url(answered), json={},
                      headers=staff_headers("other_leader")).status_code == 404
    assert client.get(url(answered), headers=staff_headers("other_officer")).status_code == 404
    assert client.put(url(answered), json={},
                      headers=staff_headers("province_admin")).status_code == 200
    fresh = create_item(world)
    response = client.put(url(fresh), json={}, headers=staff_headers("leader"))
    assert response.status_code == 409
    assert client.get(url(fresh)).status_code == 401
