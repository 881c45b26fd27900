"""The service's home page: the communes it serves, each with its public pages (answers,
board, false-information reports, feed), and the way to check a notice."""

from __future__ import annotations

from itertools import groupby

import sqlalchemy as sa
from flask import Blueprint, render_template

from core.db import db
from core.text import vietnamese_sort_key
from directory.models import AdminUnit
from home import messages

pages = Blueprint("home", __name__, template_folder="templates",
                  static_folder="static", static_url_path="/trang-chu-static")


def communes_by_province() -> list[tuple[AdminUnit, list[AdminUnit]]]:
    """Every province with its communes, both in Vietnamese alphabetical order."""
    province = sa.orm.aliased(AdminUnit)
    rows = db.session.execute(
        sa.select(province, AdminUnit).join(AdminUnit, AdminUnit.parent_code == province.code)
        .where(AdminUnit.level == "commune")).all()
    rows.sort(key=lambda r: (vietnamese_sort_key(r[0].name), vietnamese_sort_key(r[1].name)))
    return [(p, [c for _, c in group]) for p, group in groupby(rows, key=lambda r: r[0])]


@pages.get("/")
def home():
    """The home page (cached by browsers and proxies for five minutes)."""
    html = render_template("home/home.html", m=messages,
                           provinces=communes_by_province())
    return html, 200, {"Cache-Control": "public, max-age=300"}
