"""SMS fixtures: a real SMPP server and a fake HTTP provider on 127.0.0.1, settings pointing
at them, and the session app with SMS switched on for one test.

Other tests can import them: ``from tests.integrations.sms.conftest import smpp_server,
smpp_settings`` (a fixture imported into a test module is available there).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.smpp_server import FakeSmsc
from tests.fakes.sms_http import FakeSmsProvider

SYSTEM_ID = "thongtin"
PASSWORD = "secret"
BRANDNAME = "UBND PXUAN"
PHONE = "+84912345678"


def smpp_settings(server: FakeSmsc, **overrides: Any) -> dict[str, Any]:
    """App settings for SMS over SMPP to ``server``."""
    return {"SMS_ADAPTER": "smpp", "SMPP_HOST": server.host, "SMPP_PORT": server.port,
            "SMPP_SYSTEM_ID": SYSTEM_ID, "SMPP_PASSWORD": PASSWORD, "SMPP_SYSTEM_TYPE": "",
            "SMS_SOURCE_ADDR": BRANDNAME, "SMS_UNICODE": False, "SMS_MAX_SEGMENTS": 3,
            "SMS_TIMEOUT_SECONDS": 5.0, **overrides}


HTTP_BODY = {"ApiKey": "key-in-body", "Phone": "{phone}", "Content": "{text}",
             "Brandname": "{sender}", "RequestId": "{reference}", "IsUnicode": "{unicode}",
             "SmsType": "2", "Meta": {"note": "thongtin-{reference}"}}


def http_settings(provider: FakeSmsProvider, **overrides: Any) -> dict[str, Any]:
    """App settings for SMS over ``provider``'s HTTP API (eSMS-like body and reply)."""
    return {"SMS_ADAPTER": "http", "SMS_HTTP_URL": provider.url + "/MainService.svc/json",
            "SMS_HTTP_HEADERS": {"X-Api-Key": "test-key"}, "SMS_HTTP_BODY": HTTP_BODY,
            "SMS_HTTP_ID_FIELD": "SMSID",
            "SMS_HTTP_SUCCESS": {"field": "CodeResult", "value": "100"},
            "SMS_SOURCE_ADDR": BRANDNAME, "SMS_UNICODE": False, "SMS_MAX_SEGMENTS": 3,
            "SMS_TIMEOUT_SECONDS": 5.0, **overrides}


@pytest.fixture(scope="session")
def _smsc():
    with FakeSmsc(SYSTEM_ID, PASSWORD) as server:
        yield server


@pytest.fixture
def smpp_server(_smsc) -> FakeSmsc:
    """The fake SMSC, with nothing seen yet (``.messages``, ``.submits``, ``.binds``)."""
    _smsc.reset()
    return _smsc


@pytest.fixture(scope="session")
def _provider():
    with FakeSmsProvider() as provider:
        yield provider


@pytest.fixture
def http_provider(_provider) -> FakeSmsProvider:
    """The fake HTTP provider, with nothing received yet (``.requests``)."""
    _provider.reset()
    yield _provider
    _provider.reset()


@pytest.fixture
def use_sms(app, ctx):
    """``use_sms(**settings)`` switches SMS on in the session app for this test (its Celery
    made current), returning the gateway; it is closed and the settings restored after."""
    from integrations import sms
    from integrations.sms.gateway import gateway

    saved: dict[str, Any] = {}

    def _use(**settings: Any):
        for key in settings:
            saved.setdefault(key, app.config.get(key))
        app.config.update(settings)
        app.extensions["celery"].set_current()
        app.extensions["celery"].set_default()
        sms.enable(app)
        return gateway(app)

    yield _use
    sms.disable(app)
    app.config.update(saved)
