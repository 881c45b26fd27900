"""``flask zalo simulate`` sends signed events to a running app; ``flask zalo status``."""

from __future__ import annotations

from integrations.zalo import messages
from tests.live import serve


def test_simulate_sends_a_signed_event_the_app_accepts(zalo, app, runner):
    with serve(app) as server:
        result = runner.invoke(args=["zalo", "simulate", "phản ánh", "--user", "CLI1",
                                     "--url", f"{server.url}/integrations/zalo/webhook"])
    assert result.exit_code == 0, result.output
    assert "HTTP 200" in result.output
    assert zalo.texts_to("CLI1") == [messages.ASK_UNIT]


def test_status_command(zalo, runner):
    result = runner.invoke(args=["zalo", "status"])
    assert result.exit_code == 0 and "ok" in result.output
