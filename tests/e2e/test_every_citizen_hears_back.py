"""Every citizen hears back, end to end, against local peers the suite starts: the Zalo fake
(ZNS), a real SMPP server and a real SMTP server.

An item sent from the widget with a phone gets its receipt, a status change and its answer
by ZNS; with the ZNS quota spent, by SMS over SMPP; with only an e-mail, by e-mail. A send
inside the night window goes out at 06:00. A merged item's owner gets the answer. Without
SMS or mail settings, a delivery on that route fails with its reason after one sweep and
is listed in the console.
"""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from core import clock
from core.clock import LOCAL_TZ
from core.db import db
from core.models import Delivery
from feedback.models import Feedback
from integrations.zalo.models import ZaloOAState
from tests.conftest import PASSWORD, dispose, make_app, seed
from tests.console.conftest import Console
from tests.fakes.smpp_server import FakeSmsc
from tests.fakes.zalo import FakeServer, FakeZalo
from tests.integrations.mail.conftest import SmtpServer
from tests.integrations.sms.conftest import smpp_settings
from tests.integrations.zalo.conftest import APP_ID, zalo_config

TEMPLATES = {
    "feedback_receipt": {"template_id": "501001",
                         "params": {"ma_phan_anh": "code", "han_xu_ly": "due"}},
    "feedback_status": {"template_id": "501002",
                        "params": {"ma_phan_anh": "code", "trang_thai": "status_label"}},
    "feedback_answer": {"template_id": "501003",
                        "params": {"ma_phan_anh": "code", "tra_loi": "answer"}},
}
APPROVED = {"501001": {"ma_phan_anh": 20, "han_xu_ly": 20},
            "501002": {"ma_phan_anh": 20, "trang_thai": 100},
            "501003": {"ma_phan_anh": 20, "tra_loi": 100}}
CLOCK_USERS = ("core.clock", "core.outbox", "feedback.service", "feedback.workflow")
ANSWER = "Đã san lấp ổ gà trên đường Lê Lợi; mặt đường sẽ được thảm lại trong tuần."


@pytest.fixture(scope="module")
def peers():
    """The three partners, as local servers."""
    zalo = FakeZalo(APP_ID)
    zalo_server = FakeServer(zalo).start()
    for template_id, params in APPROVED.items():
        zalo.add_zns_template(template_id, params)
    smsc = FakeSmsc().start()
    smtp = SmtpServer().start()
    yield zalo, zalo_server, smsc, smtp
    smtp.stop()
    smsc.stop()
    zalo_server.stop()


def _make(tmp_path_factory, app, suffix, settings):
    made = make_app(tmp_path_factory, suffix, **settings)
    world = seed(made)
    app.extensions["celery"].set_current()  # the session app's Celery stays the default
    app.extensions["celery"].set_default()
    return made, world


@pytest.fixture(scope="module")
def stack(tmp_path_factory, app, peers):
    """An app with Zalo (ZNS), SMS over SMPP and e-mail all configured."""
    zalo, zalo_server, smsc, smtp = peers
    made, world = _make(tmp_path_factory, app, "_hears_back", {
        **zalo_config(zalo_server.url), "ZALO_ZNS_TEMPLATES": TEMPLATES,
        **smpp_settings(smsc), **smtp.settings()})
    with made.app_context():
        db.session.add(ZaloOAState(id=1, access_token=zalo.issue_access_token(),
                                   refresh_token=zalo.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(days=60)))
        db.session.commit()
    yield made, world
    dispose(made)


@pytest.fixture
def moment(monkeypatch, peers):
    """"Now" for the app and the Zalo fake: 10:00 on Thursday 10/12/2026 in Vietnam (ZNS is
    not sent at night); tests move it with ``moment[0] = …``."""
    now = [datetime(2026, 12, 10, 10, 0, tzinfo=LOCAL_TZ).astimezone(UTC)]
    for name in CLOCK_USERS:
        monkeypatch.setattr(importlib.import_module(name), "now", lambda: now[0])
    return now


