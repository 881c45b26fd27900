"""Publishing an answered item as a public question and answer from the console (issue 18):
a leader sees the masked proposal, previews an edit, publishes exactly it, and withdraws it;
officers cannot; the reporter's contact data never reaches the public version."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core.db import commit, db
from feedback.answers.models import PublishedAnswer
from feedback.models import Feedback


def _answered(submit) -> Feedback:
    code = submit(description="Ông Nguyễn Văn An ở số 12 báo ổ gà, gọi 0912 345 678.") \
        .json["tracking_code"].replace("-", "")
    item = db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))
    item.status, item.public_answer = "answered", "Đã vá ổ gà trước số nhà."
    commit()
    return item


def _published(item_id: int) -> PublishedAnswer | None:
    return db.session.scalar(sa.select(PublishedAnswer).where(
        PublishedAnswer.feedback_id == item_id))


def test_leader_previews_publishes_and_withdraws(console, submit, ctx):
    item = _answered(submit)
    leader = console("leader")
    detail = leader.get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert f'href="/console/feedback/{item.id}/publication" id="qa-link"' in detail
    page = f"/console/feedback/{item.id}/publication"
    html = leader.get(page).get_data(as_text=True)
    question = re.search(r'id="qa-preview-question">(.*?)</p>', html, re.S).group(1)
    assert "0912" not in question and "Nguyễn Văn An" not in question  # masked proposal
    assert 'data-published="no"' in html

    edited = {"title": "Ổ gà đường Lê Lợi đã được vá", "question": question,
              "answer": "Đội duy tu đã vá ổ gà ngày 20/11."}
    preview = leader.post(page, {**edited, "go": "preview"}, page=page)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert 'id="qa-preview-heading">Ổ gà đường Lê Lợi đã được vá<' in html
    assert _published(item.id) is None  # a preview saves nothing

    assert leader.post(page, {**edited, "go": "publish"}, page=page).status_code == 303
    published = _published(item.id)
    assert published.title == "Ổ gà đường Lê Lợi đã được vá"
    assert published.answer == "Đội duy tu đã vá ổ gà ngày 20/11."
    assert 'data-published="yes"' in leader.get(page).get_data(as_text=True)

    assert leader.post(page, {"go": "unpublish"}, page=page).status_code == 303
    assert _published(item.id) is None


def test_an_edit_with_the_reporters_phone_is_refused(console, submit, ctx):
    item = _answered(submit)
    page = f"/console/feedback/{item.id}/publication"
    response = console("leader").post(page, {
        "title": "Ổ gà", "question": "Gọi 0912 345 678 để hỏi.", "answer": "Đã vá.",
        "go": "publish"}, page=page)
    assert response.status_code == 422
    assert 'id="error-question"' in response.get_data(as_text=True)
    assert _published(item.id) is None


def test_officer_sees_but_cannot_publish(console, submit, ctx):
    item = _answered(submit)
    officer = console("officer")
    assert 'id="qa-link"' not in officer.get(f"/console/feedback/{item.id}").get_data(
        as_text=True)
    page = f"/console/feedback/{item.id}/publication"
    html = officer.get(page).get_data(as_text=True)
    assert 'id="qa-form"' not in html and 'id="qa-leaders-only"' in html
    response = officer.post(page, {"title": "Ổ gà", "question": "Hỏi", "answer": "Đáp",
                                   "go": "publish"}, page=page)
    assert response.status_code == 403 and _published(item.id) is None
