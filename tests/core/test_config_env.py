"""Settings read from the environment keep the type their default declares."""

from __future__ import annotations

from flask import Flask

from core.config import load_config


def test_a_code_declared_as_text_stays_text(monkeypatch, tmp_path):
    """SOURCE_SYSTEM_PROVINCE=46 is the province code "46", not the number 46 (which never
    equals a unit's code, so nothing was pushed to the source system)."""
    monkeypatch.setenv("SOURCE_SYSTEM_PROVINCE", "46")
    monkeypatch.setenv("ZALO_SEND_RATE_PER_SECOND", "30")
    app = Flask("core", instance_path=str(tmp_path))
    load_config(app)
    assert app.config["SOURCE_SYSTEM_PROVINCE"] == "46"
    assert app.config["ZALO_SEND_RATE_PER_SECOND"] == 30  # numbers stay numbers
