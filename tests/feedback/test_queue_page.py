"""fetch_page gives the same rows as the plain queue query, through either search path."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.clock import now
from core.db import commit, db
from directory.models import StaffUser
from feedback import queue
from feedback.models import Feedback


@pytest.mark.parametrize("probe", [2, 5, 1000])
@pytest.mark.parametrize("q,limit", [("den", 2), ("den duong", 3), ("o ga", 1),
                                     ("khong co", 2), ("den", 10)])
def test_fetch_page_matches_the_plain_query(submit, world, ctx, monkeypatch, probe, q, limit):
    titles = ["Đèn đường hỏng", "Ổ gà", "Đèn pin", "Cây đổ", "Đèn đường tắt", "Ổ gà lớn",
              "Rác thải", "Đèn đường chập chờn", "Đường ngập"]
    for n, title in enumerate(titles):
        code = submit(title=title, description=f"Mô tả số {n} cho phản ánh.").json[
            "tracking_code"].replace("-", "")
        item = db.session.scalar(sa.select(Feedback).where(Feedback.tracking_code == code))
        item.due_at = now() + timedelta(days=n)
    commit()
    user = db.session.get(StaffUser, world.staff_ids["leader"])
    monkeypatch.setattr(queue, "PROBE_ROWS", probe)
    args = {"q": q}
    expected = [i.id for i in db.session.scalars(queue.queue_query(args, user).limit(limit + 1))]
    assert [i.id for i in queue.fetch_page(args, user, limit)] == expected
