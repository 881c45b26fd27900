"""Statistics benchmark: a province-wide year of feedback (1,000,000 rows) in PostgreSQL.

    python -m bench.stats --url postgresql://postgres@127.0.0.1:5432/thongtin_bench_stats

Fills the database once with ``bench.generate`` (the queue benchmark's generator: COPY,
indexes rebuilt after the load) with every row placed in the local year 2025 and the
workflow times a finished item has (first response, answer, closing, rating); adds
notices and their deliveries. Re-running reuses the data when the row count matches
(``--reset`` rebuilds it).

Then rebuilds the rollup's twelve months (timed; reports/rollup.py), checks that the
figures from the rollup equal those counted from the items, and times, in one run: the
whole statistics of the province for the year (what ``GET /api/v1/staff/stats``
computes), the same through the HTTP API, one commune, each part of the computation, and
the year with every month stale (counted from the items alone); and a baseline: one
``count(*)`` over the same rows (a single scan of the year). Prints p50 / best and the
ratio to the baseline.
Target: the province's year under 1 second.
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics as stats_lib
import time
from datetime import UTC, date, datetime, timedelta

import click
import sqlalchemy as sa

from bench import generate as gen

YEAR = 2025
TARGET_SECONDS = 1.0
AS_OF = datetime(2026, 1, 15, 3, 0, tzinfo=UTC)  # 15/01/2026 10:00 local
EXTRA_COLUMNS = ("first_response_at", "answered_at", "closed_at", "rating", "rated_at")


def _year_rows(original, columns):
    """Wrap the generator's row maker: same rows, moved into the year, with workflow times."""
    index = {name: i for i, name in enumerate(columns)}
    year_start = datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=7)
    year_seconds = 365 * 24 * 3600

    def make_rows(n, directory, moment, seen):
        rows = []
        for row in original(n, directory, moment, seen):
            row = list(row)
            created = year_start + timedelta(seconds=random.randrange(year_seconds))
            due = created + (row[index["due_at"]] - row[index["created_at"]])
            status = row[index["status"]]
            first = answered = closed = rating = rated = None
            if status != "received":
                first = created + timedelta(minutes=random.randint(10, 96 * 60))
            if status in ("answered", "closed"):
                answered = first + timedelta(hours=random.uniform(1, 30 * 24))
                if random.random() < 0.4:
                    rating = random.choices((1, 2, 3, 4, 5), (5, 8, 20, 37, 30))[0]
                    rated = answered + timedelta(days=1)
            if status in ("closed", "refused"):
                closed = (answered or first) + timedelta(days=2)
            row[index["created_at"]] = row[index["updated_at"]] = created
            row[index["due_at"]] = due
            row[index["is_overdue"]] = status in ("received", "accepted", "assigned",
                                                  "in_progress", "reopened") and due < AS_OF
            rows.append((*row, first, answered, closed, rating, rated))
        return rows

    return make_rows


@contextlib.contextmanager
def year_generator():
    """``bench.generate`` writing the extra workflow columns, restored afterwards."""
    original_rows, original_columns = gen.make_rows, gen.COLUMNS
    gen.COLUMNS = (*original_columns, *EXTRA_COLUMNS)
    gen.make_rows = _year_rows(original_rows, original_columns)
    try:
        yield
    finally:
        gen.make_rows, gen.COLUMNS = original_rows, original_columns


def add_notices(engine: sa.Engine, directory: dict, count: int, per_notice: int) -> None:
    """``count`` published notices of the year over the communes, ``per_notice`` deliveries
    each (sent, unreachable, failed, pending), inserted in chunks."""
    from core.models import Delivery
    from directory.models import StaffUser
    from notices.models import CATEGORIES, PRIORITIES, Notice

    with engine.begin() as conn:
        conn.execute(sa.delete(Delivery).where(Delivery.subject_type == "notice"))
        conn.execute(sa.delete(Notice))
        author = conn.scalar(sa.select(StaffUser.id).where(
            StaffUser.username == "bench_admin"))
        units = [gen.PROVINCE, *directory["communes"]]
        year_start = datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=7)
        notices = [{"unit_code": random.choice(units), "title": f"Thông báo {n}",
                    "summary": "Tóm tắt", "body": "<p>Nội dung</p>",
                    "category": random.choice(CATEGORIES),
                    "priority": random.choices(PRIORITIES, (80, 15, 5))[0],
                    "status": "published", "version": 1, "author_id": author,
                    "published_at": year_start + timedelta(minutes=random.randrange(525600)),
                    "created_at": year_start, "updated_at": year_start}
                   for n in range(count)]
        conn.execute(sa.insert(Notice), notices)
        ids = list(conn.scalars(sa.select(Notice.id)))
        conn.execute(sa.update(Notice).values(series_id=Notice.id))
    rows = [{"channel": random.choice(("zalo", "source_system")), "recipient": "r",
             "kind": "notice", "payload": {}, "idempotency_key": f"bench:{nid}:{k}",
             "subject_type": "notice", "subject_id": nid,
             "status": random.choices(("sent", "unreachable", "failed", "pending"),
                                      (90, 6, 2, 2))[0], "attempts": 1,
             "next_attempt_at": AS_OF, "created_at": AS_OF}
            for nid in ids for k in range(per_notice)]
    for start in range(0, len(rows), 20_000):
        with engine.begin() as conn:
            conn.execute(sa.insert(Delivery), rows[start:start + 20_000])
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("ANALYZE notices"))
            conn.execute(sa.text("ANALYZE deliveries"))
            conn.commit()


