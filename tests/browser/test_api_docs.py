"""``/api/docs`` renders the operations with every host but the app's blocked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_docs_render_operations_without_internet(page, live_server):
    blocked: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(live_server.url + "/"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(live_server.url + "/api/docs")
    operations = page.locator(".opblock")
    operations.first.wait_for(timeout=15000)
    assert page.locator(".opblock-summary-path[data-path='/api/v1/feedback']").count() >= 1
    assert operations.count() > 50
    assert page.locator(".information-container .title").inner_text().startswith(
        "Thông tin cơ sở")
    assert blocked == [] and page.errors == []
