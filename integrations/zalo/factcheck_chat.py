"""The "báo tin giả" branch of the Zalo chat: the follower names the commune (remembered),
then forwards the text, pastes the link or sends the screenshot, in one or several messages,
and says "xong"; the report goes to :func:`factcheck.service.report` with their Zalo id, so
the verdict comes back in this conversation.

States: ``factcheck_unit`` → ``factcheck_content``. :class:`integrations.zalo.chat.Chat`
calls these functions with itself; they change its data and state and add replies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from core import storage
from core.db import after_commit, db
from core.errors import AppError
from core.text import clean
from directory.models import AdminUnit
from factcheck import messages as factcheck_messages
from factcheck import service
from integrations.zalo import messages
from integrations.zalo.models import ZaloUser

# The conversation (integrations.zalo.chat.Chat, which imports this module) and its event.
Chat = Any
Inbound = Any

log = logging.getLogger(__name__)

STATES = ("factcheck_unit", "factcheck_content")
MAX_TEXT = 4000


def start(chat: Chat, rest: str, original: str) -> None:
    """“báo tin giả [nội dung]”: ask for the commune if unknown, then for the content."""
    chat.reset()
    words = original.split()
    first = " ".join(words[len(words) - len(rest.split()):]) if rest else ""
    if first:
        chat.data["fc_texts"] = [first]
    unit = db.session.get(AdminUnit, chat.user.unit_code) if chat.user.unit_code else None
    if unit is None or unit.level != "commune":
        chat.goto("factcheck_unit")
        return chat.say(factcheck_messages.CHAT_ASK_UNIT)
    _ask_content(chat, unit)


def _ask_content(chat: Chat, unit: AdminUnit) -> None:
    chat.data["unit_code"] = unit.code
    chat.user.unit_code = unit.code
    chat.goto("factcheck_content")
    chat.say(factcheck_messages.CHAT_ASK_CONTENT.format(unit=unit.name))


def on_unit(chat: Chat, text: str, number: int | None, units: list[AdminUnit],
            province_name: Callable[[AdminUnit], str]) -> None:
    """The commune: a number picks from an earlier list, else the ``units`` whose name
    matches what the user typed (the chat matches them)."""
    choices = chat.data.get("unit_choices") or []
    if choices and number is not None and 1 <= number <= len(choices):
        return _ask_content(chat, db.session.get(AdminUnit, choices[number - 1]))
    if not units:
        return chat.say(messages.UNIT_NOT_FOUND.format(text=text))
    if len(units) == 1:
        return _ask_content(chat, units[0])
    units = units[:9]
    chat.data["unit_choices"] = [u.code for u in units]
    chat.say(messages.UNIT_AMBIGUOUS.format(choices="\n".join(
        messages.UNIT_CHOICE.format(n=i, name=u.name, province=province_name(u))
        for i, u in enumerate(units, 1))))


def on_text(chat: Chat, text: str, folded: str, event: Inbound) -> None:
    """A piece of the content, or “xong” to send the report."""
    if folded.strip(" .,!?") in factcheck_messages.KW_SEND:
        return _submit(chat, event)
    texts = list(chat.data.get("fc_texts") or [])
    used = sum(len(t) + 1 for t in texts)
    if used + len(text) > MAX_TEXT:
        text = text[:max(0, MAX_TEXT - used)]
        chat.say(factcheck_messages.CHAT_TOO_LONG.format(n=MAX_TEXT))
    if text:
        texts.append(text)
        chat.data["fc_texts"] = texts
        chat.say(factcheck_messages.CHAT_GOT)


def on_image(chat: Chat, event: Inbound) -> None:
    """The screenshot (the first one is kept)."""
    if event.image_failed:
        limit = chat.config["FEEDBACK_MAX_IMAGE_BYTES"] // (1024 * 1024)
        chat.say(messages.PHOTO_FAILED.format(mb=limit))
    keys = list(event.images)
    if not chat.data.get("images") and keys:
        chat.data["images"] = [keys.pop(0)]  # Chat.reset deletes it after the commit
        chat.say(factcheck_messages.CHAT_GOT)
    elif keys:
        chat.say(factcheck_messages.CHAT_ONE_IMAGE)
    for key in keys:
        after_commit(lambda key=key: storage.delete(key))


def _image(key: str | None) -> storage.Upload | None:
    if not key:
        return None
    try:
        with open(storage.path_of(key), "rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None
    kind = storage.sniff_image(data[:16])
    return storage.Upload(data=data, content_type=kind[0], ext=kind[1]) if kind else None


def _submit(chat: Chat, event: Inbound) -> None:
    content = clean("\n".join(chat.data.get("fc_texts") or []))
    image = _image((chat.data.get("images") or [None])[0])
    if not (content or image):
        return chat.say(factcheck_messages.CHAT_NOTHING)
    data = {"unit_code": chat.data["unit_code"]}
    if content:
        data["content"] = content
    user_id = chat.user.user_id
    identity = service.Identity(zalo_user_id=user_id, zalo_app_user_id=chat.user.user_id_by_app)
    try:
        _, answer = service.report(data, image, channel="zalo", identity=identity,
                                   idempotency_key=f"zalo:{user_id}:{event.msg_id}",
                                   receipt=False)
    except AppError as exc:
        log.info("chat report refused: %s", exc.message)
        chat.user = db.session.get(ZaloUser, user_id)
        chat.reset()
        return chat.say(factcheck_messages.CHAT_FAILED.format(reason=exc.message))
    # The service committed (the screenshot is stored again under its own key; the chat's
    # copy goes with the conversation's data).
    chat.user = db.session.get(ZaloUser, user_id)
    chat.reset()
    chat.say(factcheck_messages.CHAT_SENT.format(code=answer["tracking_code"], unit=answer["unit"]))
