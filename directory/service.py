"""Administrative units, offices, categories and routing: lookups and management."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from core import messages
from core.cache import get_cache
from core.db import db, flush, savepoint
from core.errors import Conflict, NotFound, UserValueError
from core.text import clean_line, fold, vietnamese_sort_key
from directory.models import AdminUnit, Category, Office, RoutingRule


def get_unit(code: str) -> AdminUnit:
    """The unit with this code, or 404."""
    unit = db.session.get(AdminUnit, code) if code.isdigit() and len(code) <= 5 else None
    if unit is None:
        raise NotFound(messages.UNIT_NOT_FOUND)
    return unit


def list_units(parent_code: str | None) -> list[AdminUnit]:
    """Provinces, or the communes of one province."""
    query = sa.select(AdminUnit).order_by(AdminUnit.name)
    if parent_code:
        get_unit(parent_code)
        query = query.where(AdminUnit.parent_code == parent_code)
    else:
        query = query.where(AdminUnit.level == "province")
    return list(db.session.scalars(query))


def categories_for_unit(unit: AdminUnit) -> list[Category]:
    """Categories a citizen can choose in ``unit``: global ones, its province's, its own."""
    scope = {unit.code, unit.province_code}
    query = (sa.select(Category)
             .where(Category.is_active,
                    sa.or_(Category.unit_code.is_(None), Category.unit_code.in_(scope))))
    return sort_categories(db.session.scalars(query))


OTHER_CATEGORY_NAMES = ("linh vuc khac", "khac")  # folded


def category_sort_key(category: Category) -> tuple:
    """Alphabetical in Vietnamese, "Lĩnh vực khác" (the catch-all) last."""
    is_other = category.code == "khac" or fold(category.name) in OTHER_CATEGORY_NAMES
    return (is_other, vietnamese_sort_key(category.name), category.code)


def sort_categories(categories) -> list[Category]:
    """Categories in the order every list and form shows them."""
    return sorted(categories, key=category_sort_key)


def get_category_for_unit(code: str, unit: AdminUnit) -> Category | None:
    """The category with ``code`` if citizens of ``unit`` may choose it."""
    category = db.session.scalar(sa.select(Category).where(Category.code == code))
    if category is None or not category.is_active:
        return None
    if category.unit_code not in (None, unit.code, unit.province_code):
        return None
    return category


def resolve_route(category: Category, unit: AdminUnit) -> tuple[Office, int]:
    """Office responsible for ``category`` in ``unit``, and the number of working days.

    Order: a rule for (category, commune), a rule for (category, province), the commune's
    default office, the province's default office. Days: the rule's, else the category's,
    else ``FEEDBACK_DEFAULT_DUE_DAYS``.
    """
    default_days = current_app.config["FEEDBACK_DEFAULT_DUE_DAYS"]
    for code in dict.fromkeys((unit.code, unit.province_code)):
        rule = db.session.scalar(sa.select(RoutingRule).where(
            RoutingRule.category_id == category.id, RoutingRule.unit_code == code))
        if rule is not None and rule.office.is_active:
            return rule.office, rule.due_days or category.due_days or default_days
    for code in dict.fromkeys((unit.code, unit.province_code)):
        office = default_office(code)
        if office is not None:
            return office, category.due_days or default_days
    raise UserValueError(messages.NO_OFFICE_FOR_UNIT, {"unit_code": [messages.NO_OFFICE_FOR_UNIT]})


def resolve_targets(owner: AdminUnit, codes: list[str] | None, unknown: str,
                    outside: str) -> list[str]:
    """Units a notice or consultation addresses: the owner unit by default; a commune may
    name only itself, a province itself or its communes. ``unknown`` (with ``{code}``) and
    ``outside`` are the domain's messages for the field ``targets``."""
    if not codes:
        return [owner.code]
    result = []
    for code in dict.fromkeys(codes):
        unit = db.session.get(AdminUnit, code) if code.isdigit() else None
        if unit is None:
            text = unknown.format(code=code)
            raise UserValueError(text, {"targets": [text]})
        inside = (unit.code == owner.code if owner.level == "commune"
                  else unit.province_code == owner.code)
        if not inside:
            raise UserValueError(outside, {"targets": [outside]})
        result.append(unit.code)
    return result


def default_office(unit_code: str) -> Office | None:
    """The unit's active default office."""
    return db.session.scalar(sa.select(Office).where(
        Office.unit_code == unit_code, Office.is_default, Office.is_active).limit(1))


def get_office(office_id: int) -> Office:
    """The office with this id, or 404."""
    office = db.session.get(Office, office_id)
    if office is None:
        raise NotFound(messages.OFFICE_NOT_FOUND)
    return office


@dataclass(frozen=True)
class Route:
    """Everything intake needs to know about (unit, category), without touching the ORM."""

    unit_code: str
    unit_level: str
    category_id: int
    office_id: int
    office_name: str
    due_days: int


