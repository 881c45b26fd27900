"""Core CLI: ``flask outbox`` and ``flask demo`` (packages add their demo loaders)."""

from __future__ import annotations

from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from core import messages, outbox
from core.db import transactional

outbox_cli = AppGroup("outbox", help="Hàng đợi gửi tin.")
demo_cli = AppGroup("demo", help="Dữ liệu mẫu.")


@outbox_cli.command("sweep")
def sweep() -> None:
    """Gửi lại các tin đến hạn chưa được gửi."""
    # Each send is a job of steps with units of work of its own (core.outbox.send).
    ids = outbox.due_ids()
    for delivery_id in ids:
        outbox.send(delivery_id)
    click.echo(f"Đã xử lý {len(ids)} tin.")


DemoLoader = Callable[[], None]


def register_demo_loader(app: Flask, name: str, loader: DemoLoader,
                         label: str | None = None) -> None:
    """Packages add their demo data; ``flask demo load`` runs loaders in order and prints
    ``label`` (Vietnamese) for each."""
    app.extensions.setdefault("demo_loaders", {})[name] = (loader, label or name)


@demo_cli.command("load")
@transactional
def load_demo() -> None:
    """Nạp dữ liệu mẫu (chạy lại an toàn)."""
    for loader, label in current_app.extensions.get("demo_loaders", {}).values():
        loader()
        click.echo(messages.DEMO_LOADED.format(label=label))


def register_cli(app: Flask) -> None:
    """Attach the outbox and demo command groups."""
    for group in (outbox_cli, demo_cli):
        app.cli.add_command(group)
