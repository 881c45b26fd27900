"""``flask staff email`` and ``flask staff create --email``: where staff receive mail."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db
from directory.models import StaffUser


def _user(username):
    return db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))


def test_staff_email_sets_the_address(runner, ctx):
    result = runner.invoke(args=["staff", "email", "leader", " lanhdao@phuxuan.hue.gov.vn "])
    assert result.exit_code == 0, result.output
    assert "Đã đặt email cho tài khoản leader." in result.output
    db.session.expire_all()
    assert _user("leader").email == "lanhdao@phuxuan.hue.gov.vn"


def test_staff_email_refuses_a_bad_address_or_an_unknown_account(runner, ctx):
    before = _user("leader").email
    bad = runner.invoke(args=["staff", "email", "leader", "không phải email"])
    assert bad.exit_code != 0 and "Địa chỉ email không hợp lệ." in bad.output
    long = runner.invoke(args=["staff", "email", "leader", "a" * 250 + "@hue.gov.vn"])
    assert long.exit_code != 0 and "Địa chỉ email không hợp lệ." in long.output
    db.session.expire_all()
    assert _user("leader").email == before
    unknown = runner.invoke(args=["staff", "email", "khong-co", "a@hue.gov.vn"])
    assert unknown.exit_code != 0 and "Không tìm thấy tài khoản." in unknown.output


def test_staff_create_with_an_email(runner, ctx, world):
    result = runner.invoke(args=["staff", "create", "canbo-moi", "--role", "officer",
                                 "--unit", world.commune, "--office", str(world.office_infra),
                                 "--email", "canbo.moi@phuxuan.hue.gov.vn"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _user("canbo-moi").email == "canbo.moi@phuxuan.hue.gov.vn"


def test_staff_create_with_a_bad_email_creates_nothing(runner, ctx, world):
    result = runner.invoke(args=["staff", "create", "canbo-sai", "--role", "viewer",
                                 "--unit", world.commune, "--email", "canbo@"])
    assert result.exit_code != 0 and "Địa chỉ email không hợp lệ." in result.output
    assert _user("canbo-sai") is None
