"""``flask factcheck``: choose the office handling reports of false information in a unit."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.db import transactional
from factcheck import service

factcheck_cli = AppGroup("factcheck", help="Tin báo tin giả")


@factcheck_cli.command("office")
@click.option("--unit", "unit_code", required=True, help="Mã xã, phường")
@click.option("--office", "office_id", required=True, type=int, help="Mã cơ quan")
@transactional
def set_office(unit_code: str, office_id: int) -> None:
    """Chọn cơ quan tiếp nhận tin báo tin giả của một xã, phường"""
    row = service.set_office(unit_code, office_id)
    click.echo(f"{row.unit_code}: {row.office.name}")
