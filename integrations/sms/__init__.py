"""SMS: the outbox sender of channel ``sms``, through SMPP 3.4 or a provider's HTTP API.

Off while ``SMS_ADAPTER`` is unset (no sender: deliveries on ``sms`` fail over to the next
route at once). ``smpp`` or ``http`` with an incomplete configuration stops start-up with a
message naming what is missing. See ``gateway`` (the interface and the sender), ``compose``
(the texts) and ``gsm`` (encoding and segments).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from integrations.sms import messages

ADAPTERS = ("smpp", "http")
POLL_SECONDS = 10  # beat: read SMPP delivery receipts between sends
MAX_SEGMENTS_LIMIT = 10


class ConfigError(RuntimeError):
    """The SMS settings are incomplete or invalid."""


def _text(config: dict[str, Any], name: str) -> str:
    """A setting as a string (environment JSON parsing may turn ids into numbers)."""
    value = config.get(name)
    return "" if value is None else str(value).strip()


def adapter(config: dict[str, Any]) -> str | None:
    """The configured adapter, or None when SMS is off."""
    value = _text(config, "SMS_ADAPTER").lower()
    if not value:
        return None
    if value not in ADAPTERS:
        raise ConfigError(messages.CONFIG_UNKNOWN_ADAPTER.format(value=value))
    return value


def _require(config: dict[str, Any], kind: str, names: list[str]) -> None:
    missing = [name for name in names if not _text(config, name)]
    if missing:
        raise ConfigError(messages.CONFIG_MISSING.format(adapter=kind, names=", ".join(missing)))


def _invalid(detail: str) -> ConfigError:
    return ConfigError(messages.CONFIG_INVALID.format(detail=detail))


def build_gateway(config: dict[str, Any]):
    """The gateway the settings describe (None when off); ConfigError when incomplete."""
    from integrations.sms import gsm

    kind = adapter(config)
    if kind is None:
        return None
    segments = config.get("SMS_MAX_SEGMENTS")
    if not isinstance(segments, int) or not 1 <= segments <= MAX_SEGMENTS_LIMIT:
        raise _invalid(messages.CONFIG_MAX_SEGMENTS)
    timeout = float(config.get("SMS_TIMEOUT_SECONDS") or 10)
    source = _text(config, "SMS_SOURCE_ADDR")
    if source and not source.lstrip("+").isdigit():
        if len(source) > 11:
            raise _invalid(messages.CONFIG_SOURCE_TOO_LONG)
        if not (source.isascii() and gsm.is_gsm(source)):
            raise _invalid(messages.CONFIG_SOURCE_NOT_GSM)
    if kind == "smpp":
        from integrations.sms.smpp import SmppGateway

        _require(config, kind, ["SMPP_HOST", "SMPP_SYSTEM_ID", "SMPP_PASSWORD",
                                "SMS_SOURCE_ADDR"])
        if len(_text(config, "SMPP_SYSTEM_ID")) > 15:
            raise _invalid(messages.CONFIG_SYSTEM_ID_TOO_LONG)
        if len(_text(config, "SMPP_PASSWORD")) > 8:
            raise _invalid(messages.CONFIG_PASSWORD_TOO_LONG)
        return SmppGateway(_text(config, "SMPP_HOST"), int(config.get("SMPP_PORT") or 2775),
                           _text(config, "SMPP_SYSTEM_ID"), _text(config, "SMPP_PASSWORD"),
                           _text(config, "SMPP_SYSTEM_TYPE"), source, timeout)
    from integrations.sms.http_api import HttpGateway

    _require(config, kind, ["SMS_HTTP_URL", "SMS_HTTP_BODY"])
    headers, body = config.get("SMS_HTTP_HEADERS") or {}, config.get("SMS_HTTP_BODY")
    for name, value in (("SMS_HTTP_HEADERS", headers), ("SMS_HTTP_BODY", body)):
        if not isinstance(value, dict):
            raise _invalid(messages.CONFIG_NOT_DICT.format(name=name))
    if "{sender}" in str(body):
        _require(config, kind, ["SMS_SOURCE_ADDR"])
    success = config.get("SMS_HTTP_SUCCESS") or None
    if success is not None and not (isinstance(success, dict) and success.get("field")):
        raise _invalid(messages.CONFIG_SUCCESS_SHAPE)
    return HttpGateway(_text(config, "SMS_HTTP_URL"), headers, body, source,
                       _text(config, "SMS_HTTP_ID_FIELD") or None, success, timeout)


def readiness() -> str:
    """One word for ``/readyz``: ``off``, ``smpp`` or ``http``."""
    from integrations.sms.gateway import gateway

    active = gateway()
    return active.name if active is not None else messages.READY_OFF


def enable(app: Flask) -> None:
    """Build the gateway from the app's settings and register the sender (tests call it
    after changing the settings); ConfigError when they are incomplete."""
    from core import outbox
    from integrations.sms.gateway import EXTENSION, send

    disable(app)
    active = build_gateway(app.config)
    if active is None:
        return
    app.extensions[EXTENSION] = active
    outbox.register_sender(app, "sms", send)


def disable(app: Flask) -> None:
    """Close the gateway and unregister the sender."""
    from core import outbox
    from integrations.sms.gateway import EXTENSION

    active = app.extensions.pop(EXTENSION, None)
    if active is not None:
        active.close()
    outbox.unregister_sender(app, "sms")


def init_app(app: Flask) -> None:
    """Readiness; the sender and, for SMPP, the receipt poll when ``SMS_ADAPTER`` is set."""
    from core import outbox
    from core.celery import add_periodic
    from core.routes import register_integration
    from integrations.sms import tasks  # noqa: F401 - registers the task

    app.extensions.setdefault("readiness", {})["sms"] = readiness
    register_integration(app, "sms", lambda: outbox.has_sender("sms"))
    enable(app)
    if app.extensions.get("sms_gateway") is not None and adapter(app.config) == "smpp":
        add_periodic(app, "sms-poll-receipts", "sms.poll_receipts", POLL_SECONDS)

