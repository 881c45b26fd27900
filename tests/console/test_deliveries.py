"""Console: how citizens were told about their items, the messages that never reached them,
and a staff member's own reminders."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core import outbox
from core.db import commit, db
from core.models import Delivery
from feedback.models import Feedback


def _item(code: str) -> Feedback:
    return db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code.replace("-", "")))


def test_item_page_shows_each_route_tried_and_why_it_failed(console, submit, ctx):
    # No SMS or ZNS sender in this app: the receipt tries both routes and fails visibly.
    code = submit().json["tracking_code"]
    item = _item(code)
    html = console("officer").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    section = html.split('id="deliveries"')[1].split("</section>")[0]
    assert "Biên nhận" in section and "Không gửi được" in section
    assert "Chưa cấu hình kênh gửi sms." in section
    assert "Tin Zalo (ZNS)" in section and "SMS" in section
    assert "+84912345678" not in section and "0912" not in section  # never the recipient


def test_undelivered_list_shows_failed_messages_in_scope_only(console, submit, ctx, world):
    code = submit().json["tracking_code"]
    other = submit(unit_code=world.other_commune, category_code="khac").json["tracking_code"]
    page = console("leader").get("/console/messages/undelivered").get_data(as_text=True)
    assert code in page and other not in page
    assert "Chưa cấu hình kênh gửi sms." in page
    delivery = db.session.scalar(sa.select(Delivery).where(
        Delivery.subject_type == "feedback", Delivery.subject_id == _item(code).id))
    assert f'data-delivery="{delivery.id}"' in page
    officer_page = console("kl_officer").get("/console/messages/undelivered")
    assert code not in officer_page.get_data(as_text=True)


def test_sent_messages_are_not_listed_as_undelivered(console, submit, ctx, app):
    outbox.register_sender(app, "sms", lambda delivery: outbox.SendResult())
    outbox.register_sender(app, "zns", lambda delivery: outbox.SendResult())
    try:
        code = submit().json["tracking_code"]
    finally:
        outbox.unregister_sender(app, "sms")
        outbox.unregister_sender(app, "zns")
    page = console("leader").get("/console/messages/undelivered").get_data(as_text=True)
    assert code not in page
    item_page = console("officer").get(f"/console/feedback/{_item(code).id}").get_data(
        as_text=True)
    assert "Đã gửi" in item_page.split('id="deliveries"')[1].split("</section>")[0]


def test_reminders_page_lists_what_was_addressed_to_me(console, ctx, world):
    outbox.queue("staff_email", f"staff:{world.staff_ids['leader']}", "feedback_overdue",
                 {"text": "Phản ánh ABCD-EFGH đã quá hạn xử lý.", "subject": "Quá hạn"},
                 key="test:reminder:leader")
    commit()
    mine = console("leader").get("/console/reminders").get_data(as_text=True)
    assert "Phản ánh ABCD-EFGH đã quá hạn xử lý." in mine
    theirs = console("officer").get("/console/reminders").get_data(as_text=True)
    assert "ABCD-EFGH" not in theirs
    assert re.search(r'href="/console/reminders"', mine)
