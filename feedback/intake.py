"""Writing a new item's rows: the item, its consent record, its first event and its receipt
in the outbox, all in the caller's transaction.

Intake is the busiest write path, so the rows go in without the ORM's unit of work, through
statements built once (values are parameters):

- on PostgreSQL, one statement: data-modifying CTEs insert the four rows, each taking the
  ids it needs from the one before (one round trip and one plan instead of four). A clash
  of the random tracking code or public id inserts nothing (``ON CONFLICT DO NOTHING``)
  and raises :class:`CodeTaken` with the transaction intact, so the caller may try again
  with new codes without a savepoint;
- elsewhere (SQLite, which has no INSERT in a CTE), one Core ``INSERT ... RETURNING`` per row.

Both write the same rows; the suite runs on both databases. ``bench/feedback.py`` measures
the result against a bare endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from core import outbox
from core.db import db
from core.models import Delivery
from feedback.models import Feedback, FeedbackEvent
from privacy import consent as privacy_consent
from privacy.models import ConsentRecord

ITEM_COLUMNS = (
    "tracking_code", "public_id", "channel", "unit_code", "category_id", "office_id", "title",
    "description", "search_text", "lat", "lng", "address", "reporter_name", "reporter_phone",
    "reporter_email", "zalo_user_id", "zalo_app_user_id", "is_anonymous", "lookup_token_hash",
    "consent", "notify_routes", "priority", "status", "is_overdue", "due_at", "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class CitizenMessage:
    """A message to the citizen about their item (the receipt, at intake), on their routes
    in order of preference."""

    routes: list[outbox.Route]
    kind: str
    payload: dict[str, Any]

    @property
    def channel(self) -> str:
        """The channel tried first."""
        return self.routes[0].channel

    @property
    def recipient(self) -> str:
        """The address on the first channel."""
        return self.routes[0].recipient

    @property
    def fallbacks(self) -> list[dict[str, str]] | None:
        """The other routes, as ``Delivery.routes`` keeps them."""
        return [route.as_json() for route in self.routes[1:]] or None


class CodeTaken(Exception):
    """The random tracking code or public id already exists (about once in a million
    submissions): nothing was written; the caller tries again with new codes."""


def message_key(item_id: int, event_id: int, channel: str) -> str:
    """The outbox key of a message to the citizen about an event of their item (one per
    event and channel; the PostgreSQL statement below builds the same text)."""
    return f"feedback:{item_id}:event:{event_id}:{channel}"


def write(values: dict[str, Any], consent: dict[str, Any] | None, received: datetime,
          receipt: CitizenMessage | None) -> int:
    """Insert the item (``values`` holds every column of ITEM_COLUMNS), its consent record
    (``consent`` is the summary kept on the item), its ``created`` event and its receipt;
    returns the item's id. The receipt is handed to its sender after the commit.

    On PostgreSQL a clash of the item's codes raises :class:`CodeTaken` having written
    nothing and failed no statement (see :func:`clash_keeps_transaction`); elsewhere it
    raises the database's ``IntegrityError``."""
    if clash_keeps_transaction():
        item_id, delivery_id = _write_in_one_statement(values, consent, received, receipt)
    else:
        item_id, delivery_id = _write_row_by_row(values, consent, received, receipt)
    if receipt is not None:
        outbox.dispatch_after_commit(delivery_id)
    return item_id


def clash_keeps_transaction() -> bool:
    """Whether :func:`write` reports a clash of the item's codes as :class:`CodeTaken`
    without failing a statement (PostgreSQL): the transaction stays usable, so a retry needs
    no savepoint when nothing was written before the item."""
    return db.session.get_bind().dialect.name == "postgresql"


# --- SQLite (and any database without data-modifying CTEs) ------------------------------------
_ITEMS = Feedback.__table__
_EVENTS = FeedbackEvent.__table__
_INSERT_ITEM = _ITEMS.insert().returning(_ITEMS.c.id)
_INSERT_EVENT = _EVENTS.insert().returning(_EVENTS.c.id)


def _write_row_by_row(values, consent, received, receipt) -> tuple[int, int | None]:
    row = dict(values)
    for name in ("consent", "notify_routes"):
        if row[name] is None:
            del row[name]  # SQL NULL, not JSON null
    item_id = db.session.execute(_INSERT_ITEM, row).scalar_one()
    if consent:
        privacy_consent.record(consent, received, feedback_id=item_id)
    event_id = db.session.execute(_INSERT_EVENT, dict(
        feedback_id=item_id, kind="created", actor_label="citizen", to_status="received",
        to_office_id=values["office_id"], is_public=True, created_at=received)).scalar_one()
    delivery_id = None
    if receipt is not None:
        delivery_id = outbox.insert(receipt.routes, None, receipt.kind, receipt.payload,
                                    message_key(item_id, event_id, receipt.channel),
                                    ("feedback", item_id))
    return item_id, delivery_id


