"""Logs carry no personal data: the main scenarios run with every logger at DEBUG, and
every captured line (pytest's capture, the app's own handler, a JSON-formatted copy) is
scanned for the reporter's phone in its common spellings, e-mail, name, Zalo ids, tokens
and secrets. gunicorn's access log format leaves query strings out."""

from __future__ import annotations

import importlib.util
import io
import logging
import os
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
import sqlalchemy as sa

from core.db import db
from core.logs import JsonFormatter, mask
from core.text import fold
from feedback.open311 import keys
from integrations.zalo.cli import build_event, sign
from tests.conftest import OTHER_COMMUNE
from tests.feedback.images import PNG
from tests.integrations.zalo.conftest import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PHONE_SPELLINGS = ("0912345678", "0912 345 678", "0912.345.678", "0912-345-678",
                   "+84912345678", "84912345678", "+84 912 345 678", "912345678",
                   "912 345 678", "912.345.678", "912-345-678")
EMAIL = "an.nguyen.fuzz@example.vn"
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Hoa")
ZALO_USER = "5712983746102938475"
PASSWORD = "mat-khau-Bi-Mat-42"


class Capture:
    """Every log line of the block, as the handlers would write them."""

    def __init__(self, caplog):
        self.caplog = caplog
        self.text, self.json = io.StringIO(), io.StringIO()
        self._saved: list = []

    def __enter__(self):
        self.caplog.set_level(logging.DEBUG)
        root = logging.getLogger()
        loggers = [root] + [logging.getLogger(name) for name in
                            list(logging.root.manager.loggerDict)]
        for logger in loggers:  # every logger at DEBUG, whatever its library chose
            self._saved.append((logger, logger.level, logger.propagate))
            logger.setLevel(logging.DEBUG)
            logger.propagate = logger is not root
        text = logging.StreamHandler(self.text)
        text.setFormatter(logging.Formatter("%(levelname)s %(name)s [%(request_id)s] "
                                            "%(message)s"))
        json_handler = logging.StreamHandler(self.json)
        json_handler.setFormatter(JsonFormatter())
        self._handlers = [text, json_handler]
        for handler in self._handlers:
            root.addHandler(handler)
        # The app's own handler (core.logs) writes where it was pointed: here, for now.
        self._own = [h for h in root.handlers if getattr(h, "_thongtin", False)]
        self._own_streams = [h.setStream(self.text) for h in self._own]
        return self

    def __exit__(self, *exc):
        root = logging.getLogger()
        for handler in self._handlers:
            root.removeHandler(handler)
        for handler, stream in zip(self._own, self._own_streams, strict=True):
            handler.setStream(stream)
        for logger, level, propagate in self._saved:
            logger.setLevel(level)
            logger.propagate = propagate

    def lines(self) -> list[str]:
        """Everything captured, one entry per line."""
        records = []
        for record in self.caplog.records:
            records.append(record.getMessage())
            if record.exc_text:
                records.append(record.exc_text)
        text = self.text.getvalue() + "\n" + self.json.getvalue()
        return records + text.splitlines()


def leaks(lines: list[str], secrets: dict[str, str]) -> list[str]:
    """``what: line`` for every line holding one of the secrets (case-insensitive)."""
    found = []
    for line in lines:
        lowered = line.lower()
        for what, value in secrets.items():
            if value.lower() in lowered:
                found.append(f"{what}: {line[:300]}")
    return found


def personal_data(extra: dict[str, str]) -> dict[str, str]:
    """What must never be logged: phones, e-mail, names (accented or not), ids, secrets."""
    data = {f"phone {p!r}": p for p in PHONE_SPELLINGS}
    data["email"] = EMAIL
    data["email local part"] = EMAIL.split("@")[0]
    for name in NAMES:
        data[f"name {name}"] = name
        data[f"folded name {name}"] = fold(name)
    data["zalo user id"] = ZALO_USER
    data["password"] = PASSWORD
    data.update({k: v for k, v in extra.items() if v})
    return data


