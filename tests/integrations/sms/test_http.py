"""The SMS sender over a provider's HTTP API, against a fake provider on 127.0.0.1."""

from datetime import timedelta

import pytest

from core import outbox
from core.db import commit, db
from core.models import Delivery
from integrations.sms import ConfigError, build_gateway
from tests.integrations.sms.conftest import BRANDNAME, PHONE, http_settings

CODE = "BA32-PECF"
RECEIPT = {"code": CODE, "tracking_code": "BA32PECF", "status": "received",
           "status_label": "Đã tiếp nhận", "office": "Công an phường Phú Xuân",
           "due": "05/12/2026", "text": "Phản ánh của bạn đã được tiếp nhận."}


@pytest.fixture
def provider(use_sms, http_provider):
    """The session app sending SMS through the fake provider; the provider is returned."""
    use_sms(**http_settings(http_provider))
    return http_provider


def _send(kind="feedback_receipt", payload=None, key="sms-http-1", routes=None):
    routes = routes or [outbox.Route("sms", PHONE)]
    delivery_id = outbox.queue(routes, None, kind, payload or RECEIPT, key=key)
    commit()
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def test_the_body_template_is_filled_and_the_id_kept(provider):
    delivery = _send()
    assert delivery.status == "sent"
    [request] = provider.requests
    assert request.method == "POST" and request.path == "/MainService.svc/json"
    assert request.headers["X-Api-Key"] == "test-key"
    assert request.json == {
        "ApiKey": "key-in-body", "Phone": "84912345678",
        "Content": "Da tiep nhan phan anh, ma tra cuu BA32-PECF. Co quan xu ly: Cong an "
                   "phuong Phu Xuan. Han tra loi: 05/12/2026.",
        "Brandname": BRANDNAME, "RequestId": str(delivery.id), "IsUnicode": "0",
        "SmsType": "2", "Meta": {"note": f"thongtin-{delivery.id}"}}
    assert delivery.external_id == "sms-1"
    assert delivery.history[-1]["segments"] == 1
    assert delivery.history[-1]["encoding"] == "gsm7"


def test_unicode_is_flagged_to_the_provider(use_sms, http_provider):
    use_sms(**http_settings(http_provider, SMS_UNICODE=True))
    _send()
    body = http_provider.requests[0].json
    assert body["IsUnicode"] == "1" and body["Content"].startswith("Đã tiếp nhận phản ánh")


def test_a_nested_id_field_is_found(use_sms, http_provider):
    use_sms(**http_settings(http_provider, SMS_HTTP_SUCCESS={"field": "status", "value": 0},
                            SMS_HTTP_ID_FIELD="data.messages.0.id"))
    http_provider.reply(200, {"status": 0, "data": {"messages": [{"id": 98765}]}})
    assert _send().external_id == "98765"


def test_without_checks_any_2xx_is_success(use_sms, http_provider):
    use_sms(**http_settings(http_provider, SMS_HTTP_SUCCESS=None, SMS_HTTP_ID_FIELD=None))
    http_provider.reply(202, "accepted")
    delivery = _send()
    assert delivery.status == "sent" and delivery.external_id is None


def test_a_server_error_is_retried_after_retry_after(provider, monkeypatch):
    provider.reply(503, {"error": "maintenance"}, headers={"Retry-After": "120"})
    delivery = _send()
    assert delivery.status == "pending"
    assert delivery.last_error == "Nhà cung cấp SMS trả lời HTTP 503."
    # Retry-After: 120 s (with the outbox's jitter, at least half of it)
    assert delivery.next_attempt_at >= delivery.created_at + timedelta(seconds=59)
    moment = delivery.next_attempt_at + timedelta(seconds=1)
    monkeypatch.setattr("core.outbox.now", lambda: moment)
    assert outbox.send(delivery.id) == "sent"
    assert len(provider.requests) == 2
    assert provider.requests[0].json["RequestId"] == provider.requests[1].json["RequestId"]


def test_too_many_requests_is_retried(provider):
    provider.reply(429)
    assert _send().status == "pending"


def test_a_client_error_fails_the_route(provider, app):
    provider.reply(400, {"CodeResult": "104", "ErrorMessage": "Brandname chưa đăng ký"})
    delivery = _send()
    assert delivery.status == "failed"
    assert delivery.last_error == "Nhà cung cấp SMS trả lời HTTP 400."
    assert len(provider.requests) == 1


