"""The directory: administrative units, offices, categories and routing rules, staff
accounts, their roles and scope. Every domain looks people and places up here; the
directory knows no domain.

The lookups and management functions of :mod:`directory.service` are re-exported, so
callers write ``directory.get_unit(code)``.
"""

from __future__ import annotations

from flask import Flask

from directory.service import (
    Route,
    categories_for_unit,
    clear_cache,
    create_category,
    create_office,
    default_office,
    get_category_for_unit,
    get_office,
    get_unit,
    import_province,
    list_units,
    resolve_route,
    resolve_targets,
    route_for,
    set_route,
    sort_categories,
)

__all__ = ["Route", "categories_for_unit", "clear_cache", "create_category", "create_office",
           "default_office", "get_category_for_unit", "get_office", "get_unit",
           "import_province", "init_app", "list_units", "resolve_route", "resolve_targets",
           "route_for", "set_route", "sort_categories"]


def init_app(app: Flask) -> None:
    """Register the directory's API (a commune's categories open to the widget), CLI, demo
    data and its routes cache."""
    from core import cache, cors
    from core.cli import register_demo_loader
    from core.extensions import api
    from directory import cli, demo, routes, service

    cache.register(app, service.ROUTES_CACHE)
    api.register_blueprint(routes.units)
    cors.allow(app, "units.unit_categories", "GET")
    api.register_blueprint(routes.staff_directory)
    cli.register_cli(app)
    register_demo_loader(app, "directory", demo.load,
                         "đơn vị hành chính, cơ quan, lĩnh vực, tài khoản cán bộ")
