"""The README's first step works as written: its curl payload, sent to the demo data, lands
in the queue of the account the README names, and the accounts it lists are the ones
``flask demo load`` prints, one office each, labelled with that office."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import make_app

README = Path(__file__).resolve().parent.parent / "README.md"


def _curl_payload(text: str) -> dict:
    match = re.search(r"curl -s -XPOST localhost:5000(/api/v1/feedback) .*?-d '(\{.*?\})'",
                      text, re.S)
    assert match, "the README's POST example is missing"
    return json.loads(match.group(2))


def _queue_account(text: str) -> str:
    match = re.search(r"curl -s localhost:5000/api/v1/staff/feedback -H "
                      r"'Authorization: Bearer <mã API of (\w+)>'", text)
    assert match, "the README's queue example is missing"
    return match.group(1)


@pytest.mark.no_db_transaction
def test_readme_curl_example_lands_in_the_named_accounts_queue(tmp_path_factory):
    text = README.read_text(encoding="utf-8")
    payload, account = _curl_payload(text), _queue_account(text)
    app = make_app(tmp_path_factory, "_readme")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    printed = {username: (label, token) for username, label, token in re.findall(
        r"tài khoản (\w+)\s+— (.*?): mật khẩu dùng một lần \S+, mã API (\S+)", result.output)}
    # Every account the README lists is printed, with the label the README gives it.
    for username, label in re.findall(r"^  tài khoản (\w+)\s+— (.*?): ", text, re.M):
        assert printed[username][0] == label, username
    assert set(printed) == {"admin", "lanhdao", "canbo", "vanhoa", "congan", "xem"}
    # Demo output is Vietnamese: no English loader names or role codes.
    for english in ("directory", "feedback", "answers", "officer", "province_admin",
                    "viewer", "commune_leader", "consultations", " done"):
        assert english not in result.output, english

    client = app.test_client()
    created = client.post("/api/v1/feedback", json=payload)
    assert created.status_code == 201, created.json
    code = created.json["tracking_code"]
    headers = {"Authorization": f"Bearer {printed[account][1]}"}
    queue = client.get("/api/v1/staff/feedback?per_page=100", headers=headers)
    assert queue.status_code == 200, queue.json
    mine = [i for i in queue.json["items"] if i["display_code"] == code]
    assert len(mine) == 1, queue.json
    assert mine[0]["office"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in printed[account][0]
    # The other offices' officers do not see it; the citizen's lookup in the README works.
    for other in ("vanhoa", "congan"):
        listing = client.get("/api/v1/staff/feedback?per_page=100", headers={
            "Authorization": f"Bearer {printed[other][1]}"}).json["items"]
        assert code not in {i["display_code"] for i in listing}, other
    phone = re.search(r"\?phone=(\d+)'", text).group(1)
    assert client.get(f"/api/v1/feedback/{code}?phone={phone}").status_code == 200


def test_readme_says_make_run_honours_port():
    text = README.read_text(encoding="utf-8")
    assert "`PORT=8080 make run` serves on another port" in text
    assert '<script src="https://YOUR-HOST/widget.js" data-unit="19753" async></script>' in text
