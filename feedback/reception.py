"""Feedback received by staff ("Tiếp nhận phản ánh"): a call, a visit to the office or a
letter, entered in the console or through the staff API.

The item is written by the same intake as every channel (``service.submit``) on channel
``staff``. The caller's consent to the processing of their contact data is the one read to
them by the officer (the privacy notice in force), recorded as given verbally with the
officer and the way it was received as its evidence; the item's first event names the
receiving officer. Staff receive feedback for the units they may write for (their commune;
a province administrator, the province's communes).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import directory
from core import messages as core_messages
from core.db import db
from core.errors import NotFound, UserValueError
from directory import scope
from directory.models import StaffUser
from feedback import messages, service
from feedback.access import ACTING_ROLES
from feedback.models import Feedback, FeedbackEvent
from privacy import notice

# How the feedback reached the officer.
RECEIVED_VIA = ("phone", "in_person", "paper")


def receive(data: dict[str, Any], officer: StaffUser) -> tuple[int, dict[str, Any]]:
    """Enter feedback received by ``officer`` (validated by ``StaffFeedbackInSchema``);
    returns (HTTP status, answer), the answer as a citizen's submission gets it plus the
    item's ``id``."""
    scope.require_role(officer, ACTING_ROLES, messages.READ_ONLY_ROLE)
    unit_code = data.get("unit_code") or officer.unit_code
    try:
        unit = directory.get_unit(unit_code)
    except NotFound:
        raise UserValueError(core_messages.UNIT_NOT_FOUND,
                             {"unit_code": [core_messages.UNIT_NOT_FOUND]}) from None
    scope.require_writer(officer, unit, messages.READ_ONLY_ROLE, messages.RECEIVE_NOT_YOUR_UNIT)
    via = data["received_via"]
    submission = {k: v for k, v in data.items()
                  if k not in ("received_via", "consent_given", "unit_code")}
    submission["unit_code"] = unit.code
    submission["anonymous"] = not data.get("reporter")
    if data.get("reporter"):
        submission["consent"] = {
            "purpose": messages.STAFF_CONSENT_PURPOSE,
            "policy_version": notice.current_version(),
            "text": messages.STAFF_CONSENT_TEXT,
            "evidence": {"source": "verbal", "received_via": via, "officer_id": officer.id},
        }
    created: dict[str, int] = {}

    def name_the_officer(item: Feedback) -> None:
        created["id"] = item.id
        db.session.execute(sa.update(FeedbackEvent).where(
            FeedbackEvent.feedback_id == item.id, FeedbackEvent.kind == "created").values(
            actor_id=officer.id, actor_label="staff",
            note=messages.RECEIVED_VIA_LABELS[via]))

    status, answer = service.submit(submission, channel="staff", on_created=name_the_officer)
    return status, {**answer, "id": created["id"]}
