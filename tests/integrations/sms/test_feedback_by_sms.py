"""A citizen who asks to be told by SMS gets the receipt of their feedback as an SMS carrying
the tracking code, through an app configured for SMPP (its own database and real commits)."""

import pytest
import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from integrations.sms import tasks
from tests.conftest import COMMUNE, make_app, seed
from tests.fakes.smpp_server import FakeSmsc
from tests.integrations.sms.conftest import PASSWORD, SYSTEM_ID, smpp_settings
from tests.procs import wait_for


@pytest.fixture(scope="module")
def sms_world(tmp_path_factory, app):
    """An app sending SMS over SMPP to its own fake SMSC, seeded."""
    with FakeSmsc(SYSTEM_ID, PASSWORD) as smsc:
        sms_app = make_app(tmp_path_factory, "_sms", **smpp_settings(smsc))
        app.extensions["celery"].set_current()  # keep the session app's Celery current
        app.extensions["celery"].set_default()
        seed(sms_app)
        yield sms_app, smsc
        from integrations import sms

        sms.disable(sms_app)
        from tests.conftest import dispose

        dispose(sms_app)


@pytest.fixture
def sms_app(sms_world, app):
    """The SMS app with its Celery current for this test (restored after)."""
    sms_app, smsc = sms_world
    sms_app.extensions["celery"].set_current()
    sms_app.extensions["celery"].set_default()
    smsc.reset()
    yield sms_app, smsc
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


def test_the_feedback_receipt_arrives_by_sms_with_its_code(sms_app):
    sms_app, smsc = sms_app
    response = sms_app.test_client().post("/api/v1/feedback", json={
        "unit_code": COMMUNE, "category_code": "ha-tang",
        "title": "Ổ gà trên đường Lê Lợi",
        "description": "Đoạn trước số 12 có ổ gà sâu, rất nguy hiểm khi trời mưa.",
        "reporter": {"name": "Nguyễn Văn An", "phone": "0912 345 678"},
        "notify_via": "sms",
        "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}})
    assert response.status_code == 201, response.json
    code = response.json["tracking_code"]
    [message] = smsc.messages
    assert message.destination == "84912345678"
    assert (message.source, message.source_ton) == ("UBND PXUAN", 5)
    assert f"ma tra cuu {code}" in message.text
    assert "Co quan xu ly: Phong Kinh te, Ha tang va Do thi." in message.text
    with sms_app.app_context():
        delivery = db.session.scalar(sa.select(Delivery).where(
            Delivery.kind == "feedback_receipt", Delivery.channel == "sms"))
        assert delivery.status == "sent" and delivery.recipient == "+84912345678"
        assert delivery.external_id == message.message_ids[0]
        assert delivery.history[-1]["segments"] == 1
    assert smsc.send_receipt(message.message_ids[0])

    def delivered():
        with sms_app.app_context():
            tasks.poll_receipts()
            db.session.expire_all()
            return db.session.get(Delivery, delivery.id).status == "delivered"

    wait_for(delivered, timeout=10, what="the SMS receipt to be recorded")


def test_the_smpp_app_polls_receipts_on_beat(sms_app):
    sms_app, _ = sms_app
    assert sms_app.extensions["periodic"]["sms-poll-receipts"][0] == "sms.poll_receipts"
    assert sms_app.test_client().get("/readyz").json["checks"]["sms"] == "smpp"
