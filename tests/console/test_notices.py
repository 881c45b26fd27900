"""Console pages for notices: write → submit → approve → published on schedule → withdraw;
nobody approves their own notice; other units get 404; bad forms come back with Vietnamese
field errors and save nothing; corrections are new versions; deliveries are shown."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.clock import isoformat_local, to_local
from core.db import commit, db, unit_of_work
from core.models import Delivery
from directory import auth
from directory.models import StaffUser
from notices import service
from notices.models import Notice
from tests.conftest import PASSWORD
from tests.console.conftest import csrf_from
from tests.feedback.test_authorization_matrix import PNG
from tests.notices.conftest import frozen, notice_body  # noqa: F401 - fixtures

FORM = {
    "title": "Lịch cắt điện khu vực phường",
    "summary": "Cắt điện để bảo dưỡng lưới điện từ 7 giờ đến 11 giờ.",
    "body": "<p>Điện lực thông báo <strong>cắt điện</strong> để bảo dưỡng.</p>",
    "category": "local_programmes",
    "priority": "normal",
}


def _local_input(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def _post(c, path: str, data: dict | None = None, **kwargs):
    """POST a console form with the session's CSRF token (read from the notices list)."""
    token = csrf_from(c.get("/console/notices").get_data(as_text=True))
    return c.client.post(path, data={"csrf_token": token, **(data or {})}, **kwargs)


def _created_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(re.search(r"/console/notices/(\d+)$", response.headers["Location"]).group(1))


def _status(notice_id: int) -> str:
    return db.session.scalar(sa.select(Notice.status).where(Notice.id == notice_id))


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notice))


@pytest.fixture
def second_leader(app, world):
    """Another leader of Phú Xuân (approves what ``leader`` writes)."""
    with app.app_context(), unit_of_work():
        user = auth.create_staff("leader2", "commune_leader", world.commune)
        auth.set_password(user, PASSWORD)
    return "leader2"


