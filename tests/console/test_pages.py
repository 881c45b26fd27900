"""Console pages over the services: queue filters and pages, detail, actions, answers."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from core.clock import now
from core.db import commit, db
from core.models import Delivery
from feedback.models import Feedback, FeedbackEvent, ResponseTemplate


def _id(code: str) -> int:
    return db.session.scalar(sa.select(Feedback.id).where(
        Feedback.tracking_code == code.replace("-", "")))


def _ids_on(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-id="(\d+)"', html)]


def test_queue_shows_only_the_officers_office_with_counts(console, submit, ctx):
    mine = _id(submit().json["tracking_code"])
    police = _id(submit(category_code="an-ninh").json["tracking_code"])
    html = console("officer").get("/console/").get_data(as_text=True)
    assert _ids_on(html) == [mine]
    assert 'data-status="received"' in html and "Đã tiếp nhận <b>1</b>" in html
    leader_html = console("leader").get("/console/").get_data(as_text=True)
    assert sorted(_ids_on(leader_html)) == sorted([mine, police])
    assert "Đã tiếp nhận <b>2</b>" in leader_html


def test_queue_filters_and_search_without_diacritics(console, submit, ctx):
    road = _id(submit(title="Ổ gà đường Lê Lợi", channel="widget").json["tracking_code"])
    # (the default description mentions "ổ gà" too: the other two have their own)
    light = _id(submit(title="Đèn đường hỏng", description="Đèn không sáng cả tuần nay.",
                       channel="web").json["tracking_code"])
    safety = _id(submit(category_code="an-ninh", title="Tụ tập ồn ào",
                        description="Thanh niên tụ tập rú ga sau 23 giờ.").json["tracking_code"])
    c = console("leader")
    assert _ids_on(c.get("/console/?q=o+ga+le+loi").get_data(as_text=True)) == [road]
    assert _ids_on(c.get("/console/?q=DEN+DUONG").get_data(as_text=True)) == [light]
    assert _ids_on(c.get("/console/?q=đèn").get_data(as_text=True)) == [light]
    assert _ids_on(c.get("/console/?channel=widget").get_data(as_text=True)) == [road]
    assert _ids_on(c.get("/console/?category=an-ninh").get_data(as_text=True)) == [safety]
    assert _ids_on(c.get("/console/?status=accepted").get_data(as_text=True)) == []
    assert len(_ids_on(c.get("/console/?status=all").get_data(as_text=True))) == 3
    # Overdue and due-this-week
    item = db.session.get(Feedback, road)
    item.due_at = now() - timedelta(days=1)
    commit()
    html = c.get("/console/?overdue=1").get_data(as_text=True)
    assert _ids_on(html) == [road]
    assert "badge-overdue" in html
    item.due_at = now() + timedelta(hours=1)
    commit()
    html = c.get("/console/?due_week=1").get_data(as_text=True)
    assert road in _ids_on(html)
    assert "badge-due-soon" in html
    # A bad filter falls back to the default view instead of failing.
    response = c.get("/console/?status=bogus&after=%%%")
    assert response.status_code == 200
    assert "Bộ lọc không hợp lệ" in response.get_data(as_text=True)


def test_queue_keyset_pages_in_due_order(console, submit, app, monkeypatch, ctx):
    monkeypatch.setitem(app.config, "CONSOLE_PAGE_SIZE", 2)
    ids = [_id(submit(title=f"Phản ánh số {n}").json["tracking_code"]) for n in range(5)]
    for offset, item_id in enumerate(ids):
        db.session.get(Feedback, item_id).due_at = now() + timedelta(days=10 - offset)
    commit()
    c = console("officer")
    seen, url = [], "/console/"
    while url:
        html = c.get(url).get_data(as_text=True)
        seen.extend(_ids_on(html))
        match = re.search(r'href="([^"]+)" rel="next"', html)
        url = match.group(1).replace("&amp;", "&") if match else None
    assert seen == list(reversed(ids))


def test_detail_escapes_citizen_text_and_shows_contact_by_role(console, submit, ctx):
    code = submit(title="<b>Tiêu đề</b>", description="<script>alert(1)</script> & <img src=x "
                  "onerror=alert(2)> ngập nước", location={"lat": 16.4637, "lng": 107.5909}
                  ).json["tracking_code"]
    item_id = _id(code)
    html = console("officer").get(f"/console/feedback/{item_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;Tiêu đề&lt;/b&gt;" in html
    assert "16.463700, 107.590900" in html and "openstreetmap.org/?mlat=16.463700" in html
    assert "+84912345678" in html and "Nguyễn Văn An" in html
    viewer_html = console("viewer").get(f"/console/feedback/{item_id}").get_data(as_text=True)
    assert "+84912345678" not in viewer_html and "Nguyễn Văn An" not in viewer_html
    assert "không được xem thông tin liên hệ" in viewer_html
    assert 'data-action=' not in viewer_html  # no action forms for a viewer


def test_other_office_gets_the_404_page_and_a_log_line(console, submit, caplog):
    item_id = _id(submit().json["tracking_code"])
    with caplog.at_level("WARNING"):
        response = console("police").get(f"/console/feedback/{item_id}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert any(f"feedback {item_id} not in scope" in r.getMessage() for r in caplog.records)
    other = console("kl_officer")
    assert other.post(f"/console/feedback/{item_id}/do/accept").status_code == 404
    assert other.get("/console/khong-co-trang-nay").status_code == 404


def test_console_pages_send_security_headers(console):
    response = console("officer").get("/console/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " onclick=" not in html and " onchange=" not in html


def test_officer_works_an_item_to_answered_with_masked_preview(console, submit, ctx):
    item_id = _id(submit().json["tracking_code"])
    c = console("officer")
    page = f"/console/feedback/{item_id}"
    for action, data in (("accept", {}), ("assign", {}), ("start", {"note": "Đã đến kiểm tra"})):
        assert c.post(f"{page}/do/{action}", data, page=page).status_code == 303
    item = db.session.get(Feedback, item_id)
    db.session.refresh(item)
    assert item.status == "in_progress"
    draft = "Chào ông Nguyễn Văn An, đã vá ổ gà. Liên hệ 0912 345 678 nếu còn hỏng."
    response = c.post(f"{page}/answer", {"answer": draft, "note": "Chi phí 2 triệu"}, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="answer-preview"' in html
    preview = re.search(r'id="answer-preview">.*?<p class="citizen-text">(.*?)</p>', html,
                        re.S).group(1)
    assert "0912" not in preview and "Nguyễn" not in preview and "***" in preview
    db.session.refresh(item)
    assert item.status == "in_progress"  # nothing published by a preview
    response = c.post(f"{page}/answer", {"answer": draft, "note": "Chi phí 2 triệu",
                                         "confirm": "1"}, page=page)
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.status == "answered"
    assert item.public_answer == preview.replace("&amp;", "&")
    answer_event = db.session.scalar(sa.select(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item_id, FeedbackEvent.kind == "answer"))
    assert answer_event.note == "Chi phí 2 triệu" and "0912" not in answer_event.public_note
    # Every status change told the citizen (SMS: the phone they gave), except the assignment
    # inside the office, which is internal (accept, start, answer: three messages).
    kinds = list(db.session.scalars(sa.select(Delivery.kind).where(
        Delivery.subject_id == item_id, Delivery.channel == "sms").order_by(Delivery.id)))
    assert kinds == ["feedback_receipt", "feedback_status", "feedback_status",
                     "feedback_answer"]
    assert item_id not in _ids_on(c.get("/console/").get_data(as_text=True))


def test_answer_from_a_category_template(console, submit, ctx):
    item_id = _id(submit().json["tracking_code"])
    item = db.session.get(Feedback, item_id)
    template = ResponseTemplate(kind="answer", category_id=item.category_id, title="Đã sửa",
                                body="Đã sửa chữa xong, cảm ơn bạn.")
    db.session.add(template)
    item.status = "in_progress"
    commit()
    c = console("officer")
    page = f"/console/feedback/{item_id}"
    assert 'data-body="Đã sửa chữa xong, cảm ơn bạn."' in c.get(page).get_data(as_text=True)
    response = c.post(f"{page}/answer", {"template_id": str(template.id), "confirm": "1"},
                      page=page)
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.public_answer == "Đã sửa chữa xong, cảm ơn bạn."


def test_refuse_with_template_reason_transfer_and_extension_rules(console, submit, world, ctx):
    refused = _id(submit().json["tracking_code"])
    c = console("officer")
    page = f"/console/feedback/{refused}"
    html = c.get(page).get_data(as_text=True)
    reason = re.search(r'<select name="reason">\s*<option value="">[^<]*</option>\s*'
                       r'<option value="([^"]+)"', html).group(1)
    assert c.post(f"{page}/do/refuse", {"reason": reason}, page=page).status_code == 303
    assert db.session.get(Feedback, refused).status == "refused"

    moved = _id(submit().json["tracking_code"])
    page = f"/console/feedback/{moved}"
    c.post(f"{page}/do/accept", page=page)
    response = c.post(f"{page}/do/transfer", {"office_id": str(world.office_police),
                                              "reason": "Thuộc lĩnh vực an ninh"}, page=page)
    assert response.status_code == 303 and response.headers["Location"] == "/console/"
    assert c.get(page).status_code == 404  # it left the officer's office

    item_id = _id(submit().json["tracking_code"])
    page = f"/console/feedback/{item_id}"
    c.post(f"{page}/do/accept", page=page)
    due = (db.session.get(Feedback, item_id).due_at + timedelta(days=10)).date().isoformat()
    response = c.post(f"{page}/do/request_extension", {"due_date": due,
                                                       "reason": "Chờ vật tư"}, page=page)
    assert response.status_code == 303
    html = c.get(page).get_data(as_text=True)
    assert "Đề nghị gia hạn đến" in html and 'data-action="approve_extension"' not in html
    assert c.post(f"{page}/do/approve_extension", page=page).status_code == 403
    leader = console("leader")
    assert 'data-action="approve_extension"' in leader.get(page).get_data(as_text=True)
    assert leader.post(f"{page}/do/approve_extension", page=page).status_code == 303
    item = db.session.get(Feedback, item_id)
    db.session.refresh(item)
    assert item.due_at.astimezone().date().isoformat() <= due and item.extension_due_at is None
    # A bad value is explained on the page, not a crash.
    response = c.post(f"{page}/do/request_extension", {"due_date": "31/02/2027",
                                                       "reason": "x"}, page=page)
    assert response.status_code == 303
    assert "Ngày không hợp lệ." in c.get(page).get_data(as_text=True)


def test_merge_a_duplicate_from_the_console(console, submit, ctx):
    target_code = submit().json["tracking_code"]
    duplicate = _id(submit().json["tracking_code"])
    c = console("officer")
    page = f"/console/feedback/{duplicate}"
    response = c.post(f"{page}/do/merge", {"target_code": target_code.lower()}, page=page)
    assert response.status_code == 303
    item = db.session.get(Feedback, duplicate)
    db.session.refresh(item)
    assert item.status == "closed" and item.merged_into_id == _id(target_code)
    target_page = c.get(f"/console/feedback/{_id(target_code)}").get_data(as_text=True)
    assert 'data-kind="merged_in"' in target_page
    # Merging into an item out of scope is refused without saying whether it exists.
    police_code = submit(category_code="an-ninh").json["tracking_code"]
    other = _id(submit().json["tracking_code"])
    page = f"/console/feedback/{other}"
    c.post(f"{page}/do/merge", {"target_code": police_code}, page=page)
    assert "Không tìm thấy phản ánh này trong phạm vi của bạn." in c.get(page).get_data(
        as_text=True)
    assert db.session.get(Feedback, other).status == "received"


def test_images_only_for_staff_in_scope(console, client, world, ctx):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    response = client.post("/api/v1/feedback", data={
        "unit_code": world.commune, "category_code": "ha-tang",
        "description": "Ổ gà rất sâu ở đầu kiệt.", "anonymous": "true",
        "images": [(__import__("io").BytesIO(png), "a.png")]},
        content_type="multipart/form-data")
    assert response.status_code == 201
    item = db.session.get(Feedback, _id(response.json["tracking_code"]))
    url = f"/console/feedback/{item.id}/attachments/{item.attachments[0].id}"
    c = console("officer")
    assert url in c.get(f"/console/feedback/{item.id}").get_data(as_text=True)
    image = c.get(url)
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    image.close()
    assert console("police").get(url).status_code == 404
    assert client.get(url).status_code == 302  # no session: to the sign-in page
