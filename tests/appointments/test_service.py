"""Appointments: queue numbers per unit and day, the days a citizen may book, what the
citizen sees after a refusal, and where they are told."""

from __future__ import annotations

from datetime import timedelta

import pytest

from appointments import service
from core import outbox
from core.db import db
from core.errors import Conflict, UserValueError
from directory.models import StaffUser
from tests.integrations.zalo.egov.conftest import next_working_day


def _citizen(n: int, **kw) -> service.Citizen:
    return service.Citizen(f"app-s{n}", **kw)


def test_numbers_count_per_unit_and_day(ctx, world):
    day = next_working_day()
    later = next_working_day(after_days=(day - service.local_today()).days + 1)
    numbers = [service.book(world.commune, day, "An", "0912345678", "Việc", _citizen(n)).number
               for n in range(3)]
    assert numbers == [1, 2, 3]
    assert service.book(world.commune, later, "An", "0912345678", "Việc",
                        _citizen(9)).number == 1
    assert service.book(world.other_commune, day, "An", "0912345678", "Việc",
                        _citizen(10)).number == 1


def test_a_full_day_and_days_out_of_range_are_refused(ctx, world, app):
    day = next_working_day()
    app.config["APPOINTMENTS_PER_DAY"] = 1
    try:
        service.book(world.commune, day, "An", "0912345678", "Việc", _citizen(20))
        with pytest.raises(Conflict, match="hết số thứ tự"):
            service.book(world.commune, day, "Bình", "0912345678", "Việc", _citizen(21))
    finally:
        app.config["APPOINTMENTS_PER_DAY"] = 200
    far = service.local_today() + timedelta(days=400)
    with pytest.raises(UserValueError, match="tối đa 30 ngày"):
        service.book(world.commune, far, "An", "0912345678", "Việc", _citizen(22))
    with pytest.raises(UserValueError, match="Số điện thoại"):
        service.book(world.commune, day, "An", "12", "Việc", _citizen(23))
    with pytest.raises(UserValueError, match="xã, phường"):
        service.book(world.province, day, "An", "0912345678", "Việc", _citizen(24))


def test_a_refusal_is_shown_the_day_it_is_made_then_the_citizen_may_book_again(ctx, world,
                                                                              monkeypatch):
    day = next_working_day()
    item = service.book(world.commune, day, "An", "0912345678", "Việc", _citizen(30))
    officer = db.session.get(StaffUser, world.staff_ids["officer"])
    service.reject(item.id, officer, "Sai thủ tục")
    assert service.current_for(world.commune, "app-s30").id == item.id
    tomorrow = service.local_today() + timedelta(days=1)
    monkeypatch.setattr(service, "local_today", lambda: tomorrow)
    assert service.current_for(world.commune, "app-s30") is None


def test_citizens_are_told_in_the_oa_then_by_zns_and_sms_to_the_verified_phone(ctx, world,
                                                                               app):
    day = next_working_day()
    both = service.book(world.commune, day, "An", "0905000111", "Việc",
                        _citizen(40, zalo_user_id="oa-40", verified_phone="+84912000444"))
    phone_only = service.book(world.commune, day, "An", "0905000111", "Việc",
                              _citizen(41, verified_phone="+84912000555"))
    typed_only = service.book(world.commune, day, "An", "0905000111", "Việc", _citizen(42))
    for channel in ("zalo", "zns", "sms"):
        outbox.register_sender(app, channel, lambda d: outbox.SendResult("sent"))
    try:
        assert [(r.channel, r.recipient) for r in service.routes_of(both)] == [
            ("zalo", "oa-40"), ("zns", "+84912000444"), ("sms", "+84912000444")]
        assert [r.channel for r in service.routes_of(phone_only)] == ["zns", "sms"]
        assert service.routes_of(typed_only) == []  # the typed number is never a route
    finally:
        for channel in ("zalo", "zns", "sms"):
            outbox.unregister_sender(app, channel)