@pytest.fixture
def hears_back(stack, peers, app, moment):
    """The stack's app current for this test (its tasks run in it), every peer emptied."""
    made, world = stack
    zalo, _, smsc, smtp = peers
    zalo.reset()
    zalo.now = lambda: moment[0].astimezone(LOCAL_TZ)
    for template_id, params in APPROVED.items():
        zalo.add_zns_template(template_id, params)
    smsc.reset()
    smtp.recorder.reset()
    made.extensions["celery"].set_current()
    made.extensions["celery"].set_default()
    with made.app_context():
        state = db.session.get(ZaloOAState, 1)  # the reset fake knows new tokens only
        state.access_token, state.refresh_token = (zalo.issue_access_token(),
                                                   zalo.issue_refresh_token())
        state.zns_quota_until = None  # a spent quota is remembered until midnight
        db.session.commit()
        from integrations.zalo import client as zalo_client

        zalo_client.forget_cached_token()
        yield made, world, made.test_client()
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


def _submit(client, world, **overrides):
    body = {"unit_code": world.commune, "category_code": "ha-tang", "channel": "widget",
            "description": "Ổ gà sâu trước số 12 Lê Lợi, rất nguy hiểm khi trời mưa.",
            "reporter": {"name": "Nguyễn Văn An", "phone": "0912 345 678"},
            "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}}
    body.update(overrides)
    response = client.post("/api/v1/feedback", json=body)
    assert response.status_code == 201, response.json
    code = response.json["tracking_code"]
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))
    return code, item


def _act(client, world, item, action, **body):
    response = client.post(f"/api/v1/staff/feedback/{item.id}/{action}", json=body,
                           headers={"Authorization": f"Bearer {world.tokens['officer']}"})
    assert response.status_code == 200, response.json


def _work_to_answer(client, world, item):
    """Accept, assign (inside the office: no message), start, answer: the citizen hears of
    the receipt, acceptance, start and answer (four messages)."""
    for action in ("accept", "assign", "start"):
        _act(client, world, item, action)
    _act(client, world, item, "answer", answer=ANSWER)


def _deliveries(item) -> list[Delivery]:
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == item.id)
        .order_by(Delivery.id).execution_options(populate_existing=True)))


def test_a_widget_item_with_a_phone_hears_back_by_zns(hears_back, peers):
    _, world, client = hears_back
    zalo, _, smsc, smtp = peers
    code, item = _submit(client, world, notify_via="zalo")
    _work_to_answer(client, world, item)
    sent = zalo.zns_sent("84912345678")
    assert [m["template_id"] for m in sent] == ["501001", "501002", "501002", "501003"]
    assert all(m["template_data"]["ma_phan_anh"] == code for m in sent)
    assert sent[1]["template_data"]["trang_thai"] == "Đã thụ lý"
    assert sent[-1]["template_data"]["tra_loi"] == ANSWER
    assert {(d.channel, d.status) for d in _deliveries(item)} == {("zns", "sent")}
    assert smsc.messages == [] and smtp.received == []


def test_with_the_zns_quota_spent_the_citizen_hears_back_by_sms_over_smpp(hears_back, peers):
    _, world, client = hears_back
    zalo, _, smsc, _ = peers
    zalo.zns_quota = 0
    code, item = _submit(client, world, notify_via="zalo")
    _work_to_answer(client, world, item)
    texts = [m.text for m in smsc.messages]
    assert len(texts) == 4 and all(code in text for text in texts)
    assert texts[0].startswith("Da tiep nhan phan anh")  # without diacritics (GSM 7-bit)
    assert smsc.messages[0].destination == "84912345678"
    assert smsc.messages[0].source == "UBND PXUAN" and smsc.messages[0].source_ton == 5
    receipt = _deliveries(item)[0]
    assert [(h["channel"], h["outcome"]) for h in receipt.history] == [
        ("zns", "unreachable"), ("sms", "sent")]
    assert receipt.history[-1]["segments"] >= 1
    assert zalo.zns_sent() == []


def test_with_only_an_email_the_citizen_hears_back_by_email(hears_back, peers):
    _, world, client = hears_back
    zalo, _, smsc, smtp = peers
    code, item = _submit(client, world, reporter={"name": "Trần Thị Bình",
                                                  "email": "binh@example.vn"})
    _work_to_answer(client, world, item)
    mails = smtp.received
    assert [r.rcpt_tos for r in mails] == [["binh@example.vn"]] * 4
    subjects = [r.message["Subject"] for r in mails]
    assert subjects[0] == f"Phản ánh {code}: đã tiếp nhận"
    body = mails[-1].message.get_body(("plain",)).get_content()
    assert ANSWER in body
    assert zalo.zns_sent() == [] and smsc.messages == []


