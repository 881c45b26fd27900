"""The comment window with a frozen clock: planned before, open during, refused after."""

from __future__ import annotations

import sqlalchemy as sa

from consultations import messages
from consultations.models import ConsultationComment
from core.db import db
from tests.consultations.conftest import T0


def _count(consultation_id):
    return db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationComment)
                             .where(ConsultationComment.consultation_id == consultation_id))


def test_before_during_after(frozen, consult):
    item = consult.published()
    cid = item["id"]
    assert item["status"] == "planned" and item["announced_at"] is not None

    # before: public and announced, but no comments yet (409 naming the window)
    assert consult.public(f"/consultations/{cid}")["status"] == "planned"
    refused = consult.comment(cid, expect=409)
    assert refused["message"] == messages.NOT_OPEN_YET.format(
        opens="08:00 ngày 02/12/2026", closes="08:00 ngày 09/12/2026")
    assert refused["code"] == 409 and refused["status"] == "Conflict"

    # during: from the opening minute to the last second
    frozen.advance(days=1)
    assert consult.public(f"/consultations/{cid}")["status"] == "open"
    first = consult.comment(cid)
    assert first["section"] == 2 and first["message"] == messages.COMMENT_THANKS
    frozen.advance(days=7, seconds=-1)
    consult.comment(cid, section=None, body="Góp ý chung: cần nói rõ mức thu phí vỉa hè.")

    # after: refused with a clear Vietnamese message, nothing saved
    frozen.advance(seconds=1)
    detail = consult.public(f"/consultations/{cid}")
    assert detail["status"] == "closed"
    assert detail["status_label"] == "Đã hết hạn góp ý, đang tổng hợp"
    refused = consult.comment(cid, expect=409, body="Góp ý muộn sau khi hết hạn góp ý.")
    assert refused["message"] == messages.WINDOW_CLOSED.format(closes="08:00 ngày 09/12/2026")
    assert "Đã hết thời gian góp ý" in refused["message"]
    assert _count(cid) == 2
    assert detail["comment_count"] == 2


def test_a_retry_after_the_close_gets_the_first_answer(frozen, consult):
    cid = consult.published()["id"]
    frozen.advance(days=7, hours=23)
    key = {"Idempotency-Key": "consult-retry-1"}
    first = consult.comment(cid, headers=key)
    frozen.advance(hours=2)  # closed now; the client retries its lost request
    assert consult.comment(cid, headers=key) == first
    assert _count(cid) == 1
    consult.comment(cid, expect=409, headers={"Idempotency-Key": "consult-retry-2"})


def test_status_is_derived_from_dates_and_summary(frozen, consult):
    cid = consult.published()["id"]
    seen = []
    for days in (0, 1, 8):
        frozen.moment = T0.replace(day=1 + days)
        seen.append(consult.staff(cid)["status"])
    consult.act(f"/{cid}/summary", who="leader", summary="Tiếp thu ý kiến về lối đi.")
    seen.append(consult.public(f"/consultations/{cid}")["status"])
    assert seen == ["planned", "open", "closed", "summary_published"]


def test_summary_only_after_the_close(frozen, consult):
    cid = consult.published()["id"]
    frozen.advance(days=2)
    refused = consult.act(f"/{cid}/summary", who="leader", expect=409, summary="Sớm quá.")
    assert refused["message"] == messages.SUMMARY_NOT_CLOSED
