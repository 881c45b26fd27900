"""A local fake of the Zalo APIs we use, following reference/zalo.md, errors included.

Run it by hand::

    python -m tests.fakes.zalo --port 8765

and point the app at it (``ZALO_OPENAPI_URL`` etc. = http://127.0.0.1:8765). It prints a
refresh token for ``flask zalo connect``. Tests run it in a thread and read its state.

What it implements:
- ``POST /v4/oa/access_token`` (``secret_key`` header; refresh tokens are single-use and
  rotate; reuse → -14020)
- ``POST /v3.0/oa/message/cs`` (-230 for users marked stale, -216 for a bad token, -32
  over the configured rate, injected errors, slow mode)
- ``GET /v2.0/oa/conversation``, ``GET /v2.0/oa/getoa``
- ``POST /v2.0/article/create|verify|update|remove``, ``POST /v2.0/oa/message`` (broadcast)
- ``POST /v2.0/oa/upload/image|file``, ``GET /_fake/img/<name>`` (image download URLs)
- ``GET /v2.0/me`` (checks ``appsecret_proof``), ``GET /v2.0/me/info`` (single-use codes)
- ``POST /message/template`` (ZNS, the business host): -124 bad token, -108 phone not
  ``84`` + 9 digits, -109 unknown template, -1122 missing / -111 extra / -1121 too long /
  -112 non-text params, -133 from 22:00 to 06:00 on ``fake.now`` (Vietnam time), a daily
  quota (-144, or -115 when ``zns_quota_error`` says so), per-phone errors
  (``zns_phone_errors``, e.g. -114/-118); :meth:`FakeZalo.zns_delivery_event` builds the
  ``user_received_message`` event for a recorded message
- control: ``GET /_fake/state``, ``POST /_fake/reset``, ``POST /_fake/config``,
  ``POST /_fake/users`` (Mini App users and phone codes), ``GET /_fake/zns`` (template
  messages, quota), ``POST /_fake/zns/templates`` (approve a template)
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, Response, jsonify, request
from werkzeug.serving import WSGIRequestHandler, make_server

OA_ID = "1000000000000000001"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ZNS_PHONE = re.compile(r"84\d{9}")


def vietnam_now() -> datetime:
    """Real time in Vietnam (the fake's default clock for the ZNS night and quota day)."""
    return datetime.now(VIETNAM)


def tiny_jpeg(size: int = 256) -> bytes:
    """Bytes that pass a JPEG content sniff (SOI … EOI), ``size`` long."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return head + b"\x00" * max(0, size - len(head) - 2) + b"\xff\xd9"


class FakeZalo:
    """The fake's state; thread-safe."""

    def __init__(self, app_id: str = "fake-app", app_secret: str = "fake-app-secret",
                 oa_secret: str = "fake-oa-secret"):
        self.app_id, self.app_secret, self.oa_secret = app_id, app_secret, oa_secret
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (one fresh refresh token is issued)."""
        with self.lock:
            self.access_tokens: dict[str, float] = {}
            self.refresh_tokens: dict[str, bool] = {}
            self.refresh_calls = 0
            self.messages: list[dict[str, Any]] = []
            self.sent_per_user: Counter[str] = Counter()
            self.templates: list[dict[str, Any]] = []
            self.stale_users: set[str] = set()
            self.fail_next: list[int] = []
            self.fail_always: int | None = None
            self.rate_limit_per_second = 0
            self._window = [0, 0]
            self.slow_seconds = 0.0
            self.refresh_delay = 0.0
            self.articles: dict[str, dict[str, Any]] = {}
            self.article_tokens: dict[str, str] = {}
            self.verify_pending = 0
            self.broadcasts: list[dict[str, Any]] = []
            self.uploads = 0
            self.miniapp_users: dict[str, dict[str, str]] = {}
            self.phone_codes: dict[str, str] = {}
            self.calls: Counter[str] = Counter()
            self.image_requests = 0
            # ZNS: approved templates {id: {param: max length or None}}, what was sent.
            self.zns_templates: dict[str, dict[str, int | None]] = {}
            self.zns_messages: list[dict[str, Any]] = []
            self.zns_quota = 500
            self.zns_quota_error = -144  # or -115
            self.zns_used: Counter[str] = Counter()  # per Vietnam day (YYYY-MM-DD)
            self.zns_phone_errors: dict[str, int] = {}  # phone (84…) -> error code
            self.zns_fail_next: list[int] = []
            self.now: Callable[[], datetime] = vietnam_now
        self.initial_refresh_token = self.issue_refresh_token()

    # -- helpers -----------------------------------------------------------------------------
    def issue_refresh_token(self) -> str:
        token = "rt-" + secrets.token_hex(12)
        with self.lock:
            self.refresh_tokens[token] = True
        return token

    def issue_access_token(self, ttl: float = 90000) -> str:
        token = "at-" + secrets.token_hex(12)
        with self.lock:
            self.access_tokens[token] = time.time() + ttl
        return token

    def revoke_access_tokens(self) -> None:
        with self.lock:
            self.access_tokens.clear()

    def add_miniapp_user(self, token: str, user_id: str, name: str = "Người dùng") -> None:
        with self.lock:
            self.miniapp_users[token] = {"id": user_id, "name": name}

    def add_phone_code(self, code: str, number: str) -> None:
        with self.lock:
            self.phone_codes[code] = number

    def add_zns_template(self, template_id: str,
                         params: list[str] | dict[str, int | None]) -> None:
        """Approve a ZNS template with its parameter names (or names → maximum length)."""
        limits = dict(params) if isinstance(params, dict) else dict.fromkeys(params)
        with self.lock:
            self.zns_templates[str(template_id)] = limits

    def zns_local_now(self) -> datetime:
        """The fake's clock in Vietnam time (a naive value counts as Vietnam time)."""
        moment = self.now()
        return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None \
            else moment.astimezone(VIETNAM)

    def zns_sent(self, phone: str | None = None) -> list[dict[str, Any]]:
        """Recorded template messages (to one phone, ``84…``, if given)."""
        with self.lock:
            return [dict(m) for m in self.zns_messages if phone in (None, m["phone"])]

    def zns_delivery_event(self, msg_id: str, delay_ms: int = 1500) -> dict[str, Any]:
        """The ``user_received_message`` body Zalo posts when a recorded ZNS message reached
        the phone (reference/zalo.md §1); sign and post it like any other event."""
        with self.lock:
            found = [m for m in self.zns_messages if m["msg_id"] == msg_id]
        if not found:
            raise KeyError(f"no ZNS message {msg_id}")
        message = found[0]
        delivered = str(int(message["sent_time"]) + delay_ms)
        return {"app_id": self.app_id, "oa_id": OA_ID, "event_name": "user_received_message",
                "timestamp": str(int(self.zns_local_now().timestamp() * 1000)),
                "sender": {"id": OA_ID}, "recipient": {"id": message["phone"]},
                "message": {"msg_id": msg_id, "tracking_id": message["tracking_id"],
                            "delivery_time": delivered}}

    def zns_state(self) -> dict[str, Any]:
        """Template messages, templates and the quota of the current Vietnam day."""
        day = self.zns_local_now().date().isoformat()
        with self.lock:
            return {"messages": [dict(m) for m in self.zns_messages],
                    "templates": {k: dict(v) for k, v in self.zns_templates.items()},
                    "quota": {"day": day, "daily": self.zns_quota,
                              "used": self.zns_used[day], "error": self.zns_quota_error}}

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {"refresh_calls": self.refresh_calls, "messages": len(self.messages),
                    "users": len(self.sent_per_user),
                    "max_per_user": max(self.sent_per_user.values(), default=0),
                    "broadcasts": len(self.broadcasts), "articles": len(self.articles),
                    "zns": len(self.zns_messages), "calls": dict(self.calls)}

    def texts_to(self, user_id: str) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.messages if m["user_id"] == user_id]


