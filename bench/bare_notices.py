"""Bare Flask baseline for bench/notices.py: the same bytes and headers, nothing else."""

import os

from flask import Flask, Response, request

with open(os.environ["BENCH_BODY_FILE"], "rb") as fh:
    BODY = fh.read()
ETAG = os.environ["BENCH_ETAG"]
HEADERS = {"ETag": ETAG, "Last-Modified": os.environ["BENCH_LAST_MODIFIED"],
           "Cache-Control": os.environ["BENCH_CACHE_CONTROL"]}

app = Flask(__name__)


@app.get("/api/v1/units/<code>/notices")
def notices(code):
    if request.headers.get("If-None-Match") == ETAG:
        return Response(status=304, headers=HEADERS)
    return Response(BODY, status=200, headers=HEADERS, mimetype="application/json")
