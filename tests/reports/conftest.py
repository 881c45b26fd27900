"""A hand-made data set for the statistics: explicit local timestamps, expected figures
worked out by hand in the tests.

Period: 10/02/2026 (Tuesday) – 24/02/2026 (Tuesday), local time. Tết 2026 is 16–20/02
(Monday to Friday), so every due date below jumps over it (and over the weekends around
it). Statistics are computed "as of" 02/03/2026 10:00 local time.

Phú Xuân (19753), offices infra and police:

====  ==================  =======  ========  ======  ===========  ===================  ======
item  received (local)    channel  category  office  status       due (working days)   rating
====  ==================  =======  ========  ======  ===========  ===================  ======
A     10/02 00:00:00      web      ha-tang   infra   closed       03/03 (10)           5
B     09/02 23:59:59      web      ha-tang   infra   closed       (out of period)      1
C     24/02 23:59:59      zalo     an-ninh   police  received     27/02 (3)
D     25/02 00:00:00      zalo     an-ninh   police  received     (out of period)
E     13/02 09:00         zalo     an-ninh   police  answered     25/02 (3)            2
F     16/02 03:00         widget   ha-tang   infra   in_progress  06/03 (10)
G     11/02 14:00         web      khac      infra   refused      04/03 (10)
H     12/02 08:00         miniapp  ha-tang   infra   closed       05/03 (10)           4
I     23/02 07:00         web      an-ninh   police  closed       26/02 (3)  (merged, no answer)
====  ==================  =======  ========  ======  ===========  ===================  ======

Kim Long (19774), its default office:

====  ==================  =======  ========  ===========  ===========  ======
K     18/02 15:00         zalo     khac      reopened     06/03 (10)   (answered 24/02, reopened)
L     10/02 12:00         web      an-ninh   accepted     24/02 (5)
M     20/02 09:00         web      khac      closed       06/03 (10)   4
====  ==================  =======  ========  ===========  ===========  ======

Hà Nội: one item in the period (never counted for Huế).

Times of first response and answer are in :data:`TIMES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from core import calendar
from core.clock import LOCAL_TZ
from core.db import db
from core.models import Delivery
from directory.models import AdminUnit, Category, Office
from feedback.models import Feedback
from notices.models import Notice

PERIOD = ("2026-02-10", "2026-02-24")


def local(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
          year: int = 2026) -> datetime:
    """An aware local (Asia/Ho_Chi_Minh) time."""
    return datetime(year, month, day, hour, minute, second, tzinfo=LOCAL_TZ)


AS_OF = local(3, 2, 10, 0)


def due(month: int, day: int) -> datetime:
    """End of a due day (23:59:59 local)."""
    return local(month, day, 23, 59, 59)


# item: (commune key, received, channel, category, office key, status, working days, due,
#        first response, answered, rating)
ITEMS = {
    "A": ("px", local(2, 10), "web", "ha-tang", "infra", "closed", 10, due(3, 3),
          local(2, 10, 8), local(2, 27, 17), 5),
    "B": ("px", local(2, 9, 23, 59, 59), "web", "ha-tang", "infra", "closed", 10, due(3, 2),
          local(2, 10, 9), local(2, 11, 9), 1),
    "C": ("px", local(2, 24, 23, 59, 59), "zalo", "an-ninh", "police", "received", 3,
          due(2, 27), None, None, None),
    "D": ("px", local(2, 25), "zalo", "an-ninh", "police", "received", 3, due(3, 2),
          None, None, None),
    "E": ("px", local(2, 13, 9), "zalo", "an-ninh", "police", "answered", 3, due(2, 25),
          local(2, 13, 11, 30), local(2, 26, 9), 2),
    "F": ("px", local(2, 16, 3), "widget", "ha-tang", "infra", "in_progress", 10, due(3, 6),
          local(2, 23, 8), None, None),
    "G": ("px", local(2, 11, 14), "web", "khac", "infra", "refused", 10, due(3, 4),
          local(2, 12, 14), None, None),
    "H": ("px", local(2, 12, 8), "miniapp", "ha-tang", "infra", "closed", 10, due(3, 5),
          local(2, 12, 9), local(2, 12, 20), 4),
    "I": ("px", local(2, 23, 7), "web", "an-ninh", "police", "closed", 3, due(2, 26),
          local(2, 23, 9), None, None),
    "K": ("kl", local(2, 18, 15), "zalo", "khac", "kl", "reopened", 10, due(3, 6),
          local(2, 23, 15), local(2, 24, 15), None),
    "L": ("kl", local(2, 10, 12), "web", "an-ninh", "kl", "accepted", 5, due(2, 24),
          local(2, 10, 13), None, None),
    "M": ("kl", local(2, 20, 9), "web", "khac", "kl", "closed", 10, due(3, 6),
          local(2, 20, 10), local(2, 20, 21), 4),
    "N": ("hn", local(2, 12, 10), "web", "khac", "hn", "closed", 10, due(3, 5),
          local(2, 12, 11), local(2, 12, 12), 1),
}


@dataclass
class Seeded:
    """Ids of what the data set created."""

    items: dict[str, int]
    notices: dict[str, int]
    offices: dict[str, int]
    hanoi_commune: str


def _add_item(key: str, spec: tuple, communes: dict, offices: dict, categories: dict) -> int:
    (commune, received, channel, category, office, status, days, due_at, first, answered,
     rating) = spec
    # The due dates above are worked out by hand; they must be the intake's rule.
    assert calendar.due_at(received, days) == due_at, key
    item = Feedback(
        tracking_code=f"TK{key}STATS1", channel=channel, unit_code=communes[commune],
        category_id=categories[category], office_id=offices[office],
        title=f"Tiêu đề riêng {key}", description=f"Mô tả riêng {key}",
        search_text=f"phan anh {key.lower()}",
        reporter_name="Nguyễn Thị Bảo Mật", reporter_phone="+84912000111",
        reporter_email="baomat@example.vn", zalo_user_id="zalo-secret-id",
        status=status, due_at=due_at, first_response_at=first, answered_at=answered,
        closed_at=(answered or first) if status in ("closed", "refused") else None,
        rating=rating, rated_at=answered + timedelta(days=1) if rating else None,
        created_at=received, updated_at=received)
    db.session.add(item)
    db.session.flush()
    return item.id


def _notice(unit: str, category: str, priority: str, published_at, author: int,
            status: str = "published", version: int = 1, series_id: int | None = None) -> int:
    notice = Notice(unit_code=unit, title=f"Thông báo {category}", summary="Tóm tắt",
                    body="<p>Nội dung</p>", category=category, priority=priority,
                    status=status, published_at=published_at, author_id=author,
                    version=version, series_id=series_id, created_at=local(2, 1))
    db.session.add(notice)
    db.session.flush()
    if series_id is None:
        notice.series_id = notice.id
    return notice.id


def _deliveries(notice_id: int | None, channel: str, status: str, count: int, tag: str,
                subject_type: str = "notice") -> None:
    for n in range(count):
        db.session.add(Delivery(channel=channel, recipient="r", kind="notice", payload={},
                                idempotency_key=f"stats:{tag}:{channel}:{status}:{n}",
                                subject_type=subject_type, subject_id=notice_id,
                                status=status))


@pytest.fixture
def seeded(ctx, world) -> Seeded:
    """The data set of this module's docstring, in the test's transaction."""
    hanoi = db.session.scalar(sa.select(AdminUnit.code).where(
        AdminUnit.parent_code == "01").order_by(AdminUnit.code))
    kl_office = db.session.scalar(sa.select(Office.id).where(
        Office.unit_code == world.other_commune).order_by(Office.id))
    hn_office = db.session.scalar(sa.select(Office.id).where(Office.unit_code == hanoi))
    communes = {"px": world.commune, "kl": world.other_commune, "hn": hanoi}
    offices = {"infra": world.office_infra, "police": world.office_police, "kl": kl_office,
               "hn": hn_office}
    categories = {c.code: c.id for c in db.session.scalars(sa.select(Category))}
    items = {key: _add_item(key, spec, communes, offices, categories)
             for key, spec in ITEMS.items()}

    author = world.staff_ids["leader"]
    notices = {
        "N1": _notice(world.commune, "disaster_incident", "emergency", local(2, 14, 8), author,
                      status="superseded"),
        "N2": _notice(world.commune, "policy_law", "normal", local(2, 10), author,
                      status="expired"),
        "N3": _notice(world.commune, "policy_law", "normal", local(2, 9, 23, 59, 59), author),
        "N5": _notice(world.province, "security_order", "priority", local(2, 20, 10),
                      world.staff_ids["province_admin"]),
        "N6": _notice(world.other_commune, "local_products", "normal",
                      local(2, 24, 23, 59, 59), world.staff_ids["other_leader"],
                      status="withdrawn"),
        "N7": _notice(world.commune, "policy_law", "normal", None, author, status="draft"),
        "N8": _notice(world.commune, "policy_law", "normal", local(2, 25), author),
        "NH": _notice(hanoi, "policy_law", "normal", local(2, 12),
                      world.staff_ids["other_province_admin"]),
    }
    notices["N4"] = _notice(world.commune, "disaster_incident", "emergency", local(2, 15, 9),
                            author, version=2, series_id=notices["N1"])
    _deliveries(notices["N1"], "zalo", "sent", 3, "n1")
    _deliveries(notices["N1"], "zalo", "unreachable", 1, "n1")
    _deliveries(notices["N1"], "zalo", "failed", 1, "n1")
    _deliveries(notices["N1"], "source_system", "sent", 1, "n1")
    _deliveries(notices["N4"], "zalo", "sent", 2, "n4")
    _deliveries(notices["N3"], "zalo", "sent", 5, "n3")  # notice out of the period
    _deliveries(notices["N8"], "zalo", "failed", 2, "n8")  # notice out of the period
    _deliveries(notices["N5"], "zalo", "pending", 1, "n5")
    _deliveries(notices["N5"], "zalo", "sending", 1, "n5")
    _deliveries(notices["N5"], "source_system", "failed", 1, "n5")
    _deliveries(notices["NH"], "zalo", "sent", 4, "nh")  # another province
    # A feedback delivery whose subject id happens to equal a notice id: not a notice's.
    _deliveries(notices["N1"], "zalo", "sent", 1, "fb", subject_type="feedback")
    db.session.flush()
    return Seeded(items, notices, offices, hanoi)


@pytest.fixture
def frozen_stats(monkeypatch):
    """``now`` in the reports package pinned to :data:`AS_OF`."""
    monkeypatch.setattr("reports.service.now", lambda: AS_OF)
    monkeypatch.setattr("reports.periods.now", lambda: AS_OF)
    return AS_OF
