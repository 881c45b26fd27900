"""Console page of the one-stop office's appointments: the day's list, approve, refuse with a
reason, call the next number; read-only and other units' staff cannot act."""

from __future__ import annotations

import sqlalchemy as sa

from appointments import service
from appointments.models import Appointment
from core.db import db
from core.models import Delivery
from tests.integrations.zalo.egov.conftest import next_working_day


def _book(world, who: str, name: str, oa_user: str | None = None) -> Appointment:
    return service.book(world.commune, next_working_day(), name, "0912 345 678",
                        "Chứng thực bản sao", service.Citizen(who, zalo_user_id=oa_user,
                                                              verified_phone="+84912345678"))


def _page(day) -> str:
    return f"/console/appointments?day={day.isoformat()}"


def test_officer_approves_refuses_and_calls_the_next_number(console, ctx, world):
    first = _book(world, "app-c1", "Nguyễn Văn An", oa_user="oa-c1")
    second = _book(world, "app-c2", "Trần Thị Bé")
    day = first.day
    officer = console("officer")
    html = officer.get(_page(day)).get_data(as_text=True)
    assert f'data-appointment-id="{first.id}" data-status="pending"' in html
    assert "Nguyễn Văn An" in html and "+84912345678" in html and "Chưa gọi số nào." in html

    done = officer.post(f"/console/appointments/{first.id}/approve",
                        {"day": day.isoformat()}, page=_page(day), follow_redirects=True)
    assert "Đã xác nhận lịch hẹn số 1" in done.get_data(as_text=True)
    assert db.session.get(Appointment, first.id).status == "approved"
    told = db.session.scalar(sa.select(Delivery).where(Delivery.subject_type == "appointment",
                                                       Delivery.subject_id == first.id))
    assert told.kind == "appointment_status" and told.payload["status"] == "approved"
    assert told.payload["number"] == "1" and "đã được xác nhận" in told.payload["text"]

    refused = officer.post(f"/console/appointments/{second.id}/reject",
                           {"day": day.isoformat(), "reason": "  "}, page=_page(day),
                           follow_redirects=True)
    assert "Vui lòng nêu lý do từ chối." in refused.get_data(as_text=True)
    officer.post(f"/console/appointments/{second.id}/reject",
                 {"day": day.isoformat(), "reason": "Cần mang theo bản chính"}, page=_page(day))
    row = db.session.get(Appointment, second.id)
    db.session.refresh(row)
    assert (row.status, row.reject_reason) == ("rejected", "Cần mang theo bản chính")

    called = officer.post("/console/appointments/call-next", {"day": day.isoformat()},
                          page=_page(day), follow_redirects=True).get_data(as_text=True)
    assert 'data-serving="1"' in called and "Đang phục vụ số 1" in called
    again = officer.post("/console/appointments/call-next", {"day": day.isoformat()},
                         page=_page(day), follow_redirects=True).get_data(as_text=True)
    assert "Không còn số thứ tự nào đã xác nhận đang chờ." in again


def test_viewer_sees_without_acting_and_other_units_see_nothing(console, ctx, world):
    item = _book(world, "app-c3", "Lê Văn Cường")
    viewer = console("viewer")
    html = viewer.get(_page(item.day)).get_data(as_text=True)
    assert "Lê Văn Cường" in html and "Bạn chỉ được xem lịch hẹn." in html
    assert "/approve" not in html
    refused = viewer.post(f"/console/appointments/{item.id}/approve",
                          {"day": item.day.isoformat()}, page=_page(item.day),
                          follow_redirects=True)
    assert "Chỉ cán bộ, lãnh đạo của xã, phường" in refused.get_data(as_text=True)
    other = console("kl_officer")
    assert "Lê Văn Cường" not in other.get(_page(item.day)).get_data(as_text=True)
    response = other.post(f"/console/appointments/{item.id}/approve",
                          {"day": item.day.isoformat()}, page=_page(item.day))
    assert response.status_code == 404
    assert db.session.get(Appointment, item.id).status == "pending"


def test_the_page_needs_a_signed_in_user_and_a_csrf_token(console, client, ctx, world):
    assert client.get("/console/appointments").status_code == 302
    item = _book(world, "app-c4", "Phạm Thị Dung")
    officer = console("officer")
    response = officer.client.post(f"/console/appointments/{item.id}/approve", data={})
    assert response.status_code == 400
    assert db.session.get(Appointment, item.id).status == "pending"
