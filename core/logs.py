"""Logging: structured (JSON) in production, a request id on every line, personal data masked.

Masking happens when a record is created, so every handler (files, stdout, test capture)
sees only the masked text: phone numbers, e-mail addresses, bearer tokens and the values
of ``phone``/``token``/``password`` parameters never reach a log.
"""

from __future__ import annotations

import json
import logging
import re

from flask import Flask, g, has_request_context

_PATTERNS = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    (re.compile(r"(?i)\b(phone|token|password|access_token|refresh_token|api_key|code_verifier"
                r"|secret)(\"?\s*[=:]\s*\"?)[^&\s\"',;]+"), r"\1\2***"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "***@***"),
    (re.compile(r"(?<![\w])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\w)"), "***phone***"),
)


def mask(text: str) -> str:
    """Text with personal data and secrets replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_base_factory = logging.getLogRecordFactory()


def _masking_factory(*args, **kwargs) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string must not break logging
        message = str(record.msg)
    record.msg, record.args = mask(message), None
    if record.exc_text:
        record.exc_text = mask(record.exc_text)
    record.request_id = g.get("request_id", "-") if has_request_context() else "-"
    return record


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:  # noqa: D102 - documented by the base class
        data = {"time": self.formatTime(record), "level": record.levelname,
                "logger": record.name, "message": record.getMessage(),
                "request_id": getattr(record, "request_id", "-")}
        if record.exc_info:
            data["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(data, ensure_ascii=False)


def init_app(app: Flask) -> None:
    """Install masking (once per process) and the configured format on the root logger."""
    if logging.getLogRecordFactory() is not _masking_factory:
        logging.setLogRecordFactory(_masking_factory)
    root = logging.getLogger()
    root.setLevel(app.config["LOG_LEVEL"])
    if not any(getattr(h, "_thongtin", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler._thongtin = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    for handler in root.handlers:
        if getattr(handler, "_thongtin", False):
            handler.setFormatter(JsonFormatter() if app.config["LOG_FORMAT"] == "json" else
                                 logging.Formatter("%(asctime)s %(levelname)s %(name)s "
                                                   "[%(request_id)s] %(message)s"))
