"""Verification codes, seals (signatures) at publication, and the check of a code or of
pasted text against the notices ever published.

Text is compared folded (``core.text.search_terms``: no diacritics, case or punctuation)
as sets of character 5-grams: the share of the pasted text's 5-grams found in a notice
(containment, so a quoted part of a notice matches too) must reach ``VERIFICATION_MATCH``.
Candidates are the notices published for the unit (and its province) in the last
``VERIFICATION_SEARCH_DAYS``, read by one indexed query, so the same code runs on SQLite
and PostgreSQL; the 5-grams of a published version never change and are cached.
"""

from __future__ import annotations

import difflib
import logging
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from core import clock
from core.codes import ALPHABET
from core.db import db, flush
from core.errors import UserValueError
from core.text import clean, search_terms
from core.urls import public_url
from directory.models import AdminUnit
from notices.html import to_text
from notices.models import Notice, NoticeTarget
from notices.verification import keys, messages, signing
from notices.verification.models import NoticeSignature

log = logging.getLogger(__name__)

CODE_LENGTH = 6  # 30^6 ≈ 7.3·10^8 codes; tracking codes have 8 characters, never 6
ENDED = ("published", "expired", "withdrawn", "superseded")
MIN_WORDS = 5
MAX_TEXT = 10000
SHINGLE = 5


