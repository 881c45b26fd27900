"""Privacy fixtures: items with contact data, leaders' actions, the console and Zalo helpers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.db import db
from feedback.models import Feedback
from tests.console.conftest import console  # noqa: F401 - pytest fixtures
from tests.integrations.zalo.conftest import (  # noqa: F401 - pytest fixtures
    fake,
    fake_server,
    http_client,
    send_event,
    zalo,
)
from tests.open311.conftest import consent_key, open311_key  # noqa: F401 - pytest fixtures

PHONE = "0912 345 678"
E164 = "+84912345678"
NAME = "Nguyễn Văn An"


def item_by_code(code: str) -> Feedback:
    """The item behind a displayed tracking code."""
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))


@pytest.fixture
def item(submit, ctx):
    """A fresh item with a name and phone (and consent), submitted through the API."""
    response = submit()
    assert response.status_code == 201, response.json
    return item_by_code(response.json["tracking_code"])


@pytest.fixture
def ask(client):
    """``ask(item, kind, **body)`` files a rights request as its citizen does: asks for a
    one-time code with their phone, reads it from the message queued to them, sends it."""

    def _ask(item: Feedback, kind: str, phone: str = PHONE, **body):
        code = item.tracking_code
        sent = client.post(f"/api/v1/feedback/{code}/ownership-code", json={"phone": phone})
        assert sent.status_code == 202, sent.json
        return client.post(f"/api/v1/feedback/{code}/privacy-requests",
                           json={"kind": kind, "code": last_code(item) or "000000", **body})

    return _ask


def last_code(item: Feedback) -> str | None:
    """The one-time code most recently sent to the item's citizen (their message)."""
    from core.models import Delivery

    delivery = db.session.scalar(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id,
        Delivery.kind == "ownership_code").order_by(Delivery.id.desc()).limit(1))
    return delivery.payload["otp"] if delivery is not None else None


@pytest.fixture
def act(client, staff_headers):
    """``act(request_id, action, who="leader", **body)`` → the staff API response."""

    def _act(request_id: int, action: str, who: str = "leader", **body):
        return client.post(f"/api/v1/staff/privacy-requests/{request_id}/{action}", json=body,
                           headers=staff_headers(who))

    return _act


def request_id(code: str) -> int:
    """The id of a request from its displayed code."""
    from privacy.models import RightsRequest

    return db.session.scalar(sa.select(RightsRequest.id).where(
        RightsRequest.code == code.replace("-", "")))
