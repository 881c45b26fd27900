"""Fill a database with synthetic feedback for the queue benchmark.

    python -m bench.generate --url postgresql://postgres@127.0.0.1:5432/thongtin_bench_queue \
        --rows 1000000

Creates the database if needed, migrates it, loads Huế's communes with three offices each,
categories and the benchmark accounts, then writes the rows: COPY on PostgreSQL (indexes
dropped during the load and rebuilt after), multi-row INSERTs elsewhere (SQLite, for the
smoke test). Re-running adds rows; ``--reset`` empties the feedback table first.
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, datetime, timedelta

import click
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from core.codes import ALPHABET
from core.config import normalise_database_url
from core.text import search_text

PROVINCE = "46"
CATEGORIES = (("ha-tang", "Hạ tầng, giao thông"), ("moi-truong", "Môi trường, vệ sinh"),
              ("trat-tu", "Trật tự đô thị"), ("an-ninh", "An ninh, trật tự"),
              ("y-te", "Y tế"), ("giao-duc", "Giáo dục"), ("chinh-sach", "Chính sách xã hội"),
              ("khac", "Lĩnh vực khác"))
CHANNELS = ("web", "widget", "api", "zalo", "miniapp", "open311")
CHANNEL_WEIGHTS = (20, 15, 5, 45, 10, 5)
# (status, weight): most items are finished; about one in six is still open.
STATUSES = (("closed", 70), ("answered", 8), ("refused", 5), ("received", 4), ("accepted", 3),
            ("assigned", 4), ("in_progress", 5), ("reopened", 1))
SUBJECTS = ("Ổ gà", "Đèn đường", "Rác thải", "Cống thoát nước", "Cây xanh", "Vỉa hè",
            "Tiếng ồn", "Nước sinh hoạt", "Điện", "Biển báo", "Chợ tạm", "Bãi xe")
PROBLEMS = ("bị hư hỏng nặng", "không hoạt động", "gây ngập nước", "bốc mùi hôi",
            "lấn chiếm lòng đường", "gây mất an toàn", "tồn đọng nhiều ngày",
            "ảnh hưởng sinh hoạt", "cần sửa chữa gấp", "bị đổ trộm")
PLACES = ("đường Lê Lợi", "đường Trần Hưng Đạo", "kiệt 5 Nguyễn Huệ", "chợ Đông Ba",
          "cầu Trường Tiền", "đường Hùng Vương", "khu tái định cư", "trường tiểu học",
          "tổ dân phố 3", "đường Điện Biên Phủ", "bến xe phía Nam", "công viên")
DETAILS = ("Người dân đề nghị cơ quan chức năng kiểm tra, xử lý sớm.",
           "Tình trạng kéo dài gần một tháng, trời mưa càng nghiêm trọng.",
           "Buổi tối rất nguy hiểm cho người đi xe máy.",
           "Đã phản ánh với tổ trưởng nhưng chưa được giải quyết.",
           "Mong chính quyền quan tâm, khắc phục.")

COLUMNS = ("tracking_code", "public_id", "channel", "unit_code", "category_id", "office_id",
           "title", "description", "search_text", "lat", "lng", "address", "reporter_name",
           "reporter_phone", "is_anonymous", "priority", "status", "due_at", "is_overdue",
           "created_at", "updated_at")


def bench_app(url: str):
    """The app on ``url``, migrated."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False,
                      "CELERY_BROKER_URL": None, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade(directory="migrations")
    return app


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it does not exist."""
    parsed = make_url(normalise_database_url(url))
    if parsed.get_backend_name() != "postgresql":
        return
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": parsed.database})
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def seed_directory() -> dict:
    """Units, offices, categories, routes and the benchmark accounts (idempotent)."""
    import directory
    from core.db import db
    from directory import auth
    from directory.models import AdminUnit, Category, Office, StaffUser

    directory.import_province(PROVINCE)
    communes = list(db.session.scalars(sa.select(AdminUnit.code).where(
        AdminUnit.parent_code == PROVINCE).order_by(AdminUnit.code)))
    if db.session.scalar(sa.select(Category.id).where(Category.code == CATEGORIES[0][0])) \
            is None:
        for code, name in CATEGORIES:
            directory.create_category(code, name, None, 10)
    for code in communes:
        if db.session.scalar(sa.select(sa.func.count()).select_from(Office)
                             .where(Office.unit_code == code)) < 3:
            directory.create_office(code, "Công an", "police")
            directory.create_office(code, "Phòng Kinh tế, Hạ tầng và Đô thị")
    offices: dict[str, list[int]] = {}
    for office in db.session.scalars(sa.select(Office).where(Office.unit_code.in_(communes))
                                     .order_by(Office.id)):
        offices.setdefault(office.unit_code, []).append(office.id)
    categories = list(db.session.scalars(sa.select(Category.id).order_by(Category.id)))
    busy = communes[0]
    accounts = (("bench_admin", "province_admin", PROVINCE, None),
                ("bench_leader", "commune_leader", busy, None),
                ("bench_officer", "officer", busy, offices[busy][-1]))
    for username, role, unit, office in accounts:
        if db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username)) \
                is None:
            auth.create_staff(username, role, unit, office)
    return {"communes": communes, "offices": offices, "categories": categories}


def _weighted(choices, weights, k):
    return random.choices(choices, weights=weights, k=k)


def make_rows(n: int, directory: dict, moment: datetime, seen: set[str]):
    """``n`` synthetic rows (tuples in COLUMNS order)."""
    communes = directory["communes"]
    # A few busy communes: the first gets a tenth of everything.
    commune_weights = [len(communes) * 0.11] + [1] * (len(communes) - 1)
    units = random.choices(communes, weights=commune_weights, k=n)
    statuses = _weighted([s for s, _ in STATUSES], [w for _, w in STATUSES], n)
    channels = _weighted(CHANNELS, CHANNEL_WEIGHTS, n)
    rows = []
    for unit, status, channel in zip(units, statuses, channels, strict=True):
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
            if code not in seen:
                seen.add(code)
                break
        is_open = status in ("received", "accepted", "assigned", "in_progress", "reopened")
        age_days = random.uniform(0, 90) if is_open else random.uniform(10, 1095)
        created = moment - timedelta(days=age_days)
        due = created + timedelta(days=random.randint(7, 21))
        title = f"{random.choice(SUBJECTS)} {random.choice(PROBLEMS)} tại {random.choice(PLACES)}"
        description = f"{title}. {random.choice(DETAILS)} {random.choice(DETAILS)}"
        anonymous = random.random() < 0.2
        rows.append((
            code, secrets.token_hex(5).upper(), channel, unit,
            random.choice(directory["categories"]), random.choice(directory["offices"][unit]),
            title, description,
            search_text(f"{title} {description}"),
            16.45 + random.random() / 10, 107.55 + random.random() / 10, None,
            None if anonymous else "Nguyễn Văn An",
            None if anonymous else f"+8491{random.randint(0, 9_999_999):07d}",
            anonymous, "normal", status, due, is_open and due < moment,
            created, created,
        ))
    return rows


def _feedback_indexes(conn) -> list[tuple[str, str]]:
    return [(name, ddl) for name, ddl in conn.execute(sa.text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'feedback' "
        "AND indexname NOT IN ('pk_feedback', 'uq_feedback_tracking_code', "
        "'uq_feedback_public_id')"))]


def rebuild_indexes(engine: sa.Engine, ddls: list[str]) -> None:
    """Create the dropped indexes again (each committed on its own), then analyse."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("SET statement_timeout = 0"))
        conn.execute(sa.text("SET maintenance_work_mem = '512MB'"))
        for ddl in ddls:
            conn.execute(sa.text(ddl.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)))
        conn.execute(sa.text("VACUUM ANALYZE feedback"))
        conn.execute(sa.text("ANALYZE"))