def _error(code: int, message: str) -> Response:
    return jsonify(error=code, message=message)


def create_fake_app(fake: FakeZalo) -> Flask:
    """The fake as a WSGI app."""
    app = Flask("fake_zalo")
    app.json.ensure_ascii = False

    def token_ok() -> bool:
        token = request.headers.get("access_token", "")
        with fake.lock:
            expires = fake.access_tokens.get(token)
        return expires is not None and expires > time.time()

    def injected() -> Response | None:
        with fake.lock:
            code = fake.fail_next.pop(0) if fake.fail_next else fake.fail_always
        if code is None:
            return None
        if code >= 500:
            return Response("upstream error", status=code)
        return _error(code, f"injected error {code}")

    def rate_limited() -> bool:
        with fake.lock:
            limit = fake.rate_limit_per_second
            if not limit:
                return False
            second = int(time.time())
            if fake._window[0] != second:
                fake._window = [second, 0]
            fake._window[1] += 1
            return fake._window[1] > limit

    @app.before_request
    def _count():
        with fake.lock:
            fake.calls[request.path] += 1
            slow = fake.slow_seconds
        if slow and not request.path.startswith("/_fake"):
            time.sleep(slow)

    # -- OAuth ---------------------------------------------------------------------------------
    @app.post("/v4/oa/access_token")
    def oauth_token():
        if request.headers.get("secret_key") != fake.app_secret:
            return jsonify(error=-14002, error_name="Invalid secret key",
                           error_description="secret_key is invalid")
        if request.form.get("app_id") != fake.app_id:
            return jsonify(error=-14001, error_name="Invalid app id",
                           error_description="app_id is invalid")
        if request.form.get("grant_type") != "refresh_token":
            return jsonify(error=-14003, error_name="Unsupported grant",
                           error_description="grant_type not supported by the fake")
        given = request.form.get("refresh_token", "")
        with fake.lock:
            fake.refresh_calls += 1
            valid = fake.refresh_tokens.get(given)
            if valid:
                fake.refresh_tokens[given] = False  # single use
            delay = fake.refresh_delay
        if delay:
            time.sleep(delay)
        if not valid:
            return jsonify(error=-14020, error_name="Invalid refresh token",
                           error_description="refresh token is invalid or already used")
        return jsonify(access_token=fake.issue_access_token(),
                       refresh_token=fake.issue_refresh_token(), expires_in="90000")

    # -- OA ------------------------------------------------------------------------------------
    @app.get("/v2.0/oa/getoa")
    def getoa():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        return jsonify(error=0, message="Success",
                       data={"oa_id": OA_ID, "name": "UBND (OA giả lập)"})

    @app.post("/v3.0/oa/message/cs")
    def message_cs():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        failure = injected()
        if failure is not None:
            return failure
        if rate_limited():
            return _error(-32, "Exceeded rate limit")
        body = request.get_json(silent=True) or {}
        user_id = str((body.get("recipient") or {}).get("user_id") or "")
        message = body.get("message") or {}
        if not user_id or not message:
            return _error(-201, "Parameters are invalid")
        with fake.lock:
            if user_id in fake.stale_users:
                return _error(-230, "User has not interacted with the OA in the last 7 days")
            message_id = secrets.token_hex(8)
            if "text" in message and "attachment" not in message:
                fake.messages.append({"user_id": user_id, "text": message["text"],
                                      "message_id": message_id, "time": time.time()})
                fake.sent_per_user[user_id] += 1
            else:
                fake.templates.append({"user_id": user_id, "message": message})
        return jsonify(error=0, message="Success",
                       data={"message_id": message_id, "user_id": user_id})

    @app.get("/v2.0/oa/conversation")
    def conversation():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        try:
            params = json.loads(request.args.get("data", "{}"))
        except ValueError:
            return _error(-201, "Parameters are invalid")
        user_id = str(params.get("user_id") or "")
        count = int(params.get("count") or 10)
        with fake.lock:
            mine = [m for m in fake.messages if m["user_id"] == user_id][::-1][:count]
        return jsonify(error=0, message="Success", data=[
            {"src": 0, "from_id": OA_ID, "to_id": user_id, "type": "text",
             "message": m["text"], "message_id": m["message_id"],
             "time": int(m["time"] * 1000)} for m in mine])

    @app.post("/v2.0/oa/upload/image")
    def upload_image():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        upload = request.files.get("file")
        if upload is None:
            return _error(-201, "Parameters are invalid")
        if len(upload.read()) > 1024 * 1024:
            return _error(-210, "File size exceeds the limit")
        with fake.lock:
            fake.uploads += 1
        return jsonify(error=0, message="Success",
                       data={"attachment_id": "att-" + secrets.token_hex(6)})

    @app.post("/v2.0/oa/upload/file")
    def upload_file():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        upload = request.files.get("file")
        if upload is None:
            return _error(-201, "Parameters are invalid")
        if len(upload.read()) > 5 * 1024 * 1024:
            return _error(-210, "File size exceeds the limit")
        with fake.lock:
            fake.uploads += 1
        return jsonify(error=0, message="Success", data={"token": "ft-" + secrets.token_hex(6)})

    @app.get("/_fake/img/<name>")
    def image(name):
        size = request.args.get("size", default=2048, type=int)
        with fake.lock:
            fake.image_requests += 1
        return Response(tiny_jpeg(size), mimetype="image/jpeg")

    # -- articles and broadcast ------------------------------------------------------------
    @app.post("/v2.0/article/create")
    def article_create():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        body = request.get_json(silent=True) or {}
        if not body.get("title") or len(body["title"]) > 150 or not body.get("body"):
            return _error(-201, "Parameters are invalid")
        token = "art-tok-" + secrets.token_hex(6)
        article_id = "art-" + secrets.token_hex(6)
        with fake.lock:
            fake.article_tokens[token] = article_id
            fake.articles[article_id] = {**body, "id": article_id}
        return jsonify(error=0, message="Success", data={"token": token})

    @app.post("/v2.0/article/verify")
    def article_verify():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        token = (request.get_json(silent=True) or {}).get("token")
        with fake.lock:
            article_id = fake.article_tokens.get(token)
            if article_id and fake.verify_pending > 0:
                fake.verify_pending -= 1
                return jsonify(error=0, message="Processing", data={})
        if article_id is None:
            return _error(-201, "Token is invalid")
        return jsonify(error=0, message="Success", data={"id": article_id})

    @app.post("/v2.0/article/update")
    def article_update():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        body = request.get_json(silent=True) or {}
        with fake.lock:
            article = fake.articles.get(str(body.get("id")))
            if article is None:
                return _error(-201, "Article not found")
            article.update(body)
            token = "art-tok-" + secrets.token_hex(6)
            fake.article_tokens[token] = article["id"]
        return jsonify(error=0, message="Success", data={"token": token})

    @app.post("/v2.0/article/remove")
    def article_remove():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        body = request.get_json(silent=True) or {}
        with fake.lock:
            if fake.articles.pop(str(body.get("id")), None) is None:
                return _error(-201, "Article not found")
        return jsonify(error=0, message="Success", data={})

    @app.post("/v2.0/oa/message")
    def broadcast():
        if not token_ok():
            return _error(-216, "Access token is invalid")
        body = request.get_json(silent=True) or {}
        recipient = body.get("recipient") or {}
        if "target" not in recipient:
            return _error(-240, "v2 1:1 messages are no longer supported")
        elements = (((body.get("message") or {}).get("attachment") or {})
                    .get("payload") or {}).get("elements") or []
        if not elements or elements[0].get("media_type") != "article":
            return _error(-201, "Broadcasts carry articles only")
        with fake.lock:
            if str(elements[0].get("attachment_id")) not in fake.articles:
                return _error(-201, "Article not found")
            fake.broadcasts.append(body)
        return jsonify(error=0, message="Success", data={"message_id": secrets.token_hex(8)})

    # -- Graph (Mini App) -----------------------------------------------------------------------
    @app.get("/v2.0/me")
    def me():
        failure = injected()
        if failure is not None:
            return failure
        token = request.headers.get("access_token", "")
        expected = hmac.new(fake.app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.headers.get("appsecret_proof", "")):
            return _error(-242, "appsecret_proof is invalid")
        with fake.lock:
            user = fake.miniapp_users.get(token)
        if user is None:
            return _error(-501, "Access token is invalid")
        return jsonify({**user, "picture": {"data": {"url": "http://127.0.0.1/avatar.png"}},
                        "error": 0, "message": "Success"})

    @app.get("/v2.0/me/info")
    def me_info():
        token = request.headers.get("access_token", "")
        if request.headers.get("secret_key") != fake.app_secret:
            return _error(-124, "secret_key is invalid")
        with fake.lock:
            if token not in fake.miniapp_users:
                return _error(-501, "Access token is invalid")
            number = fake.phone_codes.pop(request.headers.get("code", ""), None)
        if number is None:
            return _error(-201, "code is invalid or expired")
        return jsonify(error=0, message="Success", data={"number": number})

    # -- ZNS / ZBS template messages (business host) ------------------------------------------
    def zns_data_error(template: dict[str, int | None], data: Any) -> Response | None:
        if not isinstance(data, dict):
            return _error(-111, "template_data is invalid")
        missing = [name for name in template if name not in data]
        if missing:
            return _error(-1122, f"Missing template params: {', '.join(missing)}")
        extra = [name for name in data if name not in template]
        if extra:
            return _error(-111, f"Params not in the template: {', '.join(extra)}")
        for name, value in data.items():
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                return _error(-112, f"Param {name} must be text")
            limit = template[name]
            if limit is not None and len(str(value)) > limit:
                return _error(-1121, f"Param {name} is longer than {limit} characters")
        return None

    @app.post("/message/template")
    def zns_send():
        if not token_ok():
            return _error(-124, "Access token is invalid")
        with fake.lock:
            code = fake.zns_fail_next.pop(0) if fake.zns_fail_next else None
        if code is not None:
            return (Response("upstream error", status=code) if code >= 500
                    else _error(code, f"injected error {code}"))
        body = request.get_json(silent=True) or {}
        phone = str(body.get("phone") or "")
        if not ZNS_PHONE.fullmatch(phone):
            return _error(-108, "Phone number is invalid")
        template_id = str(body.get("template_id") or "")
        with fake.lock:
            template = fake.zns_templates.get(template_id)
        if template is None:
            return _error(-109, "Template is invalid")
        failure = zns_data_error(template, body.get("template_data"))
        if failure is not None:
            return failure
        tracking = str(body.get("tracking_id") or "")
        if len(tracking) > 48:
            return _error(-112, "tracking_id is longer than 48 characters")
        local = fake.zns_local_now()
        if local.hour >= 22 or local.hour < 6:
            return _error(-133, "ZNS messages cannot be sent from 22:00 to 06:00")
        day = local.date().isoformat()
        with fake.lock:
            if phone in fake.zns_phone_errors:
                code = fake.zns_phone_errors[phone]
                return _error(code, f"The user cannot receive this message ({code})")
            if fake.zns_used[day] >= fake.zns_quota:
                return _error(fake.zns_quota_error, "Out of daily ZNS quota")
            fake.zns_used[day] += 1
            remaining = fake.zns_quota - fake.zns_used[day]
            msg_id = secrets.token_hex(16)
            sent_time = str(int(local.timestamp() * 1000))
            fake.zns_messages.append({
                "phone": phone, "template_id": template_id,
                "template_data": dict(body["template_data"]), "tracking_id": tracking,
                "mode": body.get("mode"), "msg_id": msg_id, "sent_time": sent_time})
        return jsonify(error=0, message="Success", data={
            "msg_id": msg_id, "sent_time": sent_time,
            "quota": {"dailyQuota": str(fake.zns_quota), "remainingQuota": str(remaining)}})

    # -- control ------------------------------------------------------------------------------
    @app.get("/_fake/state")
    def state():
        return jsonify(fake.state())

    @app.post("/_fake/reset")
    def reset():
        fake.reset()
        return jsonify(refresh_token=fake.initial_refresh_token)

    @app.post("/_fake/config")
    def configure():
        body = request.get_json(silent=True) or {}
        with fake.lock:
            for name in ("slow_seconds", "refresh_delay", "rate_limit_per_second",
                         "verify_pending", "fail_always"):
                if name in body:
                    setattr(fake, name, body[name])
            if "fail_next" in body:
                fake.fail_next = list(body["fail_next"])
            if "stale_users" in body:
                fake.stale_users = set(map(str, body["stale_users"]))
            for name in ("zns_quota", "zns_quota_error"):
                if name in body:
                    setattr(fake, name, int(body[name]))
            if "zns_phone_errors" in body:
                fake.zns_phone_errors = {str(k): int(v)
                                         for k, v in body["zns_phone_errors"].items()}
            if "zns_fail_next" in body:
                fake.zns_fail_next = list(body["zns_fail_next"])
            if "now" in body:  # an ISO time pins the ZNS clock; null follows real time
                pinned = datetime.fromisoformat(body["now"]) if body["now"] else None
                fake.now = (lambda: pinned) if pinned else vietnam_now
        return jsonify(fake.state())

    @app.post("/_fake/users")
    def users():
        body = request.get_json(silent=True) or {}
        token = body.get("token") or "ut-" + secrets.token_hex(8)
        fake.add_miniapp_user(token, str(body.get("id") or secrets.token_hex(6)),
                              body.get("name") or "Người dùng")
        if body.get("phone_code"):
            fake.add_phone_code(body["phone_code"], body.get("phone") or "84912345678")
        return jsonify(token=token)

    @app.get("/_fake/zns")
    def zns_list():
        return jsonify(fake.zns_state())

    @app.post("/_fake/zns/templates")
    def zns_template():
        body = request.get_json(silent=True) or {}
        if not body.get("template_id") or not isinstance(body.get("params"), (list, dict)):
            return _error(-201, "template_id and params are required")
        fake.add_zns_template(str(body["template_id"]), body["params"])
        return jsonify(fake.zns_state()["templates"])

    @app.get("/_fake/messages")
    def messages_list():
        per_user: dict[str, list[str]] = defaultdict(list)
        with fake.lock:
            for m in fake.messages:
                per_user[m["user_id"]].append(m["text"])
        return jsonify(per_user)

    return app


