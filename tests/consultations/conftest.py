"""Helpers for consultations tests: a frozen clock and a driver for the staff and public API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.notices.conftest import FrozenClock

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam


@pytest.fixture
def frozen(monkeypatch):
    """``core.clock.now`` pinned at 2026-12-01 08:00 +07:00; move it with ``advance``."""
    clock = FrozenClock(T0)
    monkeypatch.setattr("core.clock.now", clock)
    return clock


def draft(world, **overrides):
    """A valid consultation: opens a day after T0, closes a week later, three articles."""
    body = {
        "title": "Dự thảo Quy chế quản lý vỉa hè trên địa bàn phường",
        "description": "Lấy ý kiến người dân về việc sử dụng tạm thời vỉa hè.",
        "office_id": world.office_infra,
        "opens_at": (T0 + timedelta(days=1)).isoformat(),
        "closes_at": (T0 + timedelta(days=8)).isoformat(),
        "sections": [
            {"title": "Phạm vi điều chỉnh", "body": "Quy chế áp dụng trên mọi tuyến phố."},
            {"title": "Lối đi cho người đi bộ", "body": "Dành tối thiểu 1,5 mét."},
            {"label": "Điều 3", "title": "Thời gian sử dụng", "body": "Từ 17 giờ đến 22 giờ."},
        ],
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def comment_body(**overrides):
    """A valid anonymous comment on article 2."""
    body = {"section": 2, "body": "Nên dành lối đi rộng hơn cho xe lăn và xe đẩy trẻ em.",
            "anonymous": True, "channel": "widget"}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def consult(client, staff_headers, world):
    """Small driver: write, announce (the leader approves the notice), comment, act."""

    class Api:
        def create(self, who="officer", expect=201, **overrides):
            response = client.post("/api/v1/staff/consultations", json=draft(world, **overrides),
                                   headers=staff_headers(who))
            assert response.status_code == expect, response.json
            return response.json

        def announce(self, consultation_id, who="officer", approver="leader", expect=200):
            response = client.post(f"/api/v1/staff/consultations/{consultation_id}/announce",
                                   headers=staff_headers(who))
            assert response.status_code == expect, response.json
            if expect != 200 or approver is None:
                return response.json
            notice_id = response.json["notice"]["id"]
            approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                                   headers=staff_headers(approver))
            assert approved.status_code == 200, approved.json
            return self.staff(consultation_id)

        def published(self, **overrides):
            item = self.create(**overrides)
            return self.announce(item["id"])

        def staff(self, consultation_id, who="officer"):
            response = client.get(f"/api/v1/staff/consultations/{consultation_id}",
                                  headers=staff_headers(who))
            assert response.status_code == 200, response.json
            return response.json

        def comment(self, consultation_id, expect=201, headers=None, **overrides):
            response = client.post(f"/api/v1/consultations/{consultation_id}/comments",
                                   json=comment_body(**overrides), headers=headers or {})
            assert response.status_code == expect, response.json
            return response.json

        def act(self, path, who="officer", expect=200, method="post", **body):
            response = getattr(client, method)(f"/api/v1/staff/consultations{path}", json=body,
                                               headers=staff_headers(who))
            assert response.status_code == expect, response.json
            return response.json

        def get(self, path, who="officer", expect=200, **params):
            response = client.get(f"/api/v1/staff/consultations{path}", query_string=params,
                                  headers=staff_headers(who))
            assert response.status_code == expect, response.json
            return response.json

        def public(self, path, expect=200, **params):
            response = client.get(f"/api/v1{path}", query_string=params)
            assert response.status_code == expect, response.json
            return response.json

    return Api()
