"""Demo directory: Huế with its communes, offices, categories, routes and staff accounts."""

from __future__ import annotations

import click
import sqlalchemy as sa

from core import auth, directory
from core.db import db
from core.models import AdminUnit, Category, Office, StaffUser

DEMO_PROVINCE = "46"  # Thành phố Huế
DEMO_COMMUNES = ("Phường Phú Xuân", "Phường Kim Long")

CATEGORIES = (
    ("ha-tang-giao-thong", "Hạ tầng, giao thông", 10),
    ("moi-truong", "Môi trường, vệ sinh", 7),
    ("trat-tu-do-thi", "Trật tự đô thị, xây dựng", 10),
    ("an-ninh-trat-tu", "An ninh, trật tự", 5),
    ("y-te", "Y tế", 7),
    ("giao-duc", "Giáo dục", 10),
    ("chinh-sach-xa-hoi", "Chính sách xã hội", 15),
    ("dat-dai", "Đất đai", 15),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", 5),
    ("khac", "Lĩnh vực khác", None),
)

OFFICES = (
    # (name, kind, categories routed to it)
    ("Công an {unit}", "police", ("an-ninh-trat-tu",)),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "office",
     ("ha-tang-giao-thong", "trat-tu-do-thi", "dat-dai", "moi-truong")),
    ("Phòng Văn hóa - Xã hội", "office", ("y-te", "giao-duc", "chinh-sach-xa-hoi")),
)


def demo_communes() -> list[str]:
    """Codes of the demo communes."""
    return list(db.session.scalars(sa.select(Office.unit_code).distinct().join(
        Office.unit).where(Office.kind == "police").order_by(Office.unit_code)))


def load() -> None:
    """Create the demo directory if it is not there yet."""
    directory.import_province(DEMO_PROVINCE)
    if db.session.scalar(sa.select(Category.id).limit(1)) is None:
        for code, name, days in CATEGORIES:
            directory.create_category(code, name, None, days)
    units = db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.parent_code == DEMO_PROVINCE,
        AdminUnit.name.in_(DEMO_COMMUNES))).all()
    for unit in units:
        if db.session.scalar(sa.select(Office.id).where(Office.unit_code == unit.code,
                                                         Office.kind == "police")):
            continue
        short = unit.name[:1].lower() + unit.name[1:]
        for name, kind, codes in OFFICES:
            office = directory.create_office(unit.code, name.format(unit=short), kind)
            for code in codes:
                directory.set_route(code, unit.code, office.id)
    if db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == "admin")):
        return
    first = sorted(units, key=lambda u: u.code)[0]
    offices = {o.kind: o for o in db.session.scalars(
        sa.select(Office).where(Office.unit_code == first.code))}
    accounts = (
        ("admin", "province_admin", DEMO_PROVINCE, None, "Quản trị tỉnh"),
        ("lanhdao", "commune_leader", first.code, None, "Lãnh đạo UBND"),
        ("canbo", "officer", first.code, offices["office"].id, "Cán bộ Phòng Kinh tế"),
        ("congan", "officer", first.code, offices["police"].id, "Cán bộ Công an"),
        ("xem", "viewer", first.code, None, "Người xem thống kê"),
    )
    for username, role, unit_code, office_id, full_name in accounts:
        user, password = auth.create_staff_with_password(username, role, unit_code, office_id,
                                                         full_name)
        token = auth.issue_token(user)
        click.echo(f"  tài khoản {username:8} ({role}): mật khẩu dùng một lần {password}, "
                   f"mã API {token}")