def run_main_scenarios(client, world, staff_headers, send_event, zalo) -> dict[str, str]:
    """The suite's main scenarios; returns the tokens they used or issued."""
    contact = {"name": NAMES[0], "phone": "0912 345 678", "email": EMAIL}
    consent = {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"}
    # 1. JSON submission with contact data, then lookup by phone and by token.
    created = client.post("/api/v1/feedback", json={
        "unit_code": world.commune, "category_code": "ha-tang",
        "title": "Ổ gà trên đường Lê Lợi",
        "description": "Đoạn trước số 12 có ổ gà sâu, gọi 0912.345.678 hoặc " + EMAIL,
        "reporter": contact, "consent": consent}, headers={"Idempotency-Key": "log-scan-1"})
    assert created.status_code == 201, created.json
    code, lookup_token = created.json["tracking_code"], created.json.get("lookup_token")
    for phone in ("0912345678", "+84 912 345 678", "0000000000"):
        client.get(f"/api/v1/feedback/{code}", query_string={"phone": phone})
    client.get(f"/api/v1/feedback/{code}", query_string={"token": lookup_token or "x"})
    # 2. Multipart submission with contact data and a photo.
    multipart = client.post("/api/v1/feedback", content_type="multipart/form-data", data={
        "unit_code": world.commune, "category_code": "an-ninh",
        "description": "Tụ tập gây ồn sau 23 giờ, liên hệ 0912-345-678.",
        "reporter.name": NAMES[0], "reporter.phone": "+84912345678", "reporter.email": EMAIL,
        "consent.purpose": consent["purpose"], "consent.policy_version": "2026-01",
        "images": (io.BytesIO(PNG), "anh.png")})
    assert multipart.status_code == 201, multipart.json
    # Refused input (it must not echo contact data into the logs either).
    client.post("/api/v1/feedback", json={"unit_code": world.commune, "reporter": {
        "name": NAMES[0], "phone": "0912 345 67", "email": "not-an-email " + EMAIL}})
    # 3. Staff: queue, detail, accept, assign, start, answer, publish the answer.
    officer, leader = staff_headers("officer"), staff_headers("leader")
    queue = client.get("/api/v1/staff/feedback", headers=officer).json["items"]
    item_id = next(i["id"] for i in queue if code in (i["tracking_code"], i["display_code"]))
    assert client.get(f"/api/v1/staff/feedback/{item_id}", headers=officer).status_code == 200
    for action, body in (("accept", {}), ("assign", {"office_id": world.office_infra}),
                         ("start", {}), ("progress", {"note": "Đã gọi 0912345678."}),
                         ("answer", {"answer": "Đã vá ổ gà ngày 20/11."})):
        response = client.post(f"/api/v1/staff/feedback/{item_id}/{action}", json=body,
                               headers=leader if action in ("accept", "assign") else officer)
        assert response.status_code == 200, (action, response.json)
    client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={}, headers=leader)
    client.get("/api/v1/staff/feedback", headers={"Authorization": "Bearer wrong-" + PASSWORD})
    client.get(f"/api/v1/staff/feedback/{item_id}", headers=staff_headers("other_officer"))
    # 4. Zalo: a whole conversation with contact data, through the signed webhook.
    for text, event in (("Phản ánh", "user_send_text"), ("Phú Xuân", "user_send_text"),
                        ("2", "user_send_text"), ("Cây đổ chắn ngang đường", "user_send_text"),
                        ("xong", "user_send_text"), ("có", "user_send_text"),
                        (NAMES[1], "user_submit_info"), ("gửi", "user_send_text")):
        assert send_event(text, user=ZALO_USER, event=event).status_code == 200
    raw, header = sign(build_event("x", ZALO_USER, "user_send_text", None, None, APP_ID))
    client.post("/integrations/zalo/webhook", data=raw,
                headers={"Content-Type": "application/json", "X-ZEvent-Signature": "mac=0"})
    assert zalo.texts_to(ZALO_USER), "the bot answered"
    # 5. Open311 POST with contact data (a consent-collecting key).
    _, api_key = keys.create_key("Cổng thử", world.province, True, "2026-01")
    created311 = client.post("/open311/v2/requests.json", data={
        "api_key": api_key, "jurisdiction_id": world.commune, "service_code": "an-ninh",
        "lat": "16.4637", "long": "107.5909", "description": "Đèn đường hỏng ở kiệt 7.",
        "first_name": "Lê Thị", "last_name": "Hoa", "phone": "0912 345 678",
        "email": EMAIL})
    assert created311.status_code == 201, created311.data
    client.post("/open311/v2/requests.json", data={"api_key": "wrong-" + api_key,
                                                  "phone": "0912345678"})
    # 6. Notices: write, submit, approve (published), withdraw.
    notice = client.post("/api/v1/staff/notices", headers=officer, json={
        "title": "Lịch cắt điện khu vực phường", "category": "local_programmes",
        "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
        "body": "<p>Liên hệ tổ trưởng: 0912 345 678.</p>"})
    assert notice.status_code == 201, notice.json
    notice_id = notice.json["id"]
    client.post(f"/api/v1/staff/notices/{notice_id}/submit", headers=officer, json={})
    approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", headers=leader,
                           json={})
    assert approved.json["status"] == "published", approved.json
    client.get(f"/api/v1/units/{world.commune}/notices")
    client.get(f"/api/v1/units/{OTHER_COMMUNE}/notices")
    client.post(f"/api/v1/staff/notices/{notice_id}/withdraw", headers=leader,
                json={"reason": "Đã đổi lịch"})
    return {"lookup token": lookup_token, "open311 key": api_key,
            **{f"staff token {k}": v for k, v in world.tokens.items()},
            "zalo oa token": zalo.issue_access_token(),
            "zalo app secret": "fake-app-secret", "zalo oa secret": "fake-oa-secret"}


