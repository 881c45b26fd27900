"""Idempotency-Key: same key and body → the original answer; another body → 409; races → one
item."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import sqlalchemy as sa

from core.db import db
from feedback.models import Feedback


def _count(ctx_app=None):
    return db.session.scalar(sa.select(sa.func.count()).select_from(Feedback))


def test_same_key_same_body_returns_original(submit, ctx):
    headers = {"Idempotency-Key": "k-" + uuid.uuid4().hex}
    first = submit(headers=headers)
    second = submit(headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json == second.json
    assert _count() == 1


def test_same_key_other_body_is_409(submit, ctx):
    headers = {"Idempotency-Key": "k-" + uuid.uuid4().hex}
    assert submit(headers=headers).status_code == 201
    conflict = submit(headers=headers, description="Một nội dung khác hẳn lần gửi trước.")
    assert conflict.status_code == 409
    assert conflict.json["message"].startswith("Khóa Idempotency-Key")
    assert _count() == 1


def test_anonymous_replay_returns_the_same_lookup_token(submit):
    headers = {"Idempotency-Key": "k-" + uuid.uuid4().hex}
    first = submit(headers=headers, reporter=None, consent=None, anonymous=True).json
    second = submit(headers=headers, reporter=None, consent=None, anonymous=True).json
    assert first["lookup_token"] == second["lookup_token"]


def test_bad_key_is_422(submit):
    response = submit(headers={"Idempotency-Key": "x" * 201})
    assert response.status_code == 422 and "Idempotency-Key" in response.json["errors"]


def test_without_key_each_post_creates_an_item(submit, ctx):
    submit()
    submit()
    assert _count() == 2


def test_concurrent_retries_create_one_item(live_server, live_world, live_app):
    """20 threads against a real server send the same key at once: one item, one answer."""
    key = "race-" + uuid.uuid4().hex
    marker = uuid.uuid4().hex[:12]
    body = {
        "unit_code": live_world.commune, "category_code": "ha-tang",
        "description": f"Đường hỏng nặng, mã kiểm thử {marker}.",
        "reporter": {"name": "Lê Thị Hoa", "phone": "0905123456"},
        "consent": {"purpose": "Tiếp nhận phản ánh", "policy_version": "2026-01"},
    }

    def post(_):
        with httpx.Client(base_url=live_server.url, timeout=30) as client:
            return client.post("/api/v1/feedback", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(post, range(20)))
    assert [r.status_code for r in responses] == [201] * 20
    assert len({r.json()["tracking_code"] for r in responses}) == 1
    with live_app.app_context():
        stored = db.session.scalar(sa.select(sa.func.count()).select_from(Feedback).where(
            Feedback.search_text.contains(marker)))
        db.session.remove()
    assert stored == 1