def test_write_submit_approve_publish_on_schedule_and_withdraw(console, second_leader, frozen,
                                                              client, world, ctx):
    author = console("leader")
    page = author.get("/console/notices/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Soạn thông báo mới" in html and 'name="targets"' not in html  # a commune's own
    publish_at = frozen.moment + timedelta(hours=2)
    notice_id = _created_id(_post(author, "/console/notices/new", {
        **FORM, "body": FORM["body"] + '<script>alert(1)</script><p onclick="x()">Hết.</p>',
        "publish_at": _local_input(publish_at)}))
    item = db.session.get(Notice, notice_id)
    assert (item.status, item.unit_code, item.target_codes) == ("draft", world.commune,
                                                                [world.commune])
    assert "<script" not in item.body and "onclick" not in item.body and "Hết." in item.body
    detail = author.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'data-status="draft"' in detail and "Đã lưu bản nháp." in detail
    assert "<strong>cắt điện</strong>" in detail  # the sanitised body, as formatting
    listed = author.get("/console/notices?status=draft").get_data(as_text=True)
    assert f'data-notice-id="{notice_id}"' in listed

    assert _post(author, f"/console/notices/{notice_id}/do/submit").status_code == 303
    assert _status(notice_id) == "submitted"

    approver = console(second_leader)
    page = approver.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'data-action="approve"' in page and 'data-action="reject"' in page
    done = _post(approver, f"/console/notices/{notice_id}/do/approve", follow_redirects=True)
    assert "Đã duyệt thông báo." in done.get_data(as_text=True)
    assert _status(notice_id) == "approved"  # its time has not come yet
    assert client.get(f"/api/v1/units/{world.commune}/notices").json["total"] == 0

    frozen.advance(hours=2)
    assert service.run_schedule() == (1, 0)
    approver = console(second_leader)  # two idle hours ended the first session
    page = approver.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'data-status="published"' in page and 'data-kind="publish"' in page
    assert f"/board/{world.commune}" in page and f"/feeds/{world.commune}.atom" in page
    public = client.get(f"/api/v1/units/{world.commune}/notices").json
    assert [n["id"] for n in public["items"]] == [notice_id]

    refused = _post(approver, f"/console/notices/{notice_id}/do/withdraw", {"reason": "  "},
                    follow_redirects=True)
    assert "Vui lòng nêu lý do." in refused.get_data(as_text=True)
    assert _status(notice_id) == "published"
    _post(approver, f"/console/notices/{notice_id}/do/withdraw",
          {"reason": "Điện lực hoãn lịch cắt điện."})
    assert _status(notice_id) == "withdrawn"
    page = approver.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'id="withdraw-reason">Điện lực hoãn lịch cắt điện.' in page
    assert "Lý do: Điện lực hoãn lịch cắt điện." in page  # in the history
    assert client.get(f"/api/v1/units/{world.commune}/notices").json["total"] == 0


def test_the_author_cannot_approve(console, ctx):
    admin = console("admin")
    notice_id = _created_id(_post(admin, "/console/notices/new", FORM))
    _post(admin, f"/console/notices/{notice_id}/do/submit")
    page = admin.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert "Người soạn không được tự duyệt thông báo của mình." in page
    assert 'data-action="approve"' not in page
    refused = _post(admin, f"/console/notices/{notice_id}/do/approve")
    assert refused.status_code == 403
    assert "Người soạn không được tự duyệt thông báo của mình." in refused.get_data(as_text=True)
    assert _status(notice_id) == "submitted"
    # Reject is an approver's decision too.
    assert _post(admin, f"/console/notices/{notice_id}/do/reject",
                 {"reason": "Tự trả lại"}).status_code == 403
    assert _status(notice_id) == "submitted"


def test_reject_needs_a_reason_and_returns_to_draft(console, ctx):
    officer, leader = console("officer"), console("leader")
    notice_id = _created_id(_post(officer, "/console/notices/new", FORM))
    page = officer.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'data-action="approve"' not in page  # officers write, leaders approve
    _post(officer, f"/console/notices/{notice_id}/do/submit")
    assert _post(officer, f"/console/notices/{notice_id}/do/approve").status_code == 403
    empty = _post(leader, f"/console/notices/{notice_id}/do/reject", {"reason": ""},
                  follow_redirects=True)
    assert "Vui lòng nêu lý do." in empty.get_data(as_text=True)
    assert _status(notice_id) == "submitted"
    _post(leader, f"/console/notices/{notice_id}/do/reject", {"reason": "Sửa lại giờ cắt."})
    assert _status(notice_id) == "draft"
    assert "Lý do: Sửa lại giờ cắt." in officer.get(
        f"/console/notices/{notice_id}").get_data(as_text=True)


def test_other_units_get_404_by_guessing_ids(console, world, ctx):
    officer = console("officer")
    mine = _created_id(_post(officer, "/console/notices/new", FORM))
    theirs = _created_id(_post(console("kl_officer"), "/console/notices/new", FORM))
    for who, notice_id in (("kl_officer", mine), ("kl_leader", mine), ("viewer", theirs),
                           ("officer", theirs), ("hn_admin", mine)):
        c = console(who)
        for path in ("", "/edit", "/correct"):
            response = c.get(f"/console/notices/{notice_id}{path}")
            assert response.status_code == 404, (who, path)
            assert "Không tìm thấy" in response.get_data(as_text=True)
            assert "Lịch cắt điện" not in response.get_data(as_text=True)
        for path, data in (("/do/submit", {}), ("/edit", FORM),
                           ("/do/withdraw", {"reason": "Thử"})):
            assert _post(c, f"/console/notices/{notice_id}{path}", data).status_code == 404
        assert f'data-notice-id="{notice_id}"' not in c.get(
            "/console/notices?status=draft").get_data(as_text=True)
    assert {_status(mine), _status(theirs)} == {"draft"}
    assert db.session.get(Notice, mine).events[-1].kind == "create"
    # The province's administrator sees both communes' notices.
    listed = console("admin").get("/console/notices").get_data(as_text=True)
    assert f'data-notice-id="{mine}"' in listed and f'data-notice-id="{theirs}"' in listed


def test_viewer_reads_but_does_not_write(console, ctx):
    notice_id = _created_id(_post(console("officer"), "/console/notices/new", FORM))
    viewer = console("viewer")
    listed = viewer.get("/console/notices").get_data(as_text=True)
    assert f'data-notice-id="{notice_id}"' in listed and "Soạn thông báo mới" not in listed
    page = viewer.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'data-action="submit"' not in page and "Không có thao tác nào" in page
    assert viewer.get("/console/notices/new").status_code == 403
    before = _count()
    assert _post(viewer, "/console/notices/new", FORM).status_code == 403
    assert _post(viewer, f"/console/notices/{notice_id}/do/submit").status_code == 403
    assert _count() == before and _status(notice_id) == "draft"


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_forms_without_a_valid_csrf_token_are_refused(console, token, ctx):
    officer = console("officer")
    notice_id = _created_id(_post(officer, "/console/notices/new", FORM))
    before = _count()
    data = {} if token is None else {"csrf_token": token}
    for path, body in (("/console/notices/new", FORM),
                       (f"/console/notices/{notice_id}/do/submit", {}),
                       (f"/console/notices/{notice_id}/edit", {**FORM, "title": "Tiêu đề mới"})):
        response = officer.client.post(path, data={**body, **data})
        assert response.status_code == 400
        assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in response.get_data(as_text=True)
    assert _count() == before
    item = db.session.get(Notice, notice_id)
    assert (item.status, item.title) == ("draft", FORM["title"])


def test_bad_input_comes_back_with_field_errors_and_saves_nothing(console, frozen, ctx):
    officer = console("officer")
    before = _count()
    response = _post(officer, "/console/notices/new", {
        **FORM, "title": "", "summary": "abc", "category": "bogus",
        "publish_at": "ngày mai"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vui lòng sửa các mục được đánh dấu bên dưới." in html
    assert re.search(r'id="error-title"[^>]*>Thiếu thông tin bắt buộc\.', html)
    assert 'id="error-summary"' in html and 'id="error-category"' in html
    assert 'id="error-publish_at"' in html
    assert 'value="ngày mai"' in html  # what was typed is shown again
    # Rules the service checks come back on the form too.
    risk = _post(officer, "/console/notices/new", {**FORM, "risk_level": "3"})
    assert risk.status_code == 422
    assert "Cấp độ rủi ro thiên tai chỉ dùng cho thông tin thiên tai, sự cố." in \
        risk.get_data(as_text=True)
    start = frozen.moment + timedelta(days=1)
    order = _post(officer, "/console/notices/new", {
        **FORM, "publish_at": _local_input(start), "expires_at": _local_input(start)})
    assert order.status_code == 422
    assert re.search(r'id="error-expires_at"[^>]*>Thời điểm hết hạn phải sau thời điểm đăng',
                     order.get_data(as_text=True))
    empty_body = _post(officer, "/console/notices/new", {**FORM, "body": "<script>x</script>"})
    assert empty_body.status_code == 422
    assert "Nội dung không được để trống." in empty_body.get_data(as_text=True)
    assert _count() == before


def test_province_targets_and_a_disaster_notice_with_risk_level(console, world, ctx):
    admin = console("admin")
    form = admin.get("/console/notices/new").get_data(as_text=True)
    assert f'name="targets" value="{world.commune}"' in form
    notice_id = _created_id(_post(admin, "/console/notices/new", {
        **FORM, "unit_code": world.province, "category": "disaster_incident",
        "priority": "emergency", "risk_level": "4", "targets": [world.commune]}))
    item = db.session.get(Notice, notice_id)
    assert (item.unit_code, item.target_codes, item.priority, item.risk_level) == (
        world.province, [world.commune], "emergency", 4)
    page = admin.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert "Cấp độ 4 – Rủi ro thiên tai rất lớn" in page and 'fill="#e53935"' in page
    # A commune's notice cannot reach another commune.
    outside = _post(admin, "/console/notices/new", {
        **FORM, "unit_code": world.commune, "targets": [world.commune, world.other_commune]})
    assert outside.status_code == 422
    assert "Đơn vị nhận phải thuộc phạm vi của đơn vị đăng thông báo." in \
        outside.get_data(as_text=True)
    # Another province's unit is not the administrator's to write for.
    assert _post(admin, "/console/notices/new", {**FORM, "unit_code": "01"}).status_code == 403


def test_edit_a_draft_then_correct_the_published_notice(console, second_leader, ctx):
    officer, leader = console("officer"), console("leader")
    notice_id = _created_id(_post(officer, "/console/notices/new", FORM))
    form = officer.get(f"/console/notices/{notice_id}/edit").get_data(as_text=True)
    assert f'value="{FORM["title"]}"' in form
    bad = _post(officer, f"/console/notices/{notice_id}/edit", {**FORM, "summary": ""})
    assert bad.status_code == 422
    assert db.session.get(Notice, notice_id).summary == FORM["summary"]
    _post(officer, f"/console/notices/{notice_id}/edit",
          {**FORM, "title": "Lịch cắt điện (đổi giờ)"})
    item = db.session.get(Notice, notice_id)
    db.session.refresh(item)
    assert item.title == "Lịch cắt điện (đổi giờ)"
    _post(officer, f"/console/notices/{notice_id}/do/submit")
    _post(leader, f"/console/notices/{notice_id}/do/approve")
    assert _status(notice_id) == "published"
    # A published notice is no longer editable: the page says why.
    moved = officer.get(f"/console/notices/{notice_id}/edit", follow_redirects=True)
    assert "Không thể sửa khi thông báo đang ở trạng thái “Đang đăng”." in \
        moved.get_data(as_text=True)

    form = officer.get(f"/console/notices/{notice_id}/correct").get_data(as_text=True)
    assert "Lịch cắt điện (đổi giờ)" in form
    correction = _created_id(_post(officer, f"/console/notices/{notice_id}/correct", {
        **FORM, "title": "Lịch cắt điện (đính chính)"}))
    assert correction != notice_id
    again = _post(officer, f"/console/notices/{notice_id}/correct", FORM, follow_redirects=True)
    assert "Không thể đính chính" in again.get_data(as_text=True)
    new = db.session.get(Notice, correction)
    assert (new.version, new.status, new.supersedes_id) == (2, "draft", notice_id)
    _post(officer, f"/console/notices/{correction}/do/submit")
    _post(console(second_leader), f"/console/notices/{correction}/do/approve")
    assert (_status(notice_id), _status(correction)) == ("superseded", "published")
    old = leader.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert 'id="old-version"' in old and "Lịch cắt điện (đổi giờ)" in old
    assert f'data-version-id="{correction}"' in old
    assert 'data-action="withdraw"' not in old


def test_images_on_a_draft(console, ctx):
    officer = console("officer")
    notice_id = _created_id(_post(officer, "/console/notices/new", FORM))
    not_image = _post(officer, f"/console/notices/{notice_id}/images",
                      {"image": (io.BytesIO(b"not an image"), "a.png"), "alt": "Ảnh"},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "Tệp không phải ảnh JPEG, PNG hoặc WebP." in not_image.get_data(as_text=True)
    missing = _post(officer, f"/console/notices/{notice_id}/images", {"alt": "Ảnh"},
                    content_type="multipart/form-data", follow_redirects=True)
    assert "Vui lòng chọn một ảnh." in missing.get_data(as_text=True)
    assert db.session.get(Notice, notice_id).images == []
    done = _post(officer, f"/console/notices/{notice_id}/images",
                 {"image": (io.BytesIO(PNG), "anh.png"), "alt": "Sơ đồ khu vực cắt điện"},
                 content_type="multipart/form-data", follow_redirects=True)
    assert "Đã thêm ảnh." in done.get_data(as_text=True)
    image = db.session.get(Notice, notice_id).images[0]
    url = f"/console/notices/{notice_id}/images/{image.id}"
    assert f'src="{url}"' in done.get_data(as_text=True)
    served = officer.get(url)
    assert (served.status_code, served.mimetype, served.get_data()) == (200, "image/png", PNG)
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    served.close()
    assert console("kl_officer").get(url).status_code == 404


def test_deliveries_are_shown(console, world, client, staff_headers, ctx):
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    officer = db.session.get(StaffUser, world.staff_ids["officer"])
    item = service.create(notice_body(), officer)
    service.submit(item.id, officer)
    service.approve(item.id, leader)
    for n, (channel, status) in enumerate((("zalo", "sent"), ("zalo", "sent"),
                                           ("zalo", "failed"), ("source_system", "pending"))):
        db.session.add(Delivery(channel=channel, recipient=f"r{n}", kind="notice", payload={},
                                idempotency_key=f"test-notice-{item.id}-{n}",
                                subject_type="notice", subject_id=item.id, status=status))
    commit()
    page = console("viewer").get(f"/console/notices/{item.id}").get_data(as_text=True)
    assert "Tổng số lượt gửi: 4" in page
    rows = re.findall(r'<tr data-channel="(\w+)" data-status="(\w+)"><td>([^<]+)</td>'
                      r'<td>([^<]+)</td><td>(\d+)</td>', page)
    assert rows == [("source_system", "pending", "Hệ thống thông tin nguồn", "Đang chờ gửi", "1"),
                    ("zalo", "failed", "Zalo OA", "Không gửi được", "1"),
                    ("zalo", "sent", "Zalo OA", "Đã gửi", "2")]
    api = client.get(f"/api/v1/staff/notices/{item.id}/deliveries",
                     headers=staff_headers("viewer")).json  # the same figures as the staff API
    assert [(r["channel"], r["status"], str(r["count"])) for r in api["by_channel"]] == [
        (channel, status, n) for channel, status, _, _, n in rows]
    draft = service.create(notice_body(), officer)
    page = console("viewer").get(f"/console/notices/{draft.id}").get_data(as_text=True)
    assert "Chưa có lượt gửi nào" in page


def test_list_filters_by_status_and_pages(console, app, monkeypatch, world, ctx):
    monkeypatch.setitem(app.config, "CONSOLE_PAGE_SIZE", 2)
    officer = db.session.get(StaffUser, world.staff_ids["officer"])
    ids = [service.create(notice_body(title=f"Thông báo số {n}"), officer).id for n in range(5)]
    service.submit(ids[0], officer)
    c = console("viewer")
    seen, url = [], "/console/notices"
    while url:
        html = c.get(url).get_data(as_text=True)
        seen.extend(int(i) for i in re.findall(r'data-notice-id="(\d+)"', html))
        match = re.search(r'href="([^"]+)" rel="next"', html)
        url = match.group(1).replace("&amp;", "&") if match else None
    assert seen == sorted(ids, reverse=True)
    html = c.get("/console/notices?status=submitted").get_data(as_text=True)
    assert re.findall(r'data-notice-id="(\d+)"', html) == [str(ids[0])]
    assert "Chờ duyệt <b>1</b>" in html and "Bản nháp <b>4</b>" in html
    bad = c.get("/console/notices?status=bogus&before=x")
    assert bad.status_code == 200 and "Bộ lọc không hợp lệ" in bad.get_data(as_text=True)


def test_nav_links_to_notices_for_every_role(console):
    for who in ("admin", "leader", "officer", "viewer"):
        html = console(who).get("/console/").get_data(as_text=True)
        assert 'href="/console/notices">Thông báo</a>' in html, who


def test_scheduled_time_shown_in_vietnam_time(console, frozen, ctx):
    officer = console("officer")
    moment = frozen.moment + timedelta(days=2)
    notice_id = _created_id(_post(officer, "/console/notices/new", {
        **FORM, "publish_at": _local_input(moment)}))
    item = db.session.get(Notice, notice_id)
    assert isoformat_local(item.publish_at) == "2026-12-03T08:00:00+07:00"
    assert "03/12/2026 08:00" in officer.get(f"/console/notices/{notice_id}").get_data(
        as_text=True)


PLAIN_BODY = ("Do mưa lớn, lượng mưa dự báo 200–350 mm.\n"
              "Bà con lưu ý:\n"
              "- Không qua lại ngầm tràn.\n"
              "- Chằng chống nhà cửa.\n"
              "\n"
              "Liên hệ trực ban xã.")
PLAIN_HTML = ("<p>Do mưa lớn, lượng mưa dự báo 200–350 mm.<br>Bà con lưu ý:</p>"
              "<ul><li>Không qua lại ngầm tràn.</li><li>Chằng chống nhà cửa.</li></ul>"
              "<p>Liên hệ trực ban xã.</p>")


def test_form_guides_plain_text_not_html(console):
    html = console("officer").get("/console/notices/new").get_data(as_text=True)
    assert "dòng trống giữa hai đoạn văn" in html and "“- ”" in html
    assert "&lt;p&gt;" not in html and "&lt;br&gt;" not in html
    assert 'name="preview"' in html


def test_preview_shows_paragraphs_and_lists_and_saves_nothing(console, ctx):
    officer = console("officer")
    before = _count()
    response = _post(officer, "/console/notices/new", {**FORM, "title": "", "body": PLAIN_BODY,
                                                        "preview": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    preview = re.search(r'id="body-preview-content">(.*?)</div>', html, re.DOTALL).group(1)
    assert preview == PLAIN_HTML  # the same renderer as saving
    assert "Bản xem trước chưa được lưu." in html
    assert "- Không qua lại ngầm tràn." in html  # the typed text stays in the box
    assert 'id="error-title"' not in html  # a preview is not a save attempt
    assert _count() == before
    script = _post(officer, "/console/notices/new", {
        **FORM, "body": "<script>alert(1)</script><p>Hết.</p>", "preview": "1"})
    shown = re.search(r'id="body-preview-content">(.*?)</div>',
                      script.get_data(as_text=True), re.DOTALL).group(1)
    assert shown == "<p>Hết.</p>"


def test_plain_text_is_saved_as_paragraphs_and_edited_as_plain_text(console, ctx):
    officer = console("officer")
    notice_id = _created_id(_post(officer, "/console/notices/new", {**FORM, "body": PLAIN_BODY}))
    assert db.session.get(Notice, notice_id).body == PLAIN_HTML
    detail = officer.get(f"/console/notices/{notice_id}").get_data(as_text=True)
    assert "<li>Không qua lại ngầm tràn.</li>" in detail
    form = officer.get(f"/console/notices/{notice_id}/edit").get_data(as_text=True)
    typed = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', form, re.DOTALL).group(1)
    assert "&lt;" not in typed and "- Chằng chống nhà cửa." in typed
    # An HTML body with formatting is edited as HTML, and still saves.
    rich = _created_id(_post(officer, "/console/notices/new", FORM))
    form = officer.get(f"/console/notices/{rich}/edit").get_data(as_text=True)
    assert "&lt;strong&gt;cắt điện&lt;/strong&gt;" in form
