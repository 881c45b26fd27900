"""The write floor for bench.feedback on PostgreSQL: a bare Flask view that stores the posted
JSON as one row in the same PostgreSQL (one INSERT, one COMMIT) and answers 201 like the
bare endpoint.

A connection per thread through psycopg, the statement prepared, in a transaction of its
own: the least any durable intake does on this machine. The table is created on import.
"""

import os
import threading

import psycopg
from flask import Flask, jsonify, request
from psycopg.types.json import Jsonb

URL = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
TABLE = "bench_write_floor"
_local = threading.local()
app = Flask(__name__)
with psycopg.connect(URL) as _setup:
    _setup.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                   "(id bigserial PRIMARY KEY, body jsonb NOT NULL)")


def _connection() -> psycopg.Connection:
    if getattr(_local, "connection", None) is None:
        _local.connection = psycopg.connect(URL)
    return _local.connection


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.post("/api/v1/feedback")
def submit():
    data = request.get_json()
    connection = _connection()
    row = connection.execute(f"INSERT INTO {TABLE} (body) VALUES (%s) RETURNING id",
                             (Jsonb(data),), prepare=True).fetchone()
    connection.commit()
    return jsonify(tracking_code=f"W{row[0]:08d}", status="received",
                   due_at="2026-12-07T23:59:59+07:00", office=str(data["unit_code"])), 201