def test_a_failed_success_check_fails_the_route(provider):
    provider.reply(200, {"CodeResult": "99", "ErrorMessage": "Số điện thoại không hợp lệ"})
    delivery = _send()
    assert delivery.status == "failed"
    assert delivery.last_error == "Nhà cung cấp SMS báo không gửi được (CodeResult = 99)."


def test_a_timeout_is_retried(use_sms, http_provider):
    use_sms(**http_settings(http_provider, SMS_TIMEOUT_SECONDS=0.3))
    http_provider.reply(200, delay=10)  # released when the test ends
    delivery = _send()
    assert delivery.status == "pending"
    assert delivery.last_error == "Nhà cung cấp SMS không trả lời trong thời gian chờ."


def test_an_unreachable_provider_is_retried(use_sms, http_provider):
    from tests.procs import free_port

    use_sms(**http_settings(http_provider,
                            SMS_HTTP_URL=f"http://127.0.0.1:{free_port()}/send"))
    delivery = _send()
    assert delivery.status == "pending"
    assert delivery.last_error.startswith("Không kết nối được nhà cung cấp SMS")


def test_readyz_names_the_adapter(provider, client):
    assert client.get("/readyz").json["checks"]["sms"] == "http"


# --- start-up checks ----------------------------------------------------------------------
@pytest.mark.parametrize("settings, message", [
    ({"SMS_ADAPTER": "smpp"}, "SMS_ADAPTER=smpp cần đặt thêm: SMPP_HOST, SMPP_SYSTEM_ID, "
                              "SMPP_PASSWORD, SMS_SOURCE_ADDR."),
    ({"SMS_ADAPTER": "http"}, "SMS_ADAPTER=http cần đặt thêm: SMS_HTTP_URL, SMS_HTTP_BODY."),
    ({"SMS_ADAPTER": "sms"}, "SMS_ADAPTER phải là “smpp” hoặc “http” (đang là “sms”)."),
    ({"SMS_ADAPTER": "http", "SMS_HTTP_URL": "http://127.0.0.1/x",
      "SMS_HTTP_BODY": {"from": "{sender}"}}, "SMS_ADAPTER=http cần đặt thêm: SMS_SOURCE_ADDR."),
    ({"SMS_ADAPTER": "http", "SMS_HTTP_URL": "http://127.0.0.1/x", "SMS_HTTP_BODY": "{}"},
     "Cấu hình SMS không hợp lệ: SMS_HTTP_BODY phải là một đối tượng JSON"),
    ({"SMS_ADAPTER": "smpp", "SMPP_HOST": "127.0.0.1", "SMPP_SYSTEM_ID": "a",
      "SMPP_PASSWORD": "b", "SMS_SOURCE_ADDR": "UBND PHUONG PHU XUAN"},
     "Cấu hình SMS không hợp lệ: tên định danh SMS_SOURCE_ADDR dài tối đa 11 ký tự"),
])
def test_an_incomplete_configuration_stops_start_up(app, settings, message):
    config = {**app.config, "SMS_ADAPTER": None, **settings}
    with pytest.raises(ConfigError) as caught:
        build_gateway(config)
    assert str(caught.value) == message


def test_numbers_read_from_the_environment_are_accepted(app):
    config = {**app.config, "SMS_ADAPTER": "smpp", "SMPP_HOST": "127.0.0.1",
              "SMPP_SYSTEM_ID": 12345, "SMPP_PASSWORD": 123456, "SMS_SOURCE_ADDR": 8088}
    gateway = build_gateway(config)
    assert (gateway.system_id, gateway.password, gateway.source) == ("12345", "123456", "8088")


def test_placeholders_are_filled_once_so_a_text_cannot_inject_one():
    from integrations.sms.http_api import fill

    values = {"phone": "84912345678", "text": "Giá {sender} {phone}", "sender": "UBND",
              "reference": "7", "unicode": "0"}
    assert fill({"m": "{text}", "u": "{unicode}", "s": "[{unicode}] {reference}",
                 "list": ["{phone}", 3, True]}, values) == {
        "m": "Giá {sender} {phone}", "u": "0", "s": "[0] 7", "list": ["84912345678", 3, True]}


def test_start_up_fails_with_the_message_when_sms_is_incomplete(tmp_path):
    from app import create_app

    with pytest.raises(ConfigError, match="SMS_ADAPTER=smpp cần đặt thêm: SMPP_HOST"):
        create_app({"TESTING": True, "SMS_ADAPTER": "smpp",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
