"""Staff API: the queue with filters and keyset pagination, the detail, and actions over HTTP."""

import pytest


@pytest.fixture
def items(submit):
    """Five items in the infrastructure office, one with the police."""
    codes = []
    for i, text in enumerate(["Đường ngập nước sau mưa", "Đèn đường hỏng ở kiệt 5",
                              "Ổ gà trước chợ", "Cây đổ chắn lối đi", "Cống thoát nước tắc"]):
        codes.append(submit(title=text, description=f"{text}, đề nghị xử lý sớm ({i}).")
                     .json["tracking_code"])
    codes.append(submit(category_code="an-ninh", title="Trộm cắp xe máy",
                        description="Liên tục mất trộm xe máy ở bãi giữ xe.")
                 .json["tracking_code"])
    return codes


def _list(client, headers, **query):
    response = client.get("/api/v1/staff/feedback", headers=headers, query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def test_queue_is_scoped_by_role(client, staff_headers, items):
    officer = _list(client, staff_headers("officer"))["items"]
    assert len(officer) == 5
    assert [i["display_code"] for i in _list(client, staff_headers("police"))["items"]] == \
        [items[-1]]
    assert len(_list(client, staff_headers("leader"))["items"]) == 6
    assert len(_list(client, staff_headers("province_admin"))["items"]) == 6
    assert len(_list(client, staff_headers("viewer"))["items"]) == 6
    assert _list(client, staff_headers("other_leader"))["items"] == []
    assert _list(client, staff_headers("other_province_admin"))["items"] == []


def test_keyset_pagination_walks_every_item_once(client, staff_headers, items):
    headers = staff_headers("leader")
    seen, after = [], None
    while True:
        query = {"limit": 2, **({"after": after} if after else {})}
        page = _list(client, headers, **query)
        seen += [i["display_code"] for i in page["items"]]
        after = page["next"]
        if not after:
            break
    assert sorted(seen) == sorted(items) and len(seen) == 6
    due = [i["due_at"] for i in _list(client, headers, limit=10)["items"]]
    assert due == sorted(due)


def test_bad_cursor_is_422(client, staff_headers, items):
    response = client.get("/api/v1/staff/feedback?after=rác", headers=staff_headers("leader"))
    assert response.status_code == 422 and "after" in response.json["errors"]


@pytest.mark.parametrize("query,expected", [
    ("duong ngap nuoc", 1), ("ĐÈN", 1), ("den duong hong", 1), ("o ga", 1),
    ("xe may", 1), ("khong co gi", 0), ("nuoc", 2),
])
def test_text_search_ignores_diacritics_and_case(client, staff_headers, items, query, expected):
    found = _list(client, staff_headers("leader"), q=query)["items"]
    assert len(found) == expected, [i["title"] for i in found]


def test_filters(client, staff_headers, items, world):
    headers = staff_headers("leader")
    assert len(_list(client, headers, category="an-ninh")["items"]) == 1
    assert len(_list(client, headers, office_id=world.office_infra)["items"]) == 5
    assert len(_list(client, headers, status="received")["items"]) == 6
    assert len(_list(client, headers, status="answered")["items"]) == 0
    assert len(_list(client, headers, channel="api")["items"]) == 6
    assert len(_list(client, headers, overdue="true")["items"]) == 0
    assert client.get("/api/v1/staff/feedback?status=lung-tung",
                      headers=headers).status_code == 422


def test_detail_and_actions_over_http(client, staff_headers, items):
    headers = staff_headers("officer")
    first = _list(client, headers)["items"][0]
    detail = client.get(f"/api/v1/staff/feedback/{first['id']}", headers=headers).json
    assert detail["reporter"]["phone"] == "+84912345678"
    assert [e["kind"] for e in detail["timeline"]] == ["created"]
    base = f"/api/v1/staff/feedback/{first['id']}"
    assert client.post(f"{base}/accept", headers=headers, json={}).json["status"] == "accepted"
    illegal = client.post(f"{base}/close", headers=headers, json={})
    assert illegal.status_code == 409 and "Không thể kết thúc" in illegal.json["message"]
    missing = client.post(f"{base}/refuse", headers=headers, json={})
    assert missing.status_code == 422 and "reason" in missing.json["errors"]
    assert client.post(f"{base}/teleport", headers=headers, json={}).status_code == 404
    unknown_field = client.post(f"{base}/accept", headers=headers, json={"hack": 1})
    assert unknown_field.status_code == 422


def test_other_office_cannot_read_or_act(client, staff_headers, items):
    item = _list(client, staff_headers("officer"))["items"][0]
    for who in ("police", "other_officer", "other_leader", "other_province_admin"):
        headers = staff_headers(who)
        assert client.get(f"/api/v1/staff/feedback/{item['id']}",
                          headers=headers).status_code == 404
        assert client.post(f"/api/v1/staff/feedback/{item['id']}/accept", headers=headers,
                           json={}).status_code == 404
    assert client.get("/api/v1/staff/feedback/999999",
                      headers=staff_headers("leader")).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer sai-ma", "Basic abc"])
def test_authentication_required(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/staff/feedback", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json["code"] == 401
