"""What privacy/ knows of the records holding citizens' personal data: only what the domains
owning them register, on the app (``app.extensions["privacy"]``), in their ``init_app``.

privacy/ imports none of those domains. A domain registers:

- a :class:`ContactRule` per model whose contact data staff may be shown (who may see it,
  whether a record holds any, which log rows a leader reviews): :func:`access_log.contact_view`
  checks and logs through it;
- the :class:`Items` whose personal data rights requests are about (feedback items: the
  table ``privacy_requests`` names them), which also erase their expired contact data in
  each retention run;
- retention hooks (``hook(cutoff) -> count``) and deletion hooks
  (``hook(identity, at) -> count``) for the other records of a person (consultation
  comments).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa
from flask import Flask, current_app

from core import outbox
from directory.models import StaffUser
from privacy.erasure import Erasure, Identity


@dataclass(frozen=True)
class ContactRule:
    """How the contact data of one model's records is shown to staff."""

    model: type
    column: str  # the ``contact_access_log`` column naming such a record
    may_see: Callable[[StaffUser], bool]  # the role rule
    visible: Callable[[Any], bool]  # whether a record holds contact data that may be shown
    review_scope: Callable[[StaffUser], sa.ColumnElement[bool]]  # log rows a leader reviews


class DataSubject(Protocol):
    """A record rights requests are about (a feedback item), as privacy/ reads it."""

    id: int
    unit_code: str
    tracking_code: str
    personal_data_erased_at: datetime | None
    contact_restricted_at: datetime | None


class Items(Protocol):
    """The domain holding the records rights requests are about (feedback)."""

    outbox_subject: str  # ``Delivery.subject_type`` of messages about a record

    def scope(self, user: StaffUser) -> sa.ColumnElement[bool]:
        """Condition on the record's table (joined) selecting those ``user`` may see."""

    def get_scoped(self, subject_id: int, user: StaffUser) -> DataSubject:
        """A record in the user's scope, or 404."""

    def owned(self, raw_code: str, token: str | None, code: str | None) -> DataSubject:
        """The record whose citizen proved ownership in the current request, or 404."""

    def lock(self, subject_id: int) -> DataSubject:
        """The record, locked for the rest of the transaction."""

    def keep_within_reach(self, subject: DataSubject) -> str | None:
        """A secret keeping the record within the citizen's reach once their contact data
        goes (``None`` if they already have one)."""

    def correct(self, subject: DataSubject, values: dict[str, str]) -> None:
        """Replace contact values (name, phone, email)."""

    def restrict(self, subject: DataSubject, at: datetime) -> Erasure:
        """Keep the contact data but neither show nor use it."""

    def withdraw(self, subject: DataSubject, at: datetime) -> Erasure:
        """Consent withdrawn: erase the contact data given under it."""

    def delete(self, subject: DataSubject, at: datetime,
               redact_photos: bool) -> tuple[Erasure, Identity]:
        """Erase identity and contact data; returns what went and whose it was."""

    def event(self, subject: DataSubject, at: datetime, note: str,
              actor_id: int | None = None) -> None:
        """An internal timeline line on the record (no personal data)."""

    def personal_data(self, subject: DataSubject) -> dict[str, Any]:
        """Everything held about the citizen through the record (access and export)."""

    def citizen_routes(self, subject: DataSubject) -> list[outbox.Route]:
        """Where the citizen is told about their requests."""

    def erase_expired(self, cutoff: datetime, note: str,
                      limit: int | None) -> Iterator[list[int]]:
        """Erase the contact data of records ended before ``cutoff`` (flush only), yielding
        the ids of each batch; the retention run commits between batches."""


@dataclass
class Registry:
    """The personal-data holders of one app."""

    contacts: dict[type, ContactRule] = field(default_factory=dict)
    items: Items | None = None
    retention_hooks: list[Callable[[datetime], int]] = field(default_factory=list)
    deletion_hooks: list[Callable[[Identity, datetime], int]] = field(default_factory=list)


def registry(app: Flask | None = None) -> Registry:
    """The registry of ``app`` (the current app by default)."""
    app = app or current_app
    return app.extensions.setdefault("privacy", Registry())


def register_contact(app: Flask, rule: ContactRule) -> None:
    """Show and log the contact data of ``rule.model``'s records under ``rule``."""
    registry(app).contacts[rule.model] = rule


def register_items(app: Flask, items: Items) -> None:
    """Name the records rights requests (and the retention of their contact data) are about."""
    registry(app).items = items


def items() -> Items:
    """The registered records of rights requests."""
    registered = registry().items
    if registered is None:
        raise RuntimeError("no domain registered the subjects of rights requests")
    return registered
