"""The SMS sender over SMPP 3.4, against a real SMPP server on 127.0.0.1."""

from datetime import timedelta

import pytest

from core import outbox
from core.db import commit, db
from core.models import Delivery
from integrations.sms import gsm, tasks
from tests.fakes.smpp_server import RBINDFAIL, RINVDSTADR, RMSGQFUL, RTHROTTLED
from tests.integrations.sms.conftest import BRANDNAME, PHONE, smpp_settings
from tests.procs import wait_for

CODE = "BA32-PECF"
RECEIPT = {"code": CODE, "tracking_code": "BA32PECF", "status": "received",
           "status_label": "Đã tiếp nhận", "office": "Phòng Kinh tế, Hạ tầng và Đô thị",
           "due": "05/12/2026", "text": "Phản ánh của bạn đã được tiếp nhận."}
LONG_ANSWER = ("Ủy ban nhân dân phường đã chỉ đạo đơn vị thi công vá ổ gà, lắp biển cảnh báo "
               "và kiểm tra lại toàn tuyến đường Lê Lợi. ") * 6


@pytest.fixture
def smpp(use_sms, smpp_server):
    """The session app sending SMS over SMPP to the fake server; the server is returned."""
    use_sms(**smpp_settings(smpp_server))
    return smpp_server


def _send(kind="feedback_receipt", payload=None, key="sms-1", routes=None):
    routes = routes or [outbox.Route("sms", PHONE)]
    delivery_id = outbox.queue(routes, None, kind, payload or RECEIPT, key=key)
    commit()
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def _later(monkeypatch, delivery):
    moment = delivery.next_attempt_at + timedelta(seconds=1)
    monkeypatch.setattr("core.outbox.now", lambda: moment)


def test_a_receipt_goes_as_one_gsm7_message_from_the_brandname(smpp):
    delivery = _send()
    assert delivery.status == "sent"
    [message] = smpp.messages
    assert (message.source, message.source_ton, message.source_npi) == (BRANDNAME, 5, 0)
    assert (message.destination, message.dest_ton, message.dest_npi) == ("84912345678", 1, 1)
    assert message.registered_delivery == 1 and message.data_coding == 0
    assert message.esm_class == 0 and message.parts == 1
    assert message.text == ("Da tiep nhan phan anh, ma tra cuu BA32-PECF. Co quan xu ly: Phong "
                            "Kinh te, Ha tang va Do thi. Han tra loi: 05/12/2026.")
    assert delivery.external_id == message.message_ids[0]
    assert delivery.history[-1]["segments"] == 1
    assert delivery.history[-1]["encoding"] == "gsm7"
    assert [b[0] for b in smpp.binds] == ["bind_transceiver"]


def test_a_long_answer_goes_in_concatenated_parts(smpp):
    delivery = _send("feedback_answer", {**RECEIPT, "answer": LONG_ANSWER})
    [message] = smpp.messages
    assert message.parts == 3 and message.esm_class == 0x40
    assert len(smpp.submits) == 3
    assert message.text.startswith("Phan anh BA32-PECF da co tra loi: Uy ban nhan dan phuong")
    assert message.text.endswith("... Xem day du: tra cuu ma BA32-PECF.")
    assert delivery.history[-1]["segments"] == 3
    assert delivery.external_id == message.message_ids[0]


def test_unicode_keeps_diacritics_in_ucs2_parts(use_sms, smpp_server):
    use_sms(**smpp_settings(smpp_server, SMS_UNICODE=True))
    delivery = _send("feedback_answer", {**RECEIPT, "answer": "Đã vá xong ổ gà ở đầu kiệt 5."})
    [message] = smpp_server.messages
    assert message.data_coding == 8
    assert message.text == "Phản ánh BA32-PECF đã có trả lời: Đã vá xong ổ gà ở đầu kiệt 5."
    assert (message.parts, delivery.history[-1]["segments"]) == (1, 1)
    assert delivery.history[-1]["encoding"] == "ucs2"
    smpp_server.reset()
    delivery = _send("feedback_answer", {**RECEIPT, "answer": LONG_ANSWER}, key="sms-2")
    [message] = smpp_server.messages
    assert message.data_coding == 8 and message.esm_class == 0x40
    assert message.parts == delivery.history[-1]["segments"] == 3
    assert message.text.endswith("… Xem đầy đủ: tra cứu mã BA32-PECF.")
    assert gsm.segments(message.text, gsm.UCS2) == 3


def test_a_number_as_sender_goes_as_an_international_number(use_sms, smpp_server):
    use_sms(**smpp_settings(smpp_server, SMS_SOURCE_ADDR="84901234567"))
    _send()
    [message] = smpp_server.messages
    assert (message.source, message.source_ton, message.source_npi) == ("84901234567", 1, 1)


