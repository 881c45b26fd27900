"""Commenters' personal data (name, phone, e-mail, Zalo ids) under the rules of feedback
contact data (privacy/, docs/privacy.md):

- viewers never see it; every time other staff are shown it, one row in the contact-access
  log, written by ``privacy.access_log.contact_view`` under the rule registered here
  (leaders review those rows with the feedback ones);
- retention erases it ``PRIVACY_CONTACT_RETENTION_DAYS`` after the consultation closed;
- a citizen's deletion request (rights requests are made about a feedback item) also erases
  it from every comment given with the same phone, e-mail or Zalo id; a leader erases it
  from a comment (and the same person's other comments) on a request made in person.

Erasing keeps the comment (its text, masked where it named the person, its section, tags,
answer) and drops what identifies or reaches the person: contact fields, Zalo ids, pending
summary messages to them, the recipient of those already sent.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Flask

from consultations.access import scope_clause
from consultations.models import Consultation, ConsultationComment
from core import clock
from core.db import db, flush, unit_of_work
from core.models import Delivery
from directory import scope
from directory.models import StaffUser
from privacy import retention, rights_requests
from privacy.erasure import Identity, forget_recipient, forget_zalo_keys
from privacy.masking import mask_contact_patterns, mask_values
from privacy.models import ContactAccess
from privacy.subjects import ContactRule, register_contact

BATCH = 200


def contact_visible(row: ConsultationComment) -> bool:
    """Whether the comment holds contact data staff may be shown (not anonymous, not
    erased)."""
    return (not row.is_anonymous and row.personal_data_erased_at is None
            and any((row.author_name, row.author_phone, row.author_email)))


def may_see_contact(user: StaffUser) -> bool:
    """Staff who write and moderate see commenters' contact data; viewers not."""
    return user.role in scope.WRITING_ROLES


def access_scope(user: StaffUser) -> sa.ColumnElement[bool]:
    """Log rows about comments on consultations in the reviewer's scope."""
    return ContactAccess.consultation_comment_id.in_(
        sa.select(ConsultationComment.id)
        .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
        .where(scope_clause(user)))


# --- erasure ------------------------------------------------------------------------------------
def _phone_forms(phone: str) -> list[str]:
    national = phone[3:] if phone.startswith("+84") else phone.lstrip("+")
    return [phone, phone.lstrip("+"), "0" + national, national]


def _values(row: ConsultationComment) -> list[str]:
    values = [v for v in (row.author_name, row.author_email, row.zalo_user_id,
                          row.zalo_app_user_id) if v]
    if row.author_phone:
        values += _phone_forms(row.author_phone)
    return sorted(set(values), key=len, reverse=True)


def _has_identity() -> sa.ColumnElement[bool]:
    c = ConsultationComment
    return sa.or_(c.author_name.is_not(None), c.author_phone.is_not(None),
                  c.author_email.is_not(None), c.zalo_user_id.is_not(None),
                  c.zalo_app_user_id.is_not(None))


def erase(row: ConsultationComment, at: datetime) -> None:
    """Remove the commenter's identity and contact data from one comment (flush only)."""
    values = _values(row)

    def scrub(text: str) -> str:
        return mask_contact_patterns(mask_values(text, values))

    row.body, row.public_body = scrub(row.body), scrub(row.public_body)
    recipients = [v for v in (row.author_phone, row.author_email, row.zalo_user_id) if v]
    if recipients:
        forget_recipient(db.session.scalars(sa.select(Delivery).where(
            Delivery.subject_type == "consultation",
            Delivery.subject_id == row.consultation_id,
            Delivery.recipient.in_(recipients))))
    if row.zalo_user_id:
        forget_zalo_keys(row.zalo_user_id)
    row.author_name = row.author_phone = row.author_email = None
    row.zalo_user_id = row.zalo_app_user_id = None
    row.personal_data_erased_at = at


def erase_expired(cutoff: datetime) -> int:
    """Retention hook: erase commenters' contact data of consultations closed before
    ``cutoff``; each batch is a unit of work of its own. Returns how many comments were
    erased."""
    erased = 0
    while True:
        with unit_of_work():
            rows = list(db.session.scalars(
                sa.select(ConsultationComment)
                .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
                .where(Consultation.closes_at < cutoff, _has_identity())
                .order_by(ConsultationComment.id).limit(BATCH)
                .with_for_update(of=ConsultationComment, skip_locked=True)))
            if not rows:
                return erased
            moment = clock.now()
            for row in rows:
                erase(row, moment)
            erased += len(rows)


def _matching(identity: Identity) -> sa.ColumnElement[bool]:
    c = ConsultationComment
    conditions = []
    if identity.phones:
        conditions.append(c.author_phone.in_(identity.phones))
    if identity.emails:
        conditions.append(sa.func.lower(c.author_email).in_(identity.emails))
    if identity.zalo_ids:
        conditions += [c.zalo_user_id.in_(identity.zalo_ids),
                       c.zalo_app_user_id.in_(identity.zalo_ids)]
    return sa.or_(*conditions) if conditions else sa.false()


def erase_matching(identity: Identity, at: datetime) -> int:
    """Deletion-request hook: erase the person's contact data from every comment given with
    one of their phone, e-mail or Zalo id (flush only). Returns how many."""
    rows = list(db.session.scalars(sa.select(ConsultationComment).where(
        _matching(identity), ConsultationComment.personal_data_erased_at.is_(None))))
    for row in rows:
        erase(row, at)
    return len(rows)


def erase_on_request(comment_id: int, actor: StaffUser) -> int:
    """A commenter asked a leader in person (identity checked) to delete their data: erase
    it from this comment and from their other comments (same phone, e-mail or Zalo id).
    Returns how many comments were erased."""
    from consultations.service import get_comment

    rights_requests.require_handler(actor)
    _, row = get_comment(comment_id, actor, for_update=True)
    identity = Identity(phones=tuple(v for v in (row.author_phone,) if v),
                        emails=tuple(v.lower() for v in (row.author_email,) if v),
                        zalo_ids=tuple(v for v in (row.zalo_user_id, row.zalo_app_user_id)
                                       if v))
    moment = clock.now()
    count = erase_matching(identity, moment)
    if row.personal_data_erased_at is None:
        erase(row, moment)
        count += 1
    flush()
    return count


def init_app(app: Flask) -> None:
    """Join the contact-access log, retention and deletion requests of privacy/."""
    register_contact(app, ContactRule(
        model=ConsultationComment, column="consultation_comment_id",
        may_see=may_see_contact, visible=contact_visible, review_scope=access_scope))
    retention.register(app, erase_expired)
    rights_requests.on_deletion(app, erase_matching)
