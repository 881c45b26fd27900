"""One owner of every transaction: ``core.db``'s unit of work.

The source is scanned so that committing and rolling back stay in ``core/db.py`` (helpers and
services flush; requests, jobs and CLI commands open units of work), and the behaviour is
checked: an error in a request, a job or a command leaves nothing of it saved, and the
after-commit side effects (the outbox's dispatch) happen only when the unit commits.
"""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import directory.service
import feedback.deadlines
import feedback.service
from core import clock, outbox
from core.cli import register_demo_loader
from core.db import (
    after_commit,
    after_rollback,
    db,
    independent_unit_of_work,
    savepoint,
    unit_of_work,
    write_even_on_rollback,
)
from core.models import Delivery
from directory.models import Category, Office, StaffUser
from feedback.models import Feedback
from privacy.access_log import contact_view
from privacy.models import ContactAccess

ROOT = Path(__file__).resolve().parent.parent
# Where transactions may end: the unit of work itself, and code that is not the application.
ALLOWED = {"core/db.py"}
NOT_APPLICATION = ("tests/", "migrations/", "bench/", ".venv/", "instance/")
TRANSACTION_ENDS = {"commit", "rollback", "begin_nested"}


def _application_sources() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py")
                  if not str(path.relative_to(ROOT)).startswith(NOT_APPLICATION)
                  and not any(part.startswith(".") for part in path.relative_to(ROOT).parts))


def _transaction_ends(path: Path, root: Path = ROOT) -> list[str]:
    """Calls named commit, rollback or begin_nested (``x.commit()``, ``commit()``) and
    imports of those names from ``core.db``, as ``path:line what``."""
    where = path.relative_to(root)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            name = (func.attr if isinstance(func, ast.Attribute)
                    else func.id if isinstance(func, ast.Name) else None)
            if name in TRANSACTION_ENDS:
                found.append(f"{where}:{node.lineno} {name}()")
        elif isinstance(node, ast.ImportFrom) and node.module == "core.db":
            found += [f"{where}:{node.lineno} imports {alias.name}"
                      for alias in node.names if alias.name in TRANSACTION_ENDS]
    return sorted(found)


def test_only_the_unit_of_work_commits_or_rolls_back():
    sources = _application_sources()
    assert len(sources) > 100  # the scan sees the application
    offenders = [hit for path in sources if str(path.relative_to(ROOT)) not in ALLOWED
                 for hit in _transaction_ends(path)]
    assert offenders == [], "commit, roll back or savepoint through core.db (unit_of_work, " \
                            "savepoint, flush): " + ", ".join(offenders)


def test_the_scan_sees_commits_rollbacks_and_their_imports(tmp_path):
    source = tmp_path / "service.py"
    source.write_text("from core.db import commit, db, rollback\n\n\n"
                      "def save():\n    db.session.commit()\n    rollback()\n"
                      "    with db.session.begin_nested():\n        pass\n")
    assert _transaction_ends(source, tmp_path) == [
        "service.py:1 imports commit", "service.py:1 imports rollback",
        "service.py:5 commit()", "service.py:6 rollback()", "service.py:7 begin_nested()"]


# --- requests -------------------------------------------------------------------------------
def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_an_error_in_a_request_leaves_nothing_of_it_saved(app, client, staff_headers, world,
                                                          monkeypatch):
    monkeypatch.setitem(app.config, "TESTING_CATCH_ERRORS", True)

    def fail() -> None:  # after the office was written and flushed
        raise RuntimeError("fails after the write")

    monkeypatch.setattr(directory.service, "clear_cache", fail)
    answer = client.post("/api/v1/staff/offices", headers=staff_headers("leader"),
                         json={"unit_code": world.commune, "name": "Văn phòng thử nghiệm"})
    assert answer.status_code == 500
    with app.app_context():
        assert _count(Office, Office.name == "Văn phòng thử nghiệm") == 0


def test_a_request_that_succeeds_is_saved(app, client, staff_headers, world):
    answer = client.post("/api/v1/staff/offices", headers=staff_headers("leader"),
                         json={"unit_code": world.commune, "name": "Văn phòng thử nghiệm"})
    assert answer.status_code == 201
    with app.app_context():
        assert _count(Office, Office.name == "Văn phòng thử nghiệm") == 1


def test_a_failed_submission_keeps_no_item_and_sends_no_receipt(app, submit, monkeypatch):
    enqueued: list[int] = []
    monkeypatch.setattr(outbox, "enqueue", enqueued.append)
    monkeypatch.setitem(app.config, "TESTING_CATCH_ERRORS", True)
    with app.app_context():
        items, deliveries = _count(Feedback), _count(Delivery)

    def fail(_moment):  # after the item and its receipt were written
        raise RuntimeError("fails after the write")

    monkeypatch.setattr(feedback.service, "isoformat_local", fail)
    assert submit().status_code == 500
    with app.app_context():
        assert (_count(Feedback), _count(Delivery)) == (items, deliveries)
    assert enqueued == []

    monkeypatch.undo()
    monkeypatch.setattr(outbox, "enqueue", enqueued.append)
    assert submit().status_code == 201
    with app.app_context():
        assert _count(Feedback) == items + 1
        receipt = db.session.scalar(sa.select(Delivery.id).order_by(Delivery.id.desc()))
    assert enqueued == [receipt]  # dispatched once the unit committed


