"""Helpers for notices tests: write, submit and approve through the staff API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.db import unit_of_work


class FrozenClock:
    """``core.clock.now`` pinned to a moment that tests move by hand."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.moment += timedelta(**delta)


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the clock at 2026-12-01 08:00 +07:00 (01:00 UTC)."""
    clock = FrozenClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    monkeypatch.setattr("core.clock.now", clock)
    return clock


def notice_body(**overrides):
    """A valid notice payload."""
    body = {
        "title": "Lịch cắt điện khu vực phường",
        "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
        "body": "<p>Điện lực thông báo <strong>cắt điện</strong> để bảo dưỡng.</p>",
        "category": "local_programmes",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def notices_api(client, staff_headers):
    """Small driver for the staff notices API."""

    class Api:
        def create(self, who="officer", expect=201, **overrides):
            response = client.post("/api/v1/staff/notices", json=notice_body(**overrides),
                                   headers=staff_headers(who))
            assert response.status_code == expect, response.json
            return response.json

        def act(self, notice_id, action, who, expect=200, **body):
            response = client.post(f"/api/v1/staff/notices/{notice_id}/{action}", json=body,
                                   headers=staff_headers(who))
            assert response.status_code == expect, response.json
            return response.json

        def publish(self, author="officer", approver="leader", approve=None, **overrides):
            item = self.create(author, **overrides)
            self.act(item["id"], "submit", author)
            return self.act(item["id"], "approve", approver, **(approve or {}))

        def public(self, code, **params):
            return client.get(f"/api/v1/units/{code}/notices", query_string=params)

    return Api()


@pytest.fixture
def second_admin(app, world):
    """A second administrator of the province (approves what ``province_admin`` writes)."""
    from directory import auth

    with app.app_context(), unit_of_work():
        user = auth.create_staff("admin2", "province_admin", world.province)
        token = auth.issue_token(user)
    return {"Authorization": f"Bearer {token}"}
