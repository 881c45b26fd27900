"""The baseline for bench.feedback: a bare Flask endpoint that parses the same JSON body and
answers 201 with a response of the same shape, served by the same gunicorn settings."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.post("/api/v1/feedback")
def submit():
    data = request.get_json()
    return jsonify(tracking_code="ABCD-EFGH", status="received",
                   due_at="2026-12-07T23:59:59+07:00", office=str(data["unit_code"])), 201
