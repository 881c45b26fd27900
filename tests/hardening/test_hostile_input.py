"""Finding 10 (issue 17): hostile input never gives a 5xx, on every operation.

The operations are read from ``/api/openapi.json`` (every path and method), and each gets
hostile requests built from its own document:

- the body of point 10: JSON nested 100,000 levels deep (also on operations that take no
  body, and on the unauthenticated Zalo webhook), a lone surrogate ``\\ud800`` in a string,
  ``NaN``, numbers past every integer type;
- a plausible body (real unit, category and office) with one field at a time replaced by
  hostile values for its type: lone surrogates, XML-forbidden controls, formula text, a
  100,000-character string, integers past 64 bits, extreme dates (``0001-01-01T00:00:00+14:00``,
  ``9999-12-31T23:59:59-12:00``), nesting past the limit;
- every query parameter with hostile values for its type (``9999-12-31``, huge numbers,
  invalid UTF-8), and path parameters with real ids, the largest INTEGER and odd codes.

Staff operations carry the province administrator's token (the role that may do the most);
path ids name real rows where the seed has them (an answered and published item, a
published notice, a consultation with a comment, a privacy request, an Open311 key), so
the hostile values reach the services, not only a 404. Every answer must be below 500, and
every 4xx of the JSON API must be the one error shape. Open311 (outside the document)
gets point 10's dates, and the webhook its deep body, as their own cases.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from core import clock
from core.db import db
from feedback.models import Feedback
from tests.hardening.test_api_fuzz import error_shape_problems

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
SURROGATE = "\ud800"  # sent as the JSON escape "\ud800"

HOSTILE_TEXT = [SURROGATE, "a\udfffb", "x\u000b\u0008\u0000y", "\ufffe\uffff",
                '=HYPERLINK("http://evil.example","x")', "a" * 100_000, "",
                "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "9999-12-31"]
HOSTILE_INTEGER = [10**30, -(10**30), 2**63, 2**31, -1, 0, 1e308, "1", True, None]
HOSTILE_NUMBER = [1e308, -1e308, 10**400, 5e-324, "1.5", None]
HOSTILE_DATE = ["0001-01-01", "9999-12-31", "0000-00-00", "9999-12-31T23:59:59-12:00"]
HOSTILE_DATETIME = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                    "0001-01-01", "9999-12-31T23:59:59", "2026-02-30T25:61:00+07:00"]
NESTED_TOO_DEEP: Any = 1
for _ in range(40):
    NESTED_TOO_DEEP = [NESTED_TOO_DEEP]

QUERY_TEXT = ["%ED%A0%80", "%0B%08%00", "%EF%BF%BF", "9999-12-31", "0001-01-01",
              "99999999999999999999999999", "-1", "a" * 5000, "%3DHYPERLINK(1)"]
QUERY_INTEGER = ["99999999999999999999999999", "9223372036854775808", "-99999999999999",
                 "1e308", "NaN", "%ED%A0%80"]
QUERY_DATE = ["9999-12-31", "0001-01-01", "0000-01-01", "99999-01-01", "%ED%A0%80"]
RAW_BODIES = [DEEP, DEEP_OBJECT, '{"description": "\\ud800"}', '{"\\ud800": 1}', '"\\udfff"',
              '{"rating": NaN}', '{"rating": 1e999}', '{"rating": ' + "9" * 5000 + "}",
              b'{"description": "\xed\xa0\x80"}', "\ufeff{}", "[]", "null"]


# --- the document --------------------------------------------------------------------------
class Document:
    """The OpenAPI document with ``$ref`` resolution."""

    def __init__(self, doc: dict):
        self.doc = doc

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.doc["components"]["schemas"][name]
        return schema

    def operations(self) -> Iterator[tuple[str, str, dict, list[dict]]]:
        for path, item in self.doc["paths"].items():
            shared = item.get("parameters", [])
            for method, operation in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    names = {p["name"] for p in operation.get("parameters", [])}
                    parameters = operation.get("parameters", []) + [
                        p for p in shared if p["name"] not in names]
                    yield path, method, operation, parameters


# --- plausible values --------------------------------------------------------------------------
def plausible(doc: Document, schema: dict, name: str | None, known: dict[str, Any]) -> Any:
    """A value the schema accepts (known good values by field name first)."""
    schema = doc.resolve(schema)
    if name in known:
        return known[name]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {k: plausible(doc, v, k, known) for k, v in schema.get("properties", {}).items()
                if not doc.resolve(v).get("readOnly")}
    if kind == "array":
        return [plausible(doc, schema.get("items", {}), None, known)
                for _ in range(max(1, schema.get("minItems", 1)))]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return schema.get("minimum", 0) + 1
    if kind == "boolean":
        return False
    fmt = schema.get("format")
    if fmt == "date":
        return clock.now().date().isoformat()
    if fmt == "date-time":
        return (clock.now() + timedelta(days=2)).isoformat()
    if fmt == "email":
        return "hostile.test@example.vn"
    text = "Nội dung thử nghiệm an toàn "
    low, high = schema.get("minLength", 1), schema.get("maxLength", 60)
    return (text * (1 + low // len(text)))[:max(low, min(high, 40))].strip() or "ab"


def hostile_values(doc: Document, schema: dict) -> list[Any]:
    """Hostile values for a field of this schema."""
    schema = doc.resolve(schema)
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "integer":
        return HOSTILE_INTEGER
    if kind == "number":
        return HOSTILE_NUMBER
    if kind == "boolean":
        return ["true", 2, None]
    if kind == "array":
        return [NESTED_TOO_DEEP, [None] * 1000, "x",
                *[[v] for v in hostile_values(doc, schema.get("items", {}))[:6]]]
    if kind == "object" or "properties" in schema:
        return [NESTED_TOO_DEEP, [], "x", {"\ud800": 1}]
    if fmt == "date":
        return HOSTILE_DATE + [SURROGATE]
    if fmt == "date-time":
        return HOSTILE_DATETIME + [SURROGATE]
    return HOSTILE_TEXT + [NESTED_TOO_DEEP, 10**30]


def hostile_bodies(doc: Document, schema: dict, known: dict[str, Any]) -> Iterator[Any]:
    """A plausible body with one (possibly nested) field at a time made hostile."""
    schema = doc.resolve(schema)
    base = plausible(doc, schema, None, known)
    yield base
    if not isinstance(base, dict):
        return
    for name, field in schema.get("properties", {}).items():
        if name not in base:
            continue
        for value in hostile_values(doc, field):
            yield {**base, name: value}
        inner = doc.resolve(field)
        if "properties" in inner and isinstance(base[name], dict):
            for nested in hostile_bodies(doc, inner, known):
                yield {**base, name: nested}


def encode(body: Any) -> str | bytes:
    """JSON with lone surrogates escaped (``\\ud800``), as an attacker would send them."""
    return body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=True)


# --- seed ----------------------------------------------------------------------------------------
@pytest.fixture
def seeded(client, world, staff_headers, submit):
    """Real rows for path parameters: returns {path parameter name: [real values]}."""
    admin, leader = staff_headers("province_admin"), staff_headers("leader")
    created = submit(reporter={"name": "Nguyễn Văn Tèo", "phone": "0905 111 999"})
    assert created.status_code == 201, created.json
    code, token = created.json["tracking_code"], created.json.get("lookup_token")
    item_id = client.get("/api/v1/staff/feedback", headers=admin).json["items"][0]["id"]
    for action, body in (("accept", {}), ("assign", {}), ("start", {}),
                         ("answer", {"answer": "Đã sửa chữa mặt đường."})):
        answered = client.post(f"/api/v1/staff/feedback/{item_id}/{action}", json=body,
                               headers=leader)
        assert answered.status_code == 200, answered.json
    published = client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={},
                           headers=leader)
    assert published.status_code == 200, published.json
    answer_id = client.get("/api/v1/answers").json["items"][0]["id"]
    other = submit(description="Một phản ánh khác để gộp, hỏi và xử lý thử.")
    other_code = other.json["tracking_code"]
    assert client.post(f"/api/v1/feedback/{other_code}/ownership-code",
                       json={"phone": "0912345678"}).status_code == 202
    from tests.privacy.conftest import last_code

    code_sent = last_code(db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == other_code.replace("-", ""))))
    privacy = client.post(f"/api/v1/feedback/{other_code}/privacy-requests",
                          json={"kind": "access", "code": code_sent})
    assert privacy.status_code in (200, 201), privacy.json
    requests = client.get("/api/v1/staff/privacy-requests", headers=admin).json
    request_ids = [r["id"] for r in requests["items"]] if "items" in requests else [1]
    notice = client.post("/api/v1/staff/notices", headers=staff_headers("officer"), json={
        "title": "Cảnh báo lũ trên sông Hương", "summary": "Nước sông lên nhanh, tránh xa bờ.",
        "body": "<p>Người dân chủ động di dời.</p>", "category": "disaster_incident",
        "priority": "emergency", "risk_level": 3})
    assert notice.status_code == 201, notice.json
    notice_id = notice.json["id"]
    client.post(f"/api/v1/staff/notices/{notice_id}/submit", headers=staff_headers("officer"))
    approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                           headers=leader)
    assert approved.status_code == 200, approved.json
    key = client.post("/api/v1/staff/open311/keys", headers=admin,
                      json={"partner": "Đối tác thử", "unit_code": world.commune})
    moment = clock.now()
    consultation = client.post("/api/v1/staff/consultations", headers=staff_headers("officer"),
                               json={"title": "Dự thảo quy chế vỉa hè",
                                     "description": "Lấy ý kiến.",
                                     "office_id": world.office_infra,
                                     "opens_at": (moment - timedelta(hours=1)).isoformat(),
                                     "closes_at": (moment + timedelta(days=9)).isoformat(),
                                     "sections": [{"title": "Phạm vi", "body": "Mọi tuyến phố."}]})
    assert consultation.status_code == 201, consultation.json
    consultation_id = consultation.json["id"]
    announced = client.post(f"/api/v1/staff/consultations/{consultation_id}/announce",
                            headers=staff_headers("officer"))
    assert announced.status_code == 200, announced.json
    client.post(f"/api/v1/staff/notices/{announced.json['notice']['id']}/approve", json={},
                headers=leader)
    comment = client.post(f"/api/v1/consultations/{consultation_id}/comments",
                          json={"body": "Nên để lối đi rộng hơn.", "anonymous": True})
    assert comment.status_code == 201, comment.json
    comment_id = comment.json.get("id", 1)
    return {
        "item_id": [item_id], "code": [code, world.commune, world.province],
        "answer_id": [answer_id], "request_id": request_ids, "notice_id": [notice_id],
        "image_id": [1], "attachment_id": [1], "key_id": [key.json.get("id", 1)],
        "consultation_id": [consultation_id], "comment_id": [comment_id],
        "version": ["2026-01"], "_token": token, "_other_code": other_code,
    }


def known_values(world, seeded) -> dict[str, Any]:
    """Good values by field name, so that one hostile field is the only problem."""
    return {
        "unit_code": world.commune, "unit": world.commune, "category_code": "ha-tang",
        "category": "ha-tang", "office_id": world.office_infra, "targets": [world.commune],
        "phone": "0912345678", "policy_version": "2026-01", "feedback_id": seeded["item_id"][0],
        "target_code": seeded["_other_code"], "comment_ids": seeded["comment_id"],
        "kind": "access", "decision": "accepted", "channel": "api", "section": 1,
        "risk_level": None, "priority": "normal", "email": "hostile.test@example.vn",
        "lat": 16.46, "lng": 107.59, "rating": 5,
    }


def path_values(parameter: dict, seeded: dict) -> list[str]:
    """Real values first, then hostile ones."""
    schema = parameter.get("schema", {})
    if "enum" in schema:
        return list(schema["enum"])
    if schema.get("type") == "integer":
        return [str(v) for v in seeded.get(parameter["name"], [1])] + ["2147483647", "0"]
    return [*seeded.get(parameter["name"], []), "%00", "%ED%A0%80", "a" * 300, "..%2F.."]


def query_values(parameter: dict) -> list[str]:
    schema = parameter.get("schema", {})
    if schema.get("type") == "integer":
        return QUERY_INTEGER
    if schema.get("format") == "date":
        return QUERY_DATE
    if schema.get("type") == "boolean":
        return ["2", "%ED%A0%80"]
    return QUERY_TEXT


def requests_for(doc: Document, path: str, method: str, operation: dict,
                 parameters: list[dict], seeded: dict, known: dict
                 ) -> Iterator[tuple[str, str | bytes | None, str | None]]:
    """(url with query string, body, content type) of every hostile request."""
    in_path = [p for p in parameters if p["in"] == "path"]
    in_query = [p for p in parameters if p["in"] == "query"]
    combos = [{}]
    for parameter in in_path:
        combos = [{**c, parameter["name"]: v} for c in combos
                  for v in path_values(parameter, seeded)]
    urls = [re.sub(r"\{(\w+)\}", lambda m, c=c: c[m.group(1)], path) for c in combos]
    real = urls[0]
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    for url in urls:
        yield url, "{}" if schema else None, "application/json" if schema else None
    for parameter in in_query:
        for value in query_values(parameter):
            yield f"{real}?{parameter['name']}={value}", None, None
    if in_query:
        yield real + "?" + "&".join(f"{p['name']}=9999-12-31" for p in in_query), None, None
    for raw in RAW_BODIES:
        yield real, raw, "application/json"
    if schema:
        for body in hostile_bodies(doc, schema, known):
            yield real, encode(body), "application/json"
    if "multipart/form-data" in content:
        yield real, None, "multipart"


def send(client, method: str, url: str, body, content_type, headers):
    if content_type == "multipart":
        data = {"description": "x\u000b\u0008y", "title": "=HYPERLINK(1)", "alt": "\u0000",
                "reporter.name": "\ufffe", "unit_code": "9999-12-31",
                "category_code": "a" * 5000}
        return client.open(url, method=method.upper(), data=data, headers=headers,
                           content_type="multipart/form-data")
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    return client.open(url, method=method.upper(), data=body, headers=headers,
                       content_type=content_type)


# --- the tests -----------------------------------------------------------------------------------
def test_finding_10_hostile_input_never_gives_a_5xx_on_any_documented_operation(
        app, client, world, staff_headers, seeded, zalo, subtests):
    doc = Document(client.get("/api/openapi.json").json)
    known = known_values(world, seeded)
    admin = staff_headers("province_admin")
    operations = list(doc.operations())
    assert len(operations) > 70  # every documented operation is walked
    total = 0
    for path, method, operation, parameters in operations:
        headers = admin if operation.get("security") else {}
        with subtests.test(msg=f"{method.upper()} {path}"):
            problems = []
            for url, body, content_type in requests_for(doc, path, method, operation,
                                                        parameters, seeded, known):
                total += 1
                try:
                    response = send(client, method, url, body, content_type, headers)
                except Exception as exc:  # noqa: BLE001 - any exception the app raises in testing mode is a 500 finding to report
                    problems.append(f"{url} {str(body)[:80]!r}: {type(exc).__name__}: {exc}")
                    continue
                status = response.status_code
                response.close()  # file answers (audio, images) hold their file open
                if status >= 500:
                    problems.append(f"{url} {str(body)[:80]!r}: {status}")
                elif status >= 400 and response.mimetype == "application/json":
                    shape = error_shape_problems(status, response.json)
                    if shape:
                        problems.append(f"{url}: {status} not the error shape: {shape}")
            assert not problems, "\n".join(problems[:20])
    assert total > 2000


@pytest.mark.parametrize("path", ["/api/v1/feedback", "/api/v1/feedback/{code}/rating",
                                  "/api/v1/feedback/{code}/privacy-requests",
                                  "/api/v1/consultations/{consultation_id}/comments",
                                  "/api/v1/staff/notices", "/integrations/zalo/webhook"])
def test_finding_10_json_nested_100000_levels_is_a_400(client, seeded, staff_headers, zalo,
                                                       path):
    """Point 10's list: feedback, comments, rating, privacy requests, staff notices, and the
    unauthenticated webhook (which refuses any unreadable event with 422)."""
    url = path.format(code=seeded["code"][0], consultation_id=seeded["consultation_id"][0])
    response = client.post(url, data=DEEP, content_type="application/json",
                           headers=staff_headers("province_admin"))
    assert response.status_code in (400, 422), response.json
    assert not error_shape_problems(response.status_code, response.json)


def test_finding_10_lone_surrogate_in_a_description_is_a_400(client, world):
    body = {"unit_code": world.commune, "category_code": "ha-tang", "anonymous": True,
            "title": "Ổ gà", "description": "Ổ gà sâu \ud800 trước số nhà, nguy hiểm."}
    response = client.post("/api/v1/feedback", data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 400, response.json
    assert not error_shape_problems(400, response.json)


def test_finding_10_open311_extreme_dates_are_a_400(client):
    for query in ("start_date=0001-01-01T00:00:00%2B14:00",
                  "end_date=9999-12-31T23:59:59-12:00",
                  "start_date=0001-01-01T00:00:00%2B14:00&end_date=9999-12-31T23:59:59-12:00"):
        for fmt in ("json", "xml"):
            response = client.get(f"/open311/v2/requests.{fmt}?{query}")
            assert response.status_code == 400, (query, response.data[:200])


@pytest.mark.parametrize("url", ["/api/v1/staff/stats?from=9999-12-31&to=9999-12-31",
                                 "/api/v1/staff/stats/export?from=9999-12-31&to=9999-12-31",
                                 "/api/v1/staff/feedback?received_to=9999-12-31",
                                 "/api/v1/staff/feedback/counts?received_from=0001-01-01"])
def test_finding_10_staff_extreme_dates_are_a_422(client, staff_headers, url):
    response = client.get(url, headers=staff_headers("province_admin"))
    assert response.status_code == 422, response.json
    assert not error_shape_problems(422, response.json)
