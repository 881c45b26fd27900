"""Demo directory: Huế with its communes, offices, categories, routes and staff accounts."""

from __future__ import annotations

import click
import sqlalchemy as sa

from core import messages
from core.db import db
from directory import auth, service
from directory.models import AdminUnit, Category, Office, StaffUser

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
    service.import_province(DEMO_PROVINCE)
    if db.session.scalar(sa.select(Category.id).limit(1)) is None:
        for code, name, days in CATEGORIES:
            service.create_category(code, name, None, days)
    units = db.session.scalars(sa.select(AdminUnit).where(
        AdminUnit.parent_code == DEMO_PROVINCE,
        AdminUnit.name.in_(DEMO_COMMUNES))).all()
    for unit in units:
        if db.session.scalar(sa.select(Office.id).where(Office.unit_code == unit.code,
                                                         Office.kind == "police")):
            continue
        short = unit.name[:1].lower() + unit.name[1:]
        for name, kind, codes in OFFICES:
            office = service.create_office(unit.code, name.format(unit=short), kind)
            for code in codes:
                service.set_route(code, unit.code, office.id)
    if db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == "admin")):
        return
    first = sorted(units, key=lambda u: u.code)[0]
    province = db.session.get(AdminUnit, DEMO_PROVINCE)
    offices = {o.name: o for o in db.session.scalars(
        sa.select(Office).where(Office.unit_code == first.code))}
    police = next(o for o in offices.values() if o.kind == "police")
    for username, role, unit, office, full_name in demo_accounts(province, first, offices,
                                                                  police):
        user, password = auth.create_staff_with_password(
            username, role, unit.code, office.id if office else None, full_name)
        token = auth.issue_token(user)
        place = (office.name if office and office.kind == "police"
                 else f"{office.name}, {unit.name}" if office else unit.name)
        click.echo(messages.DEMO_ACCOUNT.format(
            username=f"{username:8}", role=auth.ROLE_LABELS[role], place=place,
            password=password, token=token))


def demo_accounts(province: AdminUnit, commune: AdminUnit, offices: dict[str, Office],
                  police: Office) -> list[tuple]:
    """The demo accounts: (username, role, unit, office, full name); one office each."""
    infra, social = offices[OFFICES[1][0]], offices[OFFICES[2][0]]
    leader = f"Lãnh đạo UBND {commune.name[:1].lower()}{commune.name[1:]}"
    return [
        ("admin", "province_admin", province, None, f"Quản trị {province.name}"),
        ("lanhdao", "commune_leader", commune, None, leader),
        # README's first step: its curl example (category "moi-truong") reaches canbo.
        ("canbo", "officer", commune, infra, f"Cán bộ {infra.name}"),
        ("vanhoa", "officer", commune, social, f"Cán bộ {social.name}"),
        ("congan", "officer", commune, police, f"Cán bộ {police.name}"),
        ("xem", "viewer", commune, None, "Người xem thống kê"),
    ]
