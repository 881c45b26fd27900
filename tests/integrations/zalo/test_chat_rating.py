"""In the Zalo chat codes read as in the receipt (``BA32-PECF``), and the citizen rates the
answer by replying to it (stored by the rating service the API uses)."""

from __future__ import annotations

import sqlalchemy as sa

from core.db import db, transactional
from directory.auth import authenticate
from feedback import messages as feedback_messages
from feedback import workflow
from feedback.models import Feedback, FeedbackEvent
from integrations.zalo import messages
from tests.integrations.zalo.test_chat import say  # noqa: F401 - pytest fixtures

# Each action a unit of work of its own, as in a request.
perform = transactional(workflow.perform)


def _send(say, user="U1", text="Đèn đường hỏng cả tuần nay ở kiệt 7"):
    say("phan anh", user=user), say("phu xuan", user=user), say("2", user=user)
    say(text, user=user), say("xong", user=user), say("không", user=user)
    replies = say("gửi", user=user)
    item = db.session.scalars(sa.select(Feedback).where(Feedback.zalo_user_id == user)
                              .order_by(Feedback.id.desc())).first()
    return item, replies


def _answer(world, item, text="Đã thay bóng đèn ở kiệt 7."):
    officer = authenticate(world.tokens["officer"])
    for action, args in (("accept", {}), ("assign", {}), ("start", {}),
                         ("answer", {"answer": text})):
        perform(item.id, action, officer, **args)


def test_codes_in_chat_messages_are_written_as_in_the_receipt(say, zalo, world):
    item, replies = _send(say)
    code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    receipt = next(r for r in replies if r.startswith("Đã gửi phản ánh"))
    assert f"Mã tra cứu: {code}." in receipt
    typed = f"{item.tracking_code[:4].lower()} {item.tracking_code[4:].lower()}"
    [status] = say(f"tra cuu {typed}")
    assert status.startswith(f"Phản ánh {code}: Đã tiếp nhận.")
    # Someone else's code, typed any way, is named as the receipt writes it.
    assert say(f"tra cứu {item.tracking_code.lower()}", user="U2") == [
        messages.LOOKUP_NOT_FOUND.format(code=code)]
    before = len(zalo.texts_to("U1"))
    _answer(world, item)
    updates = zalo.texts_to("U1")[before:]  # accepted, in progress, answered
    assert len(updates) == 3 and all(t.startswith(f"Phản ánh {code}") for t in updates)
    assert item.tracking_code not in " ".join(zalo.texts_to("U1"))  # never normalised


def test_reply_with_a_number_after_the_answer_rates_it(say, zalo, world):
    item, _ = _send(say)
    code = f"{item.tracking_code[:4]}-{item.tracking_code[4:]}"
    assert say("5") == [messages.HELP]  # nothing answered yet: a bare number is not a rating
    _answer(world, item)
    answer_message = zalo.texts_to("U1")[-1]
    assert answer_message.startswith(f"Phản ánh {code} đã được trả lời: Đã thay bóng đèn")
    assert answer_message.endswith(messages.RATE_INVITE)
    assert say("4 sao, cảm ơn cán bộ phường") == [messages.RATED.format(code=code, rating=4)]
    db.session.refresh(item)
    assert (item.rating, item.rating_comment) == (4, "cảm ơn cán bộ phường")
    assert item.rated_at is not None
    event = db.session.scalar(sa.select(FeedbackEvent).where(
        FeedbackEvent.feedback_id == item.id, FeedbackEvent.kind == "rated"))
    assert event.note == "4/5" and event.actor_label == "citizen"
    # Once only; a later bare number is an ordinary message again.
    assert say("5") == [messages.HELP]
    assert say(f"đánh giá {code} 5") == [
        messages.RATE_FAILED.format(code=code, reason=feedback_messages.RATING_DONE)]
    # The API sees the same rating.
    assert item.rating == 4


def test_rate_command_with_a_code_and_its_refusals(say, zalo, world, client):
    first, _ = _send(say)
    second, _ = _send(say, text="Cống thoát nước bị tắc ở đường Lê Lợi")
    code1 = f"{first.tracking_code[:4]}-{first.tracking_code[4:]}"
    code2 = f"{second.tracking_code[:4]}-{second.tracking_code[4:]}"
    assert say(f"đánh giá {code1} 5") == [
        messages.RATE_FAILED.format(code=code1, reason=feedback_messages.RATING_NOT_ALLOWED)]
    _answer(world, first), _answer(world, second, "Đã khơi thông cống.")
    assert say("danh gia") == [messages.RATE_ASK]
    assert say(f"danh gia {first.tracking_code[:4]} {first.tracking_code[4:]} 2 chậm quá") == [
        messages.RATED.format(code=code1, rating=2)]
    assert say(f"đánh giá {code2} 5", user="U2") == [messages.LOOKUP_NOT_FOUND.format(code=code2)]
    assert say("đánh giá 5") == [messages.RATED.format(code=code2, rating=5)]  # the latest answered
    for item, rating, comment in ((first, 2, "chậm quá"), (second, 5, None)):
        db.session.refresh(item)
        assert (item.rating, item.rating_comment) == (rating, comment)
    assert say("đánh giá 5") == [messages.RATE_NOTHING]


def test_rate_words_inside_a_conversation_stay_its_text(say, zalo, world):
    say("phan anh"), say("phu xuan"), say("2")
    assert say("Đánh giá chung là đường rất xấu") == [messages.ASK_MEDIA.format(n=5)]
