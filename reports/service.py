"""Statistics of a unit over a period, computed in the database with aggregate queries.

Definitions (the same for the API, the exports and the console dashboard):

- **Period**: local dates ``first``..``last`` inclusive, Asia/Ho_Chi_Minh (UTC+7, no
  daylight saving). In UTC that is ``[first 00:00 local, (last + 1 day) 00:00 local)``:
  an item received at 23:59:59 local time on ``last`` is in, one at 00:00:00 the next day
  is out, one at 00:00:00 on ``first`` is in.
- **Received in the period**: ``Feedback.created_at`` (the moment of intake) in that
  half-open range. Every feedback figure describes *these* items (a cohort), in their
  state at ``as_of`` (the moment the statistics are computed): an item received in the
  period and answered after it still counts as answered.
- **Unit**: a commune counts the items filed with it; a province counts the items of all
  its communes (feedback is always filed with a commune).
- **Answered**: status ``answered`` or ``closed`` with an answer time. **On time**:
  answered at or before ``due_at`` (the due date in force, extensions included; due dates
  count working days, so Tết and other holidays push them out); **late**: after it.
- **Open**: status received / accepted / assigned / in_progress / reopened; **open and
  overdue**: open with ``due_at`` before ``as_of``. **Refused**: status ``refused``.
  **Closed without an answer**: closed with no answer time (a duplicate merged into another
  item). These five classes partition the items received.
- **Open items by age**: open items by age in local calendar days at ``as_of`` (received
  today = 0 days): 0–2 days, 3–6, 7–13, 14–29, 30 and more. Calendar days (not hours) so
  that each bucket is a range of receipt dates, which the console queue can filter on.
- **Time to first response**: ``first_response_at - created_at`` (first staff action), over
  items that have one; **time to answer**: ``answered_at - created_at`` over answered
  items. In hours; median and 90th percentile by linear interpolation between the closest
  ranks (PostgreSQL's ``percentile_cont`` definition): a count per whole hour locates the
  ranks, then only the durations of those hours are sorted.
- **Satisfaction**: ratings (1–5) of the items received in the period: count, average,
  distribution.
- **Weekly intake**: items received per local week (Monday to Sunday) and channel; the
  first and last weeks may be partial (cut by the period).
- **Notices**: notice versions *published* (``published_at``) in the period by the unit
  (for a province: the province and its communes). ``published`` counts first versions
  (by category and priority); ``corrections`` counts later versions of a series.
  **Deliveries**: outbox rows whose subject is one of those notices, per channel and status
  (``pending`` includes ``sending``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

import directory
from core.clock import LOCAL_TZ, isoformat_local, now
from core.db import db
from core.errors import Forbidden
from core.models import Delivery
from directory.models import AdminUnit, Category, Office, StaffUser
from feedback.models import CHANNELS, OPEN_PREDICATE, OPEN_STATUSES, STATUSES, Feedback
from notices.models import CATEGORIES as NOTICE_CATEGORIES
from notices.models import PRIORITIES, Notice
from reports import messages, rollup
from reports.periods import MAX_DAYS, Period, communes_of, unit_scope  # noqa: F401 - API

PERCENTILES = (0.5, 0.9)
AGE_BUCKETS = (("lt3", 3), ("3to7", 7), ("7to14", 14), ("14to30", 30), ("ge30", None))
DELIVERY_STATUSES = ("sent", "delivered", "unreachable", "failed", "pending")
# Channels on which citizens are told about their feedback (not staff e-mail).
CITIZEN_MESSAGE_CHANNELS = ("zalo", "zns", "sms", "email")
ANSWERED_STATUSES = ("answered", "closed")


def resolve_unit(user: StaffUser, unit_code: str | None) -> AdminUnit:
    """The unit ``user`` may see statistics of (their own by default), or 403.

    Commune leaders and commune viewers: their commune. Province administrators and
    province viewers: the province or any of its communes. Officers: none (they follow
    their office's queue).
    """
    if user.role == "officer":
        raise Forbidden(messages.OFFICER_NO_STATS)
    unit = directory.get_unit(unit_code or user.unit_code)
    if unit.code == user.unit_code:
        return unit
    if user.unit.level == "province" and unit.parent_code == user.unit_code:
        return unit
    raise Forbidden(messages.UNIT_OUT_OF_SCOPE)


def feedback_scope(unit: AdminUnit, period: Period) -> list[sa.ColumnElement[bool]]:
    """Conditions selecting the feedback of ``unit`` received in ``period``."""
    return [unit_scope(unit), Feedback.created_at >= period.start,
            Feedback.created_at < period.end]


def _notice_scope(unit: AdminUnit, period: Period) -> list[sa.ColumnElement[bool]]:
    if unit.level == "province":
        where = sa.or_(Notice.unit_code == unit.code, Notice.unit_code.in_(communes_of(unit)))
    else:
        where = Notice.unit_code == unit.code
    return [where, Notice.published_at >= period.start, Notice.published_at < period.end]


# --- SQL helpers -----------------------------------------------------------------------------
HOUR = 3600
# Weeks are numbered from Monday 05/01/1970 (local).
WEEK_ZERO = date(1970, 1, 5)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _n(value: float) -> sa.ColumnElement:
    """A numeric constant written into the SQL (the same text wherever it is used, so
    GROUP BY and GROUPING() match their expressions)."""
    return sa.literal_column(repr(value))


def _count_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.count().filter(condition)


def _seconds(later: sa.ColumnElement, earlier: sa.ColumnElement) -> sa.ColumnElement[float]:
    """``later - earlier`` in seconds, as a float (epoch on PostgreSQL, Julian days else)."""
    if _dialect() == "postgresql":
        return sa.func.date_part(sa.literal_column("'epoch'"), later - earlier)
    return (sa.func.julianday(later) - sa.func.julianday(earlier)) * _n(86400.0)


def _floor(value: sa.ColumnElement[float]) -> sa.ColumnElement[int]:
    if _dialect() == "postgresql":
        return sa.cast(sa.func.floor(value), sa.BigInteger)
    return sa.cast(value, sa.Integer)  # truncates; durations and epochs here are >= 0


def _answered() -> sa.ColumnElement[bool]:
    return sa.and_(Feedback.status.in_(ANSWERED_STATUSES), Feedback.answered_at.is_not(None))


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def age_start(as_of: datetime, days: int) -> datetime:
    """Local midnight starting the day ``days - 1`` days before ``as_of``'s local date:
    items received from then on are less than ``days`` calendar days old."""
    today = as_of.astimezone(LOCAL_TZ).date()
    return datetime.combine(today - timedelta(days=days - 1), time(0, 0), tzinfo=LOCAL_TZ)


def age_dates(as_of: datetime) -> dict[str, tuple[date | None, date]]:
    """Each age bucket as the local receipt dates (first, last) it covers."""
    today = as_of.astimezone(LOCAL_TZ).date()
    ranges, newest = {}, today
    for key, days in AGE_BUCKETS:
        oldest = today - timedelta(days=days - 1) if days else None
        ranges[key] = (oldest, newest)
        if oldest:
            newest = oldest - timedelta(days=1)
    return ranges


# --- feedback figures ------------------------------------------------------------------------
# Whole months come from the rollup while fresh (reports/rollup.py); the rest of a period is
# counted from the items in passes that each return few rows whatever their number:
# 1. outcomes per (commune, office, status), 2. counts per (week, channel, category),
# 3. the durations per whole hour, then the values of the hours holding the percentiles.
# Open and overdue items and their age depend on the moment of the query: always counted
# from the open items (docs/reports.md, "How it is computed").
_SUMS = ("received", "on_time", "late", "overdue", "unanswered", "rated", "rating_sum",
         "r1", "r2", "r3", "r4", "r5", "age_lt3", "age_lt7", "age_lt14", "age_lt30")
_TOTALS = ("received", "on_time", "late", "open", "overdue", "refused", "closed_unanswered",
           "rated", "rating_sum", "r1", "r2", "r3", "r4", "r5",
           "age_lt3", "age_lt7", "age_lt14", "age_lt30")


def outcome_rows(unit: AdminUnit, period: Period) -> list[dict[str, Any]]:
    """Pass 1: counts per (commune, office, status) that do not depend on the moment of
    the query; at most a few thousand rows."""
    f = Feedback
    aggregates = [
        sa.func.count().label("received"),
        _count_if(f.answered_at <= f.due_at).label("on_time"),
        _count_if(f.answered_at > f.due_at).label("late"),
        _count_if(f.answered_at.is_(None)).label("unanswered"),
        sa.func.count(f.rating).label("rated"),
        sa.func.coalesce(sa.func.sum(f.rating), 0).label("rating_sum"),
        *[_count_if(f.rating == stars).label(f"r{stars}") for stars in range(1, 6)],
    ]
    return [dict(row._mapping) for row in db.session.execute(
        sa.select(f.unit_code, f.office_id, f.status, *aggregates)
        .where(*feedback_scope(unit, period))
        .group_by(f.unit_code, f.office_id, f.status))]


def _open_rows(unit: AdminUnit, period: Period, as_of: datetime) -> list[dict[str, Any]]:
    """Open items per (commune, office, status): overdue and age at ``as_of`` (read from
    the open queue's index, which carries these columns on PostgreSQL)."""
    f = Feedback
    aggregates = [
        _count_if(f.due_at < as_of).label("overdue"),
        *[_count_if(f.created_at >= age_start(as_of, days)).label(f"age_lt{days}")
          for _, days in AGE_BUCKETS if days],
    ]
    return [dict(row._mapping) for row in db.session.execute(
        sa.select(f.unit_code, f.office_id, f.status, *aggregates)
        .where(*feedback_scope(unit, period), sa.text(OPEN_PREDICATE))
        .group_by(f.unit_code, f.office_id, f.status))]


def _durations_sql() -> dict[str, sa.ColumnElement[float]]:
    f = Feedback
    return {"first_response": _seconds(f.first_response_at, f.created_at),
            "answer": sa.case((_answered(), _seconds(f.answered_at, f.created_at)))}


def week_starts(period: Period) -> tuple[int, list[datetime]]:
    """The number (from :data:`WEEK_ZERO`) of the local week holding ``period.first``, and
    the start (Monday 00:00 local) of each later week that begins within the period."""
    monday = period.first - timedelta(days=period.first.weekday())
    first = (monday - WEEK_ZERO).days // 7
    starts = []
    monday += timedelta(days=7)
    while monday <= period.last:
        starts.append(datetime.combine(monday, time(0, 0), tzinfo=LOCAL_TZ))
        monday += timedelta(days=7)
    return first, starts


def _week_index(column: sa.ColumnElement, starts: list[datetime]) -> sa.ColumnElement[int]:
    """How many of ``starts`` are at or before ``column``: the week of the period (0 = the
    first) an item received then belongs to. Timestamp comparisons, exact to the
    microsecond: ``width_bucket`` on PostgreSQL, a ``CASE`` elsewhere (SQLite's date
    functions round to the millisecond)."""
    if _dialect() == "postgresql":
        return sa.func.width_bucket(column, sa.literal(starts, ARRAY(sa.DateTime(timezone=True))))
    if not starts:
        return sa.literal(0)
    return sa.case(*[(column < start, index) for index, start in enumerate(starts)],
                   else_=len(starts))


def intake_rows(unit: AdminUnit, period: Period, by_unit: bool = False) -> list[sa.Row]:
    """Pass 2: counts per (local week, channel, category), and commune with ``by_unit``;
    a few thousand rows a year.

    On PostgreSQL the weeks of the period are joined as a list of values and the rows are
    grouped by that list's column. Grouped by an expression of ``created_at``, the planner
    would expect as many groups as receipt times (hundreds of thousands) and aggregate in
    one process; grouped by the list it expects a few thousand and splits the scan between
    parallel workers.
    """
    f = Feedback
    first, starts = week_starts(period)
    index = _week_index(f.created_at, starts)
    keys = [f.channel, f.category_id, *([f.unit_code] if by_unit else [])]
    query = sa.select(*keys, sa.func.count().label("n"))
    if _dialect() == "postgresql":
        weeks = sa.values(sa.column("week", sa.Integer), name="weeks").data(
            [(first + number,) for number in range(len(starts) + 1)])
        query = (query.add_columns(weeks.c.week).join(weeks, weeks.c.week == index + first)
                 .group_by(weeks.c.week, *keys))
    else:
        week = (index + first).label("week")
        query = query.add_columns(week).group_by(week, *keys)
    return list(db.session.execute(query.where(*feedback_scope(unit, period))))


def _bucket(metric: str) -> sa.ColumnElement[int]:
    return _floor(_durations_sql()[metric] / _n(float(HOUR)))


def _hour_histogram(unit: AdminUnit, period: Period, metric: str) -> dict[int, int]:
    """How many items took each whole number of hours."""
    bucket = _bucket(metric).label("b")
    rows = db.session.execute(sa.select(bucket, sa.func.count()).where(
        *feedback_scope(unit, period), bucket.is_not(None)).group_by(bucket))
    return {int(b): n for b, n in rows}


def _bucket_values(unit: AdminUnit, period: Period, metric: str,
                   hours: list[int]) -> dict[int, list[float]]:
    """The durations (seconds) of the items that took one of ``hours`` whole hours."""
    bucket = _bucket(metric)
    values: dict[int, list[float]] = {}
    for b, v in db.session.execute(sa.select(bucket, _durations_sql()[metric]).where(
            *feedback_scope(unit, period), bucket.in_(hours))):
        values.setdefault(int(b), []).append(float(v))
    return values


def duration_values(unit: AdminUnit, period: Period):
    """(commune, metric, whole hours, seconds) of every duration of the period (what the
    rollup keeps)."""
    for metric, seconds in _durations_sql().items():
        bucket = _bucket(metric)
        for unit_code, b, v in db.session.execute(
                sa.select(Feedback.unit_code, bucket, seconds).where(
                    *feedback_scope(unit, period), bucket.is_not(None))):
            yield unit_code, metric, int(b), float(v)


def _wanted_ranks(histogram: dict[int, int]) -> tuple[int, dict[int, set[int]]]:
    """(n, {hour bucket: ranks within it}) of the values the percentiles interpolate."""
    n = sum(histogram.values())
    wanted: dict[int, set[int]] = {}
    if not n:
        return 0, wanted
    ranks = set()
    for p in PERCENTILES:
        low = int((n - 1) * p)
        ranks.update({low, min(low + 1, n - 1)})
    below = 0
    for bucket in sorted(histogram):
        size = histogram[bucket]
        for rank in ranks:
            if below <= rank < below + size:
                wanted.setdefault(bucket, set()).add(rank - below)
        below += size
    return n, wanted


def _percentiles(unit: AdminUnit, parts: rollup.Plan, metric: str) -> dict[str, Any]:
    """Count, median and p90 (hours) as ``percentile_cont`` defines them (linear
    interpolation between the closest ranks): a count per whole hour (rollup months plus
    the items of the live ranges) locates the ranks, then only the durations of those
    hours are read and sorted."""
    histogram: dict[int, int] = dict(rollup.histogram(unit, parts.months, metric))
    for first, last in parts.live:
        for b, n in _hour_histogram(unit, Period(first, last), metric).items():
            histogram[b] = histogram.get(b, 0) + n
    n, wanted = _wanted_ranks(histogram)
    if not n:
        return {"count": 0, "median": None, "p90": None}
    hours = sorted(wanted)
    values = rollup.bucket_values(unit, parts.months, metric, hours)
    for first, last in parts.live:
        for b, found in _bucket_values(unit, Period(first, last), metric, hours).items():
            values[b].extend(found)
    by_rank: dict[int, float] = {}
    below = 0
    for bucket in sorted(histogram):
        if bucket in wanted:
            ordered = sorted(values[bucket])
            for i in wanted[bucket]:
                by_rank[below + i] = ordered[i]
        below += histogram[bucket]
    result = []
    for p in PERCENTILES:
        position = (n - 1) * p
        low = int(position)
        high = min(low + 1, n - 1)
        value = by_rank[low] + (position - low) * (by_rank[high] - by_rank[low])
        result.append(_round(value / HOUR))
    return {"count": n, "median": result[0], "p90": result[1]}


def durations(unit: AdminUnit, period: Period,
              parts: rollup.Plan | None = None) -> dict[str, dict[str, Any]]:
    """Time to first response and to answer: count, median, p90 (hours)."""
    parts = parts or rollup.plan(unit, period.first, period.last)
    return {metric: _percentiles(unit, parts, metric) for metric in _durations_sql()}


def _zero() -> dict[str, int]:
    return dict.fromkeys(_TOTALS, 0)


def _add(total: dict[str, int], status: str, row: dict[str, int]) -> None:
    """Add a row of counts to running totals (its status decides what counts)."""
    total["received"] += row["received"]
    if status in OPEN_STATUSES:
        total["open"] += row["received"]
        total["overdue"] += row["overdue"]
        for _, days in AGE_BUCKETS[:-1]:
            total[f"age_lt{days}"] += row[f"age_lt{days}"]
    elif status in ANSWERED_STATUSES:
        total["on_time"] += row["on_time"]
        total["late"] += row["late"]
        if status == "closed":
            total["closed_unanswered"] += row["unanswered"]
    elif status == "refused":
        total["refused"] += row["received"]
    for key in ("rated", "rating_sum", "r1", "r2", "r3", "r4", "r5"):
        total[key] += row[key]


def _outcome_groups(unit: AdminUnit, period: Period, parts: rollup.Plan,
                    as_of: datetime) -> dict[tuple[str, int, str], dict[str, int]]:
    """Counts per (commune, office, status): the rollup's months, the live ranges, and the
    open items' overdue and age counts over the whole period."""
    groups: dict[tuple[str, int, str], dict[str, int]] = {}

    def merge(row: dict[str, Any]) -> None:
        key = (row.pop("unit_code"), row.pop("office_id"), row.pop("status"))
        counts = groups.setdefault(key, dict.fromkeys(_SUMS, 0))
        for name, value in row.items():
            counts[name] += int(value or 0)

    for row in rollup.outcome_rows(unit, parts.months):
        merge(row)
    for first, last in parts.live:
        for row in outcome_rows(unit, Period(first, last)):
            merge(row)
    for row in _open_rows(unit, period, as_of):
        merge(row)
    return groups


def _outcomes(t: dict[str, int]) -> dict[str, Any]:
    answered = t["on_time"] + t["late"]
    return {"received": t["received"], "answered": answered, "answered_on_time": t["on_time"],
            "answered_late": t["late"], "on_time_percent": _percent(t["on_time"], answered),
            "open": t["open"], "open_overdue": t["overdue"], "refused": t["refused"],
            "closed_unanswered": t["closed_unanswered"]}


def _satisfaction(t: dict[str, int]) -> dict[str, Any]:
    return {"count": t["rated"],
            "average": _round(t["rating_sum"] / t["rated"]) if t["rated"] else None,
            "distribution": {str(stars): t[f"r{stars}"] for stars in range(1, 6)}}


def _ages(t: dict[str, int]) -> list[dict[str, Any]]:
    below = [t["age_lt3"], t["age_lt7"], t["age_lt14"], t["age_lt30"], t["open"]]
    counts = [below[0]] + [below[i] - below[i - 1] for i in range(1, len(below))]
    return [{"key": key, "label": messages.AGE_LABELS[key], "count": count}
            for (key, _), count in zip(AGE_BUCKETS, counts, strict=True)]


def _weekly(period: Period, counts: dict[int, dict[str, int]]) -> list[dict[str, Any]]:
    weeks = []
    monday = period.first - timedelta(days=period.first.weekday())
    while monday <= period.last:
        number = (monday - WEEK_ZERO).days // 7
        by_channel = {c: counts.get(number, {}).get(c, 0) for c in CHANNELS}
        weeks.append({"week": monday.isoformat(), "first": max(monday, period.first).isoformat(),
                      "last": min(monday + timedelta(days=6), period.last).isoformat(),
                      "total": sum(by_channel.values()), "by_channel": by_channel})
        monday += timedelta(days=7)
    return weeks


def feedback_figures(unit: AdminUnit, period: Period, as_of: datetime) -> dict[str, Any]:
    """Every feedback figure of ``unit`` for items received in ``period``."""
    parts = rollup.plan(unit, period.first, period.last)
    total = _zero()
    by_status = dict.fromkeys(STATUSES, 0)
    by_office: dict[int, dict[str, int]] = {}
    by_commune: dict[str, dict[str, int]] = {}
    for (unit_code, office_id, status), row in _outcome_groups(unit, period, parts,
                                                                as_of).items():
        _add(total, status, row)
        by_status[status] = by_status.get(status, 0) + row["received"]
        _add(by_office.setdefault(office_id, _zero()), status, row)
        _add(by_commune.setdefault(unit_code, _zero()), status, row)

    by_channel = dict.fromkeys(CHANNELS, 0)
    weekly: dict[int, dict[str, int]] = {}
    by_category: dict[int, int] = {}
    intake = list(rollup.intake_rows(unit, parts.months))
    for first, last in parts.live:
        intake.extend(intake_rows(unit, Period(first, last)))
    for row in intake:
        week = weekly.setdefault(int(row.week), {})
        week[row.channel] = week.get(row.channel, 0) + row.n
        by_channel[row.channel] = by_channel.get(row.channel, 0) + row.n
        by_category[row.category_id] = by_category.get(row.category_id, 0) + row.n

    categories = {c.id: c for c in db.session.scalars(
        sa.select(Category).where(Category.id.in_(list(by_category))))} if by_category else {}
    offices = {o.id: o for o in db.session.scalars(
        sa.select(Office).where(Office.id.in_(list(by_office))))} if by_office else {}
    figures: dict[str, Any] = {
        **_outcomes(total),
        "by_status": by_status,
        "by_channel": by_channel,
        "by_category": sorted(
            ({"code": categories[cid].code, "name": categories[cid].name, "received": n}
             for cid, n in by_category.items()), key=lambda c: (-c["received"], c["code"])),
        "by_office": sorted(
            ({"id": oid, "name": offices[oid].name, "unit_code": offices[oid].unit_code,
              **_outcomes(t)} for oid, t in by_office.items()),
            key=lambda o: (-o["received"], o["id"])),
        "open_by_age": _ages(total),
        "response_hours": durations(unit, period, parts),
        "satisfaction": _satisfaction(total),
        "weekly": _weekly(period, weekly),
    }
    if unit.level == "province":
        communes = db.session.execute(sa.select(AdminUnit.code, AdminUnit.name).where(
            AdminUnit.parent_code == unit.code).order_by(AdminUnit.code)).all()
        figures["communes"] = [
            {"code": code, "name": name, **_outcomes(by_commune.get(code, _zero())),
             "rating_average": _satisfaction(by_commune.get(code, _zero()))["average"]}
            for code, name in communes]
    return figures


def _delivery_counts(rows) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """(counts per channel and state, totals per state) from (channel, state, n) rows."""
    by_channel: dict[str, dict[str, int]] = {}
    totals = dict.fromkeys(DELIVERY_STATUSES, 0)
    for channel, state, count in rows:
        if state == "cancelled":
            continue
        cell = by_channel.setdefault(channel, dict.fromkeys(DELIVERY_STATUSES, 0))
        cell[state] = cell.get(state, 0) + count
        totals[state] = totals.get(state, 0) + count
    return dict(sorted(by_channel.items())), totals


_DELIVERY_STATE = sa.case((Delivery.status.in_(("pending", "sending")), "pending"),
                          else_=Delivery.status).label("state")


def message_figures(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """Messages to the citizens of the feedback received in the period (receipts, updates,
    answers), by the channel that last carried each and how it ended: ``undelivered`` counts
    those for which every route failed."""
    items = sa.select(Feedback.id).where(*feedback_scope(unit, period))
    by_channel, totals = _delivery_counts(db.session.execute(
        sa.select(Delivery.channel, _DELIVERY_STATE, sa.func.count())
        .where(Delivery.subject_type == "feedback", Delivery.subject_id.in_(items),
               Delivery.channel.in_(CITIZEN_MESSAGE_CHANNELS))
        .group_by(Delivery.channel, _DELIVERY_STATE)))
    return {"by_channel": by_channel, "totals": totals,
            "undelivered": totals.get("failed", 0) + totals.get("unreachable", 0)}


# --- notices ---------------------------------------------------------------------------------
def notice_figures(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """Notices published in the period by the unit, and their deliveries per channel."""
    scope = _notice_scope(unit, period)
    is_correction = Notice.version > 1
    rows = db.session.execute(
        sa.select(Notice.category, Notice.priority, is_correction.label("correction"),
                  sa.func.count()).where(*scope)
        .group_by(Notice.category, Notice.priority, is_correction)).all()
    by_category = {c: dict.fromkeys((*PRIORITIES, "total"), 0) for c in NOTICE_CATEGORIES}
    by_priority = dict.fromkeys(PRIORITIES, 0)
    published = corrections = 0
    for category, priority, correction, count in rows:
        if correction:
            corrections += count
            continue
        published += count
        cell = by_category.setdefault(category, dict.fromkeys((*PRIORITIES, "total"), 0))
        cell[priority] = cell.get(priority, 0) + count
        cell["total"] += count
        by_priority[priority] = by_priority.get(priority, 0) + count

    notice_ids = sa.select(Notice.id).where(*scope)
    deliveries, totals = _delivery_counts(db.session.execute(
        sa.select(Delivery.channel, _DELIVERY_STATE, sa.func.count())
        .where(Delivery.subject_type == "notice", Delivery.subject_id.in_(notice_ids))
        .group_by(Delivery.channel, _DELIVERY_STATE)))
    return {"published": published, "corrections": corrections, "by_priority": by_priority,
            "by_category": by_category, "deliveries": deliveries, "deliveries_total": totals}


# --- session settings ------------------------------------------------------------------------
def tune_transaction() -> None:
    """PostgreSQL settings for these scans, until the transaction ends: no JIT (compiling
    such short queries costs more than it saves) and room to sort the durations in memory.
    """
    if _dialect() == "postgresql":
        db.session.execute(sa.text("SET LOCAL jit = off"))
        db.session.execute(sa.text("SET LOCAL work_mem = '64MB'"))


# --- the whole report ------------------------------------------------------------------------
def statistics(unit: AdminUnit, period: Period, as_of: datetime | None = None) -> dict[str, Any]:
    """The statistics of ``unit`` for ``period`` (the staff API's body)."""
    moment = as_of or now()
    tune_transaction()
    return {
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat(),
                   "timezone": "Asia/Ho_Chi_Minh", "start": isoformat_local(period.start),
                   "end": isoformat_local(period.end)},
        "as_of": isoformat_local(moment),
        "feedback": feedback_figures(unit, period, moment),
        "messages": message_figures(unit, period),
        "notices": notice_figures(unit, period),
    }
