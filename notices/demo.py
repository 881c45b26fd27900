"""Demo notices for the demo communes, created through the real workflow, so every public
surface (API, Atom, CAP, widget, board) shows something at once."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core import clock
from core.db import db
from directory import auth
from directory.demo import DEMO_PROVINCE, demo_communes
from directory.models import StaffUser
from notices import service
from notices.models import Notice

PROVINCE_APPROVER = ("pheduyet", "Phê duyệt thông tin tỉnh")

NOTICES = (
    # (owner: "province" | "commune", data)
    ("province", {
        "title": "Cảnh báo mưa lớn, nguy cơ lũ quét và sạt lở đất",
        "summary": "Từ đêm nay đến hết ngày mai mưa rất to; người dân vùng trũng, ven sông "
                   "và sườn đồi chủ động di chuyển đến nơi an toàn.",
        "body": "<p>Do ảnh hưởng của không khí lạnh kết hợp nhiễu động gió đông, khu vực "
                "thành phố có <strong>mưa to đến rất to</strong>, lượng mưa phổ biến "
                "200–350 mm.</p><ul><li>Không qua lại ngầm tràn, suối sâu.</li>"
                "<li>Chằng chống nhà cửa, chuẩn bị lương thực, nước uống.</li>"
                "<li>Gọi 112 khi cần cứu hộ.</li></ul>",
        "category": "disaster_incident", "priority": "emergency", "risk_level": 3,
        "expires_in": timedelta(days=2),
    }),
    ("province", {
        "title": "Hướng dẫn cập nhật địa chỉ sau sắp xếp đơn vị hành chính",
        "summary": "Người dân không phải đổi giấy tờ còn hạn; địa chỉ mới được cập nhật "
                   "dần khi làm thủ tục.",
        "body": "<p>Theo hướng dẫn của Ủy ban nhân dân thành phố, các giấy tờ đã cấp "
                "<em>vẫn tiếp tục có giá trị sử dụng</em>.</p>",
        "category": "policy_law", "priority": "priority", "expires_in": timedelta(days=30),
    }),
    ("commune", {
        "title": "Lịch tiêm chủng mở rộng tháng này tại trạm y tế",
        "summary": "Tiêm chủng cho trẻ dưới 5 tuổi vào sáng thứ Bảy hằng tuần tại trạm y tế "
                   "phường.",
        "body": "<p>Phụ huynh mang theo sổ tiêm chủng. Thời gian: 7 giờ 30 đến 11 giờ.</p>",
        "category": "local_programmes", "priority": "normal", "expires_in": timedelta(days=14),
    }),
    ("commune", {
        "title": "Chợ phiên nông sản sạch cuối tuần",
        "summary": "Chợ phiên giới thiệu nông sản, sản phẩm OCOP của địa phương vào Chủ nhật.",
        "body": "<p>Địa điểm: sân nhà văn hóa phường. Mời bà con đến tham quan, mua sắm.</p>",
        "category": "local_products", "priority": "normal", "expires_in": timedelta(days=7),
    }),
)


def _user(username: str) -> StaffUser | None:
    return db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))


def load() -> None:
    """Create and publish the demo notices once."""
    if db.session.scalar(sa.select(Notice.id).limit(1)) is not None:
        return
    communes = demo_communes()
    admin, leader, officer = _user("admin"), _user("lanhdao"), _user("canbo")
    if not communes or None in (admin, leader, officer):
        return
    approver = _user(PROVINCE_APPROVER[0]) or auth.create_staff(
        PROVINCE_APPROVER[0], "province_admin", DEMO_PROVINCE, full_name=PROVINCE_APPROVER[1])
    for owner, spec in NOTICES:
        data = {k: v for k, v in spec.items() if k != "expires_in"}
        data["expires_at"] = clock.now() + spec["expires_in"]
        if owner == "province":
            author, checker = admin, approver
            data["targets"] = [DEMO_PROVINCE]
            data["unit_code"] = DEMO_PROVINCE
        else:
            author, checker = officer, leader
            data["unit_code"] = officer.unit_code
        notice = service.create(data, author)
        service.submit(notice.id, author)
        service.approve(notice.id, checker)
