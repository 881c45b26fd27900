"""The feedback state machine. Each action is one service call that writes one event.

received → accepted → assigned → in_progress → answered → closed, with refused (reason),
assign (to an officer of the office holding the item: an internal step the citizen is not
messaged about), transfer between offices (reason; becomes assigned; the citizen is told
which office has it now), progress notes, extension
requests decided by a leader, a request to the citizen for more information, reopened
(reason) after an answer, and merge: an open duplicate is closed into another item of the
same commune (the target gets an event too, and its answer reaches the duplicate's owner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

import directory
from core import messages as core_messages
from core.clock import now, to_local
from core.codes import display_code, normalise_tracking_code
from core.db import db, flush
from core.errors import Conflict, UserValueError
from directory.models import StaffUser
from feedback import messages, public_text
from feedback.access import get_scoped, require_action, scope_clause
from feedback.models import OPEN_STATUSES, Feedback, FeedbackEvent
from feedback.notify import notify_citizen

_WORKING = frozenset({"accepted", "assigned", "in_progress", "reopened"})


@dataclass(frozen=True)
class Action:
    """A workflow action: where it may start, where it leads, what it needs."""

    sources: frozenset[str]
    target: str | None = None  # None: the status does not change
    needs: tuple[str, ...] = ()


ACTIONS: dict[str, Action] = {
    "accept": Action(frozenset({"received"}), "accepted"),
    "refuse": Action(frozenset({"received", "accepted"}), "refused", ("reason",)),
    "assign": Action(frozenset({"accepted"}), "assigned"),
    "transfer": Action(_WORKING, "assigned", ("office_id", "reason")),
    "start": Action(frozenset({"assigned", "reopened"}), "in_progress"),
    "progress": Action(frozenset({"in_progress"}), None, ("note",)),
    "answer": Action(frozenset({"assigned", "in_progress", "reopened"}), "answered", ("answer",)),
    "close": Action(frozenset({"answered"}), "closed"),
    "reopen": Action(frozenset({"answered", "closed"}), "reopened", ("reason",)),
    "request_info": Action(_WORKING, None, ("note",)),
    "request_extension": Action(_WORKING, None, ("due_at", "reason")),
    "approve_extension": Action(_WORKING, None),
    "reject_extension": Action(_WORKING, None),
    "merge": Action(frozenset(OPEN_STATUSES), "closed", ("target_code",)),
}
_MISSING = {"reason": messages.REASON_REQUIRED, "answer": messages.ANSWER_REQUIRED,
            "note": messages.REASON_REQUIRED, "office_id": messages.REASON_REQUIRED,
            "due_at": messages.DUE_NOT_LATER, "target_code": messages.MERGE_TARGET_REQUIRED}


def check(item: Feedback, name: str, args: dict[str, Any]) -> Action:
    """Refuse an illegal transition or missing input with a clear error."""
    action = ACTIONS[name]
    if item.status not in action.sources:
        raise Conflict(messages.TRANSITION_NOT_ALLOWED.format(
            action=messages.ACTION_LABELS[name], status=messages.STATUS_LABELS[item.status]))
    missing = {f: [_MISSING[f]] for f in action.needs if not args.get(f)}
    if missing:
        raise UserValueError(next(iter(missing.values()))[0], missing)
    return action


def perform(item_id: int, name: str, actor: StaffUser, **args: Any) -> Feedback:
    """Apply action ``name`` to an item in the actor's scope, and commit."""
    require_action(actor, name)
    item = get_scoped(item_id, actor, for_update=True)
    action = check(item, name, args)
    moment = now()
    event = FeedbackEvent(feedback_id=item.id, kind=name, actor_id=actor.id,
                          actor_label="staff", from_status=item.status,
                          to_status=action.target or item.status,
                          from_office_id=item.office_id, to_office_id=item.office_id,
                          note=args.get("note"), created_at=moment)
    _APPLY[name](item, event, args, actor)
    if action.target:
        item.status = action.target
    if item.first_response_at is None:
        item.first_response_at = moment
    item.updated_at = moment
    db.session.add(event)
    db.session.flush()
    _tell_citizen(item, name, event)
    flush()
    return item