def test_throttling_is_retried_on_the_same_route_then_sent(smpp, monkeypatch):
    smpp.fail_next(RTHROTTLED)
    delivery = _send()
    assert delivery.status == "pending" and smpp.messages == []
    assert delivery.history[-1]["outcome"] == "retry"
    assert "0x58" in delivery.history[-1]["reason"]
    _later(monkeypatch, delivery)
    assert outbox.send(delivery.id) == "sent"
    assert len(smpp.messages) == 1


def test_a_full_queue_is_retried_too(smpp, monkeypatch):
    smpp.fail_next(RMSGQFUL)
    delivery = _send()
    assert delivery.status == "pending" and "0x14" in delivery.last_error


def test_an_invalid_destination_fails_and_the_next_route_is_tried(smpp, app):
    told = []
    outbox.register_sender(app, "email", lambda d: told.append(d.recipient)
                           or outbox.SendResult())
    try:
        smpp.fail_next(RINVDSTADR)
        delivery = _send(routes=[outbox.Route("sms", PHONE),
                                 outbox.Route("email", "lan@example.vn")])
    finally:
        outbox.unregister_sender(app, "email")
    db.session.refresh(delivery)
    assert (delivery.status, delivery.channel) == ("sent", "email")
    assert told == ["lan@example.vn"]
    failed = [h for h in delivery.history if h["channel"] == "sms"]
    assert failed[0]["outcome"] == "failed"
    assert failed[0]["reason"] == "SMPP 0x0B: số nhận không hợp lệ"
    assert smpp.messages == []


def test_a_dropped_connection_is_bound_again(smpp):
    assert _send(key="sms-1").status == "sent"
    smpp.drop_connections()
    smpp.wait_closed()
    assert _send(key="sms-2").status == "sent"
    assert len(smpp.messages) == 2
    assert [b[0] for b in smpp.binds] == ["bind_transceiver", "bind_transceiver"]


def test_one_link_serves_many_messages(smpp):
    for n in range(3):
        assert _send(key=f"sms-{n}").status == "sent"
    assert len(smpp.binds) == 1 and len(smpp.messages) == 3


def test_a_refused_bind_is_temporary(use_sms, smpp_server):
    use_sms(**smpp_settings(smpp_server, SMPP_PASSWORD="wrong"))
    delivery = _send()
    assert delivery.status == "pending"
    assert delivery.last_error.startswith("Không đăng nhập được tổng đài SMPP")
    assert smpp_server.binds == [("bind_transceiver", "thongtin", RBINDFAIL)]


def test_an_unreachable_smsc_is_temporary(use_sms, smpp_server):
    from tests.procs import free_port

    use_sms(**smpp_settings(smpp_server, SMPP_PORT=free_port()))
    delivery = _send()
    assert delivery.status == "pending" and "SMPP" in delivery.last_error


@pytest.mark.parametrize("tlv", [True, False])
def test_a_delivery_receipt_marks_the_delivery_delivered(smpp, tlv):
    delivery = _send()
    assert delivery.status == "sent"
    assert smpp.send_receipt(delivery.external_id, tlv=tlv)

    def delivered():
        tasks.poll_receipts()
        db.session.expire_all()
        return db.session.get(Delivery, delivery.id).status == "delivered"

    wait_for(delivered, timeout=10, what="the receipt to be recorded")
    db.session.refresh(delivery)
    assert delivery.delivered_at is not None
    assert delivery.history[-1]["outcome"] == "delivered"
    wait_for(lambda: smpp.receipt_answers, timeout=10, what="deliver_sm_resp at the SMSC")
    assert smpp.receipt_answers[-1][1] == 0  # the receipt was acknowledged


def test_an_undelivered_receipt_leaves_the_delivery_sent(smpp):
    delivery = _send()
    smpp.send_receipt(delivery.external_id, stat="UNDELIV")
    wait_for(lambda: tasks.poll_receipts() is not None and smpp.receipt_answers, timeout=10,
             what="the receipt to be answered")
    db.session.refresh(delivery)
    assert delivery.status == "sent"


def test_unknown_kinds_send_the_payload_text(smpp):
    _send("notice_digest", {"text": "Lịch cắt điện ngày 05/12: 8h–11h khu vực Kim Long."})
    assert smpp.messages[0].text == "Lich cat dien ngay 05/12: 8h-11h khu vuc Kim Long."


def test_an_invalid_phone_fails_without_reaching_the_smsc(smpp):
    delivery = _send(routes=[outbox.Route("sms", "12345")])
    assert delivery.status == "failed" and smpp.submits == []
    assert delivery.last_error == "Số điện thoại người nhận không hợp lệ cho SMS."


def test_readyz_names_the_adapter(smpp, client):
    assert client.get("/readyz").json["checks"]["sms"] == "smpp"


def test_readyz_says_off_without_an_adapter(client):
    assert client.get("/readyz").json["checks"]["sms"] == "off"
