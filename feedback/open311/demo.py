"""Demo Open311 set-up: an extra question for road problems and a partner key."""

from __future__ import annotations

import click
import sqlalchemy as sa

from core.db import db
from directory.demo import DEMO_PROVINCE
from directory.models import Category
from feedback.open311 import keys, questions
from feedback.open311.models import Open311Key


def load() -> None:
    """Add the demo question and print a fresh demo key (once)."""
    if db.session.scalar(sa.select(Open311Key.id).limit(1)) is not None:
        return
    if db.session.scalar(sa.select(Category.id).where(Category.code == "ha-tang-giao-thong")):
        questions.set_question(
            "ha-tang-giao-thong", "loai-su-co", "Loại sự cố", "singlevaluelist", True, 1,
            [{"key": "o-ga", "name": "Ổ gà, hư hỏng mặt đường"},
             {"key": "den-duong", "name": "Đèn đường"},
             {"key": "ngap", "name": "Ngập nước"}])
    _, raw = keys.create_key("Ứng dụng mẫu", DEMO_PROVINCE, True, "2026-01")
    click.echo(f"  khóa Open311 mẫu (tỉnh {DEMO_PROVINCE}): {raw}")
