"""Finding 1: tracking codes were public (Open311 listed them) and a phone number proved
ownership, so a stranger exported a citizen's name, phone and text.

Now the Open311 id is a separate public id; personal-data requests need the lookup token, a
one-time code sent to the citizen's own channel, or the Mini App identity, never the phone
alone; wrong proofs are throttled per item.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core import outbox
from core.db import db
from core.models import Delivery
from feedback.models import Feedback, OwnershipCode
from tests.privacy.conftest import last_code

PHONE = "0912 345 678"


@pytest.fixture
def item(submit, ctx) -> Feedback:
    code = submit().json["tracking_code"]
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))


def _ask_code(client, item, **contact):
    return client.post(f"/api/v1/feedback/{item.tracking_code}/ownership-code",
                       json=contact or {"phone": PHONE})


def _request(client, item, **proof):
    return client.post(f"/api/v1/feedback/{item.tracking_code}/privacy-requests",
                       json={"kind": "export", **proof})


def test_finding_01_open311_never_shows_the_tracking_code(client, item):
    listing = client.get("/open311/v2/requests.json").get_data(as_text=True)
    assert item.public_id in listing
    assert item.tracking_code not in listing
    assert f"{item.tracking_code[:4]}-{item.tracking_code[4:]}" not in listing
    # the tracking code is not an Open311 id, and the Open311 id is not a lookup code
    assert client.get(f"/open311/v2/requests/{item.tracking_code}.json").status_code == 404
    assert client.get(f"/open311/v2/requests/{item.public_id}.json").status_code == 200
    assert client.get(f"/api/v1/feedback/{item.public_id}",
                      query_string={"phone": PHONE}).status_code == 404


def test_finding_01_the_phone_alone_does_not_open_personal_data(client, item):
    refused = _request(client, item, phone=PHONE)
    assert refused.status_code == 422
    assert "Số điện thoại thôi chưa đủ" in refused.json["message"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.kind == "ownership_code", Delivery.subject_id == item.id)) == 0


def test_finding_01_a_code_sent_to_the_citizens_channel_proves_ownership_once(
        client, item, app):
    sent: list[tuple[str, str]] = []
    outbox.register_sender(app, "zns", lambda d: sent.append((d.recipient, d.payload["text"]))
                           or outbox.SendResult())
    try:
        assert _ask_code(client, item).status_code == 202
    finally:
        outbox.unregister_sender(app, "zns")
    code = last_code(item)
    assert len(code) == 6 and code.isdigit()
    # it went to the citizen's own phone, on their first route
    [(recipient, text)] = sent
    assert recipient == "+84912345678" and code in text
    assert _request(client, item, code="000000" if code != "000000" else "111111"
                    ).status_code == 404
    created = _request(client, item, code=code)
    assert created.status_code == 201, created.json
    assert _request(client, item, code=code).status_code == 404  # used up
    row = db.session.scalar(sa.select(OwnershipCode).where(OwnershipCode.feedback_id == item.id))
    assert row.used_at is not None and code not in row.code_hash


def test_finding_01_a_wrong_contact_gets_the_same_answer_and_no_code(client, item):
    answer = _ask_code(client, item, phone="0987 000 111")
    assert answer.status_code == 202
    assert answer.json == _ask_code(client, item).json  # the same sentence either way
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.kind == "ownership_code", Delivery.subject_id == item.id)) == 1


def test_finding_01_an_expired_code_is_refused(client, item, monkeypatch):
    _ask_code(client, item)
    code = last_code(item)
    row = db.session.scalar(sa.select(OwnershipCode).where(OwnershipCode.feedback_id == item.id))
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    assert _request(client, item, code=code).status_code == 404


def test_finding_01_the_lookup_token_still_proves_ownership(client, submit, ctx):
    created = submit(reporter=None, consent=None, anonymous=True).json
    token = created["lookup_token"]
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == created["tracking_code"].replace("-", "")))
    assert _request(client, item, kind="access", token=token).status_code == 201


def test_finding_01_wrong_proofs_are_throttled_per_item(client, item, submit):
    for _ in range(5):
        assert client.get(f"/api/v1/feedback/{item.tracking_code}",
                          query_string={"phone": "0987 000 111"}).status_code == 404
    # the item now refuses phones and codes for a while, the right ones included
    right = client.get(f"/api/v1/feedback/{item.tracking_code}", query_string={"phone": PHONE})
    assert right.status_code == 429 and right.json["code"] == 429
    assert _request(client, item, code="123456").status_code == 429
    assert _ask_code(client, item).status_code == 429
    # other items are not affected
    other = submit().json["tracking_code"]
    assert client.get(f"/api/v1/feedback/{other}", query_string={"phone": PHONE}).status_code \
        == 200


def test_finding_01_codes_sent_for_an_item_are_limited(client, item):
    statuses = [_ask_code(client, item).status_code for _ in range(4)]
    assert statuses == [202, 202, 202, 429]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.kind == "ownership_code", Delivery.subject_id == item.id)) == 3
