"""Every API operation documents its successful response with a schema: JSON answers by a
named schema (the one that dumps them), files by their media types."""

from __future__ import annotations

from typing import Any

from tests.core.test_openapi_document import METHODS, _resolve

JSON = "application/json"


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", op


def _deref(spec: dict, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = _resolve(spec, node["$ref"])
    return node


def _problem(spec: dict, status: str, response: Any) -> str | None:
    """What is wrong with one documented 2xx response, or None."""
    response = _deref(spec, response)
    if not isinstance(response, dict):
        return f"{status}: unresolved"
    if status in ("204", "304"):
        return f"{status}: has a body" if response.get("content") else None
    content = response.get("content") or {}
    if not content:
        return f"{status}: no content"
    for media, body in content.items():
        schema = body.get("schema")
        if not isinstance(schema, dict):
            return f"{status} {media}: no schema"
        if media != JSON:
            continue
        if schema.get("type") == "array":
            schema = schema.get("items")
        if not isinstance(schema, dict) or "$ref" not in schema:
            return f"{status} {media}: not a named schema"
        target = _deref(spec, schema)
        if not isinstance(target, dict) or not target.get("properties"):
            return f"{status} {media}: {schema['$ref']} does not resolve to an object"
    return None


def test_every_operation_documents_a_successful_response_with_a_schema(client):
    spec = client.get("/api/openapi.json").json
    operations = dict(_operations(spec))
    assert len(operations) > 80
    problems = []
    for where, op in operations.items():
        successes = {s: r for s, r in op["responses"].items() if s.startswith("2")}
        if not successes:
            problems.append(f"{where}: no 2xx response")
            continue
        problems += [f"{where} {p}" for s, r in successes.items()
                     if (p := _problem(spec, s, r)) is not None]
    assert problems == []


def test_consultations_and_radio_are_documented_by_their_schemas(client):
    spec = client.get("/api/openapi.json").json
    paths = spec["paths"]
    detail = paths["/api/v1/consultations/{consultation_id}"]["get"]["responses"]["200"]
    schema = _deref(spec, detail["content"][JSON]["schema"])
    assert {"sections", "attachments", "summary", "comment_count"} <= set(schema["properties"])
    comments = paths["/api/v1/consultations/{consultation_id}/comments"]["get"]
    page = _deref(spec, comments["responses"]["200"]["content"][JSON]["schema"])
    item = _deref(spec, page["properties"]["items"]["items"])
    assert "author" not in item["properties"] and "body" in item["properties"]
    programme = paths["/api/v1/staff/units/{code}/radio/programme"]["get"]["responses"]["200"]
    schema = _deref(spec, programme["content"][JSON]["schema"])
    assert {"unit", "date", "items", "total_duration"} <= set(schema["properties"])


# Keys that carry a person's contact data or Zalo identity (feedback reporters, commenters,
# appointment holders); staff answers carry them only to staff allowed to see them.
PERSONAL = {"reporter", "author", "phone", "email", "address", "full_name", "zalo_user_id",
            "zalo_app_user_id", "user_id", "reporter_name", "author_name"}


def _properties(spec: dict, schema: Any, seen: set[str]) -> set[str]:
    """Every property name a response schema can hold, nested schemas included."""
    names: set[str] = set()
    if isinstance(schema, dict) and "$ref" in schema:
        if schema["$ref"] in seen:
            return names
        seen.add(schema["$ref"])
        return _properties(spec, _resolve(spec, schema["$ref"]), seen)
    if not isinstance(schema, dict):
        return names
    for name, sub in (schema.get("properties") or {}).items():
        names.add(name)
        names |= _properties(spec, sub, seen)
    for key in ("items", "additionalProperties"):
        names |= _properties(spec, schema.get(key), seen)
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key) or []:
            names |= _properties(spec, sub, seen)
    return names


def test_public_responses_hold_no_personal_data(client):
    spec = client.get("/api/openapi.json").json
    public = {where: op for where, op in _operations(spec) if not op.get("security")}
    assert "GET /api/v1/consultations/{consultation_id}/comments" in public
    assert "GET /api/v1/feedback/{code}" in public
    exposed = {}
    for where, op in public.items():
        for status, response in op["responses"].items():
            if not status.startswith("2"):
                continue
            for body in (_deref(spec, response).get("content") or {}).values():
                found = _properties(spec, body.get("schema"), set()) & PERSONAL
                if found:
                    exposed[where] = sorted(found)
    assert exposed == {}
    # Staff answers do carry them (to staff allowed to see them): the check can see them.
    staff = dict(_operations(spec))["GET /api/v1/staff/feedback/{item_id}"]
    body = _deref(spec, staff["responses"]["200"])["content"][JSON]["schema"]
    assert {"reporter", "phone"} <= _properties(spec, body, set())
