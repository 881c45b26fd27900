"""``MINIAPP_EGOV_PREFIX`` mounts the template's routes under a path; our own API stays."""

from __future__ import annotations

import pytest

from app import create_app
from core.db import unit_of_work
from tests.conftest import dispose, make_app
from tests.integrations.zalo.egov.conftest import MINI_APP_ID, Template, envelope_ok


@pytest.mark.no_db_transaction
def test_the_prefix_moves_the_template_routes_and_leaves_ours(tmp_path_factory):
    app = make_app(tmp_path_factory, "_egov_prefix", MINIAPP_EGOV_PREFIX="/zmp/",
                   MINIAPP_UNITS={MINI_APP_ID: "19753"})
    try:
        with app.app_context(), unit_of_work():
            import directory

            directory.import_province("46")
        client = app.test_client()
        data = envelope_ok(Template(client, prefix="/zmp").get_organization(MINI_APP_ID))
        assert (data["id"], data["officialAccounts"]) == ("19753", [])
        assert client.get(f"/get_organization_api?miniAppId={MINI_APP_ID}").status_code == 404
        assert client.get("/api/v1/units/19753/categories").status_code == 200
        with client.post("/zmp/upload_image_api", data={}) as refused:
            assert refused.get_json()["err"] == -422
    finally:
        dispose(app)


@pytest.mark.no_db_transaction
def test_a_malformed_unit_mapping_stops_the_start(tmp_path):
    with pytest.raises(ValueError, match="MINIAPP_UNITS"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
                    "MINIAPP_UNITS": {"1": {"description": "no unit"}}})
