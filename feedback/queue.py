"""The staff queue, shared by the staff API and the console: scope, filters, keyset pages,
counts per status.
"""

from __future__ import annotations

import base64
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from core.clock import LOCAL_TZ, in_supported_range, now
from core.db import db
from core.errors import UserValueError
from core.text import search_terms
from directory.models import Category, StaffUser
from feedback import messages
from feedback.access import scope_clause
from feedback.models import OPEN_STATUSES, Feedback

# "open" is a pseudo-status for the filters: every status still waiting for an answer.
OPEN = "open"


def _open_clause() -> sa.ColumnElement[bool]:
    # Literal values (not bound parameters) so PostgreSQL matches the partial indexes.
    return Feedback.status.in_(sa.bindparam("open_statuses", list(OPEN_STATUSES),
                                            expanding=True, literal_execute=True))


def encode_cursor(item: Feedback) -> str:
    """Opaque keyset cursor after ``item`` (due date, id)."""
    raw = f"{item.due_at.isoformat()}|{item.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """(due date, id) from a cursor; 422 for anything malformed."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        due, _, ident = raw.partition("|")
        moment = datetime.fromisoformat(due)
        if moment.tzinfo is None or not in_supported_range(moment):
            raise ValueError
        return moment, int(ident)
    except (ValueError, UnicodeDecodeError):
        raise UserValueError(messages.BAD_CURSOR, {"after": [messages.BAD_CURSOR]}) from None


def local_midnight(day: date) -> datetime:
    """00:00 local time (Asia/Ho_Chi_Minh) of ``day``."""
    return datetime.combine(day, time(0, 0), tzinfo=LOCAL_TZ)


def week_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 and Sunday 23:59:59 (local time) of the week of ``moment``."""
    day = moment.astimezone(LOCAL_TZ).date()
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time(0, 0), tzinfo=LOCAL_TZ)
    end = datetime.combine(monday + timedelta(days=6), time(23, 59, 59), tzinfo=LOCAL_TZ)
    return start, end


# Text search probes this many rows of the due-ordered queue before asking the trigram index.
PROBE_ROWS = 10000


def _search_clauses(column, terms: list[str]) -> list[sa.ColumnElement[bool]]:
    clauses = []
    for term in terms:
        # Substring (served by the trigram index) and at the start of a word.
        clauses += [column.contains(term, autoescape=True),
                    (" " + column).contains(" " + term, autoescape=True)]
    return clauses


def filtered(args: dict[str, Any], user: StaffUser, with_status: bool = True,
             with_search: bool = True) -> sa.Select:
    """Scoped and filtered items, unordered (``with_status=False`` ignores the status)."""
    query = sa.select(Feedback).where(scope_clause(user))
    status = args.get("status")
    if with_status and status == OPEN:
        query = query.where(_open_clause())
    elif with_status and status:
        query = query.where(Feedback.status == status)
    if args.get("channel"):
        query = query.where(Feedback.channel == args["channel"])
    if args.get("office_id"):
        query = query.where(Feedback.office_id == args["office_id"])
    if args.get("unit"):
        query = query.where(Feedback.unit_code == args["unit"])
    if args.get("category"):
        category_id = sa.select(Category.id).where(Category.code == args["category"])
        query = query.where(Feedback.category_id == category_id.scalar_subquery())
    if args.get("received_from"):
        query = query.where(Feedback.created_at >= local_midnight(args["received_from"]))
    if args.get("received_to"):
        query = query.where(
            Feedback.created_at < local_midnight(args["received_to"] + timedelta(days=1)))
    moment = now()
    if args.get("overdue"):
        query = query.where(_open_clause(), Feedback.due_at < moment)
    if args.get("due_week"):
        start, end = week_bounds(moment)
        query = query.where(_open_clause(), Feedback.due_at >= start, Feedback.due_at <= end)
    if args.get("extension"):
        query = query.where(Feedback.extension_due_at.is_not(None))
    if with_search:
        query = query.where(*_search_clauses(Feedback.search_text,
                                             search_terms(args.get("q") or "")))
    return query


def queue_query(args: dict[str, Any], user: StaffUser, with_search: bool = True) -> sa.Select:
    """The scoped, filtered queue ordered by due date (keyset on due_at, id)."""
    query = filtered(args, user, with_search=with_search)
    if args.get("after"):
        due, ident = decode_cursor(args["after"])
        query = query.where(sa.tuple_(Feedback.due_at, Feedback.id) > sa.tuple_(due, ident))
    return query.order_by(Feedback.due_at, Feedback.id)


def fetch_page(args: dict[str, Any], user: StaffUser, limit: int,
               *options) -> list[Feedback]:
    """Up to ``limit + 1`` items of the queue (the extra one says a next page exists).

    A text search first looks for its page among the next ``PROBE_ROWS`` items in due
    order (cheap when the words are common, where the trigram index is slow because it
    must fetch and sort every match); only if that window holds less than a page does it
    ask the trigram index (fast when the words are rare). Both give the same rows: matches
    inside the window come before any match after it.
    """
    terms = search_terms(args.get("q") or "")
    if terms:
        window = queue_query(args, user, with_search=False).with_only_columns(
            Feedback.id, Feedback.due_at, Feedback.search_text).limit(PROBE_ROWS).subquery()
        ids = list(db.session.scalars(
            sa.select(window.c.id).where(*_search_clauses(window.c.search_text, terms))
            .order_by(window.c.due_at, window.c.id).limit(limit + 1)))
        if len(ids) > limit:
            return list(db.session.scalars(
                sa.select(Feedback).where(Feedback.id.in_(ids))
                .order_by(Feedback.due_at, Feedback.id).options(*options)))
    return list(db.session.scalars(queue_query(args, user).limit(limit + 1).options(*options)))


def status_counts(args: dict[str, Any], user: StaffUser) -> dict[str, int]:
    """How many items of the filtered queue are in each status (the status filter ignored)."""
    inner = filtered(args, user, with_status=False).with_only_columns(Feedback.status) \
        .subquery()
    rows = sa.select(inner.c.status, sa.func.count()).group_by(inner.c.status)
    return {status: count for status, count in db.session.execute(rows)}
