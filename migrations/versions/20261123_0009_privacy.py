"""Personal data: privacy notice versions (with the first text, 2026-01), consent records,
rights requests and their timeline, the contact-access log, retention runs; restriction and
erasure marks on feedback.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 09:00:00

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The first notice, frozen here: a version is never edited (a new text is a new version).
NOTICE_2026_01 = {
    "version": "2026-01",
    "title": "Thông báo về việc xử lý dữ liệu cá nhân khi gửi phản ánh, kiến nghị",
    "summary": (
        "Bạn có thể gửi phản ánh ẩn danh. Nếu bạn đồng ý để lại họ tên, số điện thoại hoặc "
        "email, thông tin này chỉ dùng để xử lý và trả lời phản ánh của bạn, không công khai, "
        "và được xóa 12 tháng sau khi phản ánh kết thúc."
    ),
    "consent_text": (
        "Tôi đồng ý để chính quyền sử dụng họ tên và số điện thoại của tôi chỉ để xử lý và "
        "trả lời phản ánh này."
    ),
    "sections": [
        {"heading": "Ai xử lý dữ liệu của bạn",
         "paragraphs": [
             "Ủy ban nhân dân xã, phường nơi bạn gửi phản ánh và cơ quan được giao xử lý "
             "phản ánh đó. Hệ thống do cơ quan quản lý thông tin cơ sở của tỉnh vận hành."]},
        {"heading": "Chúng tôi thu thập những gì",
         "paragraphs": [
             "Nội dung phản ánh, ảnh và vị trí bạn gửi.",
             "Chỉ khi bạn đồng ý: họ tên, số điện thoại hoặc email để liên hệ.",
             "Khi bạn nhắn qua Zalo: mã người dùng Zalo, để trả lời bạn ngay trên Zalo.",
             "Chúng tôi không bao giờ hỏi số căn cước, chứng minh nhân dân hay ảnh giấy tờ "
             "tùy thân. Nếu bạn lỡ ghi số giấy tờ vào nội dung, số đó được che khi nội dung "
             "được công khai."]},
        {"heading": "Dùng để làm gì",
         "paragraphs": [
             "Tiếp nhận phản ánh, chuyển cơ quan xử lý, liên hệ khi cần làm rõ và báo kết "
             "quả cho bạn.",
             "Nội dung phản ánh và câu trả lời, sau khi đã che thông tin cá nhân, có thể được "
             "công khai ở mục Hỏi đáp và dùng để thống kê."]},
        {"heading": "Sự đồng ý của bạn",
         "paragraphs": [
             "Thông tin liên hệ chỉ được gửi khi bạn tự đánh dấu ô đồng ý trên biểu mẫu hoặc "
             "nhắn “có” trên Zalo; không có ô nào được đánh dấu sẵn.",
             "Chúng tôi lưu bằng chứng sự đồng ý: thời điểm, kênh gửi, phiên bản thông báo "
             "này và câu hỏi đã hiển thị cho bạn.",
             "Bạn có thể rút lại sự đồng ý bất cứ lúc nào. Việc rút lại không làm mất hiệu "
             "lực những việc đã xử lý trước đó; sau khi rút lại, thông tin liên hệ bị xóa và "
             "cán bộ không thể gọi điện hay nhắn tin báo kết quả cho bạn."]},
        {"heading": "Lưu giữ trong bao lâu",
         "paragraphs": [
             "Thông tin liên hệ được xóa 12 tháng sau khi phản ánh kết thúc. Nội dung phản "
             "ánh, không còn thông tin nhận dạng bạn, được giữ để thống kê."]},
        {"heading": "Quyền của bạn",
         "paragraphs": [
             "Bạn có quyền xem, chỉnh sửa, nhận bản sao (tệp JSON), hạn chế xử lý, xóa dữ "
             "liệu cá nhân của mình và rút lại sự đồng ý.",
             "Cách yêu cầu: trên trang tra cứu phản ánh (cần mã phản ánh và số điện thoại đã "
             "dùng hoặc mã tra cứu), nhắn “dữ liệu cá nhân” cho Zalo của xã, phường, hoặc "
             "đến bộ phận một cửa của Ủy ban nhân dân xã, phường.",
             "Chúng tôi xác nhận đã nhận yêu cầu trong 2 ngày làm việc; cho xem, chỉnh sửa, "
             "cung cấp bản sao và xóa dữ liệu trong 10 ngày; hạn chế xử lý và ngừng sử dụng "
             "khi bạn rút lại sự đồng ý trong 15 ngày. Nếu không thực hiện được, chúng tôi "
             "báo rõ lý do."]},
        {"heading": "Căn cứ pháp lý",
         "paragraphs": [
             "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP."]},
    ],
    # 01/01/2026 00:00 in Việt Nam (UTC+7).
    "effective_at": datetime(2025, 12, 31, 17, 0, tzinfo=timezone.utc),
}


def upgrade():
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("contact_restricted_at", sa.DateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("personal_data_erased_at", sa.DateTime(timezone=True),
                                   nullable=True))

    notices = op.create_table(
        "privacy_notices",
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("consent_text", sa.Text(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_privacy_notices")),
    )
    op.create_index(op.f("ix_privacy_notices_effective_at"), "privacy_notices",
                    ["effective_at"], unique=False)

    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=300), nullable=False),
        sa.Column("policy_version", sa.String(length=40), nullable=False),
        sa.Column("policy_owner", sa.String(length=160), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data_types", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=True),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("evidence_erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_consent_records_feedback_id_feedback")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    op.create_index(op.f("ix_consent_records_feedback_id"), "consent_records",
                    ["feedback_id"], unique=False)

    op.create_table(
        "privacy_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=5), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extension_reason", sa.String(length=1000), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refusal_reason", sa.String(length=1000), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_privacy_requests_feedback_id_feedback")),
        sa.ForeignKeyConstraint(["unit_code"], ["admin_units.code"],
                                name=op.f("fk_privacy_requests_unit_code_admin_units")),
        sa.ForeignKeyConstraint(["entered_by_id"], ["staff_users.id"],
                                name=op.f("fk_privacy_requests_entered_by_id_staff_users")),
        sa.ForeignKeyConstraint(["handled_by_id"], ["staff_users.id"],
                                name=op.f("fk_privacy_requests_handled_by_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_requests")),
        sa.UniqueConstraint("code", name=op.f("uq_privacy_requests_code")),
    )
    op.create_index(op.f("ix_privacy_requests_feedback_id"), "privacy_requests",
                    ["feedback_id"], unique=False)
    op.create_index("ix_privacy_requests_unit_status_due", "privacy_requests",
                    ["unit_code", "status", "due_at"], unique=False)

    op.create_table(
        "privacy_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["privacy_requests.id"],
                                name=op.f("fk_privacy_request_events_request_id_privacy_requests")),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_users.id"],
                                name=op.f("fk_privacy_request_events_actor_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_request_events")),
    )
    op.create_index(op.f("ix_privacy_request_events_request_id"), "privacy_request_events",
                    ["request_id"], unique=False)

    op.create_table(
        "contact_access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("surface", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_users.id"],
                                name=op.f("fk_contact_access_log_staff_id_staff_users")),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"],
                                name=op.f("fk_contact_access_log_feedback_id_feedback")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_access_log")),
    )
    op.create_index("ix_contact_access_log_feedback_at", "contact_access_log",
                    ["feedback_id", "id"], unique=False)
    op.create_index("ix_contact_access_log_staff_at", "contact_access_log",
                    ["staff_id", "id"], unique=False)
    op.create_index(op.f("ix_contact_access_log_created_at"), "contact_access_log",
                    ["created_at"], unique=False)

    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("items_erased", sa.Integer(), nullable=False),
        sa.Column("feedback_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )
    op.create_index(op.f("ix_retention_runs_started_at"), "retention_runs", ["started_at"],
                    unique=False)
    # Retention looks for ended items by the time they ended.
    op.create_index("ix_feedback_closed_at", "feedback", ["closed_at"], unique=False)

    op.bulk_insert(notices, [{**NOTICE_2026_01, "created_at": NOTICE_2026_01["effective_at"]}])


def downgrade():
    op.drop_index("ix_feedback_closed_at", table_name="feedback")
    op.drop_index(op.f("ix_retention_runs_started_at"), table_name="retention_runs")
    op.drop_table("retention_runs")
    op.drop_index(op.f("ix_contact_access_log_created_at"), table_name="contact_access_log")
    op.drop_index("ix_contact_access_log_staff_at", table_name="contact_access_log")
    op.drop_index("ix_contact_access_log_feedback_at", table_name="contact_access_log")
    op.drop_table("contact_access_log")
    op.drop_index(op.f("ix_privacy_request_events_request_id"),
                  table_name="privacy_request_events")
    op.drop_table("privacy_request_events")
    op.drop_index("ix_privacy_requests_unit_status_due", table_name="privacy_requests")
    op.drop_index(op.f("ix_privacy_requests_feedback_id"), table_name="privacy_requests")
    op.drop_table("privacy_requests")
    op.drop_index(op.f("ix_consent_records_feedback_id"), table_name="consent_records")
    op.drop_table("consent_records")
    op.drop_index(op.f("ix_privacy_notices_effective_at"), table_name="privacy_notices")
    op.drop_table("privacy_notices")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("personal_data_erased_at")
        batch.drop_column("contact_restricted_at")