def write_rows(engine: sa.Engine, total: int, directory: dict, chunk: int = 20_000,
               progress=None) -> None:
    """Insert ``total`` rows: COPY on PostgreSQL, multi-row INSERT elsewhere."""
    moment = datetime.now(UTC)
    seen: set[str] = set()
    with engine.begin() as conn:
        seen.update(conn.scalars(sa.text("SELECT tracking_code FROM feedback")))
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            indexes = _feedback_indexes(conn)
            for name, _ in indexes:
                conn.execute(sa.text(f'DROP INDEX "{name}"'))
        try:
            done = 0
            while done < total:
                rows = make_rows(min(chunk, total - done), directory, moment, seen)
                raw = engine.raw_connection()
                try:
                    with raw.cursor() as cur:
                        with cur.copy(f"COPY feedback ({', '.join(COLUMNS)}) FROM STDIN") as cp:
                            for row in rows:
                                cp.write_row(row)
                    raw.commit()
                finally:
                    raw.close()
                done += len(rows)
                if progress:
                    progress(len(rows))
        finally:
            rebuild_indexes(engine, [ddl for _, ddl in indexes])
        return
    from feedback.models import Feedback

    table = Feedback.__table__
    done = 0
    while done < total:
        rows = make_rows(min(chunk, total - done), directory, moment, seen)
        with engine.begin() as conn:
            conn.execute(table.insert(), [dict(zip(COLUMNS, row, strict=True)) for row in rows])
        done += len(rows)
        if progress:
            progress(len(rows))


def generate(url: str, rows: int, reset: bool = False, show_progress: bool = True) -> None:
    """Create, migrate and fill the benchmark database."""
    from core.db import commit, db

    ensure_database(url)
    app = bench_app(url)
    with app.app_context():
        directory = seed_directory()
        commit()
        if reset:
            db.session.execute(sa.text("DELETE FROM feedback_events"))
            db.session.execute(sa.text("DELETE FROM feedback"))
            commit()
        engine = db.engine
        try:
            if show_progress:
                with click.progressbar(length=rows, label="Đang tạo phản ánh") as bar:
                    write_rows(engine, rows, directory, progress=bar.update)
            else:
                write_rows(engine, rows, directory)
        finally:
            db.session.remove()
            engine.dispose()


@click.command()
@click.option("--url", required=True, help="Database URL (PostgreSQL for the real run).")
@click.option("--rows", type=int, default=1_000_000, show_default=True)
@click.option("--reset", is_flag=True, help="Empty the feedback table first.")
@click.option("--seed", type=int, default=2026, show_default=True)
def main(url: str, rows: int, reset: bool, seed: int) -> None:
    """Fill a database with synthetic feedback."""
    random.seed(seed)
    generate(url, rows, reset)
    click.echo(f"Xong: {rows} phản ánh.")


if __name__ == "__main__":
    main()
