"""False information, end to end (issue 21), against the local peers the suite starts: the
Zalo fake (chat, ZNS, followers), a real SMPP server and a real SMTP server.

One rumour is reported from every channel: the widget (with a screenshot), the public report
page (the same text without diacritics or punctuation), the Mini App (a smaller copy of the
screenshot), the Zalo chat and the console (by phone). All five form one case. The culture
office's officer finds it false and writes the official clarification; the commune leader
(a second person) approves it; it reaches Zalo followers, the widget and board list, the
Atom feed and the radio programme; and every reporter is told the verdict with the link,
each on their own channel (e-mail, SMS, Zalo chat, ZNS). A report on a true item closes
with its verdict and no notice; its reporter is told.
"""

from __future__ import annotations

import importlib
import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

import directory
from core import clock
from core.clock import LOCAL_TZ
from core.db import db, unit_of_work
from directory import auth
from factcheck import grouping
from factcheck.models import FactcheckCase, MisinformationReport
from integrations.zalo.cli import build_event, sign
from integrations.zalo.models import ZaloOAState, ZaloSubscription, ZaloUser
from notices.models import Notice
from tests.conftest import PASSWORD, dispose, make_app, seed
from tests.console.conftest import Console
from tests.factcheck.images import encode, screenshot
from tests.fakes.smpp_server import FakeSmsc
from tests.fakes.zalo import FakeServer, FakeZalo
from tests.integrations.mail.conftest import SmtpServer
from tests.integrations.sms.conftest import smpp_settings
from tests.integrations.zalo.conftest import APP_ID, zalo_config

RUMOUR = ("KHẨN: UBND phường Phú Xuân thông báo thu phí vệ sinh 500.000 đồng mỗi hộ, "
          "nộp trước ngày 10/12 tại nhà văn hóa.")
RUMOUR_FOLDED = ("khan ubnd phuong phu xuan thong bao thu phi ve sinh 500 000 dong moi ho "
                 "nop truoc ngay 10 12 tai nha van hoa")
TRUE_ITEM = "Nghe nói chợ Đông Ba tạm đóng cửa ngày 20/12 để phun thuốc khử trùng toàn chợ."
CLARIFICATION = {
    "title": "Bác bỏ tin thu phí vệ sinh 500.000 đồng mỗi hộ",
    "summary": "UBND phường Phú Xuân không thu khoản phí vệ sinh nào như tin lan truyền.",
    "body": "<p>Tin thu phí vệ sinh 500.000 đồng mỗi hộ là <strong>sai sự thật</strong>. "
            "Người dân không nộp tiền cho bất kỳ ai.</p>",
}
TEMPLATES = {"factcheck_outcome": {"template_id": "601001",
                                   "params": {"ma_tin_bao": "code", "ket_luan": "verdict_label"}}}
APPROVED = {"601001": {"ma_tin_bao": 20, "ket_luan": 100}}
CLOCK_USERS = ("core.clock", "core.outbox", "factcheck.service")
CONSENT = {"purpose": "Báo kết quả xác minh", "policy_version": "2026-01"}


@pytest.fixture(scope="module")
def peers():
    """Zalo, an SMSC and an SMTP server, as local servers."""
    zalo = FakeZalo(APP_ID)
    zalo_server = FakeServer(zalo).start()
    smsc = FakeSmsc().start()
    smtp = SmtpServer().start()
    yield zalo, zalo_server, smsc, smtp
    smtp.stop()
    smsc.stop()
    zalo_server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, app, peers):
    """An app with Zalo (chat, ZNS), SMS over SMPP and e-mail configured, and Phú Xuân's
    culture office with its officer ``vanhoa``."""
    zalo, zalo_server, smsc, smtp = peers
    made = make_app(tmp_path_factory, "_false_information", **{
        **zalo_config(zalo_server.url), "ZALO_ZNS_TEMPLATES": TEMPLATES,
        **smpp_settings(smsc), **smtp.settings()})
    world = seed(made)
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()
    with made.app_context():
        db.session.add(ZaloOAState(id=1, access_token=zalo.issue_access_token(),
                                   refresh_token=zalo.issue_refresh_token(),
                                   access_expires_at=clock.now() + timedelta(days=60)))
        db.session.commit()
        with unit_of_work():
            office = directory.create_office(world.commune, "Phòng Văn hóa - Xã hội")
            user = auth.create_staff("vanhoa", "officer", world.commune, office.id)
            auth.set_password(user, PASSWORD)
            world.tokens["vanhoa"] = auth.issue_token(user)
    yield made, world
    dispose(made)


