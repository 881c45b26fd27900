"""Finding 14: a disabled integration answered 503 (``/api/v1/me/feedback`` with Zalo off):
a service that is off by configuration is not "temporarily unavailable".

Now every integration route of a partner that is off by configuration answers 404 in the
error shape; 503 stays for real, passing failures (Zalo unreachable: tests/integrations/zalo).
"""

from __future__ import annotations

import pytest

from integrations.source_system import messages as source_messages
from integrations.zalo import messages as zalo_messages


@pytest.mark.parametrize("method,path,kwargs", [
    ("get", "/api/v1/me/feedback", {}),
    ("post", "/api/v1/me/phone", {"json": {"token": "phone-token"}}),
])
def test_finding_14_zalo_off_by_configuration_is_404_not_503(client, app, method, path,
                                                             kwargs):
    assert not app.config["ZALO_APP_ID"]  # the suite's app runs without Zalo
    response = getattr(client, method)(path, headers={"Authorization": "Bearer zalo-token"},
                                       **kwargs)
    assert response.status_code == 404
    assert response.json == {"code": 404, "status": "Not Found",
                             "message": zalo_messages.DISABLED}


def test_finding_14_source_system_off_by_configuration_is_404(client, app):
    assert not app.config["SOURCE_SYSTEM_ADAPTER"]
    response = client.post("/integrations/source-system/v1/items", json={})
    assert response.status_code == 404
    assert response.json == {"code": 404, "status": "Not Found",
                             "message": source_messages.SOURCE_OFF}
