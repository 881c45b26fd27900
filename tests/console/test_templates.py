"""Answer templates in the console (issue 18): leaders and province administrators create,
edit, retire and restore templates per unit and category; officers use them when answering
and only see them."""

from __future__ import annotations

import re

import sqlalchemy as sa

from core.db import commit, db
from feedback.models import Feedback, ResponseTemplate
from tests.conftest import OTHER_COMMUNE


def _item_in_progress(submit) -> Feedback:
    code = submit().json["tracking_code"].replace("-", "")
    item = db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))
    item.status = "in_progress"
    commit()
    return item


def _template(title: str) -> ResponseTemplate:
    return db.session.scalar(sa.select(ResponseTemplate).where(ResponseTemplate.title == title))


def test_leader_creates_edits_retires_and_the_officer_answers_with_it(console, submit, world,
                                                                      ctx):
    leader = console("leader")
    response = leader.post("/console/templates", {
        "kind": "answer", "category_code": "ha-tang", "title": "Đã vá đường",
        "body": "Đội duy tu đã vá mặt đường. Cảm ơn bạn đã phản ánh."}, page="/console/templates")
    assert response.status_code == 303
    template = _template("Đã vá đường")
    assert template.unit_code == world.commune and template.category.code == "ha-tang"

    item = _item_in_progress(submit)
    officer = console("officer")
    page = officer.get(f"/console/feedback/{item.id}").get_data(as_text=True)
    assert f'value="{template.id}" data-body="Đội duy tu đã vá mặt đường.' in page

    response = leader.post(f"/console/templates/{template.id}", {
        "kind": "answer", "category_code": "ha-tang", "title": "Đã vá đường",
        "body": "Đội duy tu đã vá và lu lèn mặt đường."}, page="/console/templates")
    assert response.status_code == 303
    db.session.refresh(template)
    assert template.body == "Đội duy tu đã vá và lu lèn mặt đường."
    # Answering with the template alone publishes its text.
    answered = officer.post(f"/console/feedback/{item.id}/answer",
                            {"template_id": str(template.id), "confirm": "1"},
                            page=f"/console/feedback/{item.id}")
    assert answered.status_code == 303
    db.session.refresh(item)
    assert item.public_answer == "Đội duy tu đã vá và lu lèn mặt đường."

    assert leader.post(f"/console/templates/{template.id}/retire",
                       page="/console/templates").status_code == 303
    db.session.refresh(template)
    assert template.is_active is False
    other = _item_in_progress(submit)
    page = officer.get(f"/console/feedback/{other.id}").get_data(as_text=True)
    assert f'value="{template.id}" data-body=' not in page  # retired: no longer offered
    listing = leader.get("/console/templates").get_data(as_text=True)
    assert re.search(rf'data-template="{template.id}" data-active="no"', listing)
    assert leader.post(f"/console/templates/{template.id}/restore",
                       page="/console/templates").status_code == 303
    db.session.refresh(template)
    assert template.is_active is True


def test_officer_reads_but_cannot_manage(console, ctx):
    template = ResponseTemplate(kind="answer", unit_code="19753", title="Mẫu xã", body="Nội dung")
    db.session.add(template)
    commit()
    officer = console("officer")
    html = officer.get("/console/templates").get_data(as_text=True)
    assert "Mẫu xã" in html and 'id="template-form"' not in html
    assert officer.post("/console/templates", {"kind": "answer", "title": "X", "body": "Y"},
                        page="/console/templates").status_code == 403
    assert officer.post(f"/console/templates/{template.id}/retire",
                        page="/console/templates").status_code == 403
    assert officer.get(f"/console/templates/{template.id}").status_code == 403


def test_another_communes_template_is_out_of_reach(console, ctx):
    template = ResponseTemplate(kind="answer", unit_code=OTHER_COMMUNE, title="Mẫu Kim Long",
                                body="Nội dung")
    db.session.add(template)
    commit()
    leader = console("leader")
    assert "Mẫu Kim Long" not in leader.get("/console/templates").get_data(as_text=True)
    assert leader.get(f"/console/templates/{template.id}").status_code == 404
    assert leader.post(f"/console/templates/{template.id}/retire",
                       page="/console/templates").status_code == 404
    refused = leader.post("/console/templates", {"kind": "answer", "unit_code": OTHER_COMMUNE,
                                                 "title": "X", "body": "Y"},
                          page="/console/templates")
    assert refused.status_code == 403
    # The province's administrator manages the communes' templates.
    admin = console("admin")
    assert admin.post(f"/console/templates/{template.id}/retire",
                      page="/console/templates").status_code == 303


def test_missing_text_is_named_next_to_the_field(console, ctx):
    response = console("leader").post("/console/templates", {"kind": "answer", "title": "Mẫu"},
                                      page="/console/templates")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="error-body"' in html and 'value="Mẫu"' in html
