"""Our thin Zalo client over httpx: OA token store, OA, ZNS and Graph API calls, errors.

Zalo answers HTTP 200 with ``{"error": <non-zero>, "message": …}`` on failure, so every
call checks ``error``; every failure becomes one :class:`ZaloError` keeping the code and
message. OA tokens live in the database (``zalo_oa_state``): the refresh token is single-use,
so a refresh happens under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
``BEGIN IMMEDIATE`` serialises writers already) and the new pair is stored in the same
transaction. An invalid-token answer triggers one refresh and one retry.

Callers call Zalo outside any unit of work, with nothing unsaved: token reads and refreshes
are independent units of work (``core.db.independent_unit_of_work``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from flask import current_app

from core import clock
from core.cache import get_cache
from core.db import db, end_failed_transaction, independent_unit_of_work, savepoint
from integrations.zalo import messages
from integrations.zalo.models import ZaloOAState

log = logging.getLogger(__name__)

# Error codes (reference/zalo.md §6, §7). Community maps conflict, so the message is kept too.
TOKEN_ERRORS = frozenset({-216, -220, -124})
# OA: outside the 7-day window, tier, not a follower, blocked…; ZNS: -114 the user cannot
# receive, -118 no Zalo account for the phone.
UNREACHABLE_ERRORS = frozenset({-230, -224, -213, -217, -227, -244, -114, -118})
TRANSIENT_ERRORS = frozenset({-32, -100})
# OA: -234 promotion blocked; ZNS: -115 out of quota, -144 the OA's daily limit.
QUOTA_ERRORS = frozenset({-144, -115, -234})
# ZNS only: no template messages from 22:00 to 06:00 (Vietnam time).
NIGHT_ERRORS = frozenset({-133})
PHONE_ERRORS = frozenset({-108})  # ZNS: the phone number is not valid
TEMPLATE_ERRORS = frozenset({-109, -131})  # ZNS: unknown or not approved template
TEMPLATE_DATA_ERRORS = frozenset({-111, -112, -1121, -1122})  # ZNS: bad, too long, missing
# Local codes for failures that never reached a Zalo answer.
HTTP_ERROR = -9001
TIMEOUT = -9002
BAD_REPLY = -9003
NOT_CONNECTED = -9004
TOO_LARGE = -9005


class ZaloError(Exception):
    """Any failed Zalo call: ``code`` (Zalo's or one of ours) and ``message``."""

    def __init__(self, code: int, message: str, status: int | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status

    @property
    def kind(self) -> str:
        """``token``, ``unreachable``, ``transient``, ``quota``, ``permanent``, or for ZNS
        ``night``, ``phone``, ``template`` and ``template_data`` (permanent errors a ZNS
        sender tells apart; the OA sender treats them as permanent)."""
        if self.code in TOKEN_ERRORS:
            return "token"
        if self.code in UNREACHABLE_ERRORS:
            return "unreachable"
        if self.code in QUOTA_ERRORS:
            return "quota"
        if self.code in NIGHT_ERRORS:
            return "night"
        if self.code in PHONE_ERRORS:
            return "phone"
        if self.code in TEMPLATE_ERRORS:
            return "template"
        if self.code in TEMPLATE_DATA_ERRORS:
            return "template_data"
        if self.code in TRANSIENT_ERRORS or self.code in (TIMEOUT, NOT_CONNECTED):
            return "transient"
        if self.code == HTTP_ERROR and (self.status is None or self.status >= 500
                                        or self.status == 429):
            return "transient"
        return "permanent"


def setting(name: str) -> str:
    """A Zalo setting as a string (environment JSON parsing may make app ids numbers)."""
    value = current_app.config.get(name)
    return "" if value is None else str(value)


def enabled() -> bool:
    """Zalo parts are on when an app id is configured."""
    return bool(setting("ZALO_APP_ID"))


def url(base_setting: str, path: str) -> str:
    """Absolute URL on one of the configured Zalo hosts."""
    return setting(base_setting).rstrip("/") + path


# --- HTTP -----------------------------------------------------------------------------------
_http: httpx.Client | None = None
_http_lock = threading.Lock()


def http() -> httpx.Client:
    """The process's one httpx client (connection pool), with timeouts."""
    global _http
    if _http is None:
        with _http_lock:
            if _http is None:
                timeout = float(current_app.config["ZALO_TIMEOUT_SECONDS"])
                _http = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
                                     limits=httpx.Limits(max_connections=20),
                                     follow_redirects=False)
    return _http


def reset_http() -> None:
    """Drop the pooled client (tests, after a fork)."""
    global _http
    with _http_lock:
        if _http is not None:
            _http.close()
        _http = None


def _check(response: httpx.Response) -> dict[str, Any]:
    """Parse a Zalo answer; raise ZaloError unless it is a success."""
    if response.status_code >= 400:
        raise ZaloError(HTTP_ERROR, f"HTTP {response.status_code}", response.status_code)
    try:
        body = response.json()
    except ValueError:
        raise ZaloError(BAD_REPLY, "answer is not JSON", response.status_code) from None
    if not isinstance(body, dict):
        raise ZaloError(BAD_REPLY, "answer is not an object", response.status_code)
    error = body.get("error", 0)
    try:
        error = int(error)
    except (TypeError, ValueError):
        raise ZaloError(BAD_REPLY, f"bad error field {error!r}") from None
    if error != 0:
        message = str(body.get("message") or body.get("error_description")
                      or body.get("error_name") or "")
        raise ZaloError(error, message[:300])
    return body


def request(method: str, full_url: str, **kwargs) -> dict[str, Any]:
    """One HTTP call to Zalo, errors mapped to ZaloError."""
    try:
        response = http().request(method, full_url, **kwargs)
    except httpx.TimeoutException as exc:
        raise ZaloError(TIMEOUT, type(exc).__name__) from None
    except httpx.HTTPError as exc:
        raise ZaloError(HTTP_ERROR, type(exc).__name__) from None
    return _check(response)


# --- OA tokens ------------------------------------------------------------------------------
@dataclass
class _Cached:
    token: str
    expires_at: datetime


TOKEN_CACHE = "zalo.oa_token"  # the app's in-process copy of the OA access token (core.cache)


def _remember_token(cached: _Cached | None) -> None:
    if cached is None:
        get_cache(TOKEN_CACHE).clear()
    else:
        get_cache(TOKEN_CACHE).put("oa", cached)


def forget_cached_token() -> None:
    """Drop the in-process copy of the access token (tests)."""
    _remember_token(None)


def _margin() -> timedelta:
    return timedelta(hours=float(current_app.config["ZALO_TOKEN_REFRESH_MARGIN_HOURS"]))


def _expires(body: dict[str, Any]) -> datetime:
    try:
        seconds = int(str(body.get("expires_in", "90000")))
    except ValueError:
        seconds = 90000
    return clock.now() + timedelta(seconds=seconds)


def _exchange_refresh_token(refresh_token: str) -> dict[str, Any]:
    """POST the OAuth v4 refresh grant; returns the new pair."""
    body = request("POST", url("ZALO_OAUTH_URL", "/v4/oa/access_token"),
                   data={"app_id": setting("ZALO_APP_ID"), "grant_type": "refresh_token",
                         "refresh_token": refresh_token},
                   headers={"secret_key": setting("ZALO_APP_SECRET")})
    if not body.get("access_token") or not body.get("refresh_token"):
        raise ZaloError(BAD_REPLY, "token answer without a token pair")
    return body


def _locked_state() -> ZaloOAState | None:
    return db.session.scalar(sa.select(ZaloOAState).where(ZaloOAState.id == 1)
                             .with_for_update().execution_options(populate_existing=True))


def _alert_refresh_failed(error: ZaloError) -> None:
    """Tell administrators: the log (critical) and an outbox row an admin channel can send."""
    from core import outbox

    text = messages.ALERT_REFRESH_FAILED.format(error=f"{error.code} {error.message}")
    log.critical("Zalo OA token refresh failed (%s %s): re-connect needed",
                 error.code, error.message)
    day = clock.now().strftime("%Y-%m-%d")
    try:
        with savepoint():
            outbox.queue("admin", "administrators", "zalo_token_failed", {"text": text},
                         key=f"zalo:token-failed:{day}")
    except sa.exc.IntegrityError:
        pass  # already raised today


def refresh(stale_token: str | None) -> str:
    """Exchange the refresh token once, even when many workers ask together.

    ``stale_token`` is the access token the caller found expired or refused; if another
    worker has already replaced it, the new one is returned without a second refresh.

    An independent unit of work (row lock, exchange, new pair): once Zalo has answered, the
    old refresh token is spent, so the new pair must be stored whatever becomes of the job
    that asked; a refused refresh is recorded (and administrators alerted) the same way.
    """
    refused: ZaloError | None = None
    with independent_unit_of_work():
        state = _locked_state()
        if state is None or not state.refresh_token:
            raise ZaloError(NOT_CONNECTED, "OA not connected")
        fresh = (state.access_token and state.access_token != stale_token
                 and state.access_expires_at
                 and state.access_expires_at - _margin() > clock.now())
        if fresh:
            token, expires = state.access_token, state.access_expires_at
        else:
            try:
                body = _exchange_refresh_token(state.refresh_token)
            except ZaloError as exc:
                if exc.kind == "transient":
                    raise
                state.refresh_failed_at = clock.now()
                state.last_error = f"{exc.code} {exc.message}"[:500]
                _alert_refresh_failed(exc)
                refused = exc  # raised once the record is committed
            else:
                token, expires = body["access_token"], _expires(body)
                state.access_token, state.refresh_token = token, body["refresh_token"]
                state.access_expires_at, state.refreshed_at = expires, clock.now()
                state.refresh_failed_at, state.last_error = None, None
    if refused is not None:
        raise refused
    _remember_token(_Cached(token, expires))
    return token


def access_token() -> str:
    """A valid OA access token: from memory, the database, or a refresh."""
    cached = get_cache(TOKEN_CACHE).get("oa")
    if cached and cached.expires_at - _margin() > clock.now():
        return cached.token
    # Read alone and committed: no transaction (SQLite's write lock) is held across HTTP.
    with independent_unit_of_work():
        state = db.session.get(ZaloOAState, 1, populate_existing=True)
        token = state.access_token if state else None
        expires = state.access_expires_at if state else None
    if token and expires and expires - _margin() > clock.now():
        _remember_token(_Cached(token, expires))
        return token
    return refresh(token)


def connect(refresh_token: str) -> dict[str, Any]:
    """Store the first refresh token (from the OA console) and check it; returns the OA info."""
    body = _exchange_refresh_token(refresh_token)
    with independent_unit_of_work():  # the first pair is spent on exchange: keep the new one
        state = db.session.get(ZaloOAState, 1) or ZaloOAState(id=1)
        state.access_token, state.refresh_token = body["access_token"], body["refresh_token"]
        state.access_expires_at, state.refreshed_at = _expires(body), clock.now()
        state.refresh_failed_at, state.last_error = None, None
        db.session.add(state)
    _remember_token(None)
    info = oa_call("GET", "/v2.0/oa/getoa")
    return {**(info.get("data") or {}), "expires_at": state.access_expires_at}


def oa_call(method: str, path: str, *, base: str = "ZALO_OPENAPI_URL", **kwargs) -> dict:
    """Call the OA API with the access token; on an invalid token refresh once, retry once."""
    token = access_token()
    headers = dict(kwargs.pop("headers", None) or {})
    for attempt in (1, 2):
        try:
            return request(method, url(base, path), headers={**headers, "access_token": token},
                           **kwargs)
        except ZaloError as exc:
            if exc.kind != "token" or attempt == 2:
                raise
            log.info("Zalo refused the access token (%s); refreshing once", exc.code)
            token = refresh(token)
    raise AssertionError("unreachable")  # pragma: no cover


# --- OA API ---------------------------------------------------------------------------------
def get_oa() -> dict[str, Any]:
    """The OA's own profile (a cheap health check)."""
    return oa_call("GET", "/v2.0/oa/getoa").get("data") or {}


def send_text(user_id: str, text: str) -> str | None:
    """Customer-service text message; returns Zalo's message id."""
    body = oa_call("POST", "/v3.0/oa/message/cs",
                   json={"recipient": {"user_id": user_id}, "message": {"text": text[:2000]}})
    return (body.get("data") or {}).get("message_id")


def request_user_info(user_id: str, title: str, subtitle: str) -> str | None:
    """Send the "share your contact" template (answer arrives as user_submit_info)."""
    body = oa_call("POST", "/v3.0/oa/message/cs", json={
        "recipient": {"user_id": user_id},
        "message": {"attachment": {"type": "template", "payload": {
            "template_type": "request_user_info",
            "elements": [{"title": title, "subtitle": subtitle}]}}}})
    return (body.get("data") or {}).get("message_id")


def recent_oa_texts(user_id: str, count: int = 10) -> list[str]:
    """Texts of the latest messages in the conversation with ``user_id`` sent by the OA.

    Used after an interrupted send to learn whether the message went out. [INF] endpoint
    ``GET /v2.0/oa/conversation`` (in the official SDKs); messages from the OA have
    ``src`` 0 or a ``from_id`` other than the user's.
    """
    body = oa_call("GET", "/v2.0/oa/conversation", params={
        "data": json.dumps({"user_id": user_id, "offset": 0, "count": count})})
    texts = []
    for item in body.get("data") or []:
        if not isinstance(item, dict):
            continue
        from_oa = str(item.get("src")) == "0" or (
            item.get("from_id") is not None and str(item.get("from_id")) != str(user_id))
        if from_oa and isinstance(item.get("message"), str):
            texts.append(item["message"])
    return texts


def create_article(content: dict[str, Any]) -> str:
    """Start creating an article; returns the token to verify it with."""
    body = oa_call("POST", "/v2.0/article/create", json=content)
    token = (body.get("data") or {}).get("token")
    if not token:
        raise ZaloError(BAD_REPLY, "article create without a token")
    return str(token)


def verify_article(token: str) -> str | None:
    """The article id once Zalo has created the article (None while it is still processing)."""
    body = oa_call("POST", "/v2.0/article/verify", json={"token": token})
    article_id = (body.get("data") or {}).get("id")
    return str(article_id) if article_id else None


def update_article(article_id: str, content: dict[str, Any]) -> None:
    """Update an article (used to hide it)."""
    oa_call("POST", "/v2.0/article/update", json={**content, "id": article_id})


def broadcast_article(article_id: str, target: dict[str, Any]) -> str | None:
    """Broadcast an article to the OA's followers (optionally targeted)."""
    body = oa_call("POST", "/v2.0/oa/message", json={
        "recipient": {"target": target},
        "message": {"attachment": {"type": "template", "payload": {
            "template_type": "media",
            "elements": [{"media_type": "article", "attachment_id": article_id}]}}}})
    return (body.get("data") or {}).get("message_id")


def download(file_url: str, max_bytes: int) -> bytes:
    """Fetch an attachment a user sent (image URL from the event), refusing big files."""
    try:
        with http().stream("GET", file_url) as response:
            if response.status_code >= 400:
                raise ZaloError(HTTP_ERROR, f"HTTP {response.status_code}",
                                response.status_code)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ZaloError(TOO_LARGE, "file too large")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ZaloError(TOO_LARGE, "file too large")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException as exc:
        raise ZaloError(TIMEOUT, type(exc).__name__) from None
    except httpx.HTTPError as exc:
        raise ZaloError(HTTP_ERROR, type(exc).__name__) from None


# --- ZNS / ZBS template messages by phone (business host) ----------------------------------
@dataclass
class ZnsSent:
    """What Zalo answered to an accepted template message: its id and the OA's quota."""

    msg_id: str
    sent_time: str | None = None
    daily_quota: int | None = None
    remaining_quota: int | None = None


def _int_or_none(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def send_zns(phone: str, template_id: str, template_data: dict[str, str],
             tracking_id: str) -> ZnsSent:
    """Send an approved template to a phone (``84…``, no ``+``, no leading 0).

    ``tracking_id`` (≤48 characters) comes back in the delivery event. With
    ``ZALO_ZNS_MODE = "development"`` Zalo delivers only to the OA's administrators.
    """
    body: dict[str, Any] = {"phone": phone, "template_id": str(template_id),
                            "template_data": template_data, "tracking_id": tracking_id[:48]}
    if setting("ZALO_ZNS_MODE") == "development":
        body["mode"] = "development"
    reply = oa_call("POST", "/message/template", base="ZALO_BUSINESS_URL", json=body)
    data = reply.get("data") if isinstance(reply.get("data"), dict) else {}
    if not data.get("msg_id"):
        raise ZaloError(BAD_REPLY, "ZNS answer without msg_id")
    quota = data.get("quota") if isinstance(data.get("quota"), dict) else {}
    return ZnsSent(msg_id=str(data["msg_id"]),
                   sent_time=str(data["sent_time"]) if data.get("sent_time") else None,
                   daily_quota=_int_or_none(quota.get("dailyQuota")),
                   remaining_quota=_int_or_none(quota.get("remainingQuota")))


# --- Mini App (Graph API, user tokens) -------------------------------------------------------
def appsecret_proof(user_token: str) -> str:
    """hex(HMAC-SHA256(key=APP_SECRET, msg=token)), mandatory on Graph calls."""
    return hmac.new(setting("ZALO_APP_SECRET").encode(), user_token.encode(),
                    hashlib.sha256).hexdigest()


def graph_me(user_token: str) -> dict[str, Any]:
    """The Mini App user behind a user access token (``id``, ``name``)."""
    body = request("GET", url("ZALO_GRAPH_URL", "/v2.0/me"),
                   params={"fields": "id,name,picture"},
                   headers={"access_token": user_token,
                            "appsecret_proof": appsecret_proof(user_token)})
    if not body.get("id"):
        raise ZaloError(BAD_REPLY, "no id in /me answer")
    return body


def graph_phone(user_token: str, phone_token: str) -> str:
    """Exchange the single-use phone token for the number (server side, with the secret)."""
    body = request("GET", url("ZALO_GRAPH_URL", "/v2.0/me/info"),
                   headers={"access_token": user_token, "code": phone_token,
                            "secret_key": setting("ZALO_APP_SECRET")})
    number = (body.get("data") or {}).get("number")
    if not number:
        raise ZaloError(BAD_REPLY, "no number in /me/info answer")
    return str(number)


def readiness() -> str:
    """One line for ``/readyz``: off, not connected, refresh failed, paused, or ok."""
    if not enabled():
        return messages.READY_OFF
    try:
        state = db.session.get(ZaloOAState, 1)
    except Exception as exc:  # noqa: BLE001 - readiness must answer
        end_failed_transaction()
        return f"error: {type(exc).__name__}"
    if state is None or not state.refresh_token:
        return messages.READY_NOT_CONNECTED
    if state.refresh_failed_at is not None:
        return messages.READY_REFRESH_FAILED.format(error=state.last_error or "")
    if state.paused_until and state.paused_until > clock.now():
        return messages.READY_PAUSED.format(until=clock.isoformat_local(state.paused_until))
    return messages.READY_OK
