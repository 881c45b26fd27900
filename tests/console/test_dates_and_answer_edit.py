"""Issue 18 in the console's HTML: every moment in one format (``04/12/2026 21:03``,
Asia/Ho_Chi_Minh) through one Jinja filter, and "Sửa lại" on the answer's preview bringing
back what was typed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from console.filters import datetime_vn
from core.db import commit, db
from feedback.models import Feedback

TEMPLATES = Path(__file__).parents[2] / "console" / "templates" / "console"


def _item(submit) -> Feedback:
    code = submit().json["tracking_code"].replace("-", "")
    return db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))


def test_the_filter_formats_every_kind_of_moment():
    moment = datetime(2026, 12, 4, 14, 3, tzinfo=UTC)  # 21:03 in Hà Nội time
    assert datetime_vn(moment) == "04/12/2026 21:03"
    assert datetime_vn("2026-12-04T14:03:00+00:00") == "04/12/2026 21:03"
    assert datetime_vn(date(2026, 12, 4)) == "04/12/2026"
    assert datetime_vn(None) == "" and datetime_vn("không rõ") == "không rõ"


def test_templates_show_moments_only_through_the_filter():
    """No template formats a moment on its own (strftime, isoformat shown to people, the
    old helpers)."""
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text()
        assert not re.search(r"strftime|local_time|local_date|local_iso", text), path.name


def test_item_page_shows_received_and_due_in_the_one_format(console, submit, ctx):
    item = _item(submit)
    item.created_at = datetime(2026, 12, 4, 14, 3, tzinfo=UTC)
    item.due_at = datetime(2026, 12, 18, 16, 59, 59, tzinfo=UTC)
    commit()
    html = console("officer").get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert "<dd>04/12/2026 21:03</dd>" in html and "<dd>18/12/2026 23:59</dd>" in html
    queue = console("officer").get("/console/").get_data(as_text=True)
    assert "Hạn xử lý: 18/12/2026 23:59" in queue


def test_edit_on_the_preview_brings_back_the_typed_answer(console, submit, ctx):
    item = _item(submit)
    item.status = "in_progress"
    commit()
    c = console("officer")
    page = f"/console/feedback/{item.id}"
    typed = "Đội duy tu đã vá ổ gà.\nCảm ơn ông Nguyễn Văn An."
    preview = c.post(f"{page}/answer", {"answer": typed, "note": "Chi phí 2 triệu"},
                     page=page).get_data(as_text=True)
    assert 'id="answer-edit"' in preview
    edited = c.post(f"{page}/answer", {"answer": typed, "note": "Chi phí 2 triệu",
                                       "confirm": "1", "edit": "1"}, page=page)
    html = edited.get_data(as_text=True)
    assert edited.status_code == 200 and 'id="answer-preview"' not in html
    box = re.search(r'<textarea name="answer" id="answer-text"[^>]*>(.*?)</textarea>', html,
                    re.S).group(1)
    assert box == typed  # unmasked: the official keeps editing their own words
    assert re.search(r'id="answer-note"[^>]*>Chi phí 2 triệu</textarea>', html)
    db.session.refresh(item)
    assert item.status == "in_progress"  # nothing was sent
