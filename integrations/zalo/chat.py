"""The chat bot: a follower sends feedback to their commune in a short conversation.

States: ``idle`` → ``unit`` (which commune; remembered) → ``category`` (numbered list) →
``describe`` → ``media`` (photos, location; optional) → ``contact`` (ask plainly whether
to leave a name and phone) → ``contact_wait`` (Zalo's share-info form) → ``confirm`` →
submit through :func:`feedback.service.submit`. "góp ý dự thảo" (from idle) starts the
comment branch: ``consult_unit`` → ``consult_pick`` → ``consult_section`` → ``consult_text``
→ ``consult_confirm`` → :func:`consultations.service.comment`. Commands work in every state:
"tra cứu <mã>", "xác minh <mã>" (a notice's verification code; a long text sent in idle,
forwarded news, is checked too: :mod:`notices.verification`), "hủy", "đăng ký <xã>",
"hủy đăng ký", "dữ liệu <số> <mã>" (a personal-data rights request,
:mod:`privacy.rights_requests`). Input is compared folded (no diacritics), so
"tra cuu", "huy dang ky" and "Phu Xuan" work. A conversation idle for 30 minutes is dropped.

:class:`Chat` changes the user's row and returns the replies; the caller queues them and
commits. Submitting commits (the feedback service owns that unit of work).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

import directory
from consultations import service as consultation_service
from core import clock, storage
from core.codes import display_code, normalise_tracking_code
from core.db import after_commit, db
from core.errors import AppError
from core.phones import to_e164
from core.text import clean, fold
from directory.models import AdminUnit
from factcheck import messages as factcheck_messages
from feedback import messages as feedback_messages
from feedback import service as feedback_service
from feedback.models import Feedback
from integrations.zalo import factcheck_chat, messages
from integrations.zalo.models import ZaloSubscription, ZaloUser
from notices.verification import messages as verification_messages
from notices.verification import service as verification
from privacy import messages as privacy_messages
from privacy import notice as privacy_notice
from privacy import rights_requests as privacy_requests

log = logging.getLogger(__name__)

ACTIVE_STATES = ("unit", "category", "describe", "media", "contact", "contact_wait",
                 "contact_consent", "confirm", "consult_unit", "consult_pick",
                 "consult_section", "consult_text", "consult_confirm", *factcheck_chat.STATES)
_NUMBER = re.compile(r"^\D{0,6}(\d{1,3})\D{0,3}$")
RATEABLE_STATUSES = ("answered", "closed")
RATE_REPLY_DAYS = 30  # a bare "1"–"5" rates an answer sent within this many days
# "5", "5 sao", "4 điểm", "5/5", then an optional comment ("5 cảm ơn cán bộ").
_RATING_REPLY = re.compile(
    r"^([1-5])(?:\s*(?:sao|điểm|diem|/\s*5))?(?![\w/])[\s,.:;!–-]*(.*)$", re.S)
_RATING_WORD = re.compile(r"^([1-5])(?:/5|sao|diem)?$")


@dataclass
class Inbound:
    """One event from the user, already downloaded and normalised."""

    kind: str  # text | image | location | file | follow | unfollow | submit_info
    msg_id: str | None = None
    text: str = ""
    images: list[str] = field(default_factory=list)  # storage keys saved by the caller
    image_failed: bool = False
    lat: float | None = None
    lng: float | None = None
    info: dict[str, Any] | None = None
    user_id_by_app: str | None = None


@dataclass
class Reply:
    """What the bot answers: a text, or the "share your contact" template."""

    text: str | None = None
    template: str | None = None


def _strip_unit_prefix(folded: str) -> str:
    for prefix in sorted(messages.UNIT_PREFIXES, key=len, reverse=True):
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1:].strip()
    return folded


def match_units(text: str) -> list[AdminUnit]:
    """Communes whose name matches what the user typed (exact first, then containing)."""
    query = _strip_unit_prefix(fold(text).strip(" .,!?"))
    if not query:
        return []
    if query.isdigit():
        unit = db.session.get(AdminUnit, query)
        return [unit] if unit is not None and unit.level == "commune" else []
    communes = list(db.session.scalars(
        sa.select(AdminUnit).where(AdminUnit.level == "commune").order_by(AdminUnit.code)))
    names = {u.code: _strip_unit_prefix(fold(u.name)) for u in communes}
    exact = [u for u in communes if names[u.code] == query]
    if exact or len(query) < 3:
        return exact
    return [u for u in communes if query in names[u.code]]


def _province_name(unit: AdminUnit) -> str:
    parent = db.session.get(AdminUnit, unit.province_code)
    return parent.name if parent is not None else ""


def _number(text: str) -> int | None:
    match = _NUMBER.match(fold(text))
    return int(match.group(1)) if match else None


def _shown_code(code: str | None, typed: str) -> str:
    """A code as the receipt writes it (``BA32-PECF``), or what was typed if it is none."""
    return display_code(code) if code else typed.upper()


def _is(folded: str, keywords: tuple[str, ...]) -> bool:
    return folded.strip(" .,!?") in keywords


def _starts(folded: str, keywords: tuple[str, ...]) -> str | None:
    """The rest of the message after a command keyword, or None."""
    for keyword in sorted(keywords, key=len, reverse=True):
        if folded == keyword or folded.startswith(keyword + " "):
            return folded[len(keyword):].strip()
    return None


class Chat:
    """One step of one user's conversation."""

    def __init__(self, user: ZaloUser):
        self.user = user
        self.data: dict[str, Any] = dict(user.data or {})
        self.replies: list[Reply] = []
        self.config = current_app.config

    # -- plumbing -----------------------------------------------------------------------------
    def say(self, text: str) -> None:
        """Add a text reply to those this step sends."""
        self.replies.append(Reply(text=text))

    def goto(self, state: str) -> None:
        """Move the conversation to ``state``."""
        self.user.state = state

    def reset(self, drop_images: bool = True) -> None:
        """Back to idle; temporary photos are deleted after the commit."""
        keys = list(self.data.get("images") or []) if drop_images else []
        if keys:
            after_commit(lambda: [storage.delete(k) for k in keys])
        self.data = {}
        self.user.state = "idle"

    def save(self) -> None:
        """Store the conversation's data on the user and stamp the time of this step."""
        self.user.data = dict(self.data)
        moment = clock.now()
        self.user.state_at = moment
        self.user.last_interaction_at = moment

    # -- entry ---------------------------------------------------------------------------------
    def handle(self, event: Inbound) -> list[Reply]:
        """Apply one event; returns the replies to send."""
        if event.user_id_by_app and not self.user.user_id_by_app:
            self.user.user_id_by_app = event.user_id_by_app
        if event.kind == "unfollow":
            self.user.is_follower = False
            self.reset()
            self.save()
            return []
        if event.kind == "follow":
            self.user.is_follower = True
            self.say(messages.WELCOME)
            self.save()
            return self.replies
        idle_limit = timedelta(minutes=float(self.config["ZALO_CHAT_IDLE_MINUTES"]))
        if self.user.state in ACTIVE_STATES and clock.now() - self.user.state_at > idle_limit:
            self.reset()
            self.say(messages.EXPIRED)
        if event.kind == "text":
            self._text(event)
        elif event.kind == "image":
            self._image(event)
        elif event.kind == "location":
            self._location(event)
        elif event.kind == "file":
            self.say(messages.FILE_NOT_ACCEPTED)
        elif event.kind == "submit_info":
            self._submit_info(event)
        self.save()
        return self.replies

    # -- commands ------------------------------------------------------------------------------
    def _text(self, event: Inbound) -> None:
        text = clean(event.text or "")
        folded = fold(text)
        rest = _starts(folded, messages.KW_UNSUBSCRIBE)
        if rest is not None:
            return self._unsubscribe(rest)
        if _is(folded, messages.KW_CANCEL):
            if self.user.state == "idle":
                return self.say(messages.NOTHING_TO_CANCEL)
            self.reset()
            return self.say(messages.CANCELLED)
        rest = _starts(folded, factcheck_messages.KW_REPORT)  # "báo tin giả"
        if rest is not None:
            return factcheck_chat.start(self, rest, text)
        rest = _starts(folded, messages.KW_PRIVACY)
        if rest is not None:
            return self._privacy(rest, text)
        rest = _starts(folded, messages.KW_LOOKUP)
        if rest is not None:
            return self._lookup(rest)
        rest = _starts(folded, messages.KW_VERIFY)
        if rest is not None:
            return self._verify(rest)
        rest = _starts(folded, messages.KW_RATE)
        if rest is not None and self._rate_command(rest, text):
            return None
        rest = _starts(folded, messages.KW_SUBSCRIBE)
        if rest is not None:
            return self._subscribe(rest, text)
        if self.user.state == "idle" and self._rate_reply(text):
            return None
        handler = getattr(self, f"_state_{self.user.state}", self._state_idle)
        handler(text, folded, event)

    def _own_item(self, code: str | None) -> Feedback | None:
        """The user's own item with this (normalised) code."""
        if not code:
            return None
        return db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == code, Feedback.zalo_user_id == self.user.user_id))

    def _lookup(self, rest: str) -> None:
        if not rest:
            return self.say(messages.LOOKUP_ASK)
        code = normalise_tracking_code(rest)
        item = self._own_item(code)
        if item is None:
            return self.say(messages.LOOKUP_NOT_FOUND.format(code=_shown_code(code, rest)))
        shown = display_code(item.tracking_code)
        text = messages.LOOKUP_RESULT.format(
            code=shown, status=feedback_messages.STATUS_LABELS[item.status],
            due=feedback_service.calendar_due_text(item))
        if item.public_answer:
            text += "\n" + messages.LOOKUP_ANSWER.format(answer=item.public_answer)
            if item.rating is None and item.status in RATEABLE_STATUSES:
                text += "\n" + messages.RATE_HINT.format(code=shown)
        self.say(text)

    # -- rating the answer ---------------------------------------------------------------------
    def _latest_rateable(self, since: datetime | None = None) -> Feedback | None:
        """The user's most recently answered item not rated yet."""
        query = sa.select(Feedback).where(
            Feedback.zalo_user_id == self.user.user_id, Feedback.rating.is_(None),
            Feedback.status.in_(RATEABLE_STATUSES), Feedback.answered_at.is_not(None))
        if since is not None:
            query = query.where(Feedback.answered_at >= since)
        return db.session.scalar(query.order_by(Feedback.answered_at.desc(),
                                                Feedback.id.desc()).limit(1))

    def _rate_reply(self, text: str) -> bool:
        """A bare "1"–"5" (with an optional comment) after an answer rates that answer."""
        match = _RATING_REPLY.match(text.lower())
        if match is None:
            return False
        since = clock.now() - timedelta(days=RATE_REPLY_DAYS)
        item = self._latest_rateable(since)
        if item is None:
            return False
        self._rate(item, int(match.group(1)), text[match.start(2):])
        return True

    def _rate_command(self, rest: str, original: str) -> bool:
        """“đánh giá [mã] <1–5> [nhận xét]”. Outside idle only a well-formed command is one
        (“đánh giá cao dự thảo…” is a comment being written); returns whether handled."""
        words = rest.split()
        original_words = original.split()[len(original.split()) - len(words):]
        code, used = None, 0
        for n in (1, 2):  # "ABCD-EFGH" or "ABCD EFGH"
            code = normalise_tracking_code("".join(words[:n])) if len(words) >= n else None
            if code:
                used = n
                break
        match = _RATING_WORD.match(words[used]) if len(words) > used else None
        if match is None:
            if self.user.state != "idle":
                return False
            self.say(messages.RATE_ASK)
            return True
        item = self._own_item(code) if code else self._latest_rateable()
        if item is None:
            self.say(messages.LOOKUP_NOT_FOUND.format(code=display_code(code)) if code
                     else messages.RATE_NOTHING)
            return True
        self._rate(item, int(match.group(1)), " ".join(original_words[used + 1:]))
        return True

    def _rate(self, item: Feedback, rating: int, comment: str) -> None:
        """Record the rating through the service the API uses (it commits)."""
        user_id, shown = self.user.user_id, display_code(item.tracking_code)
        comment = clean(comment)[:1000] or None
        try:
            feedback_service.rate_item(item, rating, comment)
        except AppError as exc:  # raised before any change: nothing to roll back
            return self.say(messages.RATE_FAILED.format(code=shown, reason=exc.message))
        self.user = db.session.get(ZaloUser, user_id)  # the service committed
        self.say(messages.RATED.format(code=shown, rating=rating))

    def _privacy(self, rest: str, original: str) -> None:
        """“dữ liệu <số> <mã> [thông tin mới | kèm ảnh]”: a rights request about one of the
        user's own items (the Zalo id proves ownership); the menu without arguments."""
        words, original_words = rest.split(), original.split()
        if len(words) < 2 or not words[0].isdigit() or not 1 <= int(words[0]) <= 6:
            base = self.config.get("PUBLIC_BASE_URL")
            self.say(messages.PRIVACY_MENU + ("\n" + messages.PRIVACY_NOTICE_LINK.format(
                url=base.rstrip("/") + "/privacy") if base else ""))
            return None
        kind = privacy_requests.CHAT_KINDS[int(words[0]) - 1]
        code = normalise_tracking_code(words[1])
        item = db.session.scalar(sa.select(Feedback).where(
            Feedback.tracking_code == code, Feedback.zalo_user_id == self.user.user_id)) \
            if code else None
        if item is None:
            return self.say(messages.PRIVACY_NOT_FOUND.format(code=_shown_code(code, words[1])))
        extra_folded = " ".join(words[2:])
        extra = " ".join(original_words[len(original_words) - len(words) + 2:])
        details: dict[str, Any] = {}
        if kind == "correct":
            if not extra:
                return self.say(messages.PRIVACY_CORRECTION_ASK)
            phone = to_e164(extra)
            details["correction"] = {"phone": phone} if phone else {"name": extra[:120]}
        elif kind == "delete" and extra_folded in messages.KW_WITH_PHOTOS:
            details["redact_photos"] = True
        try:
            created = privacy_requests.create(item, kind, "zalo", details)
        except AppError as exc:
            return self.say(messages.PRIVACY_FAILED.format(reason=exc.message))
        request = created.request
        self.user = db.session.get(ZaloUser, self.user.user_id)  # the service committed
        self.say(messages.PRIVACY_CREATED.format(
            kind=privacy_messages.KIND_LABELS[kind], code=display_code(request.code),
            item=display_code(item.tracking_code), token=created.token,
            due=clock.to_local(request.due_at).strftime("%d/%m/%Y")))
        return None

    def _subscribe(self, rest: str, original: str) -> None:
        if not rest:
            if not self.user.unit_code:
                return self.say(messages.SUBSCRIBE_ASK)
            units = [db.session.get(AdminUnit, self.user.unit_code)]
        else:
            units = match_units(rest)
        if not units:
            return self.say(messages.UNIT_NOT_FOUND.format(text=rest))
        if len(units) > 1:
            choices = "\n".join(messages.SUBSCRIBE_CHOICE.format(
                code=u.code, name=u.name, province=_province_name(u)) for u in units[:9])
            return self.say(messages.SUBSCRIBE_AMBIGUOUS.format(choices=choices))
        unit = units[0]
        exists = db.session.scalar(sa.select(ZaloSubscription.id).where(
            ZaloSubscription.user_id == self.user.user_id,
            ZaloSubscription.unit_code == unit.code))
        if exists:
            return self.say(messages.ALREADY_SUBSCRIBED.format(unit=unit.name))
        db.session.add(ZaloSubscription(user_id=self.user.user_id, unit_code=unit.code))
        self.user.is_follower = True
        self.say(messages.SUBSCRIBED.format(unit=unit.name))

    def _unsubscribe(self, rest: str) -> None:
        query = sa.select(ZaloSubscription).where(ZaloSubscription.user_id == self.user.user_id)
        if rest:
            codes = [u.code for u in match_units(rest)]
            query = query.where(ZaloSubscription.unit_code.in_(codes))
        subscriptions = list(db.session.scalars(query))
        if not subscriptions:
            return self.say(messages.NOT_SUBSCRIBED)
        names = []
        for subscription in subscriptions:
            unit = db.session.get(AdminUnit, subscription.unit_code)
            names.append(unit.name if unit else subscription.unit_code)
            db.session.delete(subscription)
        self.say(messages.UNSUBSCRIBED.format(units=", ".join(names)))

    # -- states --------------------------------------------------------------------------------
    def _state_idle(self, text: str, folded: str, event: Inbound) -> None:
        if _is(folded, messages.KW_START) or _starts(folded, messages.KW_START) is not None:
            return self._start()
        if _is(folded, messages.KW_CONSULT):
            return self._consult_start()
        if _is(folded, messages.KW_HELP):
            return self.say(messages.WELCOME)
        if len(folded.split()) >= messages.FORWARDED_MIN_WORDS:  # forwarded news: is it genuine?
            return self._verify(text)
        self.say(messages.HELP)

    def _verify(self, text: str) -> None:
        """"xác minh <mã>" or forwarded text: the genuine notice, or that none says this."""
        unit = db.session.get(AdminUnit, self.user.unit_code) if self.user.unit_code else None
        self.say(verification.check_message(text, unit) if text.strip()
                 else verification_messages.ZALO_ASK)

    def _start(self) -> None:
        self.data = {}
        unit = db.session.get(AdminUnit, self.user.unit_code) if self.user.unit_code else None
        if unit is None:
            self.goto("unit")
            return self.say(messages.ASK_UNIT)
        self.say(messages.UNIT_REMEMBERED.format(unit=unit.name))
        self._choose_unit(unit)

    def _choose_unit(self, unit: AdminUnit) -> None:
        self.data["unit_code"] = unit.code
        self.data.pop("unit_choices", None)
        self.user.unit_code = unit.code
        categories = directory.categories_for_unit(unit)
        if not categories:
            self.reset()
            return self.say(messages.NO_CATEGORY)
        self.data["category_choices"] = [c.code for c in categories]
        choices = "\n".join(messages.CATEGORY_CHOICE.format(n=i, name=c.name)
                            for i, c in enumerate(categories, 1))
        self.goto("category")
        self.say(messages.ASK_CATEGORY.format(choices=choices))

    def _state_unit(self, text: str, folded: str, event: Inbound) -> None:
        choices = self.data.get("unit_choices") or []
        number = _number(text)
        if choices and number is not None and 1 <= number <= len(choices):
            return self._choose_unit(db.session.get(AdminUnit, choices[number - 1]))
        units = match_units(text)
        if not units:
            return self.say(messages.UNIT_NOT_FOUND.format(text=text))
        if len(units) == 1:
            return self._choose_unit(units[0])
        units = units[:9]
        self.data["unit_choices"] = [u.code for u in units]
        self.say(messages.UNIT_AMBIGUOUS.format(choices="\n".join(
            messages.UNIT_CHOICE.format(n=i, name=u.name, province=_province_name(u))
            for i, u in enumerate(units, 1))))

    def _state_category(self, text: str, folded: str, event: Inbound) -> None:
        if _is(folded, messages.KW_CHANGE_UNIT):
            self.goto("unit")
            return self.say(messages.ASK_UNIT)
        codes = self.data.get("category_choices") or []
        number = _number(text)
        chosen = None
        if number is not None and 1 <= number <= len(codes):
            chosen = codes[number - 1]
        else:
            unit = db.session.get(AdminUnit, self.data["unit_code"])
            for category in directory.categories_for_unit(unit):
                if category.code in codes and fold(category.name) == folded:
                    chosen = category.code
        if chosen is None:
            return self.say(messages.CATEGORY_INVALID.format(n=len(codes)))
        self.data["category_code"] = chosen
        self.goto("describe")
        self.say(messages.ASK_DESCRIPTION)

    def _state_describe(self, text: str, folded: str, event: Inbound) -> None:
        if len(text) < 5 or len(folded.split()) < 2:
            return self.say(messages.DESCRIPTION_SHORT)
        if len(text) > 4000:
            return self.say(messages.DESCRIPTION_LONG.format(n=4000))
        self.data["description"] = text
        self.goto("media")
        self.say(messages.ASK_MEDIA.format(n=self.config["FEEDBACK_MAX_IMAGES"]))

    def _state_media(self, text: str, folded: str, event: Inbound) -> None:
        if _is(folded, messages.KW_DONE):
            return self._ask_contact()
        self.say(messages.MEDIA_HINT)

    def _ask_contact(self) -> None:
        self.goto("contact")
        self.say(messages.ASK_CONTACT)

    def _state_contact(self, text: str, folded: str, event: Inbound) -> None:
        if _is(folded, messages.KW_YES):
            self._record_consent(text, event)
            self.goto("contact_wait")
            self.replies.append(Reply(template="request_user_info"))
            return self.say(messages.CONTACT_WAIT)
        if _is(folded, messages.KW_NO):
            return self._confirm()
        self.say(messages.CONTACT_QUESTION_SHORT)

    def _record_consent(self, answer: str, event: Inbound,
                        question: str = messages.ASK_CONTACT) -> None:
        """Consent evidence: the question asked and the citizen's own chat message."""
        self.data["consent"] = {
            "purpose": messages.CONSENT_PURPOSE,
            "policy_version": privacy_notice.current_version(),
            "text": question,
            "evidence": {"channel": "zalo", "answer": answer, "msg_id": event.msg_id,
                         "answered_at": clock.now().isoformat()},
        }

    def _state_contact_wait(self, text: str, folded: str, event: Inbound) -> None:
        if _is(folded, messages.KW_SKIP) or _is(folded, messages.KW_DONE):
            self.data.pop("consent", None)
            return self._confirm()
        self.say(messages.CONTACT_WAIT)

    def _state_contact_consent(self, text: str, folded: str, event: Inbound) -> None:
        pending = self.data.pop("pending_contact", None)
        resume = self.data.pop("resume_state", "confirm")
        if _is(folded, messages.KW_YES) and pending:
            self._record_consent(text, event, messages.CONTACT_UNASKED)
            self.data["contact"] = pending
            self.say(messages.CONTACT_RECEIVED)
        else:
            self.say(messages.CONTACT_DISCARDED)
        if resume in ("contact", "contact_wait", "confirm"):
            return self._confirm()
        self.goto(resume)
        prompts = {"unit": messages.ASK_UNIT, "describe": messages.ASK_DESCRIPTION,
                   "media": messages.MEDIA_HINT,
                   "category": messages.CATEGORY_INVALID.format(
                       n=len(self.data.get("category_choices") or []))}
        self.say(prompts.get(resume, messages.HELP))

    def _confirm(self) -> None:
        unit = db.session.get(AdminUnit, self.data["unit_code"])
        category = directory.get_category_for_unit(self.data["category_code"], unit)
        contact = self.data.get("contact")
        self.goto("confirm")
        self.say(messages.CONFIRM.format(
            unit=unit.name, category=category.name if category else "",
            description=self.data["description"],
            photos=len(self.data.get("images") or []),
            location=messages.YES if self.data.get("lat") is not None else messages.NONE,
            contact=(f"{contact.get('name') or ''} {contact.get('phone') or ''}".strip()
                     if contact else messages.CONTACT_NONE)))

    def _state_confirm(self, text: str, folded: str, event: Inbound) -> None:
        if not _is(folded, messages.KW_SEND):
            return self.say(messages.CONFIRM_HINT)
        self._submit(event)

    # -- comments on drafts ("góp ý dự thảo") -------------------------------------------------
    # consult_unit → consult_pick (when several are open) → consult_section → consult_text →
    # consult_confirm → consultations.service.comment (anonymous in public, Zalo id kept so
    # the summary reaches the commenter).
    def _consult_start(self) -> None:
        self.data = {}
        unit = db.session.get(AdminUnit, self.user.unit_code) if self.user.unit_code else None
        if unit is None:
            self.goto("consult_unit")
            return self.say(messages.CONSULT_ASK_UNIT)
        self._consult_unit(unit)

    def _consult_unit(self, unit: AdminUnit) -> None:
        self.user.unit_code = unit.code
        items = consultation_service.open_for_unit(unit)
        if not items:
            self.reset()
            return self.say(messages.CONSULT_NONE.format(unit=unit.name))
        if len(items) == 1:
            return self._consult_choose(items[0])
        self.data = {"consult_choices": [c.id for c in items]}
        self.goto("consult_pick")
        self.say(messages.CONSULT_PICK.format(unit=unit.name, choices="\n".join(
            messages.CONSULT_CHOICE.format(n=i, title=c.title,
                                           closes=consultation_service.local_text(c.closes_at))
            for i, c in enumerate(items, 1))))

    def _state_consult_unit(self, text: str, folded: str, event: Inbound) -> None:
        choices = self.data.get("unit_choices") or []
        number = _number(text)
        if choices and number is not None and 1 <= number <= len(choices):
            return self._consult_unit(db.session.get(AdminUnit, choices[number - 1]))
        units = match_units(text)
        if not units:
            return self.say(messages.UNIT_NOT_FOUND.format(text=text))
        if len(units) == 1:
            return self._consult_unit(units[0])
        units = units[:9]
        self.data["unit_choices"] = [u.code for u in units]
        self.say(messages.UNIT_AMBIGUOUS.format(choices="\n".join(
            messages.UNIT_CHOICE.format(n=i, name=u.name, province=_province_name(u))
            for i, u in enumerate(units, 1))))

    def _state_consult_pick(self, text: str, folded: str, event: Inbound) -> None:
        choices = self.data.get("consult_choices") or []
        number = _number(text)
        if number is None or not 1 <= number <= len(choices):
            return self.say(messages.CONSULT_PICK_INVALID.format(n=len(choices)))
        self._consult_choose(consultation_service.get_public(choices[number - 1]))

    def _consult_choose(self, item) -> None:
        self.data = {"consultation_id": item.id}
        lines = [messages.CONSULT_WHOLE_CHOICE] + [
            messages.CONSULT_SECTION_CHOICE.format(n=s.number, label=s.label, title=s.title)
            for s in item.sections]
        self.goto("consult_section")
        self.say(messages.CONSULT_ASK_SECTION.format(
            title=item.title, closes=consultation_service.local_text(item.closes_at),
            choices="\n".join(lines)))

    def _consultation(self):
        return consultation_service.get_public(self.data["consultation_id"])

    def _state_consult_section(self, text: str, folded: str, event: Inbound) -> None:
        item = self._consultation()
        numbers = [s.number for s in item.sections]
        number = _number(text)
        if number is None or (number != 0 and number not in numbers):
            return self.say(messages.CONSULT_SECTION_INVALID.format(n=max(numbers, default=0)))
        self.data["section"] = number or None
        self.goto("consult_text")
        self.say(messages.CONSULT_ASK_TEXT.format(
            target=consultation_service.target_label(item, number or None)))

    def _state_consult_text(self, text: str, folded: str, event: Inbound) -> None:
        if len(text) < 5 or len(folded.split()) < 2:
            return self.say(messages.CONSULT_TEXT_SHORT)
        if len(text) > 4000:
            return self.say(messages.CONSULT_TEXT_LONG.format(n=4000))
        self.data["body"] = text
        item = self._consultation()
        self.goto("consult_confirm")
        self.say(messages.CONSULT_CONFIRM.format(
            title=item.title, body=text,
            target=consultation_service.target_label(item, self.data.get("section"))))

    def _state_consult_confirm(self, text: str, folded: str, event: Inbound) -> None:
        if not _is(folded, messages.KW_SEND):
            return self.say(messages.CONSULT_CONFIRM_HINT)
        user_id, consultation_id = self.user.user_id, self.data["consultation_id"]
        identity = feedback_service.Identity(zalo_user_id=user_id,
                                             zalo_app_user_id=self.user.user_id_by_app)
        try:
            title = self._consultation().title
            consultation_service.comment(
                consultation_id, {"section": self.data.get("section"), "body": self.data["body"],
                                  "anonymous": True},
                idempotency_key=f"zalo:{user_id}:{event.msg_id}", identity=identity,
                channel="zalo")
        except AppError as exc:
            log.info("chat comment refused: %s", exc.message)
            self.user = db.session.get(ZaloUser, user_id)
            self.reset()
            return self.say(messages.CONSULT_FAILED.format(reason=exc.message))
        # The service committed; reload our row and finish the conversation.
        self.user = db.session.get(ZaloUser, user_id)
        self.reset()
        self.say(messages.CONSULT_SENT.format(title=title))

    def _state_factcheck_unit(self, text: str, folded: str, event: Inbound) -> None:
        factcheck_chat.on_unit(self, text, _number(text), match_units(text), _province_name)

    def _state_factcheck_content(self, text: str, folded: str, event: Inbound) -> None:
        factcheck_chat.on_text(self, text, folded, event)

    # -- media and contact events --------------------------------------------------------------
    def _image(self, event: Inbound) -> None:
        if self.user.state == "factcheck_content":
            return factcheck_chat.on_image(self, event)
        if self.user.state not in ("describe", "media"):
            for key in event.images:
                after_commit(lambda key=key: storage.delete(key))
            return self.say(messages.MEDIA_NOT_NOW if self.user.state == "idle" else messages.HELP)
        if event.image_failed:
            self.say(messages.PHOTO_FAILED.format(
                mb=self.config["FEEDBACK_MAX_IMAGE_BYTES"] // (1024 * 1024)))
        images = list(self.data.get("images") or [])
        limit = int(self.config["FEEDBACK_MAX_IMAGES"])
        for key in event.images:
            if len(images) < limit:
                images.append(key)
            else:
                after_commit(lambda key=key: storage.delete(key))
                self.say(messages.PHOTO_LIMIT.format(n=limit))
                break
        self.data["images"] = images
        if event.images and self.user.state == "media":
            self.say(messages.PHOTO_SAVED.format(count=len(images)))
        elif event.images:
            self.say(messages.ASK_DESCRIPTION)

    def _location(self, event: Inbound) -> None:
        if self.user.state not in ("describe", "media") or event.lat is None:
            return self.say(messages.MEDIA_NOT_NOW if self.user.state == "idle" else messages.HELP)
        self.data["lat"], self.data["lng"] = event.lat, event.lng
        self.say(messages.LOCATION_SAVED if self.user.state == "media"
                 else messages.ASK_DESCRIPTION)

    def _submit_info(self, event: Inbound) -> None:
        info = event.info or {}
        contact = {"name": clean(str(info.get("name") or ""))[:120] or None,
                   "phone": to_e164(str(info.get("phone") or "")) if info.get("phone") else None}
        if not (contact["name"] or contact["phone"]):
            return
        if self.user.state == "contact_wait" and self.data.get("consent"):
            self.data["contact"] = contact
            self.say(messages.CONTACT_RECEIVED)
            return self._confirm()
        if self.user.state not in ACTIVE_STATES:
            return  # nothing to attach it to: not kept
        self.data["pending_contact"] = contact
        self.data["resume_state"] = self.user.state
        self.goto("contact_consent")
        self.say(messages.CONTACT_UNASKED)

    # -- submit --------------------------------------------------------------------------------
    def _images(self) -> list[storage.Upload]:
        images = []
        for key in self.data.get("images") or []:
            try:
                with open(storage.path_of(key), "rb") as fh:
                    data = fh.read()
            except (OSError, ValueError):
                continue
            kind = storage.sniff_image(data[:16])
            if kind:
                images.append(storage.Upload(data=data, content_type=kind[0],
                                                     ext=kind[1]))
        return images

    def _submit(self, event: Inbound) -> None:
        data: dict[str, Any] = {"unit_code": self.data["unit_code"],
                                "category_code": self.data["category_code"],
                                "description": self.data["description"]}
        if self.data.get("lat") is not None:
            data["location"] = {"lat": self.data["lat"], "lng": self.data["lng"]}
        contact = self.data.get("contact")
        if contact and self.data.get("consent"):
            data["reporter"] = {k: v for k, v in contact.items() if v}
            data["consent"] = self.data["consent"]
        identity = feedback_service.Identity(zalo_user_id=self.user.user_id,
                                             zalo_app_user_id=self.user.user_id_by_app)
        user_id = self.user.user_id
        try:
            _, answer = feedback_service.submit(
                data, self._images(), idempotency_key=f"zalo:{user_id}:{event.msg_id}",
                identity=identity, channel="zalo")
        except AppError as exc:
            log.info("chat submit refused: %s", exc.message)
            self.user = db.session.get(ZaloUser, user_id)
            self.reset()
            return self.say(messages.SUBMIT_FAILED.format(reason=exc.message))
        # The service committed; reload our row and finish the conversation.
        self.user = db.session.get(ZaloUser, user_id)
        self.reset()
        self.say(messages.SUBMITTED.format(
            code=answer["tracking_code"], office=answer["office"],
            due=datetime.fromisoformat(answer["due_at"]).strftime("%d/%m/%Y")))
