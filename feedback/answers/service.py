"""Published answers: preview, publish (with a reviewer's edits), unpublish, search.

Publishing copies the question and the answer of an answered item into a
:class:`PublishedAnswer`, personal data masked (:mod:`feedback.public_text`). A reviewer
may rewrite any part; the rewrite is kept as written, except that it may not contain the
reporter's own name (nor their given name on its own), phone, e-mail or Zalo id. The
publisher also decides whether the item's place is public exactly (rounded otherwise).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import selectinload

import directory
from core import messages as core_messages
from core.clock import now
from core.db import db, flush
from core.errors import Conflict, Forbidden, NotFound, UserValueError
from core.text import fold, search_terms
from directory.models import AdminUnit, Category, StaffUser
from feedback import public_text
from feedback.access import get_scoped
from feedback.answers import messages
from feedback.answers.models import AnswerWord, PublishedAnswer
from feedback.models import Feedback

PUBLISHING_ROLES = ("province_admin", "commune_leader")
PUBLISHABLE_STATUSES = ("answered", "closed")
TEXT_FIELDS = ("title", "question", "answer")


def proposal(item: Feedback) -> dict[str, str]:
    """The masked public version proposed for an item."""
    return {
        "title": public_text.mask(item, item.title),
        "question": public_text.mask(item, item.description),
        "answer": public_text.mask(item, item.public_answer or ""),
    }


def get_published(item_id: int) -> PublishedAnswer | None:
    """The published version of an item, if any."""
    return db.session.scalar(sa.select(PublishedAnswer)
                             .where(PublishedAnswer.feedback_id == item_id))


def preview(item_id: int, user: StaffUser) -> dict[str, Any]:
    """What would be (or is) public for an item in the user's scope."""
    item = get_scoped(item_id, user)
    published = get_published(item.id)
    return {
        "feedback_id": item.id,
        "is_published": published is not None,
        "published": _texts(published) if published else None,
        "published_at": published.published_at if published else None,
        "exact_location": bool(published and published.exact_location),
        "proposal": proposal(item),
    }


def _texts(answer: PublishedAnswer) -> dict[str, str]:
    return {"title": answer.title, "question": answer.question, "answer": answer.answer}


def _require_publisher(user: StaffUser) -> None:
    if user.role not in PUBLISHING_ROLES:
        raise Forbidden(messages.PUBLISH_ROLE)


def publish(item_id: int, user: StaffUser, edits: dict[str, str] | None = None
            ) -> PublishedAnswer:
    """Publish (or republish) an answered item; ``edits`` replace parts of the proposal,
    and ``edits["exact_location"]`` says whether its place is public exactly (kept as it
    was when omitted; rounded to about 100 m by default)."""
    _require_publisher(user)
    item = get_scoped(item_id, user, for_update=True)
    if item.status not in PUBLISHABLE_STATUSES or not item.public_answer:
        raise Conflict(messages.NOT_ANSWERED)
    texts = proposal(item)
    edits = dict(edits or {})
    exact_location = edits.pop("exact_location", None)
    edits = {k: v for k, v in edits.items() if v is not None}
    leaking = {k: [messages.CONTAINS_PERSONAL_DATA] for k, v in edits.items()
               if public_text.contains_personal_value(item, v)}
    if leaking:
        raise UserValueError(messages.CONTAINS_PERSONAL_DATA, leaking)
    texts.update(edits)
    answer = get_published(item.id)
    if answer is None:
        answer = PublishedAnswer(feedback_id=item.id)
        db.session.add(answer)
    answer.unit_code, answer.category_id = item.unit_code, item.category_id
    answer.title, answer.question, answer.answer = (texts[f] for f in TEXT_FIELDS)
    answer.search_text = fold(" ".join(texts[f] for f in TEXT_FIELDS))
    answer.published_at, answer.publisher_id = now(), user.id
    if exact_location is not None:
        answer.exact_location = exact_location
    elif answer.exact_location is None:
        answer.exact_location = False
    _remember_words(answer.search_text)
    flush()
    return answer


def _remember_words(search_text: str) -> None:
    """Add the answer's words (with a letter) to the vocabulary typos are corrected against
    (PostgreSQL)."""
    if db.engine.dialect.name != "postgresql":
        return
    words = sorted({w for w in search_terms(search_text)
                    if 1 < len(w) <= 100 and _LETTER.search(w)})
    if words:
        db.session.execute(pg_insert(AnswerWord).values([{"word": w} for w in words])
                           .on_conflict_do_nothing())


def unpublish(item_id: int, user: StaffUser) -> None:
    """Withdraw the public version of an item."""
    _require_publisher(user)
    item = get_scoped(item_id, user)
    answer = get_published(item.id)
    if answer is None:
        raise NotFound(messages.NOT_PUBLISHED)
    db.session.delete(answer)
    flush()


def get_public(answer_id: int) -> PublishedAnswer:
    """One published answer, or 404."""
    answer = db.session.get(PublishedAnswer, answer_id)
    if answer is None:
        raise NotFound(messages.ANSWER_NOT_FOUND)
    return answer