# Routes change rarely and intake reads them on every submission, so each process keeps them
# for DIRECTORY_CACHE_SECONDS (the app's cache ROUTES_CACHE); changes made through this
# module clear the cache at once.
ROUTES_CACHE = "directory.routes"


def clear_cache() -> None:
    """Forget cached routes (after a directory change)."""
    get_cache(ROUTES_CACHE).clear()


def route_for(unit_code: str, category_code: str) -> Route | None:
    """The route of ``category_code`` in ``unit_code``; None if citizens there can't choose it.

    Raises :class:`NotFound` for an unknown unit.
    """
    key = (unit_code, category_code)
    routes = get_cache(ROUTES_CACHE)
    hit = routes.get(key)
    if hit is not None:
        return hit
    unit = get_unit(unit_code)
    category = get_category_for_unit(category_code, unit)
    if category is None:
        return None
    office, days = resolve_route(category, unit)
    route = Route(unit.code, unit.level, category.id, office.id, office.name, days)
    routes.put(key, route, ttl=current_app.config["DIRECTORY_CACHE_SECONDS"])
    return route


# --- management (CLI and staff API) ---------------------------------------------------------
def create_office(unit_code: str, name: str, kind: str = "office",
                  is_default: bool = False) -> Office:
    """Add an office to a unit; a new default office replaces the previous default."""
    unit = get_unit(unit_code)
    if is_default:
        db.session.execute(sa.update(Office).where(Office.unit_code == unit.code)
                           .values(is_default=False))
    office = Office(unit_code=unit.code, name=clean_line(name), kind=kind,
                    is_default=is_default)
    db.session.add(office)
    flush()
    clear_cache()
    return office


def create_category(code: str, name: str, unit_code: str | None = None,
                    due_days: int | None = None) -> Category:
    """Add a category (global, or limited to one province or commune)."""
    if unit_code:
        get_unit(unit_code)
    category = Category(code=code, name=clean_line(name), unit_code=unit_code,
                        due_days=due_days)
    try:
        with savepoint():
            db.session.add(category)
            flush()
    except IntegrityError:
        raise Conflict(messages.CATEGORY_EXISTS, {"code": [messages.CATEGORY_EXISTS]}) from None
    clear_cache()
    return category


def set_route(category_code: str, unit_code: str, office_id: int,
              due_days: int | None = None) -> RoutingRule:
    """Create or replace the rule sending ``category`` in ``unit`` to ``office``."""
    unit = get_unit(unit_code)
    category = db.session.scalar(sa.select(Category).where(Category.code == category_code))
    if category is None:
        raise NotFound(messages.CATEGORY_NOT_FOUND)
    office = get_office(office_id)
    if office.unit_code not in (unit.code, unit.province_code):
        raise UserValueError(messages.OFFICE_WRONG_UNIT,
                             {"office_id": [messages.OFFICE_WRONG_UNIT]})
    rule = db.session.scalar(sa.select(RoutingRule).where(
        RoutingRule.category_id == category.id, RoutingRule.unit_code == unit.code))
    if rule is None:
        rule = RoutingRule(category_id=category.id, unit_code=unit.code)
        db.session.add(rule)
    rule.office_id = office.id
    rule.due_days = due_days
    flush()
    clear_cache()
    return rule


# --- import from vietnam-provinces ----------------------------------------------------------
def _official_units(province_code: str) -> Iterator[tuple[str, str, str, str | None]]:
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        province = Province.from_code(ProvinceCode(int(province_code)))
    except (ValueError, KeyError):
        raise NotFound(messages.UNIT_NOT_FOUND) from None
    pcode = f"{int(province.code):02d}"
    yield pcode, province.name, "province", None
    for ward in Ward.iter_by_province(province.code):
        yield f"{int(ward.code):05d}", ward.name, "commune", pcode


def import_province(province_code: str, with_offices: bool = True,
                    progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Load a province and its communes (idempotent). Returns (created, updated).

    With ``with_offices``, every unit without an office gets its People's Committee
    (Ủy ban nhân dân) as default office, so feedback can be routed at once.
    """
    rows = list(_official_units(province_code))
    existing = {u.code: u for u in db.session.scalars(
        sa.select(AdminUnit).where(AdminUnit.code.in_([r[0] for r in rows])))}
    with_office = set(db.session.scalars(sa.select(Office.unit_code).distinct()))
    created = updated = 0
    for code, name, level, parent in rows:
        unit = existing.get(code)
        if unit is None:
            db.session.add(AdminUnit(code=code, name=name, level=level, parent_code=parent))
            created += 1
        elif (unit.name, unit.level, unit.parent_code) != (name, level, parent):
            unit.name, unit.level, unit.parent_code = name, level, parent
            updated += 1
        if level == "province":
            db.session.flush()
        if with_offices and code not in with_office:
            db.session.add(Office(unit_code=code,
                                  name=f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}",
                                  kind="ubnd", is_default=True))
        if progress:
            progress(1)
    flush()
    clear_cache()
    return created, updated
