"""Published answers: public search, staff preview / publish / unpublish."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from core.extensions import limiter
from core.schemas import error_responses
from directory.auth import current_staff, staff_required
from feedback.answers import service
from feedback.answers.schemas import (
    AnswerPageSchema,
    AnswerSearchArgsSchema,
    PreviewSchema,
    PublicAnswerSchema,
    PublishInSchema,
)

public = Blueprint("answers", __name__, url_prefix="/api/v1",
                   description="Hỏi đáp: các câu trả lời đã công khai")
staff = Blueprint("staff_answers", __name__, url_prefix="/api/v1/staff",
                  description="Công khai câu trả lời (cán bộ)")


@public.get("/answers")
@public.arguments(AnswerSearchArgsSchema, location="query")
@public.response(200, AnswerPageSchema)
@error_responses(public, 404, 429)
@limiter.limit(lambda: current_app.config["RATELIMIT_ANSWERS"])
def search(args):
    """Tìm câu hỏi – trả lời đã công khai (không phân biệt dấu, hoa thường)."""
    page = service.search(args.get("unit"), args.get("category"), args.get("q"),
                          args["limit"], args["offset"])
    return page


@public.get("/answers/<int:answer_id>")
@public.response(200, PublicAnswerSchema)
@error_responses(public, 404)
def detail(answer_id):
    """Một câu hỏi – trả lời đã công khai."""
    return service.get_public(answer_id)


@staff.get("/feedback/<int:item_id>/publication")
@staff.response(200, PreviewSchema)
@error_responses(staff, 401, 403, 404)
@staff.doc(security=[{"bearerAuth": []}])
@staff_required
def preview(item_id):
    """Xem trước bản công khai (đã che thông tin cá nhân)."""
    return service.preview(item_id, current_staff())


@staff.put("/feedback/<int:item_id>/publication")
@staff_required
@staff.arguments(PublishInSchema)
@staff.response(200, PreviewSchema)
@error_responses(staff, 400, 401, 403, 404, 409)
@staff.doc(security=[{"bearerAuth": []}])
def publish(data, item_id):
    """Công khai (hoặc cập nhật) câu hỏi và câu trả lời, có thể sửa trước khi công khai."""
    service.publish(item_id, current_staff(), data)
    return service.preview(item_id, current_staff())


@staff.delete("/feedback/<int:item_id>/publication")
@staff.response(204)
@error_responses(staff, 401, 403, 404)
@staff.doc(security=[{"bearerAuth": []}])
@staff_required
def unpublish(item_id):
    """Thôi công khai."""
    service.unpublish(item_id, current_staff())
