"""Mail to staff (``staff:<id>`` resolved to the account's e-mail, attachments from storage)
and to administrators (``MAIL_ADMIN_RECIPIENTS``, else the province administrators)."""

from __future__ import annotations

import io

import openpyxl

from core import outbox, storage
from core.db import commit, db
from core.models import Delivery
from directory.models import StaffUser
from tests.integrations.mail.helpers import parts, visible

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _queue(channel, recipient, kind, payload, key):
    delivery_id = outbox.queue(channel, recipient, kind, payload, key=key)
    commit()  # eager: sent inside the commit
    return db.session.get(Delivery, delivery_id, populate_existing=True)


def _staff(world, who, email=None, active=True):
    user = db.session.get(StaffUser, world.staff_ids[who])
    user.email, user.is_active = email, active
    commit()
    return user


def _report() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã phản ánh", "Lĩnh vực", "Tình trạng"])
    sheet.append(["BA32-PECF", "Hạ tầng, giao thông", "Đã trả lời"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_staff_message_reaches_their_address_with_an_xlsx_from_storage(use_mail, smtp,
                                                                       world):
    use_mail(smtp)
    leader = _staff(world, "leader", "lanhdao@phuxuan.hue.gov.vn")
    report = _report()
    stored = storage.save(report, "xlsx")
    delivery = _queue("staff_email", f"staff:{leader.id}", "monthly_report", {
        "subject": "Báo cáo phản ánh tháng 11/2026",
        "text": "Kính gửi lãnh đạo phường,\n\nĐính kèm báo cáo phản ánh tháng 11/2026.",
        "attachments": [{"storage_key": stored.key, "content_type": XLSX,
                         "filename": "báo-cáo-tháng-11-2026.xlsx"}]}, key="mail-staff-1")
    assert delivery.status == "sent", delivery.last_error
    [received] = smtp.received
    message = received.message
    assert received.rcpt_tos == ["lanhdao@phuxuan.hue.gov.vn"]
    assert message["To"] == "lanhdao@phuxuan.hue.gov.vn"
    assert message["Subject"] == "Báo cáo phản ánh tháng 11/2026"
    assert message.get_content_type() == "multipart/mixed"
    plain, html = parts(message)
    assert "Đính kèm báo cáo phản ánh tháng 11/2026." in plain
    assert "Đính kèm báo cáo phản ánh tháng 11/2026." in visible(html)
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == XLSX
    assert attachment.get_filename() == "báo-cáo-tháng-11-2026.xlsx"
    assert attachment.get_content() == report
    sheet = openpyxl.load_workbook(io.BytesIO(attachment.get_content())).active
    assert (sheet["A2"].value, sheet["C2"].value) == ("BA32-PECF", "Đã trả lời")


def test_a_staff_message_with_only_text_gets_a_subject_by_kind(use_mail, smtp, world):
    use_mail(smtp)
    leader = _staff(world, "leader", "lanhdao@phuxuan.hue.gov.vn")
    _queue("staff_email", f"staff:{leader.id}", "feedback_overdue",
           {"feedback_id": 1, "tracking_code": "BA32PECF",
            "text": "Phản ánh BA32-PECF (Phòng Kinh tế) đã quá hạn xử lý từ 20/11/2026."},
           key="mail-staff-2")
    _queue("staff_email", f"staff:{leader.id}", "something_new", {"text": "Nội dung."},
           key="mail-staff-3")
    overdue, other = (r.message for r in smtp.received)
    assert overdue["Subject"] == "Phản ánh BA32-PECF đã quá hạn xử lý"
    assert "đã quá hạn xử lý từ 20/11/2026." in parts(overdue)[0]
    assert other["Subject"] == "Thông báo từ hệ thống Thông tin cơ sở"
    assert list(overdue.iter_attachments()) == []


def test_staff_without_an_email_is_a_failed_route_with_its_reason(use_mail, smtp, world):
    use_mail(smtp)
    officer = _staff(world, "officer", None)
    delivery = _queue("staff_email", f"staff:{officer.id}", "feedback_overdue",
                      {"text": "Quá hạn."}, key="mail-staff-4")
    assert delivery.status == "failed"
    assert delivery.last_error == ("Cán bộ officer chưa có địa chỉ email "
                                   "(đặt bằng lệnh: flask staff email officer <địa chỉ>).")
    assert smtp.received == []


def test_an_inactive_account_gets_no_mail(use_mail, smtp, world):
    use_mail(smtp)
    officer = _staff(world, "officer", "canbo@phuxuan.hue.gov.vn", active=False)
    delivery = _queue("staff_email", f"staff:{officer.id}", "feedback_overdue",
                      {"text": "Quá hạn."}, key="mail-staff-5")
    assert delivery.status == "failed"
    assert delivery.last_error == "Tài khoản cán bộ officer đã ngừng hoạt động, không gửi thư."
    assert "canbo@" not in delivery.last_error
    assert smtp.received == []


def test_unknown_staff_and_missing_attachments_fail(use_mail, smtp, world):
    use_mail(smtp)
    leader = _staff(world, "leader", "lanhdao@phuxuan.hue.gov.vn")
    unknown = _queue("staff_email", "staff:999999", "x", {"text": "?"}, key="mail-staff-6")
    assert unknown.last_error == "Không tìm thấy tài khoản cán bộ nhận thư."
    bad = _queue("staff_email", "lanhdao@phuxuan.hue.gov.vn", "x", {"text": "?"},
                 key="mail-staff-7")
    assert bad.last_error == "Người nhận không phải tài khoản cán bộ (staff:<mã số>)."
    missing = _queue("staff_email", f"staff:{leader.id}", "monthly_report", {
        "text": "Báo cáo", "attachments": [{"storage_key": "khong-co.xlsx",
                                            "filename": "bao-cao.xlsx",
                                            "content_type": XLSX}]}, key="mail-staff-8")
    assert (missing.status, missing.last_error) == (
        "failed", "Không tìm thấy tệp đính kèm “bao-cao.xlsx”.")
    assert smtp.received == []


def test_admin_mail_goes_to_the_configured_administrators(use_mail, smtp, world):
    use_mail(smtp, MAIL_ADMIN_RECIPIENTS=["it@hue.gov.vn", "quantri@hue.gov.vn"])
    _staff(world, "province_admin", "admin@hue.gov.vn")  # not used: the setting wins
    delivery = _queue("admin", "administrators", "zalo_token_failed",
                      {"text": "Làm mới mã truy cập Zalo OA thất bại."}, key="mail-admin-1")
    assert delivery.status == "sent"
    [received] = smtp.received
    assert received.rcpt_tos == ["it@hue.gov.vn", "quantri@hue.gov.vn"]
    assert received.message["Subject"] == "Kết nối Zalo OA bị gián đoạn, cần xử lý"
    assert "Làm mới mã truy cập Zalo OA thất bại." in parts(received.message)[0]


def test_admin_mail_without_a_setting_goes_to_active_province_administrators(use_mail, smtp,
                                                                            world):
    use_mail(smtp)  # MAIL_ADMIN_RECIPIENTS empty
    _staff(world, "province_admin", "admin@hue.gov.vn")
    _staff(world, "other_province_admin", "admin@hanoi.gov.vn", active=False)
    _staff(world, "leader", "lanhdao@phuxuan.hue.gov.vn")  # not an administrator
    _queue("admin", "administrators", "x", {"subject": "Kiểm tra", "text": "Thư thử."},
           key="mail-admin-2")
    [received] = smtp.received
    assert received.rcpt_tos == ["admin@hue.gov.vn"]
    assert received.message["Subject"] == "Kiểm tra"


def test_admin_mail_with_nobody_to_tell_fails_with_its_reason(use_mail, smtp, world):
    use_mail(smtp)
    delivery = _queue("admin", "administrators", "x", {"text": "Thư thử."}, key="mail-admin-3")
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Chưa có địa chỉ email quản trị")
    assert smtp.received == []