def test_a_send_inside_the_night_window_goes_out_at_six(hears_back, peers, moment,
                                                        runner_for):
    made, world, client = hears_back
    zalo, _, _, _ = peers
    moment[0] = datetime(2026, 12, 10, 23, 30, tzinfo=LOCAL_TZ).astimezone(UTC)
    _, item = _submit(client, world, notify_via="zalo")
    [receipt] = _deliveries(item)
    assert (receipt.channel, receipt.status) == ("zns", "pending")
    assert receipt.next_attempt_at == datetime(2026, 12, 11, 6, 0, tzinfo=LOCAL_TZ)
    assert zalo.zns_sent() == []
    moment[0] = datetime(2026, 12, 11, 5, 59, tzinfo=LOCAL_TZ).astimezone(UTC)
    runner_for(made).invoke(args=["outbox", "sweep"])
    assert zalo.zns_sent() == []
    moment[0] = datetime(2026, 12, 11, 6, 0, tzinfo=LOCAL_TZ).astimezone(UTC)
    result = runner_for(made).invoke(args=["outbox", "sweep"])
    assert result.exit_code == 0, result.output
    [message] = zalo.zns_sent()
    assert message["tracking_id"] == f"d{receipt.id}"
    assert _deliveries(item)[0].status == "sent"


def test_the_owner_of_a_merged_item_gets_the_answer(hears_back, peers):
    _, world, client = hears_back
    zalo, _, _, _ = peers
    target_code, target = _submit(client, world, notify_via="zalo")
    duplicate_code, duplicate = _submit(
        client, world, notify_via="zalo", reporter={"name": "Lê Thị Cúc",
                                                    "phone": "0987 654 321"})
    _act(client, world, duplicate, "merge", target_code=target_code)
    _work_to_answer(client, world, target)
    to_duplicate = zalo.zns_sent("84987654321")
    assert to_duplicate[-1]["template_id"] == "501003"
    assert to_duplicate[-1]["template_data"] == {"ma_phan_anh": duplicate_code,
                                                 "tra_loi": ANSWER}
    lookup = client.get(f"/api/v1/feedback/{duplicate_code}?phone=0987654321").json
    assert lookup["status"] == "closed"
    assert lookup["public_answer"] == ANSWER and lookup["merged_into"] == target_code


def test_without_sms_or_mail_settings_a_delivery_fails_after_one_sweep_and_is_listed(
        tmp_path_factory, app, monkeypatch, runner_for):
    made, world = _make(tmp_path_factory, app, "_no_channels", {})
    try:
        made.extensions["celery"].set_current()
        made.extensions["celery"].set_default()
        with made.app_context():
            monkeypatch.setattr("core.outbox.enqueue", lambda delivery_id: None)  # broker down
            client = made.test_client()
            _, by_phone = _submit(client, world, notify_via="sms")
            _, by_mail = _submit(client, world, reporter={"name": "Bình",
                                                          "email": "binh@example.vn"})
            assert {d.status for d in _deliveries(by_phone) + _deliveries(by_mail)} == {
                "pending"}
            runner_for(made).invoke(args=["outbox", "sweep"])
            [sms] = _deliveries(by_phone)
            [mail] = _deliveries(by_mail)
            assert (sms.status, mail.status) == ("failed", "failed")
            assert [h["channel"] for h in sms.history] == ["sms", "zns"]
            assert sms.last_error == "Chưa cấu hình kênh gửi zns."
            assert mail.last_error == "Chưa cấu hình kênh gửi email."
            console = Console(made.test_client())
            assert console.login("leader", PASSWORD).status_code == 303
            page = console.get("/console/messages/undelivered").get_data(as_text=True)
            assert f'data-delivery="{sms.id}"' in page and f'data-delivery="{mail.id}"' in page
            assert "Chưa cấu hình kênh gửi email." in page
    finally:
        app.extensions["celery"].set_current()
        app.extensions["celery"].set_default()
        dispose(made)


@pytest.fixture
def runner_for():
    """``runner_for(app)``: a CLI runner of that app."""
    return lambda made: made.test_cli_runner()
