"""Directory CLI: ``flask units``, ``flask offices``, ``flask categories``, ``flask routes``
and ``flask staff``."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup
from marshmallow import ValidationError
from marshmallow.validate import Email

from core.db import db, flush, transactional
from core.errors import AppError
from directory import auth, service
from directory.models import StaffUser

units_cli = AppGroup("units", help="Đơn vị hành chính.")
offices_cli = AppGroup("offices", help="Cơ quan xử lý.")
categories_cli = AppGroup("categories", help="Lĩnh vực phản ánh.")
routes_cli = AppGroup("routes", help="Quy tắc phân công.")
staff_cli = AppGroup("staff", help="Tài khoản cán bộ.")

EMAIL_MAX_LENGTH = 254  # StaffUser.email


def _fail(exc: AppError) -> None:
    raise click.ClickException(exc.message)


@units_cli.command("import")
@click.option("--province", "province_code", required=True, help="Mã tỉnh (2 chữ số).")
@click.option("--offices/--no-offices", default=True,
              help="Tạo UBND làm cơ quan mặc định cho đơn vị chưa có cơ quan.")
@transactional
def import_units(province_code: str, offices: bool) -> None:
    """Nạp một tỉnh và các xã, phường từ vietnam-provinces (chạy lại an toàn)."""
    from vietnam_provinces import ProvinceCode, Ward

    try:
        total = 1 + sum(1 for _ in Ward.iter_by_province(ProvinceCode(int(province_code))))
    except ValueError:
        raise click.ClickException("Không tìm thấy tỉnh với mã này.") from None
    with click.progressbar(length=total, label="Đang nạp đơn vị") as bar:
        created, updated = service.import_province(province_code, offices, bar.update)
    click.echo(f"Đã thêm {created}, cập nhật {updated}, tổng {total} đơn vị.")


@offices_cli.command("create")
@click.option("--unit", "unit_code", required=True)
@click.option("--name", required=True)
@click.option("--kind", default="office")
@click.option("--default", "is_default", is_flag=True)
@transactional
def create_office(unit_code: str, name: str, kind: str, is_default: bool) -> None:
    """Thêm cơ quan xử lý cho một đơn vị."""
    try:
        office = service.create_office(unit_code, name, kind, is_default)
    except AppError as exc:
        _fail(exc)
    click.echo(f"{office.id}\t{office.name}")


@categories_cli.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--unit", "unit_code", default=None)
@click.option("--due-days", type=int, default=None)
@transactional
def create_category(code: str, name: str, unit_code: str | None, due_days: int | None) -> None:
    """Thêm lĩnh vực (dùng chung, hoặc riêng một tỉnh, một xã)."""
    try:
        category = service.create_category(code, name, unit_code, due_days)
    except AppError as exc:
        _fail(exc)
    click.echo(f"{category.code}\t{category.name}")


@routes_cli.command("set")
@click.option("--category", "category_code", required=True)
@click.option("--unit", "unit_code", required=True)
@click.option("--office", "office_id", type=int, required=True)
@click.option("--due-days", type=int, default=None)
@transactional
def set_route(category_code: str, unit_code: str, office_id: int, due_days: int | None) -> None:
    """Giao một lĩnh vực ở một đơn vị cho một cơ quan."""
    try:
        service.set_route(category_code, unit_code, office_id, due_days)
    except AppError as exc:
        _fail(exc)
    click.echo("Đã lưu quy tắc phân công.")


@staff_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(auth.ROLES), required=True)
@click.option("--unit", "unit_code", required=True)
@click.option("--office", "office_id", type=int, default=None)
@click.option("--name", "full_name", default="")
@click.option("--email", default=None, help="Địa chỉ email nhận nhắc việc, báo cáo.")
@transactional
def create_staff(username: str, role: str, unit_code: str, office_id: int | None,
                 full_name: str, email: str | None) -> None:
    """Tạo tài khoản cán bộ và in mật khẩu dùng một lần."""
    address = _email(email) if email is not None else None
    try:
        user, password = auth.create_staff_with_password(username, role, unit_code, office_id,
                                                         full_name)
    except AppError as exc:
        _fail(exc)
    if address:
        user.email = address
        flush()
    click.echo(f"Đã tạo tài khoản {user.username} ({user.role}).")
    click.echo(f"Mật khẩu dùng một lần (đổi khi đăng nhập lần đầu): {password}")


def _email(raw: str) -> str:
    """A staff e-mail address as stored, or a usage error."""
    address = raw.strip()
    try:
        Email()(address)
    except ValidationError:
        address = ""
    if not address or len(address) > EMAIL_MAX_LENGTH:
        raise click.BadParameter("Địa chỉ email không hợp lệ.", param_hint="email")
    return address


def _staff(username: str) -> StaffUser:
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise click.ClickException("Không tìm thấy tài khoản.")
    return user


@staff_cli.command("email")
@click.argument("username")
@click.argument("address")
@transactional
def staff_email(username: str, address: str) -> None:
    """Đặt địa chỉ email của cán bộ (nhận nhắc việc, báo cáo qua email)."""
    user = _staff(username)
    user.email = _email(address)
    flush()
    click.echo(f"Đã đặt email cho tài khoản {user.username}.")


@staff_cli.command("token")
@click.argument("username")
@transactional
def staff_token(username: str) -> None:
    """In một mã truy cập API mới cho cán bộ."""
    click.echo(auth.issue_token(_staff(username)))


@staff_cli.command("revoke")
@click.argument("username")
@click.option("--token-id", type=int, default=None, help="Chỉ thu hồi mã này (mặc định: tất cả).")
@transactional
def staff_revoke(username: str, token_id: int | None) -> None:
    """Thu hồi mã truy cập API của cán bộ."""
    count = auth.revoke_tokens(_staff(username), token_id)
    click.echo(f"Đã thu hồi {count} mã truy cập.")


@staff_cli.command("reset-password")
@click.argument("username")
@transactional
def staff_reset_password(username: str) -> None:
    """Đặt lại mật khẩu (mở khóa tài khoản) và in mật khẩu dùng một lần."""
    password = auth.reset_password(_staff(username))
    click.echo(f"Mật khẩu dùng một lần (đổi khi đăng nhập lần đầu): {password}")


@staff_cli.command("unlock")
@click.argument("username")
@transactional
def staff_unlock(username: str) -> None:
    """Mở khóa đăng nhập (sau nhiều lần nhập sai) từ mọi thiết bị."""
    auth.unlock(_staff(username))
    click.echo(f"Đã mở khóa đăng nhập cho {username}.")


@staff_cli.command("disable")
@click.argument("username")
@transactional
def staff_disable(username: str) -> None:
    """Khóa tài khoản: kết thúc mọi phiên đăng nhập, mã truy cập API ngừng hoạt động."""
    auth.set_active(None, _staff(username), False)
    click.echo(f"Đã khóa tài khoản {username}.")


@staff_cli.command("enable")
@click.argument("username")
@transactional
def staff_enable(username: str) -> None:
    """Mở lại tài khoản đã khóa."""
    auth.set_active(None, _staff(username), True)
    click.echo(f"Đã mở lại tài khoản {username}.")


def register_cli(app: Flask) -> None:
    """Attach the directory's command groups."""
    for group in (units_cli, offices_cli, categories_cli, routes_cli, staff_cli):
        app.cli.add_command(group)
