"""The verification code on the surfaces not covered elsewhere: the console's notice page,
the radio script, the widget and board scripts, the board page."""

from __future__ import annotations

from core.db import db
from notices.models import Notice


def test_console_notice_page_shows_the_code_and_the_printable_page(notices_api, app):
    from tests.console.conftest import Console

    item = notices_api.publish()
    code = item["verification_code"]
    console = Console(app.test_client())
    assert console.login("leader").status_code == 303
    html = console.get(f"/console/notices/{item['id']}").get_data(as_text=True)
    assert "Mã xác minh" in html and code in html
    assert f"/xac-minh/{code.replace('-', '')}.pdf" in html


def test_radio_script_reads_the_code_letter_by_letter(notices_api, app):
    from radio.service import spoken_text

    item = notices_api.publish()
    with app.test_request_context():
        notice = db.session.get(Notice, item["id"])
        text = spoken_text(notice)
    assert text.splitlines()[-1].startswith("Mã xác minh của thông báo này là:")


def test_widget_and_board_show_the_code_and_the_board_verifies(client, world):
    widget = client.get("/widget.js").get_data(as_text=True)
    assert "Mã xác minh" in widget and "verification_code" in widget
    board = client.get(f"/board/{world.commune}").get_data(as_text=True)
    assert 'data-keys="/.well-known/thongtin-keys.json"' in board
    response = client.get("/notices-static/board.js")
    script = response.get_data(as_text=True)
    response.close()
    assert '{ name: "Ed25519" }' in script and "verification_code" in script