# --- codes ----------------------------------------------------------------------------------
def new_code() -> str:
    """A random code over the tracking codes' alphabet (no 0/O, 1/I/L, U)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """What people type (lowercase, spaces, dashes) as a code; None if it cannot be one."""
    code = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def display(code: str | None) -> str | None:
    """``ABC234`` → ``ABC-234``."""
    return f"{code[:3]}-{code[3:]}" if code else None


def spoken(code: str) -> str:
    """The code letter by letter, for the radio: "A, B, C, 2, 3, 4"."""
    return ", ".join(code)


def page_url(code: str) -> str:
    """The public page of a code (what its QR code opens)."""
    return public_url("verification_pages.notice_page", code=code)


def code_line(notice: Notice) -> str | None:
    """"Mã xác minh: ABC-234 (kiểm tra tại https://…/xac-minh/ABC234)" for messages sent to
    other systems (Zalo); without a public origin, just the code."""
    code = getattr(notice, "verification_code", None)
    if not code:
        return None
    url = page_url(code)
    if "://" in url:
        return messages.CODE_LINE.format(code=display(code), url=url)
    return f"{messages.CODE_LABEL}: {display(code)}"


# --- sealing at publication -------------------------------------------------------------------
def _unused_code() -> str:
    for _ in range(20):
        code = new_code()
        if db.session.scalar(sa.select(Notice.id).where(
                Notice.verification_code == code)) is None:
            return code
    raise RuntimeError("no free verification code")  # pragma: no cover - 7·10^8 codes


def seal(notice: Notice, moment: datetime | None = None) -> NoticeSignature | None:
    """Give a version being published its code and sign it (inside the publishing
    transaction, before CAP alerts and hooks read it). Flush only."""
    if notice.verification_code is None:
        notice.verification_code = _unused_code()
    db.session.flush()
    key = keys.signing_or_create(moment)
    if key is None:
        log.warning("notice %s published unsigned: no signing key", notice.id)
        return None
    payload = signing.payload_of(notice)
    value = signing.sign(payload, keys.private_ed25519(key.id))
    row = db.session.get(NoticeSignature, notice.id) or NoticeSignature(notice_id=notice.id)
    row.key_id, row.value = key.id, keys.b64url(value)
    row.payload_sha256 = signing.digest(payload)
    row.signed_at = moment or clock.now()
    db.session.add(row)
    db.session.flush()
    return row


def signatures_for(notice_ids: list[int]) -> dict[int, NoticeSignature]:
    """The signatures of these versions, by notice id (one query)."""
    if not notice_ids:
        return {}
    rows = db.session.scalars(sa.select(NoticeSignature).where(
        NoticeSignature.notice_id.in_(notice_ids)))
    return {r.notice_id: r for r in rows}


def signature_block(row: NoticeSignature | None) -> dict[str, Any] | None:
    """How a signature is served beside the notice JSON."""
    if row is None:
        return None
    return {"algorithm": signing.ALGORITHM, "key_id": row.key_id, "value": row.value,
            "format": signing.FORMAT,
            "keys": public_url("verification_api.published_keys")}


def sign_unsigned() -> int:
    """Sign (and code) published versions that have no signature yet (notices published
    before verification existed). Returns how many (flush only: the caller's unit commits)."""
    signed = 0
    ids = db.session.scalars(sa.select(Notice.id).where(
        Notice.status.in_(ENDED), Notice.published_at.is_not(None),
        Notice.id.not_in(sa.select(NoticeSignature.notice_id))).order_by(Notice.id)).all()
    for notice_id in ids:
        seal(db.session.get(Notice, notice_id))
        signed += 1
    flush()
    return signed


# --- state of a version -------------------------------------------------------------------------
def state_of(notice: Notice, moment: datetime | None = None) -> str:
    """current, expired, withdrawn or superseded."""
    moment = moment or clock.now()
    if notice.status == "published":
        return "current" if notice.expires_at is None or notice.expires_at > moment else "expired"
    return notice.status if notice.status in ("expired", "withdrawn", "superseded") else "current"


def replacement_of(notice: Notice) -> Notice | None:
    """The version in force of a superseded notice's series."""
    return db.session.scalar(sa.select(Notice).where(
        Notice.series_id == notice.series_id, Notice.status == "published",
        Notice.verification_code.is_not(None)).order_by(Notice.version.desc()).limit(1))


def state_message(notice: Notice, moment: datetime | None = None) -> str:
    """One plain sentence on whether the version still counts."""
    state = state_of(notice, moment)
    if state == "current":
        return messages.STATE_CURRENT
    ended = notice.ended_at or notice.expires_at or clock.now()
    date = clock.to_local(ended).strftime("%d/%m/%Y")
    if state == "expired":
        return messages.STATE_EXPIRED.format(date=date)
    if state == "withdrawn":
        return messages.STATE_WITHDRAWN.format(date=date)
    newer = replacement_of(notice)
    return messages.STATE_SUPERSEDED.format(date=date, code=display(
        newer.verification_code) if newer else "—")


# --- the check ------------------------------------------------------------------------------------
@dataclass
class Check:
    """The answer to one check."""

    found: bool
    match: str | None = None  # code | exact_text | similar_text
    notice: Notice | None = None
    unit: AdminUnit | None = None
    similarity: float | None = None
    differences: list[str] = field(default_factory=list)
    code: str | None = None


# How much of a checked text travels to the report form in its link.
REPORT_TEXT_MAX = 1500


def by_code(raw: str) -> Check:
    """The version with this code (any state), or not found."""
    code = normalise_code(raw)
    if code is None:
        raise UserValueError(messages.CODE_INVALID, {"code": [messages.CODE_INVALID]})
    notice = db.session.scalar(sa.select(Notice).where(Notice.verification_code == code))
    if notice is None or notice.status not in ENDED:
        return Check(found=False, code=code)
    return Check(found=True, match="code", notice=notice, unit=notice.unit, code=code)


_CACHE: OrderedDict[int, tuple[str, frozenset[str]]] = OrderedDict()
_CACHE_SIZE = 4000


def _shingles(folded: str) -> frozenset[str]:
    padded = f" {folded} "
    if len(padded) <= SHINGLE:
        return frozenset((padded,))
    return frozenset(padded[i:i + SHINGLE] for i in range(len(padded) - SHINGLE + 1))


def notice_text(notice: Notice) -> str:
    """Everything a notice says, as plain text."""
    return "\n".join((notice.title, notice.summary, to_text(notice.body)))


def _indexed(notice: Notice) -> tuple[str, frozenset[str]]:
    cached = _CACHE.get(notice.id)
    if cached is None:
        folded = " ".join(search_terms(notice_text(notice)))
        cached = (folded, _shingles(folded))
        _CACHE[notice.id] = cached
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(notice.id)
    return cached


def _candidates(unit: AdminUnit | None, moment: datetime) -> list[Notice]:
    since = moment - timedelta(days=int(current_app.config["VERIFICATION_SEARCH_DAYS"]))
    query = sa.select(Notice).where(Notice.status.in_(ENDED),
                                    Notice.verification_code.is_not(None),
                                    Notice.published_at >= since)
    if unit is not None:
        # A commune hears its own and its province's notices; a province, its communes' too.
        codes = [unit.code] + ([unit.parent_code] if unit.parent_code else [])
        targeted = sa.or_(NoticeTarget.unit_code.in_(codes), NoticeTarget.unit_code.in_(
            sa.select(AdminUnit.code).where(AdminUnit.parent_code == unit.code)))
        query = query.where(Notice.id.in_(sa.select(NoticeTarget.notice_id).where(targeted)))
    limit = int(current_app.config["VERIFICATION_SEARCH_LIMIT"])
    return list(db.session.scalars(query.order_by(Notice.published_at.desc(),
                                                  Notice.id.desc()).limit(limit)
                                   .options(selectinload(Notice.unit))))


def _differences(query_words: list[str], original_words: list[str],
                 notice_words: list[str]) -> list[str]:
    """Words of the pasted text that the matched notice does not have there (at most 12)."""
    shown = original_words if len(original_words) == len(query_words) else query_words
    matcher = difflib.SequenceMatcher(None, query_words, notice_words, autojunk=False)
    found: list[str] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            found.extend(shown[i1:i2])
    seen: list[str] = []
    for word in found:
        if word not in seen:
            seen.append(word)
    return seen[:12]


def by_text(text: str, unit: AdminUnit | None = None) -> Check:
    """The published notice (of the unit and its province, when given) that says this."""
    text = clean(text or "")
    if len(text) > MAX_TEXT:
        message = messages.TEXT_TOO_LONG.format(n=MAX_TEXT)
        raise UserValueError(message, {"text": [message]})
    words = search_terms(text)
    if len(words) < MIN_WORDS:
        message = messages.TEXT_TOO_SHORT.format(n=MIN_WORDS)
        raise UserValueError(message, {"text": [message]})
    folded = " ".join(words)
    query = _shingles(folded)
    moment = clock.now()
    best: tuple[float, Notice, str] | None = None
    for notice in _candidates(unit, moment):
        notice_folded, grams = _indexed(notice)
        score = len(query & grams) / len(query)
        if best is None or score > best[0] + 1e-9:
            best = (score, notice, notice_folded)
    if best is None or best[0] < float(current_app.config["VERIFICATION_MATCH"]):
        return Check(found=False, unit=unit)
    score, notice, notice_folded = best
    exact = f" {folded} " in f" {notice_folded} "
    differences = [] if exact else _differences(
        words, [w for w in re.split(r"[^\w]+", text) if w], notice_folded.split())
    return Check(found=True, match="exact_text" if exact else "similar_text", notice=notice,
                 unit=unit or notice.unit, similarity=round(score, 3),
                 differences=differences, code=notice.verification_code)


# --- what a check answers ---------------------------------------------------------------------
def verdict(check: Check) -> str:
    """The plain answer, one or two sentences."""
    if check.found:
        unit = check.notice.unit.name
        template = {"code": messages.FOUND_CODE, "exact_text": messages.FOUND_EXACT,
                    "similar_text": messages.FOUND_SIMILAR}[check.match]
        return template.format(unit=unit)
    if check.code:
        return messages.CODE_NOT_FOUND.format(code=display(check.code))
    if check.unit is not None:
        return messages.TEXT_NOT_FOUND_UNIT.format(unit=check.unit.name)
    return messages.TEXT_NOT_FOUND


def report_url(unit: AdminUnit | None, text: str = "") -> str | None:
    """The public page where a citizen reports false information to the unit (built by
    the false-information reports; linked by path), with the checked text filled in."""
    if unit is None:
        return None
    query = f"?{urlencode({'content': text.strip()[:REPORT_TEXT_MAX]})}" if text.strip() else ""
    return f"/bao-tin-gia/{unit.code}{query}"


def signature_status(notice: Notice) -> dict[str, Any] | None:
    """The version's signature and whether it verifies against the published keys now."""
    row = signatures_for([notice.id]).get(notice.id)
    block = signature_block(row)
    if block is None:
        return None
    published = [keys.describe(k) for k in keys.valid()]
    ok, reason = signing.check(signing.payload_of(notice), block, published)
    return {**block, "valid": ok, "reason": reason}


def notice_summary(notice: Notice) -> dict[str, Any]:
    """A checked notice as the check page and API show it (public fields only)."""
    code = notice.verification_code
    newer = replacement_of(notice) if notice.status == "superseded" else None
    return {
        "id": notice.id,
        "version": notice.version,
        "verification_code": display(code),
        "title": notice.title,
        "summary": notice.summary,
        "text": to_text(notice.body),
        "unit": {"code": notice.unit.code, "name": notice.unit.name},
        "published_at": clock.isoformat_local(notice.published_at),
        "expires_at": clock.isoformat_local(notice.expires_at),
        "ended_at": clock.isoformat_local(notice.ended_at),
        "state": state_of(notice),
        "state_message": state_message(notice),
        "page_url": page_url(code),
        "pdf_url": public_url("verification_pages.printable", code=code),
        "replacement": ({"verification_code": display(newer.verification_code),
                         "page_url": page_url(newer.verification_code)} if newer else None),
        "signature": signature_status(notice),
    }


def answer(check: Check) -> dict[str, Any]:
    """The check as the API answers it."""
    unit = check.notice.unit if check.found and check.match == "code" else check.unit
    return {
        "found": check.found,
        "match": check.match,
        "verdict": verdict(check),
        "similarity": check.similarity,
        "differences": check.differences,
        "notice": notice_summary(check.notice) if check.found else None,
        "report_url": report_url(unit) if not check.found or check.match == "similar_text"
        else None,
    }


def chat_reply(check: Check) -> str:
    """The answer in a chat message (Zalo), links absolute when the origin is known."""
    from core.urls import absolute

    if not check.found:
        unit = check.unit
        url = absolute(report_url(unit)) if unit is not None else ""
        if "://" in url:
            return messages.ZALO_NOT_FOUND_URL.format(verdict=verdict(check), url=url)
        return messages.ZALO_NOT_FOUND.format(verdict=verdict(check))
    notice = check.notice
    template = messages.ZALO_SIMILAR if check.match == "similar_text" else messages.ZALO_FOUND
    return template.format(verdict=verdict(check), title=notice.title,
                           state=state_message(notice),
                           code=display(notice.verification_code),
                           url=page_url(notice.verification_code))[:2000]


def check_message(text: str, unit: AdminUnit | None = None) -> str:
    """A chat message (a code, or forwarded text) checked and answered in one message."""
    try:
        check = by_code(text) if normalise_code(text) else by_text(text, unit)
    except UserValueError as exc:
        return f"{exc.message}\n{messages.ZALO_ASK}"
    return chat_reply(check)
