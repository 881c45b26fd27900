"""ZNS: the OA remembers until when its daily template-message quota is spent, so that
further ZNS deliveries move to the citizen's next route without calling Zalo.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 16:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("zalo_oa_state") as batch:
        batch.add_column(sa.Column("zns_quota_until", sa.DateTime(timezone=True),
                                   nullable=True))


def downgrade():
    with op.batch_alter_table("zalo_oa_state") as batch:
        batch.drop_column("zns_quota_until")
