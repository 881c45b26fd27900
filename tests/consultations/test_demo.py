"""`flask demo load` opens a demo consultation, announced through the notices workflow."""

import pytest
import sqlalchemy as sa

from consultations import service
from consultations.models import Consultation, ConsultationComment
from core.db import db
from tests.conftest import make_app


@pytest.mark.no_db_transaction
def test_demo_consultation_is_open_with_comments(tmp_path_factory):
    app = make_app(tmp_path_factory, "_consult_demo")
    runner = app.test_cli_runner()
    for _ in range(2):  # twice is safe
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        [item] = db.session.scalars(sa.select(Consultation)).all()
        assert service.status_of(item) == "open" and item.announced_at is not None
        assert len(item.sections) == 3
        assert db.session.scalar(sa.select(sa.func.count()).select_from(
            ConsultationComment)) == 3
        db.session.remove()
    response = app.test_client().get(f"/api/v1/units/{item.unit_code}/consultations")
    assert [c["comment_count"] for c in response.json["items"]] == [3]