# --- search ----------------------------------------------------------------------------------
_WORDS = re.compile(r"[\W_]+")
_LETTER = re.compile(r"[^\W\d_]")  # numbers are neither vocabulary nor corrected


@dataclass
class Page:
    """A page of search results."""

    items: list[PublishedAnswer]
    next_offset: int | None


def _raw_words(query: str) -> list[str]:
    """Words of a query as typed (NFC, lowercase), for the database to fold."""
    text = unicodedata.normalize("NFC", query).lower()
    return [w for w in _WORDS.split(text) if w]


def search(unit_code: str | None = None, category_code: str | None = None,
           query: str | None = None, limit: int = 20, offset: int = 0) -> Page:
    """Published answers matching the filters, best matches first (newest without a query).

    On PostgreSQL a query that matches nothing is tried once more with each word replaced
    by the closest word of the published vocabulary (typo tolerance).
    """
    select = sa.select(PublishedAnswer)
    if unit_code:
        unit = directory.get_unit(unit_code)
        if unit.level == "province":
            select = select.where(PublishedAnswer.unit_code.in_(
                sa.select(AdminUnit.code).where(AdminUnit.parent_code == unit.code)))
        else:
            select = select.where(PublishedAnswer.unit_code == unit.code)
    if category_code:
        category = db.session.scalar(sa.select(Category).where(Category.code == category_code))
        if category is None:
            raise NotFound(core_messages.CATEGORY_NOT_FOUND)
        select = select.where(PublishedAnswer.category_id == category.id)
    if not (query and search_terms(query)):
        return _page(select, [], limit, offset)
    if db.engine.dialect.name != "postgresql":
        return _page(*_match_sqlite(select, query), limit, offset)
    words = _folded_words(query)
    page = _page(*_match_postgresql(select, words), limit, offset)
    if not page.items and offset == 0:
        corrected = _corrected(words)
        if corrected != words:
            page = _page(*_match_postgresql(select, corrected), limit, offset)
    return page


def _page(select: sa.Select, order: list[Any], limit: int, offset: int) -> Page:
    order = [*order, PublishedAnswer.published_at.desc(), PublishedAnswer.id.desc()]
    rows = list(db.session.scalars(
        select.order_by(*order).limit(limit + 1).offset(offset)
        .options(selectinload(PublishedAnswer.unit), selectinload(PublishedAnswer.category))))
    return Page(rows[:limit], offset + limit if len(rows) > limit else None)


def _folded_words(query: str) -> list[str]:
    """Query words folded by the database (unaccent through the immutable wrapper)."""
    words = [w for w in _raw_words(query) if len(w) > 1] or _raw_words(query)
    folded = db.session.execute(sa.select(*[
        sa.func.thongtin_unaccent(w, type_=sa.Text) for w in words])).one()
    return [w for w in folded if w]


def _corrected(words: list[str]) -> list[str]:
    """Each word, or the most similar published word (pg_trgm ``%``, trigram index)."""
    known = set(db.session.scalars(sa.select(AnswerWord.word).where(AnswerWord.word.in_(words))))
    corrected = []
    for word in words:
        if word in known or not _LETTER.search(word):
            corrected.append(word)
            continue
        best = db.session.scalar(
            sa.select(AnswerWord.word).where(AnswerWord.word.op("%")(word))
            .order_by(sa.func.similarity(AnswerWord.word, word).desc(), AnswerWord.word)
            .limit(1))
        corrected.append(best or word)
    return corrected


def _match_postgresql(select: sa.Select, words: list[str]) -> tuple[sa.Select, list[Any]]:
    """Every word as a substring of the shadow column (trigram index), then ranked.

    Ranking (word similarity to the whole query, then whole-text similarity) is computed
    for the newest ``ANSWERS_RANK_CANDIDATES`` matches only, which bounds its cost when a
    common query matches thousands of answers.
    """
    text = PublishedAnswer.search_text
    every_word = sa.and_(*[text.like(f"%{w}%") for w in words])
    candidates = (select.with_only_columns(PublishedAnswer.id).where(every_word)
                  .order_by(PublishedAnswer.published_at.desc(), PublishedAnswer.id.desc())
                  .limit(current_app.config["ANSWERS_RANK_CANDIDATES"]))
    phrase = " ".join(words)
    score = sa.func.word_similarity(phrase, text) + sa.func.similarity(phrase, text)
    return (sa.select(PublishedAnswer).where(PublishedAnswer.id.in_(candidates.scalar_subquery())),
            [score.desc()])


def _match_sqlite(select: sa.Select, query: str) -> tuple[sa.Select, list[Any]]:
    """FTS5 over the folded shadow column: every folded word as a prefix, ranked by bm25."""
    terms = search_terms(query)
    match = " AND ".join(f'"{t}"*' for t in terms)
    fts = (sa.text("SELECT rowid AS id, bm25(published_answers_fts) AS rank "
                   "FROM published_answers_fts WHERE published_answers_fts MATCH :match")
           .bindparams(match=match).columns(id=sa.Integer, rank=sa.Float).subquery("fts"))
    return select.join(fts, fts.c.id == PublishedAnswer.id), [fts.c.rank]
