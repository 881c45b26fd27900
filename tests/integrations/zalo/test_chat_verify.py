"""The Zalo chat checks notices: "xác minh <mã>" (with or without diacritics) and forwarded
text answer like the check page; the command sits beside the chat's other commands."""

from __future__ import annotations

import pytest

from core.db import db
from notices.models import Notice
from notices.verification import messages as verification_messages

BODY = ("<p>Ủy ban nhân dân phường thông báo: từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ "
        "tại nhà văn hóa tổ dân phố 5, mang theo căn cước. Việc nhận gạo không mất phí.</p>")


@pytest.fixture
def say(send_event, zalo):
    """``say("text")`` sends a text and returns the bot's new replies."""

    def _say(text, user="V1"):
        before = len(zalo.texts_to(user))
        response = send_event(text, user=user)
        assert response.status_code == 200, response.json
        return zalo.texts_to(user)[before:]

    return _say


@pytest.fixture
def notice(http_client, staff_headers):
    """A published notice of the seeded commune."""
    created = http_client.post("/api/v1/staff/notices", headers=staff_headers("officer"), json={
        "title": "Nhận gạo hỗ trợ tại nhà văn hóa tổ 5",
        "summary": "Bà con nhận gạo hỗ trợ từ ngày 10/12/2026, không mất phí.",
        "body": BODY, "category": "local_programmes"})
    assert created.status_code == 201, created.json
    for action, who in (("submit", "officer"), ("approve", "leader")):
        response = http_client.post(f"/api/v1/staff/notices/{created.json['id']}/{action}",
                                    json={}, headers=staff_headers(who))
        assert response.status_code == 200, response.json
    return db.session.get(Notice, created.json["id"])


def _shown(code):
    return f"{code[:3]}-{code[3:]}"


def test_verify_command_with_and_without_diacritics(say, notice):
    code = _shown(notice.verification_code)
    for text in (f"xác minh {code}", f"xac minh {code.lower()}",
                 f"Xác minh {notice.verification_code}"):
        [reply] = say(text)
        assert reply.startswith("✅ Đây là thông báo chính thức của Phường Phú Xuân.")
        assert "Nhận gạo hỗ trợ tại nhà văn hóa tổ 5" in reply
        assert f"Mã xác minh: {code}" in reply and "Thông báo đang có hiệu lực." in reply


def test_unknown_code_and_bare_command(say):
    [reply] = say("xác minh ZZZ-999")
    assert reply.startswith("❌ Không có thông báo nào mang mã xác minh ZZZ-999.")
    assert "báo tin giả" in reply
    assert say("xác minh") == [verification_messages.ZALO_ASK]


def test_forwarded_genuine_text_is_recognised(say, notice):
    [reply] = say("Fwd: UBND phuong thong bao tu ngay 10/12/2026 ba con den nhan gao ho tro "
                  "tai nha van hoa to dan pho 5, mang theo can cuoc. Viec nhan gao khong mat phi")
    assert reply.startswith("⚠️") or reply.startswith("✅")
    assert _shown(notice.verification_code) in reply


def test_forwarded_forged_text_matches_nothing(say, notice):
    [reply] = say("KHẨN: UBND phường yêu cầu mọi hộ dân nộp 300.000 đồng phí vệ sinh qua tài "
                  "khoản cá nhân trước ngày 15/12, quá hạn sẽ bị cắt điện nước.")
    assert reply.startswith("❌ Không có thông báo chính thức nào")


def test_withdrawn_notice_says_so_in_the_chat(say, notice, http_client, staff_headers):
    response = http_client.post(f"/api/v1/staff/notices/{notice.id}/withdraw",
                                json={"reason": "Nhầm ngày"}, headers=staff_headers("leader"))
    assert response.status_code == 200
    [reply] = say(f"xác minh {notice.verification_code}")
    assert "đã bị thu hồi" in reply


def test_short_unknown_text_still_gets_the_help(say):
    from integrations.zalo import messages

    assert say("alo alo") == [messages.HELP]