def _tell_citizen(item: Feedback, name: str, event: FeedbackEvent) -> None:
    """Queue what the citizen is told about this event, if anything."""
    code = display_code(item.tracking_code)
    if name == "answer":
        text = messages.ANSWERED.format(code=code, answer=item.public_answer)
        notify_citizen(item, event.id, "feedback_answer", text, answer=item.public_answer)
        _tell_merged_owners(item, event)
    elif name == "merge":
        target = item.merged_into
        if target.public_answer and target.status in ("answered", "closed"):
            text = messages.ANSWERED_MERGED.format(code=code, answer=target.public_answer,
                                                   target=display_code(target.tracking_code))
            notify_citizen(item, event.id, "feedback_answer", text, answer=target.public_answer,
                           target=display_code(target.tracking_code))
        else:
            text = messages.MERGED.format(code=code, target=display_code(target.tracking_code))
            notify_citizen(item, event.id, "feedback_status", text,
                           target=display_code(target.tracking_code))
    elif name == "request_info":
        text = messages.INFO_REQUESTED.format(code=code, question=event.public_note)
        notify_citizen(item, event.id, "feedback_info_request", text, question=event.public_note)
    elif event.kind == "extension_approved":
        text = messages.EXTENDED.format(code=code, due=event.public_note)
        notify_citizen(item, event.id, "feedback_extension", text, due=event.public_note)
    elif name == "assign":
        return  # who handles it inside the office: nothing new for the citizen
    elif name == "transfer":
        office = event.public_note
        notify_citizen(item, event.id, "feedback_status",
                       messages.TRANSFERRED.format(code=code, office=office),
                       status_label=messages.TRANSFERRED_LABEL.format(office=office))
    elif ACTIONS[name].target:
        text = messages.STATUS_CHANGED.format(code=code,
                                              status=messages.STATUS_LABELS[item.status])
        notify_citizen(item, event.id, "feedback_status", text)


def _tell_merged_owners(item: Feedback, event: FeedbackEvent) -> None:
    """The owners of items merged into this one receive its answer too."""
    merged = db.session.scalars(sa.select(Feedback).where(Feedback.merged_into_id == item.id)
                                .order_by(Feedback.id))
    for duplicate in merged:
        text = messages.ANSWERED_MERGED.format(code=display_code(duplicate.tracking_code),
                                               target=display_code(item.tracking_code),
                                               answer=item.public_answer)
        notify_citizen(duplicate, event.id, "feedback_answer", text,
                       answer=item.public_answer, target=display_code(item.tracking_code))


def _noop(item, event, args, actor):
    pass


def _refuse(item, event, args, actor):
    event.public_note = args["reason"]
    item.closed_at = event.created_at


def _assign(item, event, args, actor):
    if args.get("office_id") and args["office_id"] != item.office_id:
        raise UserValueError(messages.ASSIGN_OTHER_OFFICE,
                             {"office_id": [messages.ASSIGN_OTHER_OFFICE]})
    if args.get("assignee_id"):
        assignee = db.session.get(StaffUser, args["assignee_id"])
        if assignee is None or not assignee.is_active or assignee.office_id != item.office_id:
            raise UserValueError(messages.ASSIGNEE_INVALID,
                                 {"assignee_id": [messages.ASSIGNEE_INVALID]})
        item.assignee_id = assignee.id
        assigned = messages.ASSIGNED_TO.format(name=assignee.full_name or assignee.username)
        event.note = f"{assigned}\n{event.note}" if event.note else assigned


def _transfer(item, event, args, actor):
    if args["office_id"] == item.office_id:
        raise UserValueError(messages.SAME_OFFICE, {"office_id": [messages.SAME_OFFICE]})
    event.note = args["reason"] if not args.get("note") else f"{args['reason']}\n{args['note']}"
    _move(item, event, args["office_id"])