def test_main_scenarios_log_no_personal_data(caplog, app, client, world, staff_headers,
                                             send_event, zalo):
    with Capture(caplog) as capture:
        secrets = run_main_scenarios(client, world, staff_headers, send_event, zalo)
        logging.getLogger("tests").info("a login with password=%s", PASSWORD)
    lines = capture.lines()
    assert len(lines) > 50, "the scenarios were logged at DEBUG"
    assert any("sqlalchemy" in line or "SELECT" in line for line in lines), \
        "library loggers were captured too"
    assert not leaks(lines, personal_data(secrets))


@pytest.mark.no_db_transaction  # a second connection: no per-test write lock held on SQLite
def test_sql_logging_and_database_errors_hide_parameters(caplog, app):
    """SQL echo (``sqlalchemy.engine`` at INFO) and database errors in tracebacks would
    print statement parameters — names included, which no pattern can mask."""
    with app.app_context(), Capture(caplog) as capture:
        with db.engine.connect() as connection:  # a new connection logs at the new level
            connection.execute(sa.text("SELECT :name"), {"name": NAMES[0]})
            with pytest.raises(sa.exc.DBAPIError) as failure:
                connection.execute(sa.text("SELECT * FROM no_such_table WHERE x = :name"),
                                   {"name": NAMES[0]})
    lines = capture.lines()
    assert any("SELECT" in line for line in lines), "SQL was logged"
    assert not leaks(lines + [str(failure.value)], personal_data({}))


def test_the_scan_finds_what_it_looks_for():
    """The scan is not vacuous: unmasked data in a line is reported."""
    data = personal_data({"token": "tok-123456"})
    assert leaks(["reporter Nguyen Van An"], data)
    assert leaks(["call 0912.345.678"], data)
    assert leaks([f"user {ZALO_USER} wrote"], data)
    assert not leaks([mask("call 0912.345.678 or +84 912 345 678, write " + EMAIL)], data)
    assert not leaks([mask(f"Authorization: Bearer tok-123456 password={PASSWORD}")], data)


def _gunicorn_config():
    """gunicorn.conf.py as a module, loaded without letting it change this process's
    environment (it sets WEB_WORKERS for the app it serves; left behind, every app and
    subprocess the suite starts afterwards would believe it is one of several workers)."""
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ):
        spec.loader.exec_module(module)
    return module


def test_gunicorn_access_log_has_no_query_string():
    """The configured format, rendered by gunicorn for a lookup URL, shows only the path."""
    from gunicorn.glogging import Logger, SafeAtoms

    conf = _gunicorn_config()
    for atom in ("%(r)s", "%(q)s", "%(f)s", "{raw_uri}", "{query_string}", "{referer}"):
        assert atom not in conf.access_log_format.lower()
    query = "phone=0912345678&token=secret-token"
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/api/v1/feedback/ABCD1234?{query}",
               "PATH_INFO": "/api/v1/feedback/ABCD1234", "QUERY_STRING": query,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"https://xa.example.vn/tra-cuu?{query}",
               "HTTP_USER_AGENT": "test"}
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    gunicorn_logger = Logger.__new__(Logger)  # atoms() needs no configured handlers
    atoms = gunicorn_logger.atoms(response, request, environ, timedelta(milliseconds=5))
    line = conf.access_log_format % SafeAtoms(atoms)
    assert "GET /api/v1/feedback/ABCD1234 HTTP/1.1" in line and " 200 " in line
    assert "0912345678" not in line and "secret-token" not in line and "?" not in line


@pytest.mark.parametrize("text", [
    "0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678",
    EMAIL, "Bearer abc.def-ghi", f"password={PASSWORD}", "token: abcdef123",
])
def test_mask_covers_each_spelling(text):
    masked = mask(f"before {text} after")
    assert text not in masked and masked.startswith("before ") and masked.endswith(" after")
