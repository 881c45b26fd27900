"""Console pages for consultations: list, comments with contact data, hide with a reason
(kept on record), restore, tags; read-only and out-of-scope staff are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consultations import service
from consultations.models import ConsultationComment
from core import clock
from core.db import db
from directory.models import StaffUser
from notices import service as notices_service


@pytest.fixture
def comments(ctx, world):
    """An open consultation with a contact comment and an abusive one."""
    officer = db.session.get(StaffUser, world.staff_ids["officer"])
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    moment = clock.now()
    item = service.create({"title": "Dự thảo quy chế chợ đêm", "description": "Lấy ý kiến.",
                           "office_id": world.office_infra,
                           "opens_at": moment - timedelta(hours=1),
                           "closes_at": moment + timedelta(days=7),
                           "sections": [{"title": "Giờ họp chợ"}]}, officer)
    item = service.announce(item.id, officer)
    notices_service.approve(item.notice_id, leader)
    _, good = service.comment(item.id, {
        "section": 1, "body": "Nên họp chợ đến 23 giờ, gọi tôi 0905 111 222.",
        "author": {"name": "Lê Thị Hoa", "phone": "+84905111222"},
        "consent": {"purpose": "Liên hệ", "policy_version": "2026-01"}}, channel="widget")
    _, bad = service.comment(item.id, {"section": None, "anonymous": True,
                                       "body": "Lời lẽ thô tục xúc phạm cán bộ."}, channel="web")
    return item.id, good["id"], bad["id"]


def test_list_detail_hide_restore_and_tags(console, comments):
    cid, good, bad = comments
    officer = console("officer")
    listed = officer.get("/console/consultations").get_data(as_text=True)
    assert f'data-consultation-id="{cid}"' in listed and "Dự thảo quy chế chợ đêm" in listed
    page_url = f"/console/consultations/{cid}"
    page = officer.get(page_url).get_data(as_text=True)
    assert "Lê Thị Hoa" in page and "+84905111222" in page  # staff see the contact
    assert "Bản công khai (đã che thông tin cá nhân)" in page

    refused = officer.post(f"/console/consultations/comments/{bad}/hide", {"reason": "  "},
                           page=page_url, follow_redirects=True)
    assert "Vui lòng nêu lý do ẩn ý kiến." in refused.get_data(as_text=True)
    assert db.session.get(ConsultationComment, bad).status == "published"

    done = officer.post(f"/console/consultations/comments/{bad}/hide",
                        {"reason": "Xúc phạm cán bộ"}, page=page_url)
    assert done.status_code == 303
    row = db.session.get(ConsultationComment, bad)
    db.session.refresh(row)
    assert (row.status, row.hidden_reason) == ("hidden", "Xúc phạm cán bộ")
    page = officer.get(page_url).get_data(as_text=True)
    assert "Lý do: Xúc phạm cán bộ" in page and 'data-status="hidden"' in page

    officer.post(f"/console/consultations/comments/{bad}/restore", page=page_url)
    db.session.refresh(row)
    assert row.status == "published" and row.hidden_reason == "Xúc phạm cán bộ"

    officer.post(f"/console/consultations/comments/{good}/tags",
                 {"tags": "giờ giấc, Chợ đêm, giờ giấc"}, page=page_url)
    tagged = db.session.get(ConsultationComment, good)
    db.session.refresh(tagged)
    assert tagged.tag_names == ["chợ đêm", "giờ giấc"]


def test_viewer_and_other_commune_are_refused(console, comments):
    cid, good, _ = comments
    viewer = console("viewer")
    page = viewer.get(f"/console/consultations/{cid}").get_data(as_text=True)
    assert "Ẩn ý kiến" not in page
    response = viewer.post(f"/console/consultations/comments/{good}/hide", {"reason": "Không"},
                           page=f"/console/consultations/{cid}")
    assert response.status_code == 403
    other = console("kl_officer")
    assert other.get(f"/console/consultations/{cid}").status_code == 404
    assert other.post(f"/console/consultations/comments/{good}/hide", {"reason": "Không"},
                      page="/console/consultations").status_code == 404
    assert f'data-consultation-id="{cid}"' not in other.get(
        "/console/consultations").get_data(as_text=True)
    assert db.session.get(ConsultationComment, good).status == "published"