def prepare(url: str, rows: int, reset: bool) -> None:
    """Fill the database unless it already holds ``rows`` feedback rows of the year."""
    from core.db import commit, db

    gen.ensure_database(url)
    app = gen.bench_app(url)
    with app.app_context():
        start = datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=7)
        have = db.session.scalar(sa.text("SELECT count(*) FROM feedback WHERE created_at >= "
                                         ":s AND answered_at IS NOT NULL"), {"s": start})
        total = db.session.scalar(sa.text("SELECT count(*) FROM feedback"))
        db.session.remove()
        if not reset and total == rows and have:
            click.echo(f"reusing {total:,} feedback rows")
            db.engine.dispose()
            return
        directory = gen.seed_directory()
        commit()
        db.session.execute(sa.text("DELETE FROM feedback_events"))
        db.session.execute(sa.text("DELETE FROM feedback"))
        commit()
        engine = db.engine
        db.session.remove()
        with year_generator(), click.progressbar(length=rows, label="Đang tạo phản ánh") as bar:
            gen.write_rows(engine, rows, directory, progress=bar.update)
        add_notices(engine, directory, max(10, rows // 300), per_notice=60)
        engine.dispose()


def _time(fn, repeats: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _load() -> str:
    """The 1-minute load average."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def explain(url: str) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every query of the province's statistics, with the
    parameters the service binds (PostgreSQL)."""
    import directory
    from core.db import db
    from reports import service

    app = gen.bench_app(url)
    period = service.Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    with app.app_context():
        engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", capture)
        try:
            service.statistics(directory.get_unit(gen.PROVINCE), period, AS_OF)
        finally:
            sa.event.remove(engine, "before_cursor_execute", capture)
        service.tune_transaction()
        connection = db.session.connection()
        for statement, parameters in statements:
            click.echo("-" * 100)
            shown = statement.replace("\n", " ")
            click.echo(shown[:300] + (" ..." if len(shown) > 300 else ""))
            for (line,) in connection.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters):
                click.echo(line)
        db.session.rollback()
        db.session.remove()
        engine.dispose()


@contextlib.contextmanager
def every_month_stale():
    """The statistics as if no month of the rollup were fresh: all counted from the items."""
    from reports import rollup

    original = rollup.fresh_months
    rollup.fresh_months = lambda province_code, months: {}
    try:
        yield
    finally:
        rollup.fresh_months = original


def run(url: str, repeats: int) -> dict[str, list[float]]:
    """Time the cases; print and return seconds per case."""
    import directory
    from core.db import db
    from directory import auth
    from directory.models import StaffUser
    from feedback.models import Feedback
    from reports import build, rollup, service
    from reports.models import StatsMonth

    app = gen.bench_app(url)
    client = app.test_client()
    period = service.Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
    results: dict[str, list[float]] = {}
    load_before = _load()
    with app.app_context():
        province = directory.get_unit(gen.PROVINCE)
        busiest = db.session.scalar(
            sa.select(Feedback.unit_code).group_by(Feedback.unit_code)
            .order_by(sa.func.count().desc()).limit(1))
        commune = directory.get_unit(busiest)
        admin = db.session.scalar(sa.select(StaffUser).where(
            StaffUser.username == "bench_admin"))
        token = auth.issue_token(admin)
        where = service.feedback_scope(province, period)
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Feedback).where(*where))
        months = rollup.whole_months(period.first, period.last)
        started = time.perf_counter()
        for month in months:
            build.rebuild(gen.PROVINCE, month)
            db.session.commit()
        rebuild_seconds = time.perf_counter() - started
        figures = service.statistics(province, period, AS_OF)
        with every_month_stale():
            live = service.statistics(province, period, AS_OF)
        assert live["feedback"] == figures["feedback"], "rollup and items disagree"
        parts = rollup.plan(province, period.first, period.last)
        assert parts.months == months and not parts.live, parts

        def from_items():
            with every_month_stale():
                service.statistics(province, period, AS_OF)

        def fresh_with_an_old_build():
            # As in production: January built long ago, while items of later months changed
            # since (the case is rolled back after it is timed).
            db.session.execute(sa.update(StatsMonth).where(
                StatsMonth.province_code == gen.PROVINCE, StatsMonth.month == months[0])
                .values(built_at=datetime(YEAR, 2, 1, tzinfo=UTC)))
            assert len(rollup.fresh_months(gen.PROVINCE, months)) == len(months)

        cases = {
            "baseline: count(*) of the province's year (one scan)":
                lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)
                                          .where(*where)),
            "province, year: all statistics (service)":
                lambda: service.statistics(province, period, AS_OF),
            "  which months are fresh (items changed since they were built)":
                lambda: rollup.plan(province, period.first, period.last),
            "  the same, January built on 1 February (its items are checked)":
                fresh_with_an_old_build,
            "  outcomes: rollup rows, plus overdue and age of the open items":
                lambda: service._outcome_groups(province, period, parts, AS_OF),
            "    overdue and age of the open items alone (open queue's index)":
                lambda: service._open_rows(province, period, AS_OF),
            "  intake per week, channel, category (rollup rows)":
                lambda: rollup.intake_rows(province, parts.months),
            "  median and p90 (rollup: hour counts, then the values of 4 hours)":
                lambda: service.durations(province, period, parts),
            "  notices and deliveries": lambda: service.notice_figures(province, period),
            f"commune {commune.code}, year: all statistics (service)":
                lambda: service.statistics(commune, period, AS_OF),
            "province, year, every month stale: counted from the items alone": from_items,
        }
        for name, fn in cases.items():
            service.tune_transaction()  # the same session settings for every case
            results[name] = _time(fn, repeats)
            db.session.rollback()
        db.session.remove()

    def api():
        response = client.get(f"/api/v1/staff/stats?unit={gen.PROVINCE}&from={YEAR}-01-01"
                              f"&to={YEAR}-12-31", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.get_data(as_text=True)[:300]

    results["province, year: GET /api/v1/staff/stats (HTTP, test client)"] = _time(api, repeats)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()

    fb = figures["feedback"]
    click.echo(f"machine: {os.cpu_count()} CPUs; load average {load_before} before the "
               f"timings, {_load()} after (other work competing for the CPUs)")
    click.echo(f"feedback rows of province {gen.PROVINCE} received in {YEAR}: {total:,} "
               f"(answered {fb['answered']:,}, open {fb['open']:,}, "
               f"ratings {fb['satisfaction']['count']:,}); notices published "
               f"{figures['notices']['published']:,}, deliveries "
               f"{sum(figures['notices']['deliveries_total'].values()):,}")
    click.echo(f"rollup: {len(months)} months rebuilt from the items in {rebuild_seconds:.2f} s "
               f"({rebuild_seconds / len(months):.2f} s a month)")
    baseline = stats_lib.median(next(iter(results.values())))
    click.echo(f"{'case':78} {'p50 s':>7} {'best s':>7} {'p50/scan':>9}")
    for name, times in results.items():
        click.echo(f"{name[:78]:78} {stats_lib.median(times):7.3f} {min(times):7.3f} "
                   f"{stats_lib.median(times) / baseline:9.1f}")
    whole = stats_lib.median(results["province, year: all statistics (service)"])
    verdict = "yes" if whole < TARGET_SECONDS else "NO"
    click.echo(f"province year under {TARGET_SECONDS:.0f} s (p50): {verdict} ({whole:.3f} s)")
    return results


@click.command()
@click.option("--url", required=True, help="Database URL (PostgreSQL for the real run).")
@click.option("--rows", type=int, default=1_000_000, show_default=True)
@click.option("--repeats", type=int, default=5, show_default=True)
@click.option("--reset", is_flag=True, help="Rebuild the data even if it is there.")
@click.option("--seed", type=int, default=2025, show_default=True)
@click.option("--explain", "show_plans", is_flag=True,
              help="Print EXPLAIN (ANALYZE, BUFFERS) of each query instead of timing.")
def main(url: str, rows: int, repeats: int, reset: bool, seed: int, show_plans: bool) -> None:
    """Fill (once) and time the statistics of a province-wide year."""
    random.seed(seed)
    prepare(url, rows, reset)
    if show_plans:
        explain(url)
    else:
        run(url, repeats)


if __name__ == "__main__":
    main()
