"""``flask privacy …``: run retention now, publish a new version of the privacy notice."""

from __future__ import annotations

import json
from datetime import datetime

import click
from flask.cli import AppGroup

from core.clock import LOCAL_TZ, to_local
from core.db import transactional
from privacy import messages, notice, retention

privacy_cli = AppGroup("privacy", help="Bảo vệ dữ liệu cá nhân.")


@privacy_cli.command("retention")
def retention_command() -> None:
    """Xóa ngay thông tin liên hệ đã quá thời hạn lưu trữ (như tác vụ định kỳ)."""
    # A job of steps: each batch is a unit of work of its own (privacy.retention).
    run = retention.erase_expired()
    click.echo(messages.CLI_RETENTION.format(
        n=run.items_erased, cutoff=to_local(run.cutoff).strftime("%d/%m/%Y %H:%M")))


@privacy_cli.command("add-notice")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@transactional
def add_notice(path: str) -> None:
    """Thêm phiên bản mới của thông báo xử lý dữ liệu từ tệp JSON (version, title, summary,
    consent_text, sections, effective_date YYYY-MM-DD)."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    effective = datetime.strptime(data["effective_date"], "%Y-%m-%d").replace(tzinfo=LOCAL_TZ)
    added = notice.add(data["version"], data["title"], data["summary"], data["consent_text"],
                       data["sections"], effective)
    click.echo(messages.CLI_NOTICE_ADDED.format(version=added.version,
                                                date=effective.strftime("%d/%m/%Y")))
