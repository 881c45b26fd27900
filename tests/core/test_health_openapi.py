from tests.conftest import make_app


def test_healthz(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"]["database"] == "ok"


def test_readyz_reports_an_unreachable_broker(tmp_path_factory):
    app = make_app(tmp_path_factory, "_broker", CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["broker"].startswith("error")


def test_openapi_document_lists_the_contract(client):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in ("/api/v1/feedback", "/api/v1/feedback/{code}", "/api/v1/feedback/{code}/rating",
                 "/api/v1/units", "/api/v1/units/{code}/categories", "/api/v1/staff/feedback"):
        assert path in paths, path
    body = paths["/api/v1/feedback"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_docs_viewer_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"swagger" in response.data.lower()