class UnderscoreHeadersHandler(WSGIRequestHandler):
    """Werkzeug drops header names with underscores; Zalo's (``access_token``) have them."""

    def make_environ(self):
        environ = super().make_environ()
        for key, value in self.headers.items():
            if "_" in key:
                environ["HTTP_" + key.upper().replace("-", "_")] = value
        return environ


class QuietHandler(UnderscoreHeadersHandler):
    """No access log (tests and benchmarks)."""

    def log_request(self, *args, **kwargs):
        pass


class FakeServer:
    """The fake served on 127.0.0.1 in a background thread: ``url``, ``stop()``."""

    def __init__(self, fake: FakeZalo, host: str = "127.0.0.1", port: int = 0,
                 quiet: bool = True):
        self.fake = fake
        self._server = make_server(host, port, create_fake_app(fake), threaded=True,
                                   request_handler=QuietHandler if quiet
                                   else UnderscoreHeadersHandler)
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    """``python -m tests.fakes.zalo --port 8765``."""
    parser = argparse.ArgumentParser(description="Fake Zalo server for local development")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--app-id", default="fake-app")
    parser.add_argument("--app-secret", default="fake-app-secret")
    parser.add_argument("--oa-secret", default="fake-oa-secret")
    parser.add_argument("--zns-template", action="append", default=[],
                        metavar="ID=PARAM,PARAM",
                        help="an approved ZNS template and its params (repeatable)")
    args = parser.parse_args(argv)
    fake = FakeZalo(args.app_id, args.app_secret, args.oa_secret)
    for spec in args.zns_template:
        template_id, _, params = spec.partition("=")
        fake.add_zns_template(template_id, [p for p in params.split(",") if p])
    base = f"http://{args.host}:{args.port}"
    print("Fake Zalo on", base)
    print("Environment for the app and the worker:")
    print(f"  export ZALO_APP_ID={args.app_id} ZALO_APP_SECRET={args.app_secret} "
          f"ZALO_OA_SECRET_KEY={args.oa_secret}")
    print(f"  export ZALO_OPENAPI_URL={base} ZALO_OAUTH_URL={base} ZALO_GRAPH_URL={base} "
          f"ZALO_BUSINESS_URL={base}")
    print("Then: flask --app wsgi zalo connect", fake.initial_refresh_token)
    server = FakeServer(fake, args.host, args.port, quiet=False)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
