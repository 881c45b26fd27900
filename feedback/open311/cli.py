"""``flask open311 keys create|revoke|list`` and ``flask open311 questions add|list``."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from core.clock import isoformat_local
from core.db import transactional
from core.errors import AppError
from feedback.open311 import keys, questions

open311_cli = AppGroup("open311", help="Open311 GeoReport v2: khóa đối tác, câu hỏi bổ sung.")
keys_cli = AppGroup("keys", help="Khóa API của đối tác.")
questions_cli = AppGroup("questions", help="Câu hỏi bổ sung theo lĩnh vực.")
open311_cli.add_command(keys_cli)
open311_cli.add_command(questions_cli)


@keys_cli.command("create")
@click.option("--partner", required=True, help="Tên đối tác.")
@click.option("--unit", "unit_code", required=True, help="Mã tỉnh hoặc xã được phép gửi.")
@click.option("--collects-consent", is_flag=True,
              help="Đối tác hỏi sự đồng ý của người dân: được gửi họ tên, điện thoại, email.")
@click.option("--consent-policy", default=None, help="Phiên bản chính sách đối tác dùng.")
@transactional
def create_key(partner: str, unit_code: str, collects_consent: bool,
               consent_policy: str | None) -> None:
    """Cấp khóa API (chỉ hiện một lần)."""
    try:
        key, raw = keys.create_key(partner, unit_code, collects_consent, consent_policy)
    except AppError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Khóa số {key.id} cho {key.partner}: {raw}")


@keys_cli.command("revoke")
@click.argument("key_id", type=int)
@transactional
def revoke_key(key_id: int) -> None:
    """Thu hồi khóa API."""
    try:
        key = keys.revoke_key(key_id)
    except AppError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Đã thu hồi khóa số {key.id} ({key.partner}).")


@keys_cli.command("list")
def list_keys() -> None:
    """Liệt kê khóa API."""
    for key in keys.list_keys():
        state = f"thu hồi {isoformat_local(key.revoked_at)}" if key.revoked_at else "hiệu lực"
        click.echo(f"{key.id}\t{key.key_prefix}…\t{key.unit_code}\t{key.partner}\t{state}")


@questions_cli.command("add")
@click.argument("category_code")
@click.argument("code")
@click.option("--description", required=True, help="Câu hỏi.")
@click.option("--datatype", type=click.Choice(questions.DATATYPES), default="string")
@click.option("--required", "is_required", is_flag=True)
@click.option("--order", type=int, default=1)
@click.option("--value", "values", multiple=True, help="Lựa chọn dạng khoa=Tên (lặp lại).")
@transactional
def add_question(category_code: str, code: str, description: str, datatype: str,
                 is_required: bool, order: int, values: tuple[str, ...]) -> None:
    """Thêm (hoặc sửa) câu hỏi bổ sung của một lĩnh vực."""
    pairs = [v.partition("=") for v in values]
    try:
        question = questions.set_question(
            category_code, code, description, datatype, is_required, order,
            [{"key": k, "name": n or k} for k, _, n in pairs])
    except AppError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{question.category.code}\t{question.code}\t{question.description}")


@questions_cli.command("list")
@click.argument("category_code")
def list_questions(category_code: str) -> None:
    """Các câu hỏi bổ sung của một lĩnh vực."""
    from core.db import db
    from directory.models import Category
    from feedback.open311.models import CategoryQuestion

    for question in db.session.scalars(
            sa.select(CategoryQuestion).join(Category).where(Category.code == category_code)
            .order_by(CategoryQuestion.order)):
        click.echo(f"{question.code}\t{question.datatype}\t{question.description}")
