"""A demo consultation in the first demo commune, announced through the real workflow
(notice written by the officer, approved by the leader), open for two weeks."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from consultations import service
from consultations.models import Consultation
from core import clock
from core.db import db
from directory.models import StaffUser
from notices import service as notices_service

DRAFT = {
    "title": "Dự thảo Quy chế quản lý vỉa hè, lòng đường trên địa bàn phường",
    "description": "Ủy ban nhân dân phường lấy ý kiến người dân về dự thảo quy chế quản lý, "
                   "sử dụng tạm thời một phần vỉa hè, lòng đường ngoài mục đích giao thông.",
    "sections": [
        {"title": "Phạm vi điều chỉnh và đối tượng áp dụng",
         "body": "Quy chế này áp dụng đối với hộ gia đình, cá nhân, tổ chức sử dụng tạm thời "
                 "một phần vỉa hè trên các tuyến phố của phường."},
        {"title": "Phần vỉa hè dành cho người đi bộ",
         "body": "Phải dành tối thiểu 1,5 mét chiều rộng vỉa hè cho người đi bộ."},
        {"title": "Thời gian sử dụng tạm thời",
         "body": "Việc sử dụng tạm thời chỉ được phép từ 17 giờ đến 22 giờ hằng ngày."},
    ],
}
COMMENTS = (
    (2, "Nên giữ lối đi cho người khuyết tật, xe lăn ở mọi tuyến phố."),
    (3, "Đề nghị cho phép buôn bán buổi sáng sớm từ 5 giờ đến 8 giờ ở khu chợ."),
    (None, "Dự thảo cần nói rõ mức thu phí sử dụng vỉa hè."),
)


def load() -> None:
    """Create, announce and open the demo consultation once."""
    if db.session.scalar(sa.select(Consultation.id).limit(1)) is not None:
        return
    officer = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "canbo"))
    leader = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "lanhdao"))
    if officer is None or leader is None or officer.office_id is None:
        return
    moment = clock.now()
    item = service.create({**DRAFT, "office_id": officer.office_id,
                           "opens_at": moment - timedelta(days=1),
                           "closes_at": moment + timedelta(days=14)}, officer)
    item = service.announce(item.id, officer)
    notices_service.approve(item.notice_id, leader)
    for number, body in COMMENTS:
        service.comment(item.id, {"section": number, "body": body, "anonymous": True},
                        channel="web")
