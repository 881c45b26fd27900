"""Foundation: units, offices, categories, routing, staff, outbox, feedback.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 14:48:53.185149

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('admin_units',
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('parent_code', sa.String(length=5), nullable=True),
    sa.ForeignKeyConstraint(['parent_code'], ['admin_units.code'], name=op.f('fk_admin_units_parent_code_admin_units')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_admin_units'))
    )
    op.create_index(op.f('ix_admin_units_parent_code'), 'admin_units', ['parent_code'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('subject_type', sa.String(length=30), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_deliveries_idempotency_key'))
    )
    op.create_index('ix_deliveries_status_next', 'deliveries', ['status', 'next_attempt_at'], unique=False)
    op.create_index('ix_deliveries_subject', 'deliveries', ['subject_type', 'subject_id'], unique=False)

    op.create_table('idempotency_records',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_idempotency_records'))
    )
    op.create_index(op.f('ix_idempotency_records_created_at'), 'idempotency_records', ['created_at'], unique=False)

    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit_code', sa.String(length=5), nullable=True),
    sa.Column('due_days', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_units.code'], name=op.f('fk_categories_unit_code_admin_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('code', name=op.f('uq_categories_code'))
    )
    op.create_table('offices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_units.code'], name=op.f('fk_offices_unit_code_admin_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offices'))
    )
    op.create_index(op.f('ix_offices_unit_code'), 'offices', ['unit_code'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tracking_code', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('unit_code', sa.String(length=5), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lng', sa.Double(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('reporter_name', sa.String(length=120), nullable=True),
    sa.Column('reporter_phone', sa.String(length=20), nullable=True),
    sa.Column('reporter_email', sa.String(length=254), nullable=True),
    sa.Column('zalo_user_id', sa.String(length=64), nullable=True),
    sa.Column('zalo_app_user_id', sa.String(length=64), nullable=True),
    sa.Column('is_anonymous', sa.Boolean(), nullable=False),
    sa.Column('lookup_token_hash', sa.String(length=64), nullable=True),
    sa.Column('consent', sa.JSON(), nullable=True),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_overdue', sa.Boolean(), nullable=False),
    sa.Column('extension_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('extension_reason', sa.String(length=500), nullable=True),
    sa.Column('public_answer', sa.Text(), nullable=True),
    sa.Column('first_response_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rating_comment', sa.String(length=1000), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_feedback_category_id_categories')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_feedback_office_id_offices')),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_units.code'], name=op.f('fk_feedback_unit_code_admin_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('tracking_code', name=op.f('uq_feedback_tracking_code'))
    )
    op.create_index(op.f('ix_feedback_category_id'), 'feedback', ['category_id'], unique=False)
    op.create_index(op.f('ix_feedback_created_at'), 'feedback', ['created_at'], unique=False)
    op.create_index('ix_feedback_office_due', 'feedback', ['office_id', 'due_at', 'id'], unique=False)
    op.create_index('ix_feedback_office_queue', 'feedback', ['office_id', 'status', 'due_at', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_reporter_phone'), 'feedback', ['reporter_phone'], unique=False)
    op.create_index('ix_feedback_unit_due', 'feedback', ['unit_code', 'due_at', 'id'], unique=False)
    op.create_index('ix_feedback_unit_queue', 'feedback', ['unit_code', 'status', 'due_at', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_zalo_app_user_id'), 'feedback', ['zalo_app_user_id'], unique=False)
    op.create_index(op.f('ix_feedback_zalo_user_id'), 'feedback', ['zalo_user_id'], unique=False)

    op.create_table('routing_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=5), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('due_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_routing_rules_category_id_categories')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_routing_rules_office_id_offices')),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_units.code'], name=op.f('fk_routing_rules_unit_code_admin_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_rules')),
    sa.UniqueConstraint('category_id', 'unit_code', name='uq_routing_rules_category_unit')
    )
    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('unit_code', sa.String(length=5), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_staff_users_office_id_offices')),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_units.code'], name=op.f('fk_staff_users_unit_code_admin_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_users')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_users_username'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['staff_user_id'], ['staff_users.id'], name=op.f('fk_api_tokens_staff_user_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    op.create_index(op.f('ix_api_tokens_staff_user_id'), 'api_tokens', ['staff_user_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_attachments_feedback_id_feedback')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_attachments_storage_key'))
    )
    op.create_index(op.f('ix_attachments_feedback_id'), 'attachments', ['feedback_id'], unique=False)

    op.create_table('feedback_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=30), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=True),
    sa.Column('from_office_id', sa.Integer(), nullable=True),
    sa.Column('to_office_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('public_note', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['staff_users.id'], name=op.f('fk_feedback_events_actor_id_staff_users')),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_feedback_events_feedback_id_feedback')),
    sa.ForeignKeyConstraint(['from_office_id'], ['offices.id'], name=op.f('fk_feedback_events_from_office_id_offices')),
    sa.ForeignKeyConstraint(['to_office_id'], ['offices.id'], name=op.f('fk_feedback_events_to_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_events'))
    )
    op.create_index(op.f('ix_feedback_events_feedback_id'), 'feedback_events', ['feedback_id'], unique=False)


    if op.get_bind().dialect.name == "postgresql":
        # Diacritics-free search over the folded shadow text, fast at a million rows.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_feedback_search_trgm ON feedback "
                   "USING gin (search_text gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_feedback_search_trgm")
    op.drop_index(op.f('ix_feedback_events_feedback_id'), table_name='feedback_events')

    op.drop_table('feedback_events')
    op.drop_index(op.f('ix_attachments_feedback_id'), table_name='attachments')

    op.drop_table('attachments')
    op.drop_index(op.f('ix_api_tokens_staff_user_id'), table_name='api_tokens')

    op.drop_table('api_tokens')
    op.drop_table('staff_users')
    op.drop_table('routing_rules')
    op.drop_index(op.f('ix_feedback_zalo_user_id'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_zalo_app_user_id'), table_name='feedback')
    op.drop_index('ix_feedback_unit_queue', table_name='feedback')
    op.drop_index('ix_feedback_unit_due', table_name='feedback')
    op.drop_index(op.f('ix_feedback_reporter_phone'), table_name='feedback')
    op.drop_index('ix_feedback_office_queue', table_name='feedback')
    op.drop_index('ix_feedback_office_due', table_name='feedback')
    op.drop_index(op.f('ix_feedback_created_at'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_category_id'), table_name='feedback')

    op.drop_table('feedback')
    op.drop_index(op.f('ix_offices_unit_code'), table_name='offices')

    op.drop_table('offices')
    op.drop_table('categories')
    op.drop_index(op.f('ix_idempotency_records_created_at'), table_name='idempotency_records')

    op.drop_table('idempotency_records')
    op.drop_index('ix_deliveries_subject', table_name='deliveries')
    op.drop_index('ix_deliveries_status_next', table_name='deliveries')

    op.drop_table('deliveries')
    op.drop_index(op.f('ix_admin_units_parent_code'), table_name='admin_units')

    op.drop_table('admin_units')
