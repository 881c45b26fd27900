"""Queue benchmark: the staff API's queue over a large feedback table.

    python -m bench.generate --url postgresql://postgres@127.0.0.1:5432/thongtin_bench_queue
    python -m bench.queue --url postgresql://postgres@127.0.0.1:5432/thongtin_bench_queue

Each case is a full request through the Flask stack (token check, scope, filters, keyset,
serialisation) with the test client, timed end to end. Prints p50 and p95 per case, and
ratios against two baselines measured in the same run: ``/healthz`` (the framework's
floor) and the OFFSET query a keyset page replaces.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import click
import sqlalchemy as sa

TARGET_PAGE_MS = 50
TARGET_SEARCH_MS = 150


@dataclass
class Result:
    """Timings of one case, in milliseconds."""

    name: str
    times: list[float]
    target: float | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(fn, repeats: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _token(username: str) -> str:
    from core.db import db, unit_of_work
    from directory import auth
    from directory.models import StaffUser

    with unit_of_work():
        user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
        return auth.issue_token(user)


def run(url: str, repeats: int = 50, deep_fraction: float = 0.5) -> list[Result]:
    """Measure every case; returns the results (also printed)."""
    from bench.generate import bench_app
    from core.db import db
    from feedback.models import Feedback
    from feedback.queue import encode_cursor, queue_query

    app = bench_app(url)
    client = app.test_client()
    results: list[Result] = []
    with app.app_context():
        headers = {name: {"Authorization": f"Bearer {_token(f'bench_{name}')}"}
                   for name in ("admin", "leader", "officer")}
        from directory.models import StaffUser

        admin = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "bench_admin"))
        total = db.session.scalar(sa.select(sa.func.count()).select_from(
            queue_query({}, admin).subquery()))
        offset = int(total * deep_fraction)
        deep_item = db.session.scalar(queue_query({}, admin).offset(offset).limit(1))
        cursor = encode_cursor(deep_item) if deep_item else None
        category = db.session.scalar(sa.select(Feedback.category_id).limit(1))
        from directory.models import Category

        category_code = db.session.get(Category, category).code if category else "khac"
        db.session.remove()

    def get(path: str, who: str):
        def call():
            response = client.get(path, headers=headers[who])
            assert response.status_code == 200, response.get_data(as_text=True)[:300]
        return call

    cases = [
        ("healthz (baseline)", lambda: client.get("/healthz"), None),
        ("first page: commune leader, open items",
         get("/api/v1/staff/feedback?status=open", "leader"), TARGET_PAGE_MS),
        ("first page: officer, open items",
         get("/api/v1/staff/feedback?status=open", "officer"), TARGET_PAGE_MS),
        ("filtered page: province, category + channel + in progress",
         get(f"/api/v1/staff/feedback?status=in_progress&category={category_code}"
             "&channel=zalo", "admin"), TARGET_PAGE_MS),
        ("filtered page: province, overdue",
         get("/api/v1/staff/feedback?overdue=true", "admin"), TARGET_PAGE_MS),
        (f"deep keyset page: province, all items, after row {offset:,}",
         get(f"/api/v1/staff/feedback?after={cursor}", "admin"), TARGET_PAGE_MS),
        ("text search without diacritics: province, 'den duong khong hoat dong'",
         get("/api/v1/staff/feedback?q=den%20duong%20khong%20hoat%20dong", "admin"),
         TARGET_SEARCH_MS),
        ("text search without diacritics: province, open, 'cau truong tien'",
         get("/api/v1/staff/feedback?q=cau%20truong%20tien&status=open", "admin"),
         TARGET_SEARCH_MS),
        ("text search without diacritics: commune, 'ngap nuoc'",
         get("/api/v1/staff/feedback?q=ngap%20nuoc", "leader"), TARGET_SEARCH_MS),
        ("text search without diacritics: province, no match 'khong co tu nay'",
         get("/api/v1/staff/feedback?q=khongcotunay", "admin"), TARGET_SEARCH_MS),
    ]
    for name, fn, target in cases:
        results.append(Result(name, _time(fn, repeats), target))

    with app.app_context():
        offset_query = queue_query({}, admin_user(db)).offset(offset).limit(51)

        def offset_page():
            list(db.session.scalars(offset_query))
        results.append(Result(f"OFFSET {offset:,} page, query only (baseline)",
                              _time(offset_page, max(5, repeats // 10), warmup=1)))
        db.session.remove()
        db.engine.dispose()
    _print(results, total)
    return results


def admin_user(db):
    """The benchmark's province administrator."""
    from directory.models import StaffUser

    return db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "bench_admin"))


def _print(results: list[Result], total: int) -> None:
    floor = results[0].p50
    click.echo(f"feedback rows in the province administrator's scope: {total:,}")
    click.echo(f"{'case':72} {'p50 ms':>8} {'p95 ms':>8} {'p50/healthz':>12}  target")
    for r in results:
        verdict = ""
        if r.target is not None:
            verdict = f"p95 < {r.target} ms: {'yes' if r.p95 < r.target else 'NO'}"
        click.echo(f"{r.name[:72]:72} {r.p50:8.1f} {r.p95:8.1f} {r.p50 / floor:12.1f}  {verdict}")
    deep = next((r for r in results if r.name.startswith("deep keyset")), None)
    offset = results[-1]
    if deep and offset.name.startswith("OFFSET"):
        click.echo(f"deep keyset page is {offset.p50 / deep.p50:.1f}× faster (p50) than the "
                   f"OFFSET query alone")


@click.command()
@click.option("--url", required=True, help="Database URL filled by bench.generate.")
@click.option("--repeats", type=int, default=50, show_default=True)
def main(url: str, repeats: int) -> None:
    """Time the staff queue."""
    run(url, repeats)


if __name__ == "__main__":
    main()