# --- the unit of work itself ----------------------------------------------------------------
def test_after_commit_runs_only_when_the_unit_commits(ctx):
    fired: list[str] = []
    with pytest.raises(RuntimeError), unit_of_work():
        after_commit(lambda: fired.append("rolled back"))
        raise RuntimeError
    with unit_of_work():
        after_commit(lambda: fired.append("committed"))
        assert fired == []  # not before the commit
    assert fired == ["committed"]


def test_an_outbox_delivery_of_a_rolled_back_unit_is_neither_kept_nor_dispatched(
        ctx, monkeypatch):
    enqueued: list[int] = []
    monkeypatch.setattr(outbox, "enqueue", enqueued.append)
    with pytest.raises(RuntimeError), unit_of_work():
        outbox.queue("sms", "+84912345678", "test", {"text": "Thử"}, key="uow:rolled-back")
        raise RuntimeError
    assert _count(Delivery, Delivery.idempotency_key == "uow:rolled-back") == 0
    assert enqueued == []


def test_a_nested_unit_is_part_of_the_outer_one(ctx):
    fired: list[str] = []
    with pytest.raises(RuntimeError), unit_of_work():
        with unit_of_work():
            db.session.add(Category(code="uow-inner", name="Trong"))
            after_commit(lambda: fired.append("inner"))
        assert fired == []  # the inner block did not commit
        raise RuntimeError
    assert _count(Category, Category.code == "uow-inner") == 0
    assert fired == []


def test_a_savepoint_undoes_its_part_and_its_callbacks(ctx):
    fired: list[str] = []
    undone: list[str] = []
    with unit_of_work():
        db.session.add(Category(code="uow-kept", name="Giữ"))
        with pytest.raises(RuntimeError), savepoint():
            db.session.add(Category(code="uow-undone", name="Bỏ"))
            after_commit(lambda: fired.append("undone part"))
            after_rollback(lambda: undone.append("file"))
            db.session.flush()
            raise RuntimeError
        assert undone == ["file"]
    assert _count(Category, Category.code == "uow-kept") == 1
    assert _count(Category, Category.code == "uow-undone") == 0
    assert fired == []


def test_after_rollback_runs_only_when_the_unit_rolls_back(ctx):
    undone: list[str] = []
    with unit_of_work():
        after_rollback(lambda: undone.append("committed"))
    with pytest.raises(RuntimeError), unit_of_work():
        after_rollback(lambda: undone.append("rolled back"))
        raise RuntimeError
    assert undone == ["rolled back"]


def test_a_write_kept_on_rollback_survives_the_unit(ctx, submit, world):
    assert submit().status_code == 201
    item = db.session.scalar(sa.select(Feedback).order_by(Feedback.id.desc()))
    leader = db.session.get(StaffUser, world.staff_ids["leader"])
    with pytest.raises(RuntimeError), unit_of_work():
        assert contact_view(leader, item, "api") == 1
        raise RuntimeError("the request fails after showing the contact data")
    assert _count(ContactAccess, ContactAccess.feedback_id == item.id) == 1
    with unit_of_work():
        write_even_on_rollback(lambda: contact_view(leader, item, "api"))
    assert _count(ContactAccess, ContactAccess.feedback_id == item.id) == 2  # once, not twice


def test_a_write_kept_on_rollback_survives_a_savepoint_then_the_unit(ctx):
    def write() -> None:
        db.session.add(Category(code="uow-kept-write", name="Giữ"))
        db.session.flush()

    with pytest.raises(RuntimeError, match="unit"), unit_of_work():
        with pytest.raises(RuntimeError, match="savepoint"), savepoint():
            write_even_on_rollback(write)
            raise RuntimeError("savepoint")
        assert _count(Category, Category.code == "uow-kept-write") == 1
        raise RuntimeError("unit")
    assert _count(Category, Category.code == "uow-kept-write") == 1


def test_an_independent_unit_refuses_to_run_inside_another(ctx):
    with unit_of_work(), pytest.raises(RuntimeError), independent_unit_of_work():
        pass  # pragma: no cover
    db.session.add(Category(code="uow-pending", name="Chưa lưu"))
    with pytest.raises(RuntimeError), independent_unit_of_work():
        pass  # pragma: no cover
    db.session.expunge_all()


# --- jobs and commands ----------------------------------------------------------------------
def test_a_failed_job_rolls_its_unit_back(app, submit, monkeypatch):
    assert submit().status_code == 201
    with app.app_context(), unit_of_work():
        item = db.session.scalar(sa.select(Feedback).order_by(Feedback.id.desc()))
        item.due_at = clock.now() - timedelta(days=1)
        item_id = item.id

    def fail(_item, _moment):  # after the item was flagged overdue
        raise RuntimeError("fails after the write")

    monkeypatch.setattr(feedback.deadlines, "_record", fail)
    result = app.extensions["celery"].tasks["feedback.mark_overdue"].apply()
    assert result.failed()
    with app.app_context():
        assert db.session.get(Feedback, item_id).is_overdue is False

    monkeypatch.undo()
    assert app.extensions["celery"].tasks["feedback.mark_overdue"].apply().get() == 1
    with app.app_context():
        assert db.session.get(Feedback, item_id).is_overdue is True


def test_a_failed_command_rolls_its_unit_back(app, runner, monkeypatch):
    monkeypatch.setitem(app.extensions, "demo_loaders", {})

    def write() -> None:
        db.session.add(Category(code="uow-demo", name="Mẫu"))
        db.session.flush()

    def fail() -> None:
        raise RuntimeError("the second loader fails")

    register_demo_loader(app, "write", write)
    register_demo_loader(app, "fail", fail)
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    with app.app_context():
        assert _count(Category, Category.code == "uow-demo") == 0
