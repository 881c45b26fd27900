"""The OpenAPI document validates, every reference in it resolves, and every operation's
request and response bodies have a schema; the viewer's assets come from the app."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate

METHODS = {"get", "put", "post", "delete", "patch", "options", "head"}


def _refs(node: Any, path: str = "#"):
    """Every ``$ref`` in the document with where it occurs."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield path, value
            else:
                yield from _refs(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{path}/{i}")


def _resolve(spec: dict, ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def test_openapi_document_validates(client):
    spec = client.get("/api/openapi.json").json
    validate(spec)  # raises on any error of the OpenAPI 3.0 document


def test_every_reference_resolves(client):
    spec = client.get("/api/openapi.json").json
    refs = list(_refs(spec))
    assert len(refs) > 100
    unresolved = [(where, ref) for where, ref in refs if _resolve(spec, ref) is None]
    assert unresolved == []


def _body_schemas(spec: dict):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            body = op.get("requestBody")
            if body:
                body = _resolve(spec, body["$ref"]) if "$ref" in body else body
                for media, content in body["content"].items():
                    yield f"{method.upper()} {path} request {media}", content.get("schema")
            for status, response in op["responses"].items():
                if "$ref" in response:
                    response = _resolve(spec, response["$ref"])
                for media, content in (response or {}).get("content", {}).items():
                    yield f"{method.upper()} {path} {status} {media}", content.get("schema")


def test_every_request_and_response_body_has_a_resolvable_schema(client):
    spec = client.get("/api/openapi.json").json
    bodies = list(_body_schemas(spec))
    missing = [where for where, schema in bodies
               if not isinstance(schema, dict)
               or ("$ref" in schema and _resolve(spec, schema["$ref"]) is None)
               or not ({"$ref", "type", "allOf", "oneOf", "anyOf"} & set(schema))]
    assert missing == []
    submit = spec["paths"]["/api/v1/feedback"]["post"]["requestBody"]["content"]
    schema = _resolve(spec, submit["application/json"]["schema"]["$ref"])
    assert {"unit_code", "category_code", "description", "reporter", "consent"} <= set(
        schema["properties"])


def test_docs_page_loads_swagger_ui_from_the_app_only(client):
    html = client.get("/api/docs").get_data(as_text=True)
    assert "cdn." not in html and "https://" not in html
    assert "/api/docs/assets/swagger-ui-bundle.js" in html
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css",
                 "start.js"):
        with client.get(f"/api/docs/assets/{name}") as response:  # closes the file
            assert response.status_code == 200, name
            assert len(response.data) > 100
    csp = client.get("/api/docs").headers["Content-Security-Policy"]
    assert "https:" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_docs_assets_serve_only_the_viewer_files(client):
    for name in ("index.html", "swagger-ui-bundle.js.map", "..%2F__init__.py", "nope.js"):
        with client.get(f"/api/docs/assets/{name}") as response:
            assert response.status_code == 404, name
