"""Demo reports of false information in Phường Phú Xuân: a fee rumour reported twice (one
case), an evacuation rumour (an emergency) and a true item already answered."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from directory.models import StaffUser
from factcheck import service
from factcheck.models import MisinformationReport

UNIT = "19753"
REPORTS = (
    ("widget", "KHẨN: UBND phường Phú Xuân thông báo thu phí vệ sinh 500.000 đồng mỗi hộ, "
               "nộp trước ngày 10/12 tại nhà văn hóa.", "Nhóm Zalo tổ 5"),
    ("web", "khan ubnd phuong phu xuan thong bao thu phi ve sinh 500000 dong moi ho nop truoc "
            "ngay 10/12 tai nha van hoa", "Facebook"),
    ("zalo", "Có lệnh sơ tán toàn phường Phú Xuân trước 17 giờ hôm nay vì vỡ đê.",
     "Tin nhắn chuyển tiếp"),
)
TRUE_ITEM = "Chợ Đông Ba tạm đóng cửa ngày 20/12 để phun thuốc khử trùng toàn chợ."


def load() -> None:
    """Add the demo reports once (nothing if any report exists)."""
    if db.session.scalar(sa.select(MisinformationReport.id).limit(1)) is not None:
        return
    for channel, content, where in REPORTS:
        service.report({"unit_code": UNIT, "content": content, "seen_where": where},
                       channel=channel)
    officer = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "vanhoa"))
    _, answer = service.report({"unit_code": UNIT, "content": TRUE_ITEM}, channel="widget")
    if officer is not None:
        case = service.public_status(answer["tracking_code"]).case
        service.record_verdict(case.id, officer, "true",
                               "Ban quản lý chợ Đông Ba đã thông báo lịch phun khử trùng.")