@pytest.fixture
def live(stack, peers, app, monkeypatch):
    """The stack's app current for this test, every peer emptied, "now" 10:00 on Thursday
    10/12/2026 in Vietnam (ZNS is not sent at night)."""
    made, world = stack
    zalo, _, smsc, smtp = peers
    moment = datetime(2026, 12, 10, 10, 0, tzinfo=LOCAL_TZ).astimezone(UTC)
    for name in CLOCK_USERS:
        monkeypatch.setattr(importlib.import_module(name), "now", lambda: moment)
    zalo.reset()
    zalo.now = lambda: moment.astimezone(LOCAL_TZ)
    for template_id, params in APPROVED.items():
        zalo.add_zns_template(template_id, params)
    smsc.reset()
    smtp.recorder.reset()
    made.extensions["celery"].set_current()
    made.extensions["celery"].set_default()
    with made.app_context():
        state = db.session.get(ZaloOAState, 1)
        state.access_token, state.refresh_token = (zalo.issue_access_token(),
                                                   zalo.issue_refresh_token())
        state.zns_quota_until = None
        db.session.commit()
        from integrations.zalo import client as zalo_client

        zalo_client.forget_cached_token()
        yield made, world, made.test_client()
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


def _bearer(world, who):
    return {"Authorization": f"Bearer {world.tokens[who]}"}


def _chat(client, user, text):
    raw, header = sign(build_event(text, user, "user_send_text", None, None, APP_ID))
    response = client.post("/integrations/zalo/webhook", data=raw, headers={
        "Content-Type": "application/json", "X-ZEvent-Signature": header})
    assert response.status_code == 200


def _row(code: str) -> MisinformationReport:
    return db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.tracking_code == code.replace("-", ""))
        .execution_options(populate_existing=True))


def _case(case_id: int) -> FactcheckCase:
    return db.session.get(FactcheckCase, case_id, populate_existing=True)


