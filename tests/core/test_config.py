"""Settings are declared with their types: environment values are read as those types (a code
stays a string), a wrong type stops the start naming the variable, and ``/readyz`` says which
integrations are on without showing any setting."""

from __future__ import annotations

import types
import typing

import pytest

from app import create_app
from core.config import ConfigError, DefaultConfig, declared_types, parse, read_environment

SUPPORTED = {str, int, float, bool, dict, list, typing.Any}


def _app(**config):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "CELERY_TASK_ALWAYS_EAGER": True, **config})


@pytest.fixture
def restore_celery(app):
    """Apps made here must not take the session app's eager tasks."""
    yield
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


def _kinds(declared) -> set:
    args = typing.get_args(declared)
    if typing.get_origin(declared) in (typing.Union, types.UnionType):
        return set().union(*(_kinds(a) for a in args if a is not type(None)))
    return {typing.get_origin(declared) or declared}


def test_every_setting_has_a_type_the_environment_can_be_read_as():
    declared = declared_types()
    assert set(declared) == {name for name in dir(DefaultConfig) if name.isupper()}
    unsupported = {name: kind for name, kind in declared.items() if not _kinds(kind) <= SUPPORTED}
    assert unsupported == {}


def test_a_code_stays_a_string(monkeypatch, restore_celery):
    monkeypatch.setenv("SOURCE_SYSTEM_PROVINCE", "46")
    monkeypatch.setenv("ZALO_APP_ID", "1234567890")
    app = _app()
    assert app.config["SOURCE_SYSTEM_PROVINCE"] == "46"
    assert app.config["ZALO_APP_ID"] == "1234567890"


def test_values_are_read_as_their_declared_types(monkeypatch, restore_celery):
    for name, raw in {"RATELIMIT_ENABLED": "false", "SMS_UNICODE": "yes",
                      "FEEDBACK_DEFAULT_DUE_DAYS": " 7 ", "ZALO_TIMEOUT_SECONDS": "2.5",
                      "WIDGET_ALLOWED_ORIGINS": '["https://phuxuan.hue.gov.vn"]',
                      "MAIL_ADMIN_RECIPIENTS": '["quantri@hue.gov.vn"]',
                      "PRIVACY_REQUEST_DAYS": '{"access": 7}', "CELERY_BROKER_URL": "",
                      "SMS_HTTP_BODY": '{"to": "{phone}"}', "TRUSTED_HOSTS": ""}.items():
        monkeypatch.setenv(name, raw)
    config = _app().config
    assert config["RATELIMIT_ENABLED"] is False and config["SMS_UNICODE"] is True
    assert config["FEEDBACK_DEFAULT_DUE_DAYS"] == 7
    assert config["ZALO_TIMEOUT_SECONDS"] == 2.5
    assert config["WIDGET_ALLOWED_ORIGINS"] == ["https://phuxuan.hue.gov.vn"]
    assert config["MAIL_ADMIN_RECIPIENTS"] == ["quantri@hue.gov.vn"]
    assert config["PRIVACY_REQUEST_DAYS"] == {"access": 7}
    assert config["CELERY_BROKER_URL"] is None and config["TRUSTED_HOSTS"] is None
    assert config["SMS_HTTP_BODY"] == {"to": "{phone}"}


def test_a_list_or_text_setting_takes_either():
    declared = declared_types()["WIDGET_ALLOWED_ORIGINS"]
    assert parse("WIDGET_ALLOWED_ORIGINS", "*", declared) == "*"
    assert parse("WIDGET_ALLOWED_ORIGINS", '["https://a.vn", "https://b.vn"]', declared) == [
        "https://a.vn", "https://b.vn"]


def test_flask_and_instance_settings_take_the_type_of_their_value():
    config = {"SERVER_NAME": None, "TEMPLATES_AUTO_RELOAD": False, "VENDOR_LIMIT": 3}
    read_environment(config, {"SERVER_NAME": "thongtin.hue.gov.vn",
                              "TEMPLATES_AUTO_RELOAD": "on", "VENDOR_LIMIT": "5",
                              "DATABASE_URL": "postgresql://db/thongtin"})
    assert config == {"SERVER_NAME": "thongtin.hue.gov.vn", "TEMPLATES_AUTO_RELOAD": True,
                      "VENDOR_LIMIT": 5, "SQLALCHEMY_DATABASE_URI": "postgresql://db/thongtin"}


@pytest.mark.parametrize(("name", "raw"), [
    ("FEEDBACK_DEFAULT_DUE_DAYS", "mười"),
    ("ZALO_TIMEOUT_SECONDS", "10s"),
    ("RATELIMIT_ENABLED", "tắt"),
    ("PRIVACY_REQUEST_DAYS", '{"access": "mười"}'),
    ("MAIL_ADMIN_RECIPIENTS", "quantri@hue.gov.vn"),
    ("ZALO_CITY_CODES", '["46"]'),
])
def test_a_wrong_type_stops_the_start_naming_the_variable(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ConfigError) as refused:
        _app()
    assert str(refused.value).startswith(f"Không khởi động: biến môi trường {name} ")


def test_the_refusal_never_prints_a_json_value(monkeypatch):
    monkeypatch.setenv("SMS_HTTP_HEADERS", '{"Authorization": "Bearer bi-mat-123"')
    with pytest.raises(ConfigError) as refused:
        _app()
    assert "SMS_HTTP_HEADERS" in str(refused.value)
    assert "bi-mat" not in str(refused.value)


def test_readyz_says_which_integrations_are_on(client):
    integrations = client.get("/readyz").json["integrations"]
    assert integrations == {"email": False, "sms": False, "source_system": False,
                            "zalo_oa": False, "zns": False}


def test_readyz_names_integrations_on_without_their_settings(restore_celery):
    secrets = {"ZALO_APP_SECRET": "bi-mat-zalo-app", "ZALO_OA_SECRET_KEY": "bi-mat-zalo-oa",
               "MAIL_PASSWORD": "bi-mat-thu", "SOURCE_SYSTEM_SECRET": "bi-mat-nguon"}
    app = _app(ZALO_APP_ID="fake-app", MAIL_SERVER="127.0.0.1",
               MAIL_DEFAULT_SENDER="UBND <noreply@phuxuan.hue.gov.vn>",
               ZALO_ZNS_TEMPLATES={"receipt": {"template_id": "1", "params": {"code": "code"}}},
               SOURCE_SYSTEM_ADAPTER="json-hmac", SOURCE_SYSTEM_PROVINCE="46",
               SOURCE_SYSTEM_URL="https://nguon.example.vn", **secrets)
    response = app.test_client().get("/readyz")
    assert response.json["integrations"] == {"email": True, "sms": False,
                                             "source_system": True, "zalo_oa": True,
                                             "zns": True}
    assert not any(secret in response.get_data(as_text=True) for secret in secrets.values())
