"""Helpers of the false-information tests: the commune's culture office and its officer, and
small drivers for the citizen and staff APIs."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import directory
from core.db import db
from directory import auth
from factcheck.models import FactcheckCase, MisinformationReport
from tests.conftest import PASSWORD

CONSENT = {"purpose": "Báo kết quả xác minh", "policy_version": "2026-01"}


@pytest.fixture
def culture(world, ctx):
    """Phú Xuân's "Phòng Văn hóa - Xã hội" and an officer of it (token ``vanhoa``)."""
    office = directory.create_office(world.commune, "Phòng Văn hóa - Xã hội")
    user = auth.create_staff("vanhoa", "officer", world.commune, office.id)
    auth.set_password(user, PASSWORD)
    token = auth.issue_token(user)
    return {"office": office, "user": user, "headers": {"Authorization": f"Bearer {token}"}}


@pytest.fixture
def report(client, world):
    """``report(**fields)`` posts a JSON report and returns the response."""

    def _report(expect: int | None = 201, headers=None, **overrides):
        body = {"unit_code": world.commune, "channel": "widget"}
        body.update(overrides)
        body = {k: v for k, v in body.items() if v is not None}
        response = client.post("/api/v1/misinformation-reports", json=body,
                               headers=headers or {})
        if expect is not None:
            assert response.status_code == expect, response.json
        return response

    return _report


def case_of(code: str) -> FactcheckCase:
    """The case of a report, by its tracking code (``ABCD-EFGH``)."""
    row = db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.tracking_code == code.replace("-", "")))
    db.session.refresh(row.case)
    return row.case


def report_of(code: str) -> MisinformationReport:
    """A report by its tracking code."""
    return db.session.scalar(sa.select(MisinformationReport).where(
        MisinformationReport.tracking_code == code.replace("-", "")))