def _move(item, event, office_id):
    office = directory.get_office(office_id)
    if not office.is_active or office.unit_code not in (item.unit_code, item.unit.province_code):
        raise UserValueError(core_messages.OFFICE_WRONG_UNIT,
                             {"office_id": [core_messages.OFFICE_WRONG_UNIT]})
    item.office_id = office.id
    item.assignee_id = None  # the new office gives it to one of its own
    event.to_office_id = office.id
    event.public_note = office.name


def _progress(item, event, args, actor):
    event.public_note = args["note"]
    event.note = None


def _answer(item, event, args, actor):
    # An extension still waiting for a leader's decision is moot once the item is answered:
    # it is closed first (an internal event), so it no longer waits in the leader's queue.
    if item.extension_due_at is not None:
        db.session.add(FeedbackEvent(
            feedback_id=item.id, kind="extension_closed", actor_id=actor.id,
            actor_label="staff", from_status=item.status, to_status=item.status,
            is_public=False, note=item.extension_reason, created_at=event.created_at))
        item.extension_due_at = item.extension_reason = None
    # The answer becomes public (Open311, the citizen's message, Q&A): personal data masked
    # here, whoever wrote it (console, staff API), as the console's preview shows it.
    answer = public_text.mask(item, args["answer"])
    item.public_answer = answer
    item.answered_at = event.created_at
    event.public_note = answer


def _close(item, event, args, actor):
    item.closed_at = event.created_at


def _reopen(item, event, args, actor):
    item.closed_at = None
    item.merged_into_id = None
    event.public_note = args["reason"]


def _merge(item, event, args, actor):
    code = normalise_tracking_code(args["target_code"])
    target = db.session.scalar(sa.select(Feedback).where(
        Feedback.tracking_code == code, scope_clause(actor))) if code else None
    if target is None:
        raise UserValueError(messages.MERGE_TARGET_NOT_FOUND,
                             {"target_code": [messages.MERGE_TARGET_NOT_FOUND]})
    if target.id == item.id:
        raise UserValueError(messages.MERGE_TARGET_SELF,
                             {"target_code": [messages.MERGE_TARGET_SELF]})
    if target.unit_code != item.unit_code or target.merged_into_id is not None \
            or target.status == "refused":
        raise UserValueError(messages.MERGE_TARGET_INVALID,
                             {"target_code": [messages.MERGE_TARGET_INVALID]})
    item.merged_into_id = target.id
    item.merged_into = target
    item.closed_at = event.created_at
    event.public_note = display_code(target.tracking_code)
    db.session.add(FeedbackEvent(
        feedback_id=target.id, kind="merged_in", actor_id=actor.id, actor_label="staff",
        from_status=target.status, to_status=target.status, is_public=False,
        note=display_code(item.tracking_code), created_at=event.created_at))


def _request_info(item, event, args, actor):
    event.kind, event.public_note, event.note = "info_requested", args["note"], None


def _request_extension(item, event, args, actor):
    due: datetime = args["due_at"]
    if item.extension_due_at is not None:
        raise Conflict(messages.EXTENSION_PENDING)
    if due <= item.due_at:
        raise UserValueError(messages.DUE_NOT_LATER, {"due_at": [messages.DUE_NOT_LATER]})
    item.extension_due_at, item.extension_reason = due, args["reason"]
    event.kind, event.note, event.is_public = "extension_requested", args["reason"], False


def _decide_extension(approve: bool):
    def apply(item, event, args, actor):
        if item.extension_due_at is None:
            raise Conflict(messages.NO_EXTENSION)
        if approve:
            item.due_at = item.extension_due_at
            item.is_overdue = item.due_at < event.created_at
            event.kind = "extension_approved"
            event.public_note = to_local(item.due_at).strftime("%d/%m/%Y")
        else:
            event.kind, event.is_public = "extension_rejected", False
        item.extension_due_at = item.extension_reason = None
    return apply


_APPLY = {
    "accept": _noop, "refuse": _refuse, "assign": _assign, "transfer": _transfer,
    "start": _noop, "progress": _progress, "answer": _answer, "close": _close,
    "reopen": _reopen, "request_info": _request_info, "request_extension": _request_extension,
    "approve_extension": _decide_extension(True),
    "reject_extension": _decide_extension(False),
    "merge": _merge,
}
