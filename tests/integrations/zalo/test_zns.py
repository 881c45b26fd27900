"""ZNS: feedback messages to a citizen's phone as approved Zalo templates, against the fake.

Receipts, status changes and answers by ZNS; the daily quota, users who cannot receive and
kinds without a template move the delivery to the citizen's next route (SMS); the night
window defers to 06:00; the delivery event marks a message delivered.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from core import outbox
from core.clock import LOCAL_TZ
from core.db import commit, db, transactional
from core.models import Delivery
from core.outbox import SendResult
from directory.auth import authenticate
from feedback import workflow
from feedback.models import Feedback
from integrations.zalo import client as zalo_client
from integrations.zalo import inbound, register_sender, zns
from integrations.zalo.client import ZaloError
from integrations.zalo.models import ZaloEvent, ZaloOAState

# Each action a unit of work of its own, as in a request.
perform = transactional(workflow.perform)

PHONE = "+84912345678"
ZNS_PHONE = "84912345678"
CLOCK_USERS = ("core.clock", "core.outbox", "feedback.service", "feedback.workflow")

TEMPLATES = {
    "feedback_receipt": {"template_id": "401001",
                         "params": {"ma_phan_anh": "code", "co_quan": "office",
                                    "han_xu_ly": "due"},
                         "limits": {"co_quan": 30}},
    "feedback_status": {"template_id": "401002",
                        "params": {"ma_phan_anh": "code", "trang_thai": "status_label"}},
    "feedback_answer": {"template_id": "401003",
                        "params": {"ma_phan_anh": "code", "tra_loi": "answer"}},
    "feedback_extension": {"template_id": "401004",
                           "params": {"ma_phan_anh": "code", "han_moi": "due"}},
    "feedback_info_request": {"template_id": "401005",
                              "params": {"ma_phan_anh": "code", "cau_hoi": "question"}},
}
# What Zalo approved: the same params, with their maximum lengths.
APPROVED = {
    "401001": {"ma_phan_anh": 20, "co_quan": 30, "han_xu_ly": 20},
    "401002": {"ma_phan_anh": 20, "trang_thai": 100},
    "401003": {"ma_phan_anh": 20, "tra_loi": 100},
    "401004": {"ma_phan_anh": 20, "han_moi": 20},
    "401005": {"ma_phan_anh": 20, "cau_hoi": 100},
}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


class Clock:
    """"now" for the app and the fake, moved by hand."""

    def __init__(self, moment: datetime):
        self.moment = moment.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment.astimezone(UTC)

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def zns_app(app, zalo, monkeypatch):
    """The Zalo app with ZNS templates, the fake approving them, a frozen clock at 10:00 in
    Vietnam on Thursday 10/12/2026, and a recording ``sms`` sender (the next route)."""
    import importlib

    clock = Clock(local(2026, 12, 10, 10, 0))
    for name in CLOCK_USERS:
        monkeypatch.setattr(importlib.import_module(name), "now", clock)
    zalo.now = lambda: clock().astimezone(LOCAL_TZ)
    for template_id, params in APPROVED.items():
        zalo.add_zns_template(template_id, params)
    state = db.session.get(ZaloOAState, 1)
    state.access_expires_at = clock() + timedelta(days=30)
    commit()
    zalo_client.forget_cached_token()
    saved = {k: app.config.get(k) for k in ("ZALO_ZNS_TEMPLATES", "ZALO_ZNS_MODE")}
    app.config.update(ZALO_ZNS_TEMPLATES=json.loads(json.dumps(TEMPLATES)),
                      ZALO_ZNS_MODE="production")
    register_sender(app)
    sms: list[dict] = []

    def send_sms(delivery: Delivery) -> SendResult:
        sms.append({"recipient": delivery.recipient, "kind": delivery.kind,
                    "text": delivery.payload["text"]})
        return SendResult("sent", external_id=f"sms-{len(sms)}")

    outbox.register_sender(app, "sms", send_sms)
    yield SimpleNamespace(fake=zalo, clock=clock, sms=sms)
    outbox.unregister_sender(app, "sms")
    outbox.unregister_sender(app, "zns")
    app.config.update(saved)


def _submit(submit, **overrides):
    response = submit(notify_via="zalo", **overrides)
    assert response.status_code == 201, response.json
    return db.session.scalar(sa.select(Feedback).order_by(Feedback.id.desc()).limit(1))


def _deliveries(item: Feedback) -> list[Delivery]:
    return list(db.session.scalars(
        sa.select(Delivery).where(Delivery.subject_type == "feedback",
                                  Delivery.subject_id == item.id)
        .order_by(Delivery.id).execution_options(populate_existing=True)))


def _queue(kind="feedback_status", routes=("zns", "sms"), key="z1", **payload):
    body = {"text": "Phản ánh BA32-PECF: đang xử lý.", "code": "BA32-PECF",
            "status": "in_progress", "status_label": "Đang xử lý", **payload}
    delivery_id = outbox.queue([outbox.Route(c, PHONE) for c in routes], None, kind, body,
                               key=key)
    commit()  # eager: sent after the commit
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def _template_calls(fake) -> int:
    return fake.calls["/message/template"]


# --- the parts ---------------------------------------------------------------------------------
def test_template_data_comes_from_the_payload_cut_to_limits():
    template = {"template_id": "1", "params": {"ma": "code", "noi_dung": "answer",
                                               "co_quan": "office", "them": "target"},
                "limits": {"co_quan": 12}}
    payload = {"code": "BA32-PECF", "answer": "Đã   sửa\nxong. " + "a" * 200,
               "office": "Phòng Kinh tế, Hạ tầng và Đô thị"}
    data = zns.template_data(template, payload)
    assert data["ma"] == "BA32-PECF"
    assert len(data["noi_dung"]) == zns.DEFAULT_PARAM_LIMIT == 100  # 99 + "…"
    assert data["noi_dung"].startswith("Đã sửa xong. aaa") and data["noi_dung"].endswith("…")
    assert data["co_quan"] == "Phòng Kinh…"
    assert data["them"] == ""  # a field this message does not have


def test_phone_is_sent_without_plus_and_only_for_vietnamese_mobiles():
    assert zns.zns_phone("+84912345678") == "84912345678"
    assert zns.zns_phone("+842439123456") is None  # a landline cannot receive ZNS
    assert zns.zns_phone("+12025550123") is None
    assert zns.zns_phone("0912345678") is None


def test_tracking_id_names_the_delivery():
    assert zns.tracking_id(123) == "d123"
    assert len(zns.tracking_id(10 ** 17)) <= 48


def test_night_window_and_quota_day_in_vietnam_time():
    assert not zns.in_night(local(2026, 12, 10, 21, 59))
    assert zns.in_night(local(2026, 12, 10, 22, 0))
    assert zns.in_night(local(2026, 12, 11, 5, 59))
    assert not zns.in_night(local(2026, 12, 11, 6, 0))
    assert zns.morning_after(local(2026, 12, 10, 23, 0)) == local(2026, 12, 11, 6, 0)
    assert zns.morning_after(local(2026, 12, 11, 1, 0)) == local(2026, 12, 11, 6, 0)
    assert zns.next_midnight(local(2026, 12, 10, 10, 0)) == local(2026, 12, 11, 0, 0)
    assert zns.next_midnight(local(2026, 12, 10, 10, 0)).tzinfo == UTC


@pytest.mark.parametrize("config", [
    [], {"feedback_receipt": {"params": {"a": "code"}}},
    {"feedback_receipt": {"template_id": "1", "params": {}}},
    {"feedback_receipt": {"template_id": "1", "params": {"a": "code"}, "limits": {"b": 5}}},
    {"feedback_receipt": {"template_id": "1", "params": {"a": "code"}, "limits": {"a": 0}}},
])
def test_a_malformed_template_setting_is_refused(config):
    with pytest.raises(ValueError):
        zns.check_templates(config)


@pytest.mark.parametrize("code,kind", [
    (-115, "quota"), (-144, "quota"), (-114, "unreachable"), (-118, "unreachable"),
    (-133, "night"), (-108, "phone"), (-109, "template"), (-131, "template"),
    (-111, "template_data"), (-112, "template_data"), (-1121, "template_data"),
    (-1122, "template_data"), (-124, "token"), (-100, "transient"),
    (-230, "unreachable"), (-216, "token"), (-201, "permanent"),  # OA codes unchanged
])
def test_zns_error_codes_map_to_kinds(code, kind):
    assert ZaloError(code, "x").kind == kind


# --- the client against the fake ---------------------------------------------------------------
def test_send_zns_returns_the_message_id_and_quota(zns_app):
    sent = zalo_client.send_zns(ZNS_PHONE, "401002", {"ma_phan_anh": "BA32-PECF",
                                                      "trang_thai": "Đang xử lý"}, "d1")
    assert sent.msg_id and sent.daily_quota == 500 and sent.remaining_quota == 499
    [message] = zns_app.fake.zns_sent()
    assert message["phone"] == ZNS_PHONE and message["tracking_id"] == "d1"
    assert message["mode"] is None


@pytest.mark.parametrize("phone,template_id,data,code", [
    ("0912345678", "401002", {"ma_phan_anh": "A", "trang_thai": "B"}, -108),
    (ZNS_PHONE, "999999", {"ma_phan_anh": "A", "trang_thai": "B"}, -109),
    (ZNS_PHONE, "401002", {"ma_phan_anh": "A"}, -1122),
    (ZNS_PHONE, "401002", {"ma_phan_anh": "A", "trang_thai": "B", "them": "C"}, -111),
    (ZNS_PHONE, "401002", {"ma_phan_anh": "A" * 21, "trang_thai": "B"}, -1121),
])
def test_the_fake_refuses_what_zalo_refuses(zns_app, phone, template_id, data, code):
    with pytest.raises(ZaloError) as info:
        zalo_client.send_zns(phone, template_id, data, "d1")
    assert info.value.code == code
    assert zns_app.fake.zns_sent() == []


def test_development_mode_is_sent_along(zns_app, app):
    app.config["ZALO_ZNS_MODE"] = "development"
    _queue()
    assert [m["mode"] for m in zns_app.fake.zns_sent()] == ["development"]


# --- feedback by ZNS ---------------------------------------------------------------------------
def test_receipt_status_and_answer_reach_the_phone_by_zns(zns_app, submit, world):
    fake = zns_app.fake
    item = _submit(submit)
    [receipt] = _deliveries(item)
    assert (receipt.channel, receipt.status, receipt.recipient) == ("zns", "sent", PHONE)
    [message] = fake.zns_sent()
    assert message["phone"] == ZNS_PHONE
    assert message["tracking_id"] == f"d{receipt.id}"
    assert receipt.external_id == message["msg_id"]
    assert message["template_id"] == "401001"
    assert message["template_data"] == {
        "ma_phan_anh": receipt.payload["code"],
        "co_quan": "Phòng Kinh tế, Hạ tầng và Đô…",  # cut to the template's 30
        "han_xu_ly": receipt.payload["due"]}
    assert receipt.history[-1]["template_id"] == "401001"
    assert receipt.history[-1]["remaining_quota"] == 499

    officer = authenticate(world.tokens["officer"])
    answer = "Đã san lấp ổ gà trước số 12. " + "Đơn vị thi công sẽ thảm lại mặt đường. " * 5
    for action, args in (("accept", {}), ("assign", {}), ("start", {}),
                         ("answer", {"answer": answer})):
        perform(item.id, action, officer, **args)
    deliveries = _deliveries(item)
    # accepted and in progress (assigning inside the office is not news to the citizen)
    assert [(d.kind, d.channel, d.status) for d in deliveries] == [
        ("feedback_receipt", "zns", "sent"), ("feedback_status", "zns", "sent"),
        ("feedback_status", "zns", "sent"), ("feedback_answer", "zns", "sent")]
    messages = fake.zns_sent(ZNS_PHONE)
    assert [m["template_id"] for m in messages] == ["401001", "401002", "401002", "401003"]
    assert messages[1]["template_data"]["trang_thai"] == deliveries[1].payload["status_label"]
    sent_answer = messages[-1]["template_data"]["tra_loi"]
    assert len(sent_answer) == 100 and sent_answer.startswith("Đã san lấp ổ gà")
    assert sent_answer.endswith("…")
    assert zns_app.sms == []


def test_info_request_and_extension_use_their_templates(zns_app):
    _queue("feedback_info_request", key="i1", question="Ổ gà ở trước nhà số mấy?")
    _queue("feedback_extension", key="e1", due="24/12/2026")
    first, second = zns_app.fake.zns_sent()
    assert first["template_data"] == {"ma_phan_anh": "BA32-PECF",
                                      "cau_hoi": "Ổ gà ở trước nhà số mấy?"}
    assert second["template_data"] == {"ma_phan_anh": "BA32-PECF", "han_moi": "24/12/2026"}


@pytest.mark.parametrize("code", [-144, -115])
def test_spent_quota_moves_to_sms_and_skips_zalo_until_midnight(zns_app, submit, world,
                                                                 code):
    fake, clock = zns_app.fake, zns_app.clock
    fake.zns_quota, fake.zns_quota_error = 0, code
    item = _submit(submit)
    [receipt] = _deliveries(item)
    assert (receipt.channel, receipt.status) == ("sms", "sent")
    first = receipt.history[0]
    assert first["channel"] == "zns" and first["outcome"] == "unreachable"
    assert str(code) in first["reason"]
    assert [s["kind"] for s in zns_app.sms] == ["feedback_receipt"]
    state = db.session.get(ZaloOAState, 1, populate_existing=True)
    assert state.zns_quota_until == local(2026, 12, 11, 0, 0)

    calls = _template_calls(fake)
    clock.set(local(2026, 12, 10, 21, 0))  # the same quota day
    perform(item.id, "accept", authenticate(world.tokens["officer"]))
    status = _deliveries(item)[-1]
    assert (status.channel, status.status) == ("sms", "sent")
    assert "hôm nay đã hết" in status.history[0]["reason"]
    assert _template_calls(fake) == calls  # Zalo not asked again

    clock.set(local(2026, 12, 11, 8, 0))  # a new quota day
    fake.zns_quota = 500
    later = _queue(key="next-day")
    assert (later.channel, later.status) == ("zns", "sent")


def test_the_last_message_of_the_quota_is_sent_and_the_next_moves_on(zns_app):
    fake = zns_app.fake
    fake.zns_quota = 1
    first = _queue(key="q1")
    assert (first.channel, first.status) == ("zns", "sent")
    second = _queue(key="q2")
    assert (second.channel, second.status) == ("sms", "sent")
    assert _template_calls(fake) == 1


@pytest.mark.parametrize("code", [-114, -118])
def test_a_user_who_cannot_receive_gets_the_next_route(zns_app, code):
    zns_app.fake.zns_phone_errors = {ZNS_PHONE: code}
    delivery = _queue()
    assert (delivery.channel, delivery.status) == ("sms", "sent")
    assert delivery.history[0]["outcome"] == "unreachable"
    assert str(code) in delivery.history[0]["reason"]
    assert db.session.get(ZaloOAState, 1, populate_existing=True).zns_quota_until is None


def test_a_bad_phone_fails_the_route(zns_app):
    zns_app.fake.zns_phone_errors = {ZNS_PHONE: -108}
    delivery = _queue(routes=("zns",))
    assert delivery.status == "failed" and "-108" in delivery.last_error
    assert delivery.attempts == 1


def test_a_number_that_cannot_have_zns_is_not_sent_to_zalo(zns_app):
    delivery_id = outbox.queue([outbox.Route("zns", "+842439123456"),
                                outbox.Route("sms", "+842439123456")], None,
                               "feedback_status", {"text": "x", "code": "A"}, key="land")
    commit()
    delivery = db.session.get(Delivery, delivery_id)
    assert (delivery.channel, delivery.status) == ("sms", "sent")
    assert _template_calls(zns_app.fake) == 0


def test_template_errors_fail_the_route(zns_app, app):
    app.config["ZALO_ZNS_TEMPLATES"]["feedback_status"]["template_id"] = "409999"
    delivery = _queue(routes=("zns",), key="t1")
    assert delivery.status == "failed" and "-109" in delivery.last_error
    app.config["ZALO_ZNS_TEMPLATES"]["feedback_status"]["template_id"] = "401002"
    zns_app.fake.add_zns_template("401002", ["ma_phan_anh", "trang_thai", "ngay"])
    delivery = _queue(key="t2")
    assert (delivery.channel, delivery.status) == ("sms", "sent")
    assert "-1122" in delivery.history[0]["reason"]


def test_a_kind_without_a_template_goes_to_the_next_route(zns_app, app):
    del app.config["ZALO_ZNS_TEMPLATES"]["feedback_extension"]
    delivery = _queue("feedback_extension", due="24/12/2026")
    assert (delivery.channel, delivery.status) == ("sms", "sent")
    assert delivery.history[0]["outcome"] == "unreachable"
    assert "feedback_extension" in delivery.history[0]["reason"]
    assert _template_calls(zns_app.fake) == 0


def test_at_night_nothing_is_sent_until_six(zns_app, runner):
    fake, clock = zns_app.fake, zns_app.clock
    clock.set(local(2026, 12, 10, 23, 0))
    delivery = _queue()
    assert (delivery.channel, delivery.status, delivery.attempts) == ("zns", "pending", 0)
    assert delivery.next_attempt_at == local(2026, 12, 11, 6, 0)
    assert delivery.history[-1]["outcome"] == "deferred"
    assert "06:00 11/12/2026" in delivery.last_error
    assert _template_calls(fake) == 0
    clock.set(local(2026, 12, 11, 5, 59))
    assert delivery.id not in outbox.due_ids()
    clock.set(local(2026, 12, 11, 6, 0))
    result = runner.invoke(args=["outbox", "sweep"])
    assert result.exit_code == 0, result.output
    delivery = db.session.get(Delivery, delivery.id, populate_existing=True)
    assert (delivery.channel, delivery.status) == ("zns", "sent")
    assert [m["tracking_id"] for m in fake.zns_sent()] == [f"d{delivery.id}"]


def test_zalo_saying_night_defers_to_six(zns_app):
    fake, clock = zns_app.fake, zns_app.clock
    clock.set(local(2026, 12, 10, 21, 59, 50))
    fake.now = lambda: local(2026, 12, 10, 22, 0, 5)  # Zalo's clock is a little ahead
    delivery = _queue()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert delivery.next_attempt_at == local(2026, 12, 11, 6, 0)
    assert _template_calls(fake) == 1 and fake.zns_sent() == []
    clock.set(local(2026, 12, 11, 6, 0))
    fake.now = lambda: clock().astimezone(LOCAL_TZ)
    assert outbox.send(delivery.id) == "sent"


def test_a_transient_error_is_retried(zns_app):
    zns_app.fake.zns_fail_next = [-100]
    delivery = _queue(routes=("zns",))
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.history[-1]["outcome"] == "retry"
    delivery.next_attempt_at = zns_app.clock()
    commit()
    assert outbox.send(delivery.id) == "sent"


def test_a_refused_token_is_refreshed_and_the_send_retried_once(zns_app):
    fake = zns_app.fake
    fake.revoke_access_tokens()
    zalo_client.forget_cached_token()
    delivery = _queue()
    assert (delivery.channel, delivery.status) == ("zns", "sent")
    assert fake.refresh_calls == 1 and _template_calls(fake) == 2


def test_a_lost_oa_token_moves_on_at_once(zns_app):
    state = db.session.get(ZaloOAState, 1)
    state.refresh_failed_at = zns_app.clock()
    commit()
    delivery = _queue()
    assert (delivery.channel, delivery.status) == ("sms", "sent")
    assert delivery.history[0]["outcome"] == "failed"
    assert "flask zalo connect" in delivery.history[0]["reason"]
    assert _template_calls(zns_app.fake) == 0


# --- the delivery event ------------------------------------------------------------------------
def test_the_delivery_event_marks_the_message_delivered(zns_app, send_event):
    delivery = _queue()
    body = zns_app.fake.zns_delivery_event(delivery.external_id)
    response = send_event(body=body)
    assert response.status_code == 200 and response.json["status"] == "ok"
    delivery = db.session.get(Delivery, delivery.id, populate_existing=True)
    assert delivery.status == "delivered"
    assert delivery.delivered_at == datetime.fromtimestamp(
        int(body["message"]["delivery_time"]) / 1000, UTC)
    assert delivery.history[-1]["outcome"] == "delivered"
    [event] = db.session.scalars(sa.select(ZaloEvent)).all()
    assert event.status == "processed" and event.user_id is None
    assert ZNS_PHONE not in json.dumps(event.payload)  # the phone is not kept
    assert send_event(body=body).json["status"] == "duplicate"


def test_a_delivery_event_for_an_unknown_message_is_ignored(zns_app, send_event):
    delivery = _queue()
    body = zns_app.fake.zns_delivery_event(delivery.external_id)
    body["message"]["msg_id"] = "not-ours"
    body["message"]["tracking_id"] = "d999999"
    assert send_event(body=body).json["status"] == "ok"
    assert db.session.scalar(sa.select(ZaloEvent.status)) == "processed"
    assert db.session.get(Delivery, delivery.id, populate_existing=True).status == "sent"


def test_an_oa_message_receipt_without_tracking_id_is_not_stored(zns_app, send_event):
    delivery = _queue()
    body = zns_app.fake.zns_delivery_event(delivery.external_id)
    del body["message"]["tracking_id"]
    assert send_event(body=body).json["status"] == "ignored"
    assert db.session.scalars(sa.select(ZaloEvent)).all() == []


def test_an_event_that_overtakes_the_send_waits_for_it(zns_app):
    """Zalo's event arrives while the worker has not yet recorded the message id."""
    delivery_id = outbox.insert("zns", PHONE, "feedback_status", {"text": "x"}, key="race")
    delivery = db.session.get(Delivery, delivery_id)
    delivery.status = "sending"
    event = ZaloEvent(event_key="received:m-race", event_name=zns.RECEIPT_EVENT,
                      payload={"message": {"msg_id": "m-race",
                                           "tracking_id": f"d{delivery_id}"}})
    db.session.add(event)
    commit()
    assert inbound.process(event.id) == "pending"
    delivery = db.session.get(Delivery, delivery_id)
    delivery.status, delivery.external_id = "sent", "m-race"
    commit()
    assert inbound.process(event.id) == "processed"
    assert db.session.get(Delivery, delivery_id, populate_existing=True).status == "delivered"
