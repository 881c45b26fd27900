"""Extra questions per category (Open311 service attributes): create or replace."""

from __future__ import annotations

import sqlalchemy as sa

from core import messages as core_messages
from core.db import db, flush
from core.errors import NotFound, UserValueError
from core.text import clean_line
from directory.models import Category
from feedback.open311 import messages
from feedback.open311.models import DATATYPES, CategoryQuestion

__all__ = ["DATATYPES", "set_question"]


def set_question(category_code: str, code: str, description: str, datatype: str = "string",
                 required: bool = False, order: int = 1,
                 values: list[dict[str, str]] | None = None) -> CategoryQuestion:
    """Create or replace the question ``code`` of a category."""
    category = db.session.scalar(sa.select(Category).where(Category.code == category_code))
    if category is None:
        raise NotFound(core_messages.CATEGORY_NOT_FOUND)
    if datatype not in DATATYPES:
        raise UserValueError(core_messages.FIELD_INVALID_DEFAULT,
                             {"datatype": [core_messages.FIELD_INVALID_DEFAULT]})
    if datatype.endswith("valuelist") and not values:
        raise UserValueError(messages.QUESTION_VALUES_REQUIRED,
                             {"values": [messages.QUESTION_VALUES_REQUIRED]})
    question = db.session.scalar(sa.select(CategoryQuestion).where(
        CategoryQuestion.category_id == category.id, CategoryQuestion.code == code))
    if question is None:
        question = CategoryQuestion(category_id=category.id, code=code)
        db.session.add(question)
    question.description = clean_line(description)
    question.datatype, question.required, question.order = datatype, required, order
    question.values = values if datatype.endswith("valuelist") else None
    question.is_active = True
    flush()
    return question
