"""What the public sees: current notices of a unit, serialised without personal data.

Nothing here reads authors, approvers or drafts: only published, unexpired versions, with
the owner and target units named as public bodies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core import clock
from core.db import db
from directory.models import AdminUnit
from notices import messages
from notices.models import PRIORITY_RANK, RISK_COLOURS, CapAlert, Notice, NoticeTarget


def audience_codes(unit: AdminUnit) -> tuple[str, ...]:
    """Units whose notices reach ``unit``: itself and, for a commune, its province."""
    if unit.level == "commune" and unit.parent_code:
        return (unit.code, unit.parent_code)
    return (unit.code,)


def _targets(codes: tuple[str, ...]):
    return sa.select(NoticeTarget.notice_id).where(NoticeTarget.unit_code.in_(codes))


def current_query(codes: tuple[str, ...], moment: datetime) -> sa.Select:
    """Published, unexpired notices for these units, emergency first, then newest."""
    rank = sa.case({p: r for p, r in PRIORITY_RANK.items()}, value=Notice.priority, else_=9)
    return (sa.select(Notice)
            .where(Notice.status == "published", Notice.id.in_(_targets(codes)),
                   sa.or_(Notice.expires_at.is_(None), Notice.expires_at > moment))
            .order_by(rank, Notice.published_at.desc(), Notice.id.desc()))


def current_page(codes: tuple[str, ...], moment: datetime, page: int,
                 per_page: int) -> tuple[list[Notice], int]:
    """One page of current notices and the total count."""
    query = current_query(codes, moment)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(
        query.order_by(None).subquery()))
    items = list(db.session.scalars(query.offset((page - 1) * per_page).limit(per_page)
                                    .options(selectinload(Notice.targets)
                                             .selectinload(NoticeTarget.unit),
                                             selectinload(Notice.images),
                                             selectinload(Notice.unit))))
    return items, total


def next_change(codes: tuple[str, ...], moment: datetime) -> datetime | None:
    """The next time an expiry changes what these units show."""
    return db.session.scalar(sa.select(sa.func.min(Notice.expires_at)).where(
        Notice.status == "published", Notice.id.in_(_targets(codes)),
        Notice.expires_at > moment))


def last_time_change(codes: tuple[str, ...], moment: datetime) -> datetime | None:
    """The latest expiry already passed (it changed the list even before the beat ran)."""
    return db.session.scalar(sa.select(sa.func.max(Notice.expires_at)).where(
        Notice.status.in_(("published", "expired")), Notice.id.in_(_targets(codes)),
        Notice.expires_at <= moment))


def get_current(notice_id: int) -> Notice | None:
    """A currently published notice by id."""
    moment = clock.now()
    return db.session.scalar(sa.select(Notice).where(
        Notice.id == notice_id, Notice.status == "published",
        sa.or_(Notice.expires_at.is_(None), Notice.expires_at > moment)))


def risk(notice: Notice) -> dict[str, Any] | None:
    """Risk level, official colour and label."""
    if notice.risk_level is None:
        return None
    return {"level": notice.risk_level, "colour": RISK_COLOURS[notice.risk_level],
            "label": messages.RISK_LABELS[notice.risk_level]}


def latest_alert(notice: Notice) -> CapAlert | None:
    """The newest CAP alert issued for this notice version."""
    return db.session.scalar(sa.select(CapAlert).where(CapAlert.notice_id == notice.id)
                             .order_by(CapAlert.id.desc()).limit(1))
