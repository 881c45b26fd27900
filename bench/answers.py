"""Search of published answers on PostgreSQL with 100,000 answers: p50/p95 per query.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thongtin_bench_answers \
        .venv/bin/python -m bench.answers [--rows 100000] [--runs 50]

Creates (drops first) the named database, migrates it, seeds a province with its communes
and generates the answers with one INSERT … SELECT from a handful of Vietnamese sentence
fragments (about 100k rows in seconds). Each query goes through the real service
(``feedback.answers.service.search``). The baseline in the same run is the newest-first
listing without a query; the ratio shows what the search itself costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import sqlalchemy as sa

import directory
from app import create_app
from core.db import db, unit_of_work
from core.text import fold
from directory.models import Category
from feedback.answers import service
from tests.dbutil import fresh_database

TITLES = ["Đường ngập nước sau mưa", "Đèn đường không sáng", "Cây xanh nghiêng sắp đổ",
          "Rác thải tập kết sai nơi quy định", "Hát karaoke gây ồn ban đêm",
          "Lấn chiếm vỉa hè buôn bán", "Cống thoát nước bị tắc", "Chó thả rông không rọ mõm",
          "Xin hỗ trợ hộ nghèo sửa nhà", "Thủ tục cấp lại giấy khai sinh"]
PLACES = ["trước chợ", "gần trường tiểu học", "đầu kiệt", "cuối ngõ", "cạnh nhà văn hóa",
          "bên bờ sông", "sau trạm y tế", "đối diện UBND"]
ANSWERS = ["Đơn vị đã kiểm tra và khắc phục xong.", "Đã giao Phòng Kinh tế xử lý trong tuần.",
           "Công an phường đã nhắc nhở và lập biên bản.", "Đã nạo vét, khơi thông dòng chảy.",
           "Hồ sơ nộp tại bộ phận một cửa, trả lời trong 15 ngày làm việc."]
QUERIES = ["duong ngap nuoc", "đèn đường", "cây xanh", "karaoke", "ĐƯỜNG NGẬP",
           "cong thoat nuoc bi tac", "ho ngheo sua nha", "duong ngapp nuoc"]


def generate(rows: int) -> None:
    """Insert ``rows`` published answers with one INSERT … SELECT (feedback rows included)."""
    units = list(db.session.scalars(sa.text(
        "SELECT code FROM admin_units WHERE parent_code = '46' ORDER BY code")))
    category = db.session.scalar(sa.select(Category.id).where(Category.code == "ha-tang"))
    office = db.session.scalar(sa.text("SELECT id FROM offices ORDER BY id LIMIT 1"))
    # A throwaway database: no statement timeout and no foreign-key triggers while loading.
    db.session.execute(sa.text("SET statement_timeout = 0"))
    db.session.execute(sa.text("SET session_replication_role = replica"))
    params = {"units": units, "titles": TITLES, "places": PLACES, "answers": ANSWERS,
              "ftitles": [fold(t) for t in TITLES], "fplaces": [fold(p) for p in PLACES],
              "fanswers": [fold(a) for a in ANSWERS], "n": rows, "cat": category,
              "office": office}
    db.session.execute(sa.text("""
        INSERT INTO feedback (id, tracking_code, channel, unit_code, category_id, office_id,
            title, description, search_text, is_anonymous, priority, status, due_at,
            is_overdue, public_answer, created_at, updated_at)
        SELECT g, 'B' || lpad(g::text, 7, '0'), 'web',
            (CAST(:units AS text[]))[1 + g % cardinality(CAST(:units AS text[]))], :cat, :office,
            (CAST(:titles AS text[]))[1 + g % 10], 'x', 'x', true, 'normal', 'answered', now(),
            false, 'x', now(), now()
        FROM generate_series(1, :n) g"""), params)
    db.session.execute(sa.text("""
        INSERT INTO published_answers (feedback_id, unit_code, category_id, title, question,
            answer, search_text, published_at)
        SELECT g, (CAST(:units AS text[]))[1 + (g / 7) % cardinality(CAST(:units AS text[]))], :cat,
            (CAST(:titles AS text[]))[1 + g % 10],
            (CAST(:titles AS text[]))[1 + g % 10] || ' '
                || (CAST(:places AS text[]))[1 + (g / 10) % 8] || ', số ' || g,
            (CAST(:answers AS text[]))[1 + (g / 80) % 5],
            (CAST(:ftitles AS text[]))[1 + g % 10] || ' '
                || (CAST(:ftitles AS text[]))[1 + g % 10] || ' '
                || (CAST(:fplaces AS text[]))[1 + (g / 10) % 8] || ' so ' || g || ' '
                || (CAST(:fanswers AS text[]))[1 + (g / 80) % 5],
            now() - make_interval(mins => g)
        FROM generate_series(1, :n) g"""), params)
    db.session.execute(sa.text("""
        INSERT INTO answer_words (word)
        SELECT DISTINCT w FROM published_answers,
            unnest(regexp_split_to_array(search_text, '[^a-z0-9]+')) AS w
        WHERE length(w) BETWEEN 2 AND 100 AND w ~ '[a-z]' ON CONFLICT DO NOTHING"""))
    db.session.execute(sa.text("SELECT setval('feedback_id_seq', :n)"), params)
    db.session.execute(sa.text("SET session_replication_role = origin"))
    db.session.execute(sa.text("SET statement_timeout = 15000"))
    db.session.commit()
    db.session.execute(sa.text("ANALYZE published_answers"))
    db.session.execute(sa.text("ANALYZE answer_words"))
    db.session.commit()


def timings(fn, runs: int) -> tuple[float, float, int]:
    """p50 and p95 in milliseconds, and the result count of the last run."""
    fn()  # warm-up
    samples, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = len(fn().items)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))], count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    # Always its own database (fresh_database drops and recreates the one it is given).
    os.environ["TEST_DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/thongtin_bench_answers")
    url = fresh_database("/tmp")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory="migrations")
        with unit_of_work():
            directory.import_province("46")
            directory.create_category("ha-tang", "Hạ tầng, giao thông")
        started = time.perf_counter()
        generate(args.rows)
        print(f"generated {args.rows} published answers in "
              f"{time.perf_counter() - started:.1f} s")
        base50, base95, _ = timings(lambda: service.search(limit=20), args.runs)
        print(f"{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'p95/baseline':>13} {'hits':>5}")
        print(f"{'(no query: newest first)':28} {base50:8.2f} {base95:8.2f} {1:13.1f}")
        worst = 0.0
        for query in QUERIES:
            p50, p95, hits = timings(lambda q=query: service.search(query=q, limit=20),
                                     args.runs)
            worst = max(worst, p95)
            print(f"{query:28} {p50:8.2f} {p95:8.2f} {p95 / base95:13.1f} {hits:5}")
        unit50, unit95, hits = timings(
            lambda: service.search(unit_code="19753", query="den duong", limit=20), args.runs)
        print(f"{'den duong (one commune)':28} {unit50:8.2f} {unit95:8.2f} "
              f"{unit95 / base95:13.1f} {hits:5}")
        print(f"worst p95 over the queries: {max(worst, unit95):.1f} ms")


if __name__ == "__main__":
    main()
