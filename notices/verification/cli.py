"""``flask verification keys create|rotate|expire|list``, ``flask verification verify-file
NOTICE.json [--keys KEYS.json]`` (offline, against a saved copy of the published keys) and
``flask verification sign-missing`` (notices published before verification existed)."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup

from core import clock
from core.db import transactional
from notices.verification import keys, messages, service, signing

verification_cli = AppGroup("verification", help="Xác minh thông báo: khóa ký, kiểm tra tệp.")
keys_cli = AppGroup("keys", help="Khóa ký của hệ thống (Ed25519, ECDSA cho CAP).")
verification_cli.add_command(keys_cli)


def _created(row) -> None:
    click.echo(messages.CLI_KEY_CREATED.format(
        key=row.id, expires=clock.isoformat_local(row.expires_at)))


@keys_cli.command("create")
@click.option("--valid-days", type=click.IntRange(1, 3650), default=None,
              help="Số ngày khóa còn hiệu lực (mặc định VERIFICATION_KEY_VALID_DAYS).")
@transactional
def create_key(valid_days: int | None) -> None:
    """Tạo khóa ký đầu tiên (không làm gì nếu đã có khóa đang ký)."""
    current = keys.signing()
    if current is not None:
        click.echo(messages.CLI_KEY_EXISTS.format(key=current.id))
        return
    row = keys.create(valid_days=valid_days)
    _created(row)


@keys_cli.command("rotate")
@click.option("--valid-days", type=click.IntRange(1, 3650), default=None,
              help="Số ngày khóa mới còn hiệu lực.")
@transactional
def rotate_key(valid_days: int | None) -> None:
    """Thay khóa: khóa mới ký từ nay; chữ ký cũ vẫn hợp lệ đến khi khóa cũ hết hạn."""
    row = keys.create(valid_days=valid_days)
    _created(row)


@keys_cli.command("expire")
@click.argument("key_id")
@transactional
def expire_key(key_id: str) -> None:
    """Chấm dứt ngay một khóa (bị lộ): chữ ký bằng khóa này không còn hợp lệ."""
    row = keys.expire(key_id)
    if row is None:
        raise click.ClickException(messages.CLI_KEY_UNKNOWN.format(key=key_id))
    click.echo(messages.CLI_KEY_EXPIRED.format(key=key_id))


@keys_cli.command("list")
def list_keys() -> None:
    """Các khóa còn hiệu lực (chỉ phần công khai)."""
    for row in keys.valid():
        click.echo(messages.CLI_KEY_LINE.format(
            key=row.id, signs=clock.isoformat_local(row.signs_until) or messages.CLI_SIGNS_NOW,
            expires=clock.isoformat_local(row.expires_at)))


@verification_cli.command("verify-file")
@click.argument("notice_file", type=click.File("r", encoding="utf-8"))
@click.option("--keys", "keys_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Bản lưu của /.well-known/thongtin-keys.json (không cần mạng, không cần "
                   "cơ sở dữ liệu); mặc định: các khóa trong cơ sở dữ liệu.")
def verify_file(notice_file, keys_file) -> None:
    """Kiểm tra chữ ký của một thông báo (JSON công khai) ngoại tuyến."""
    try:
        data = json.load(notice_file)
        key_set = json.load(keys_file)["keys"] if keys_file else keys.document()["keys"]
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(messages.CLI_FILE_UNREADABLE.format(error=exc)) from None
    if isinstance(data, dict) and isinstance(data.get("notice"), dict) and "signature" not in data:
        data = data["notice"]
    ok, reason = signing.check_public(data if isinstance(data, dict) else {}, key_set)
    if ok:
        click.echo(messages.CLI_FILE_VALID.format(id=data.get("id"),
                                                  code=data.get("verification_code"),
                                                  key=data["signature"]["key_id"]))
        return
    click.echo(messages.CLI_FILE_INVALID.format(reason=messages.REASONS[reason]))
    sys.exit(1)


@verification_cli.command("sign-missing")
@transactional
def sign_missing() -> None:
    """Cấp mã và ký các thông báo đã đăng trước khi có chức năng xác minh."""
    click.echo(messages.CLI_SIGNED.format(n=service.sign_unsigned()))
