"""Published answers record whether staff published the item's place as exact; otherwise
public coordinates are rounded to about 100 m.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases: a batch (copy-and-move) on SQLite would drop the
# triggers that keep the search table published_answers_fts in sync (migration 0003).
def upgrade():
    op.add_column("published_answers", sa.Column("exact_location", sa.Boolean(),
                                                 nullable=False, server_default=sa.false()))


def downgrade():
    op.drop_column("published_answers", "exact_location")  # SQLite 3.35+ drops columns
