"""Published answers (hỏi đáp): reviewed public versions of answered feedback, searchable."""

from __future__ import annotations

from flask import Flask

FTS_TABLE = "published_answers_fts"


def init_app(app: Flask) -> None:
    """Register the demo data (after the feedback demo, whose answers it publishes), and
    keep autogenerate from proposing to drop the SQLite FTS5 tables of migration 0005. The
    widget's "Hỏi đáp" tab reads the search and one answer from other origins."""
    from core import cors
    from core.cli import register_demo_loader
    from feedback.answers import demo

    cors.allow(app, "answers.search", "GET")
    cors.allow(app, "answers.detail", "GET")
    register_demo_loader(app, "answers", demo.load, "hỏi đáp đã công khai")
    migrate = app.extensions.get("migrate")
    if migrate is not None:
        previous = migrate.configure_args.get("include_name")

        def include_name(name, type_, parent_names):
            if type_ == "table" and name and name.startswith(FTS_TABLE):
                return False
            return previous(name, type_, parent_names) if previous else True

        migrate.configure_args["include_name"] = include_name
