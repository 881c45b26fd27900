"""A lower floor for bench.feedback on PostgreSQL: a plain Flask view that writes the same
rows (bench/floor_feedback.py builds them) with the service's one statement, compiled once,
sent straight through psycopg on a connection per thread in autocommit (no SQLAlchemy
session, no BEGIN/COMMIT round trips, a prepared statement).

What is left is a bare request plus PostgreSQL's own work for the four rows: no intake
that writes them can be faster on this machine.
"""

import os
import threading

import psycopg
from flask import Flask, jsonify, request
from psycopg.types.json import Jsonb
from sqlalchemy.dialects import postgresql

from bench.floor_feedback import answer, submission_rows
from feedback import intake

_compiled = intake._POSTGRESQL_STATEMENT.compile(dialect=postgresql.psycopg.dialect())
SQL = str(_compiled)
LITERALS = {name: value for name, value in _compiled.params.items()
            if name.startswith("param_")}
URL = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
_local = threading.local()
_route: dict[str, int] = {}
app = Flask(__name__)


def _connection() -> psycopg.Connection:
    if getattr(_local, "connection", None) is None:
        _local.connection = psycopg.connect(URL, autocommit=True)
    return _local.connection


def _adapt(value):
    return Jsonb(value) if isinstance(value, (dict, list)) else value


def _ids(connection: psycopg.Connection, data: dict) -> dict[str, int]:
    if not _route:
        _route["office_id"] = connection.execute(
            "SELECT id FROM offices WHERE unit_code = %s ORDER BY id LIMIT 1",
            (data["unit_code"],)).fetchone()[0]
        _route["category_id"] = connection.execute(
            "SELECT id FROM categories WHERE code = %s", (data["category_code"],)).fetchone()[0]
    return _route


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.post("/api/v1/feedback")
def submit():
    data = request.get_json()
    connection = _connection()
    values, kept, received, receipt = submission_rows(data, _ids(connection, data))
    params = intake.postgresql_params(values, kept, received, receipt)
    connection.execute(SQL, {**LITERALS, **{k: _adapt(v) for k, v in params.items()}},
                       prepare=True)
    return answer(data, values)