def test_a_rumour_reported_on_every_channel_is_refuted_everywhere(live, peers):
    made, world, client = live
    zalo, _, smsc, smtp = peers
    picture = screenshot(42)
    for follower in ("F1", "F2"):  # followers of the commune's notices on Zalo
        db.session.add(ZaloUser(user_id=follower, state="idle", data={}, is_follower=True))
        db.session.flush()
        db.session.add(ZaloSubscription(user_id=follower, unit_code=world.commune))
    db.session.commit()

    # 1. The widget, with the screenshot and an e-mail.
    widget = client.post("/api/v1/misinformation-reports", data={
        "unit_code": world.commune, "channel": "widget", "content": RUMOUR,
        "seen_where": "Nhóm Zalo tổ 5", "reporter.email": "lan@example.vn",
        "notify_via": "email", "consent.purpose": CONSENT["purpose"],
        "consent.policy_version": CONSENT["policy_version"],
        "image": (io.BytesIO(encode(picture)), "tin.png")}, content_type="multipart/form-data")
    assert widget.status_code == 201, widget.json
    # 2. The public page, the same text without diacritics, an SMS back.
    page = client.post(f"/bao-tin-gia/{world.commune}", data={
        "content": RUMOUR_FOLDED, "phone": "0912 345 678", "consent": "yes"})
    assert page.status_code == 201
    web_code = page.get_data(as_text=True).split("data-code>")[1].split("<")[0]
    # 3. The Mini App: a smaller copy of the screenshot; the phone Zalo verified, ZNS back.
    zalo.add_miniapp_user("ut-binh", "app-binh", "Bình")
    miniapp = client.post("/api/v1/misinformation-reports", data={
        "unit_code": world.commune, "channel": "miniapp", "reporter.phone": "0987 654 321",
        "notify_via": "zalo", "consent.purpose": CONSENT["purpose"],
        "consent.policy_version": CONSENT["policy_version"],
        "image": (io.BytesIO(encode(picture, "JPEG", (360, 640), 60)), "nho.jpg")},
        content_type="multipart/form-data", headers={"Authorization": "Bearer ut-binh"})
    assert miniapp.status_code == 201, miniapp.json
    # 4. The Zalo chat.
    for text in ("báo tin giả", "Phú Xuân", RUMOUR.replace("KHẨN: ", "") + " Có thật không?",
                 "xong"):
        _chat(client, "Z1", text)
    [chat_row] = db.session.scalars(sa.select(MisinformationReport).where(
        MisinformationReport.zalo_user_id == "Z1"))
    # 5. The console: a report received by phone.
    officer = Console(made.test_client())
    assert officer.login("vanhoa").status_code == 303
    taken = officer.post("/console/factcheck/new", {
        "unit_code": world.commune, "content": RUMOUR_FOLDED + ".", "name": "Ông Hải",
        "email": "hai@example.vn", "consent": "yes"}, page="/console/factcheck/new")
    assert taken.status_code == 303
    phone_row = db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.channel == "staff"))

    rows = [_row(widget.json["tracking_code"]), _row(web_code),
            _row(miniapp.json["tracking_code"]), chat_row, phone_row]
    assert [r.channel for r in rows] == ["widget", "web", "miniapp", "zalo", "staff"]
    assert len({r.case_id for r in rows}) == 1
    case = _case(rows[0].case_id)
    assert case.report_count == 5 and case.office.name == "Phòng Văn hóa - Xã hội"
    assert grouping.hash_distance(rows[0].image_hash, rows[2].image_hash) <= 6

    # The officer's verdict and clarification; the author cannot approve it.
    base = f"/api/v1/staff/misinformation-cases/{case.id}"
    verdict = client.post(f"{base}/verdict", json={
        "verdict": "false", "note": "UBND phường không thu khoản phí này."},
        headers=_bearer(world, "vanhoa"))
    assert verdict.json["status"] == "clarifying"
    made_notice = client.post(f"{base}/clarification", json=CLARIFICATION,
                              headers=_bearer(world, "vanhoa"))
    notice_id = made_notice.json["notice_id"]
    assert client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                       headers=_bearer(world, "vanhoa")).status_code == 403
    assert zalo.texts_to("F1") == []  # nothing goes out before the second person approves
    approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                           headers=_bearer(world, "leader"))
    assert approved.status_code == 200 and approved.json["status"] == "published"
    notice = db.session.get(Notice, notice_id)
    assert notice.category == "official_clarification"
    assert _case(case.id).status == "closed"

    # Delivered on every channel notices reach.
    for follower in ("F1", "F2"):
        assert any(CLARIFICATION["title"] in t for t in zalo.texts_to(follower))
    listed = client.get(f"/api/v1/units/{world.commune}/notices").json["items"]  # widget, board
    [shown] = [n for n in listed if n["id"] == notice_id]
    assert shown["category"]["label"] == "Thông tin chính thức / Bác bỏ tin sai"
    assert client.get(f"/board/{world.commune}").status_code == 200
    assert CLARIFICATION["title"] in client.get(f"/feeds/{world.commune}.atom").get_data(
        as_text=True)
    programme = client.get(f"/api/v1/staff/units/{world.commune}/radio/programme",
                           query_string={"date": "2026-12-10"},
                           headers=_bearer(world, "leader")).get_data(as_text=True)
    assert CLARIFICATION["title"] in programme

    # Every reporter is told the verdict with the link, on their own channel.
    link = f"/xac-minh/{db.session.get(Notice, notice_id).verification_code}"
    mails = {r.rcpt_tos[0]: r.message.get_body(("plain",)).get_content()
             for r in smtp.received}
    assert "SAI SỰ THẬT" in mails["lan@example.vn"] and link in mails["lan@example.vn"]
    assert link in mails["hai@example.vn"]
    sms = [m.text for m in smsc.messages if m.destination == "84912345678"]
    assert any(web_code in t and "SAI SU THAT" in t.upper() for t in sms)
    [zns] = zalo.zns_sent("84987654321")
    assert zns["template_data"] == {"ma_tin_bao": miniapp.json["tracking_code"],
                                    "ket_luan": "Tin sai sự thật"}
    chat_code = f"{chat_row.tracking_code[:4]}-{chat_row.tracking_code[4:]}"
    told = [t for t in zalo.texts_to("Z1") if chat_code in t and "SAI SỰ THẬT" in t]
    assert told and link in told[-1]
    assert all(_row(r.tracking_code).told_at is not None for r in rows)
    status = client.get(f"/api/v1/misinformation-reports/{web_code}").json
    assert status["verdict"] == "false" and status["clarification"].endswith(link)
    assert "0912" not in str(status) and "lan@" not in str(status)


def test_a_true_item_closes_with_its_verdict_and_no_notice(live, peers):
    made, world, client = live
    _, _, _, smtp = peers
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Notice))
    report = client.post("/api/v1/misinformation-reports", json={
        "unit_code": world.commune, "channel": "widget", "content": TRUE_ITEM,
        "reporter": {"email": "cuc@example.vn"}, "consent": CONSENT, "notify_via": "email"})
    assert report.status_code == 201
    case_id = _row(report.json["tracking_code"]).case_id
    done = client.post(f"/api/v1/staff/misinformation-cases/{case_id}/verdict", json={
        "verdict": "true", "note": "Ban quản lý chợ đã thông báo lịch phun khử trùng."},
        headers=_bearer(world, "vanhoa"))
    assert done.status_code == 200 and done.json["status"] == "closed"
    assert done.json["notice_id"] is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice)) == before
    [receipt, outcome] = [r for r in smtp.received if r.rcpt_tos == ["cuc@example.vn"]]
    assert "ĐÚNG" in outcome.message.get_body(("plain",)).get_content()
