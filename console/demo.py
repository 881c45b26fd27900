"""Demo response templates: one answer per demo category, and a general one."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from directory.models import Category
from feedback.models import ResponseTemplate

ANSWERS = {
    None: ("Trả lời chung",
           "UBND đã tiếp nhận và giao cơ quan chuyên môn kiểm tra, xử lý. Kết quả: … "
           "Cảm ơn bạn đã phản ánh."),
    "ha-tang-giao-thong": ("Đã sửa chữa hạ tầng",
                           "Cơ quan chuyên môn đã kiểm tra hiện trường và sửa chữa xong. "
                           "Cảm ơn bạn đã phản ánh."),
    "moi-truong": ("Đã thu gom, vệ sinh",
                   "Đơn vị vệ sinh môi trường đã thu gom, xử lý và sẽ tăng cường kiểm tra "
                   "khu vực này. Cảm ơn bạn đã phản ánh."),
    "an-ninh-trat-tu": ("Đã kiểm tra, xử lý vi phạm",
                        "Công an đã kiểm tra, nhắc nhở và xử lý theo quy định. "
                        "Cảm ơn bạn đã phản ánh."),
}


def load() -> None:
    """Create the demo templates once."""
    if db.session.scalar(sa.select(ResponseTemplate.id).limit(1)) is not None:
        return
    categories = {c.code: c.id for c in db.session.scalars(sa.select(Category))}
    for code, (title, body) in ANSWERS.items():
        if code is not None and code not in categories:
            continue
        db.session.add(ResponseTemplate(kind="answer", title=title, body=body,
                                        category_id=categories.get(code) if code else None))
    db.session.flush()
