"""`make run` loads demo data; running it twice is safe."""

import re

import pytest
import sqlalchemy as sa

from core.db import db
from directory.models import AdminUnit, StaffUser
from feedback.models import Feedback
from tests.conftest import make_app


@pytest.mark.no_db_transaction
def test_demo_load_twice(tmp_path_factory):
    app = make_app(tmp_path_factory, "_demo")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "tài khoản canbo" in first.output
    # The console takes the printed one-time password and asks for a new one.
    from tests.console.conftest import csrf_from

    password = re.search(r"tài khoản lanhdao .*mật khẩu dùng một lần (\S+),",
                         first.output).group(1)
    client = app.test_client()
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    signed_in = client.post("/console/login", data={"csrf_token": token, "username": "lanhdao",
                                                    "password": password})
    assert signed_in.status_code == 303
    assert "/console/password" in client.get(signed_in.location).location
    with app.app_context():
        counts = [db.session.scalar(sa.select(sa.func.count()).select_from(m))
                  for m in (AdminUnit, StaffUser, Feedback)]
        statuses = set(db.session.scalars(sa.select(Feedback.status)))
    assert counts[0] == 41 and counts[1] >= 5 and counts[2] >= 6
    assert {"received", "accepted", "in_progress", "answered", "closed"} <= statuses
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        again = [db.session.scalar(sa.select(sa.func.count()).select_from(m))
                 for m in (AdminUnit, StaffUser, Feedback)]
        db.session.remove()
    assert again == counts
