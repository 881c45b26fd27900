"""Demo feedback items in several states, created through the real services."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from directory.demo import demo_communes
from directory.models import StaffUser
from feedback import service, workflow
from feedback.models import Feedback

CONSENT = {"purpose": "Tiếp nhận và trả lời phản ánh", "policy_version": "2026-01"}

ITEMS = (
    # (category, title, description, reporter phone or None, actions)
    ("ha-tang-giao-thong", "Ổ gà lớn trên đường Lê Lợi",
     "Đoạn trước số 12 đường Lê Lợi có ổ gà sâu, xe máy dễ ngã khi trời mưa.",
     "0912345678", ()),
    ("moi-truong", "Rác thải tập kết sai nơi quy định",
     "Bãi đất trống cạnh chợ bị đổ rác nhiều ngày, bốc mùi hôi.",
     "0987654321", ("accept",)),
    ("trat-tu-do-thi", "Lấn chiếm vỉa hè",
     "Quán nước lấn chiếm toàn bộ vỉa hè, người đi bộ phải xuống lòng đường.",
     None, ("accept", "assign", "start")),
    ("ha-tang-giao-thong", "Đèn đường không sáng",
     "Ba cột đèn ở kiệt 5 không sáng gần một tuần, buổi tối rất tối.",
     "0905123456", ("accept", "assign", "start", "answer")),
    ("an-ninh-trat-tu", "Tụ tập gây ồn ào ban đêm",
     "Nhóm thanh niên tụ tập, rú ga xe máy sau 23 giờ.",
     "0935111222", ("accept",)),
    ("moi-truong", "Cống thoát nước bị tắc",
     "Cống đầu kiệt bị tắc, mưa là ngập nước tới đầu gối.",
     "0914222333", ("accept", "assign", "start", "answer", "close")),
)


def load() -> None:
    """Create the demo items once."""
    if db.session.scalar(sa.select(Feedback.id).limit(1)) is not None:
        return
    unit_code = demo_communes()[0]
    for category, title, description, phone, actions in ITEMS:
        data = {"unit_code": unit_code, "category_code": category, "title": title,
                "description": description, "channel": "web", "anonymous": phone is None}
        if phone:
            data["reporter"] = {"name": "Nguyễn Văn An", "phone": "+84" + phone[1:]}
            data["consent"] = CONSENT
        _, answer = service.submit(data, channel="web")
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == answer["tracking_code"].replace("-", "")))
        for action in actions:
            actor = db.session.scalar(sa.select(StaffUser).where(
                StaffUser.office_id == item.office_id)) or db.session.scalar(
                sa.select(StaffUser).where(StaffUser.role == "commune_leader"))
            args = {"answer": "Đơn vị đã kiểm tra và khắc phục xong, cảm ơn bạn đã phản ánh."}
            workflow.perform(item.id, action, actor, **args)
