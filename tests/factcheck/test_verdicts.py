"""Verdicts and official clarifications through the staff API: a true item closes with its
verdict and no notice; a false one waits for its clarification, a notice of category
"Thông tin chính thức / Bác bỏ tin sai" that a second person approves; its publication
closes the case and every reporter is told, with the link."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from core.models import Delivery
from factcheck import messages as factcheck_messages
from notices.models import Notice
from tests.factcheck.conftest import CONSENT, case_of, report_of
from tests.factcheck.test_reports import OTHER, RUMOUR, RUMOUR_FOLDED

CLARIFICATION = {
    "title": "Bác bỏ tin thu phí vệ sinh 500.000 đồng",
    "summary": "UBND phường Phú Xuân không thu khoản phí nào như tin lan truyền.",
    "body": "<p>Thông tin thu phí vệ sinh 500.000 đồng mỗi hộ là <strong>sai sự thật</strong>.</p>",
}


def _outcomes(code: str) -> list[Delivery]:
    row = report_of(code)
    return list(db.session.scalars(sa.select(Delivery).where(
        Delivery.subject_type == "factcheck_report", Delivery.subject_id == row.id,
        Delivery.kind == "factcheck_outcome")))


def _two_reporters(report) -> tuple[str, str]:
    first = report(content=RUMOUR, reporter={"name": "Lan", "email": "lan@example.vn"},
                   consent=CONSENT).json["tracking_code"]
    second = report(content=RUMOUR_FOLDED, reporter={"name": "Bình", "phone": "0912 345 678"},
                    consent=CONSENT, notify_via="sms").json["tracking_code"]
    return first, second


def _post(client, path, headers, **body):
    return client.post(f"/api/v1/staff/misinformation-cases/{path}", json=body,
                       headers=headers)


def test_a_true_item_closes_with_its_verdict_and_no_notice(report, client, culture, ctx):
    first, second = _two_reporters(report)
    case = case_of(first)
    notices_before = db.session.scalar(sa.select(sa.func.count()).select_from(Notice))
    answer = _post(client, f"{case.id}/verdict", culture["headers"], verdict="true",
                   note="Phường có thu phí vệ sinh theo Nghị quyết HĐND tỉnh.")
    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "closed" and answer.json["notice_id"] is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice)) == notices_before
    for code in (first, second):
        [told] = _outcomes(code)
        assert "ĐÚNG" in told.payload["text"] and code in told.payload["text"]
        assert told.payload["verdict"] == "true"
    assert {o.recipient for c in (first, second) for o in _outcomes(c)} == {
        "lan@example.vn", "+84912345678"}
    status = client.get(f"/api/v1/misinformation-reports/{second}").json
    assert status["verdict"] == "true" and status["status"] == "closed"
    again = _post(client, f"{case.id}/verdict", culture["headers"], verdict="false", note="x y z")
    assert again.status_code == 409


def test_not_ours_needs_the_body_it_went_to_and_tells_reporters(report, client, culture, ctx):
    code = report(content=OTHER, reporter={"name": "Lan", "email": "lan@example.vn"},
                  consent=CONSENT).json["tracking_code"]
    case = case_of(code)
    missing = _post(client, f"{case.id}/verdict", culture["headers"], verdict="not_ours")
    assert missing.status_code == 422 and "forwarded_to" in missing.json["errors"]
    done = _post(client, f"{case.id}/verdict", culture["headers"], verdict="not_ours",
                 forwarded_to="Ban quản lý chợ Đông Ba")
    assert done.status_code == 200 and done.json["forwarded_to"] == "Ban quản lý chợ Đông Ba"
    [told] = _outcomes(code)
    assert "Ban quản lý chợ Đông Ba" in told.payload["text"]


def test_a_false_item_is_clarified_by_a_notice_a_second_person_approves(
        report, client, culture, staff_headers, ctx):
    first, second = _two_reporters(report)
    case = case_of(first)
    verdict = _post(client, f"{case.id}/verdict", culture["headers"], verdict="false",
                    note="UBND phường không thu khoản phí này.")
    assert verdict.json["status"] == "clarifying"
    assert _outcomes(first) == []  # told when the clarification is out
    made = _post(client, f"{case.id}/clarification", culture["headers"], **CLARIFICATION)
    assert made.status_code == 201, made.json
    notice = db.session.get(Notice, made.json["notice_id"])
    assert (notice.category, notice.status) == ("official_clarification", "submitted")
    assert notice.author_id == culture["user"].id
    twice = _post(client, f"{case.id}/clarification", culture["headers"], **CLARIFICATION)
    assert twice.status_code == 409
    # The author cannot approve it; the commune leader (a second person) can.
    own = client.post(f"/api/v1/staff/notices/{notice.id}/approve", json={},
                      headers=culture["headers"])
    assert own.status_code == 403
    approved = client.post(f"/api/v1/staff/notices/{notice.id}/approve", json={},
                           headers=staff_headers("leader"))
    assert approved.status_code == 200 and approved.json["status"] == "published"
    db.session.refresh(case)
    assert case.status == "closed" and case.clarified_at is not None
    for code in (first, second):
        [told] = _outcomes(code)
        assert "SAI SỰ THẬT" in told.payload["text"]
        db.session.refresh(notice)
        # the public page that shows the clarification is genuine
        assert told.payload["link"].endswith(f"/xac-minh/{notice.verification_code}")
        assert told.payload["link"] in told.payload["text"]
    public = client.get(f"/api/v1/units/{case.unit_code}/notices").json["items"]
    assert [n["category"]["label"] for n in public if n["id"] == notice.id] == [
        "Thông tin chính thức / Bác bỏ tin sai"]
    # Someone reporting the same rumour later hears the outcome at once.
    late = report(content=RUMOUR, reporter={"name": "Cúc", "email": "cuc@example.vn"},
                  consent=CONSENT).json
    assert late["status"] == "closed"
    [told] = _outcomes(late["tracking_code"])
    assert told.payload["verdict"] == "false" and told.payload["link"]


def test_a_clarification_needs_a_false_or_misleading_verdict(report, client, culture, ctx):
    case = case_of(report(content=OTHER).json["tracking_code"])
    early = _post(client, f"{case.id}/clarification", culture["headers"], **CLARIFICATION)
    assert early.status_code == 409
    no_note = _post(client, f"{case.id}/verdict", culture["headers"], verdict="misleading")
    assert no_note.status_code == 422


def test_staff_mark_an_emergency_and_its_deadline_shortens(report, client, culture, ctx):
    case = case_of(report(content=OTHER).json["tracking_code"])
    before = case.due_at
    answer = _post(client, f"{case.id}/priority", culture["headers"], priority="emergency")
    assert answer.status_code == 200 and answer.json["priority"] == "emergency"
    db.session.refresh(case)
    assert case.due_at < before


def test_a_report_received_by_phone_names_the_staff_member(client, culture, world, ctx):
    response = client.post("/api/v1/staff/misinformation-reports", json={
        "unit_code": world.commune, "content": OTHER, "seen_where": "Loa phát thanh tổ 3",
        "reporter": {"name": "Ông Hải", "phone": "0905 111 222"}, "consent": CONSENT},
        headers=culture["headers"])
    assert response.status_code == 201, response.json
    row = report_of(response.json["tracking_code"])
    assert (row.channel, row.taken_by_id) == ("staff", culture["user"].id)
    detail = client.get(f"/api/v1/staff/misinformation-cases/{row.case_id}",
                        headers=culture["headers"]).json
    assert detail["reports"][0]["channel"] == "staff"
    assert "0905" not in str(detail) and "Hải" not in str(detail)
    other = client.post("/api/v1/staff/misinformation-reports", json={
        "unit_code": world.other_commune, "content": OTHER}, headers=culture["headers"])
    assert other.status_code == 403


def test_overdue_cases_are_flagged(report, culture, ctx, monkeypatch):
    from datetime import timedelta

    from core.clock import now
    from factcheck import service

    case = case_of(report(content=OTHER).json["tracking_code"])
    later = now() + timedelta(days=5)
    monkeypatch.setattr("factcheck.service.now", lambda: later)
    assert service.mark_overdue() == 1
    db.session.refresh(case)
    assert case.is_overdue
    assert service.mark_overdue() == 0


def test_the_staff_api_and_the_public_status_show_every_field_of_a_case(report, client,
                                                                        culture, ctx):
    first, second = _two_reporters(report)
    case = case_of(first)
    _post(client, f"{case.id}/verdict", culture["headers"], verdict="true",
          note="Phường có thu phí vệ sinh theo Nghị quyết HĐND tỉnh.")
    detail = client.get(f"/api/v1/staff/misinformation-cases/{case.id}",
                        headers=culture["headers"]).json
    summary_keys = {"id", "unit_code", "office", "title", "status", "status_label", "priority",
                    "due_at", "is_overdue", "report_count", "verdict", "verdict_label",
                    "verdict_note", "forwarded_to", "verdict_at", "notice_id", "clarified_at",
                    "closed_at", "created_at"}
    assert set(detail) == summary_keys | {"reports", "events"}
    assert (detail["status"], detail["status_label"]) == ("closed", "Đã có kết luận")
    assert (detail["verdict"], detail["verdict_label"]) == ("true", "Thông tin đúng")
    assert detail["office"] == case.office.name and detail["report_count"] == 2
    assert detail["closed_at"].endswith("+07:00") and detail["forwarded_to"] is None
    assert [r["tracking_code"] for r in detail["reports"]] == [first, second]
    assert set(detail["reports"][0]) == {
        "id", "tracking_code", "channel", "link", "content", "seen_where", "seen_at",
        "has_image", "can_be_told", "told_at", "created_at"}
    assert detail["reports"][0]["has_image"] is False
    assert detail["reports"][0]["can_be_told"] is True
    assert [e["kind"] for e in detail["events"]][-2:] == ["verdict", "closed"]
    assert detail["events"][-1]["label"] == factcheck_messages.EVENT_LABELS["closed"]
    assert set(detail["events"][0]) == {"kind", "label", "note", "at"}
    listed = client.get("/api/v1/staff/misinformation-cases?status=all",
                        headers=culture["headers"]).json["items"]
    assert set(next(c for c in listed if c["id"] == case.id)) == summary_keys
    status = client.get(f"/api/v1/misinformation-reports/{second}").json
    assert status == {
        "tracking_code": second, "status": "closed", "status_label": "Đã có kết luận",
        "verdict": "true", "verdict_label": "Thông tin đúng",
        "note": "Phường có thu phí vệ sinh theo Nghị quyết HĐND tỉnh.", "forwarded_to": None,
        "clarification": None, "reported_at": status["reported_at"]}
    assert status["reported_at"].endswith("+07:00")