# --- PostgreSQL: one statement ----------------------------------------------------------------
def _param(name: str, column: sa.Column) -> sa.BindParameter:
    return sa.bindparam(name, type_=column.type)


def _constant(value: str | int) -> sa.ColumnElement:
    """A constant written into the statement's text rather than sent as a parameter: the
    statement keeps to at most 50 parameters, under which psycopg caches its conversion of
    the query (else it re-parses the 3,000 characters on every submission)."""
    return sa.literal_column(repr(value) if isinstance(value, int) else f"'{value}'")


def _build_postgresql_statement() -> sa.Select:
    items, consents = Feedback.__table__, ConsentRecord.__table__
    events, deliveries = FeedbackEvent.__table__, Delivery.__table__
    item_values = {name: _param(f"f_{name}", items.c[name]) for name in ITEM_COLUMNS}
    item_values["consent"] = sa.bindparam("f_consent", type_=sa.JSON(none_as_null=True))
    item_values["notify_routes"] = sa.bindparam("f_notify_routes",
                                                type_=sa.JSON(none_as_null=True))
    # The only unique keys a new item can clash on are its random codes (the id comes from
    # the sequence): a clash inserts no item, and so none of the rows below, which all
    # take its id.
    new_item = postgresql.insert(items).values(item_values).on_conflict_do_nothing() \
        .returning(items.c.id).cte("new_item")

    consent_columns = ("channel", "purpose", "policy_version", "policy_owner", "text",
                       "data_types", "evidence", "given_at")
    new_consent = consents.insert().from_select(
        ["feedback_id", *consent_columns],
        sa.select(new_item.c.id, *(_param(f"c_{name}", consents.c[name])
                                   for name in consent_columns))
        .where(sa.bindparam("with_consent", type_=sa.Boolean())),
    ).cte("new_consent")

    new_event = events.insert().from_select(
        ["feedback_id", "kind", "actor_label", "to_status", "to_office_id", "is_public",
         "created_at"],
        sa.select(new_item.c.id, _constant("created"), _constant("citizen"),
                  _constant("received"), _param("f_office_id", items.c.office_id),
                  sa.true(), _param("f_created_at", items.c.created_at)),
    ).returning(events.c.id, events.c.feedback_id).cte("new_event")

    channel = _param("d_channel", deliveries.c.channel)
    key = (_constant("feedback:") + sa.cast(new_event.c.feedback_id, sa.String)
           + _constant(":event:") + sa.cast(new_event.c.id, sa.String) + _constant(":")
           + channel)
    new_delivery = deliveries.insert().from_select(
        ["channel", "recipient", "kind", "payload", "idempotency_key", "subject_type",
         "subject_id", "status", "attempts", "next_attempt_at", "created_at", "routes"],
        sa.select(channel, _param("d_recipient", deliveries.c.recipient),
                  _param("d_kind", deliveries.c.kind), _param("d_payload", deliveries.c.payload),
                  key, _constant("feedback"), new_event.c.feedback_id, _constant("pending"),
                  _constant(0), _param("f_created_at", deliveries.c.next_attempt_at),
                  _param("f_created_at", deliveries.c.created_at),
                  sa.bindparam("d_routes", type_=sa.JSON(none_as_null=True)))
        .where(sa.bindparam("with_receipt", type_=sa.Boolean())),
    ).returning(deliveries.c.id).cte("new_delivery")

    # A data-modifying CTE always runs to completion; add_cte renders the consent's, which
    # nothing selects from.
    return sa.select(new_item.c.id, sa.select(new_delivery.c.id).scalar_subquery()) \
        .add_cte(new_consent)


_POSTGRESQL_STATEMENT = _build_postgresql_statement()


def _write_in_one_statement(values, consent, received, receipt) -> tuple[int, int | None]:
    params = postgresql_params(values, consent, received, receipt)
    row = db.session.execute(_POSTGRESQL_STATEMENT, params).first()
    if row is None:  # the item's codes clashed: nothing was inserted
        raise CodeTaken
    item_id, delivery_id = row
    return item_id, delivery_id


def postgresql_params(values, consent, received, receipt) -> dict[str, Any]:
    """The parameters of the PostgreSQL statement for :func:`write`'s arguments."""
    params = {f"f_{name}": values[name] for name in ITEM_COLUMNS}
    params["with_consent"] = consent is not None
    kept = consent or {}
    params.update(
        c_channel=kept.get("channel"), c_purpose=kept.get("purpose"),
        c_policy_version=kept.get("policy_version"), c_policy_owner=kept.get("policy_owner"),
        c_text=kept.get("text"), c_data_types=kept.get("data"), c_evidence=kept.get("evidence"),
        c_given_at=received)
    params["with_receipt"] = receipt is not None
    params.update(d_channel=receipt.channel if receipt else "",
                  d_recipient=receipt.recipient if receipt else None,
                  d_kind=receipt.kind if receipt else None,
                  d_payload=receipt.payload if receipt else None,
                  d_routes=receipt.fallbacks if receipt else None)
    return params
