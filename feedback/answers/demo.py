"""Demo published answers: the demo's answered items and a few more, so search works at once."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from directory.demo import demo_communes
from directory.models import StaffUser
from feedback import service, workflow
from feedback.answers import service as answers
from feedback.answers.models import PublishedAnswer
from feedback.models import Feedback

CONSENT = {"purpose": "Tiếp nhận và trả lời phản ánh", "policy_version": "2026-01"}

QUESTIONS = (
    # (category, title, description, answer)
    ("ha-tang-giao-thong", "Đường ngập nước sau mưa lớn",
     "Đoạn đường Nguyễn Huệ gần trường tiểu học ngập nước mỗi khi mưa lớn, học sinh phải "
     "lội nước.",
     "Phòng Kinh tế, Hạ tầng và Đô thị đã nạo vét cống, lắp thêm hai hố ga; đoạn đường đã "
     "hết ngập sau các trận mưa gần đây."),
    ("ha-tang-giao-thong", "Cây xanh nghiêng có nguy cơ đổ",
     "Cây phượng trước chợ nghiêng hẳn ra lòng đường, mùa mưa bão rất nguy hiểm.",
     "Đơn vị cây xanh đã cắt tỉa và chằng chống cây; sẽ thay cây mới trong quý tới."),
    ("an-ninh-trat-tu", "Hát karaoke gây ồn sau 22 giờ",
     "Một số hộ hát karaoke rất to đến khuya, ảnh hưởng giấc ngủ người già và trẻ nhỏ.",
     "Công an phường đã nhắc nhở, lập biên bản các hộ vi phạm và tăng cường tuần tra buổi tối."),
    ("moi-truong", "Chó thả rông không rọ mõm",
     "Nhiều chó thả rông ngoài đường, không đeo rọ mõm, trẻ em đi học rất sợ.",
     "Phường đã tuyên truyền trên loa truyền thanh và phối hợp kiểm tra, xử phạt chủ nuôi "
     "thả rông chó."),
    ("chinh-sach-xa-hoi", "Hỗ trợ hộ nghèo sửa chữa nhà",
     "Gia đình thuộc hộ nghèo, nhà dột nát, xin hỏi thủ tục đề nghị hỗ trợ sửa nhà.",
     "Hộ nghèo nộp đơn đề nghị tại bộ phận một cửa của phường; Phòng Văn hóa - Xã hội sẽ "
     "thẩm định và trả lời trong 15 ngày làm việc."),
)


def _staff_for(item: Feedback) -> StaffUser:
    return db.session.scalar(sa.select(StaffUser).where(
        StaffUser.office_id == item.office_id)) or db.session.scalar(
        sa.select(StaffUser).where(StaffUser.role == "commune_leader"))


def load() -> None:
    """Publish the demo's answered items and a few more questions, once."""
    if db.session.scalar(sa.select(PublishedAnswer.id).limit(1)) is not None:
        return
    communes = demo_communes()
    if not communes:
        return
    leader = db.session.scalar(sa.select(StaffUser).where(StaffUser.role == "commune_leader"))
    for category, title, description, text in QUESTIONS:
        data = {"unit_code": communes[0], "category_code": category, "title": title,
                "description": description, "channel": "web",
                "reporter": {"name": "Lê Thị Hoa", "phone": "+84905111222"},
                "consent": CONSENT}
        _, created = service.submit(data, channel="web")
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == created["tracking_code"].replace("-", "")))
        for action in ("accept", "assign", "start", "answer"):
            workflow.perform(item.id, action, _staff_for(item), answer=text)
    answered = db.session.scalars(sa.select(Feedback.id).where(
        Feedback.status.in_(answers.PUBLISHABLE_STATUSES),
        Feedback.public_answer.is_not(None)))
    for item_id in list(answered):
        answers.publish(item_id, leader)
