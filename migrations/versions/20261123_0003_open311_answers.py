"""Open311 keys and submissions, category questions, published answers and their search.

PostgreSQL: the unaccent and pg_trgm extensions, an IMMUTABLE wrapper
``thongtin_unaccent(text)`` (lower(unaccent(...)) naming its dictionary, so the planner may
fold it and indexes may use it) and a trigram GIN index over the folded shadow column.
SQLite: an FTS5 table over the folded shadow column, kept in sync by triggers.
``answer_words`` holds the vocabulary PostgreSQL corrects typos against (trigram index).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SQLITE_FTS = (
    """CREATE VIRTUAL TABLE published_answers_fts USING fts5(
        search_text, content='published_answers', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER published_answers_ai AFTER INSERT ON published_answers BEGIN
        INSERT INTO published_answers_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER published_answers_ad AFTER DELETE ON published_answers BEGIN
        INSERT INTO published_answers_fts(published_answers_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER published_answers_au AFTER UPDATE OF search_text ON published_answers
    BEGIN
        INSERT INTO published_answers_fts(published_answers_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO published_answers_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
)

_POSTGRES = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is only STABLE (its dictionary could change); naming the dictionary
    # explicitly makes the wrapper safe to declare IMMUTABLE.
    """CREATE OR REPLACE FUNCTION thongtin_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
    """CREATE INDEX ix_published_answers_search_trgm ON published_answers
        USING gin (search_text gin_trgm_ops)""",
    "CREATE INDEX ix_answer_words_trgm ON answer_words USING gin (word gin_trgm_ops)",
)


def upgrade():
    op.create_table(
        "category_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("datatype", sa.String(length=20), nullable=False),
        sa.Column("datatype_description", sa.String(length=300), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"],
                                name=op.f("fk_category_questions_category_id_categories")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_questions")),
        sa.UniqueConstraint("category_id", "code", name="uq_category_questions_category_code"),
    )
    op.create_table(
        "open311_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner", sa.String(length=120), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key_prefix", sa.String(length=8), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("collects_consent", sa.Boolean(), nullable=False),
        sa.Column("consent_policy", sa.String(length=40), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_open311_keys_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_users.id"],
                                name=op.f("fk_open311_keys_created_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open311_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_open311_keys_key_hash")),
    )
    op.create_index(op.f("ix_open311_keys_unit_code"), "open311_keys", ["unit_code"])
    op.create_table(
        "open311_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_open311_submissions_feedback_id_feedback")),
        sa.ForeignKeyConstraint(["key_id"], ["open311_keys.id"],
                                name=op.f("fk_open311_submissions_key_id_open311_keys")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open311_submissions")),
        sa.UniqueConstraint("feedback_id", name=op.f("uq_open311_submissions_feedback_id")),
        sa.UniqueConstraint("token", name=op.f("uq_open311_submissions_token")),
    )
    op.create_index(op.f("ix_open311_submissions_key_id"), "open311_submissions", ["key_id"])
    op.create_table(
        "published_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("publisher_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_published_answers_feedback_id_feedback")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_published_answers_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"],
                                name=op.f("fk_published_answers_category_id_categories")),
        sa.ForeignKeyConstraint(["publisher_id"], ["staff_users.id"],
                                name=op.f("fk_published_answers_publisher_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_answers")),
        sa.UniqueConstraint("feedback_id", name=op.f("uq_published_answers_feedback_id")),
    )
    op.create_index(op.f("ix_published_answers_category_id"), "published_answers",
                    ["category_id"])
    op.create_index(op.f("ix_published_answers_published_at"), "published_answers",
                    ["published_at"])
    op.create_index("ix_published_answers_unit_published", "published_answers",
                    ["unit_code", "published_at"])

    op.create_table(
        "answer_words",
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_answer_words")),
    )

    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for statement in _POSTGRES:
            op.execute(statement)
    elif dialect == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_answer_words_trgm")
        op.execute("DROP INDEX IF EXISTS ix_published_answers_search_trgm")
        op.execute("DROP FUNCTION IF EXISTS thongtin_unaccent(text)")
        # The extensions stay: other objects may use them.
    elif dialect == "sqlite":
        for name in ("published_answers_ai", "published_answers_ad", "published_answers_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS published_answers_fts")
    op.drop_table("answer_words")
    op.drop_index("ix_published_answers_unit_published", table_name="published_answers")
    op.drop_index(op.f("ix_published_answers_published_at"), table_name="published_answers")
    op.drop_index(op.f("ix_published_answers_category_id"), table_name="published_answers")
    op.drop_table("published_answers")
    op.drop_index(op.f("ix_open311_submissions_key_id"), table_name="open311_submissions")
    op.drop_table("open311_submissions")
    op.drop_index(op.f("ix_open311_keys_unit_code"), table_name="open311_keys")
    op.drop_table("open311_keys")
    op.drop_table("category_questions")
