"""Layered configuration: defaults here, then ``instance/config.py``, then the environment.

Only this module reads ``os.environ``. Environment variables use the same names as the
settings below; ``DATABASE_URL`` is the one alias (for ``SQLALCHEMY_DATABASE_URI``).

Each setting is declared with its type: the annotation where there is one, else the type of
its default. An environment value is read as that type (:func:`parse`): a ``str`` setting
keeps the text as it is (``SOURCE_SYSTEM_PROVINCE=46`` is the code "46", not a number),
``bool`` takes true/false (1/0, yes/no, on/off), ``int`` and ``float`` numbers, ``dict``
and ``list`` JSON, and an optional (``… | None``) setting left empty is None. A value that
is not of its type stops the start with :class:`ConfigError`, naming the variable (never
printing a value that could be a secret). Flask's own settings and those of
``instance/config.py`` without a declaration here take the type of their current value.

Flask's ``from_prefixed_env`` is not used: it reads ``FLASK_``-prefixed names and parses every
value with one loader, whatever the setting, which is the guessing this module replaces.
"""

from __future__ import annotations

import json
import os
import types
import typing
from typing import Any

from flask import Flask

from core import messages


class DefaultConfig:
    """Settings that make the embedded default (SQLite, no broker) work out of the box."""

    SQLALCHEMY_DATABASE_URI: str | None = None  # filled in: SQLite file under instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {}
    # Whole request body limit (5 images of 5 MB plus the form); per-image limit below.
    MAX_CONTENT_LENGTH = 27 * 1024 * 1024
    FEEDBACK_MAX_IMAGES = 5
    FEEDBACK_MAX_IMAGE_BYTES = 5 * 1024 * 1024
    FEEDBACK_DEFAULT_DUE_DAYS = 10
    DIRECTORY_CACHE_SECONDS = 30  # how long a process reuses a (unit, category) route
    IDEMPOTENCY_TTL_HOURS = 24
    UPLOAD_DIR: str | None = None  # filled in: instance/uploads
    PUBLIC_TIMEZONE = "Asia/Ho_Chi_Minh"
    # Celery: Redis in production. Unset: the embedded default, a SQLite file in instance/
    # as the broker, whose worker and beat `make run` starts (core/celery.py, core/embedded.py).
    CELERY_BROKER_URL: str | None = None
    CELERY_RESULT_BACKEND: str | None = None
    CELERY_TASK_ALWAYS_EAGER = False  # run tasks inside the caller (the test suite)
    EMBEDDED_WORKER_CONCURRENCY = 4  # threads of the embedded worker
    EMBEDDED_WORKER_NICE = 0  # CPU niceness of the embedded worker (0: same as the web server)
    OUTBOX_SWEEP_SECONDS = 60
    OUTBOX_MAX_ATTEMPTS = 8
    # Extra outbox senders by channel: {"sms": "package.module:send"} (a gateway's sender).
    OUTBOX_SENDERS: dict[str, str] = {}
    # SMS (integrations/sms): off while SMS_ADAPTER is unset. "smpp": SMPP 3.4 transceiver to
    # the operator or aggregator; "http": the provider's JSON API, the body a template whose
    # strings may hold {phone} (84…), {text}, {sender}, {reference} (the delivery id) and
    # {unicode} ("1"/"0"). Secrets (SMPP password, API keys in headers or body) only from
    # the environment.
    SMS_ADAPTER: str | None = None  # "smpp" | "http"
    SMPP_HOST: str | None = None
    SMPP_PORT = 2775
    SMPP_SYSTEM_ID: str | None = None
    SMPP_PASSWORD: str | None = None  # from the environment only
    SMPP_SYSTEM_TYPE = ""
    SMS_SOURCE_ADDR: str | None = None  # the registered brandname (≤ 11 characters) or a number
    SMS_HTTP_URL: str | None = None
    SMS_HTTP_HEADERS: dict[str, str] | None = None  # from the environment only (API key)
    SMS_HTTP_BODY: dict | None = None  # JSON body template (environment if it holds a key)
    SMS_HTTP_ID_FIELD: str | None = None  # dotted path of the provider's message id
    SMS_HTTP_SUCCESS: dict | None = None  # {"field": "…", "value": …}; unset: any 2xx
    SMS_UNICODE = False  # False: Vietnamese without diacritics (GSM 7-bit, 160/153 a part)
    SMS_MAX_SEGMENTS = 3  # parts one message may take; long answers are cut to fit
    SMS_TIMEOUT_SECONDS = 10.0
    # Rate limits (Flask-Limiter). Memory storage by default; Redis URL in production.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SUBMIT = "30 per minute"
    RATELIMIT_LOOKUP = "20 per minute"
    RATELIMIT_WEBHOOK = "1200 per minute"  # per sending address (Zalo's servers)
    RATELIMIT_ANSWERS = "60 per minute"
    ANSWERS_RANK_CANDIDATES = 500  # newest matches ranked by similarity (PostgreSQL)
    # Open311 GeoReport v2 (feedback/open311)
    OPEN311_RATELIMIT_READ = "120 per minute"  # per client address, all GET endpoints
    OPEN311_RATELIMIT_POST = "30 per minute"  # per partner key
    OPEN311_MAX_ROWS = 1000
    OPEN311_DEFAULT_DAYS = 90
    OPEN311_CHANGESET = "2026-11-23T00:00:00+07:00"
    OPEN311_CONTACT: str | None = None
    OPEN311_ENDPOINT_TYPE = "production"
    # Reports (reports/): largest detail export served over HTTP (the CLI has no limit).
    REPORTS_EXPORT_MAX_ROWS = 200_000
    # The statistics' rollup of whole months (reports/rollup.py): how often beat rebuilds
    # the stale months, how many months back it keeps, and how long after an item's change
    # its month is still counted from the items (covers transactions that commit late).
    REPORTS_ROLLUP_SECONDS = 300
    REPORTS_ROLLUP_MONTHS = 36
    REPORTS_ROLLUP_MARGIN_SECONDS = 300
    # OpenAPI (flask-smorest)
    API_TITLE = "Thông tin cơ sở"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    # Swagger UI from the pinned swagger-ui-bundle package, served by the app (core/docs.py)
    OPENAPI_SWAGGER_UI_URL = "/api/docs/assets/"
    JSON_SORT_KEYS = False
    # Zalo (integrations/zalo): off without an app id. Base URLs point at the real hosts.
    ZALO_APP_ID: str | None = None
    ZALO_APP_SECRET: str | None = None
    ZALO_OA_SECRET_KEY: str | None = None
    ZALO_OPENAPI_URL = "https://openapi.zalo.me"
    ZALO_OAUTH_URL = "https://oauth.zaloapp.com"
    ZALO_GRAPH_URL = "https://graph.zalo.me"
    ZALO_BUSINESS_URL = "https://business.openapi.zalo.me"
    ZALO_TIMEOUT_SECONDS = 10.0
    ZALO_WEBHOOK_REPORT_ONLY = False  # log signature mismatches instead of refusing
    # Signed events older (or newer) than this are replays; stored event keys (duplicates)
    # are kept ZALO_EVENT_KEEP_DAYS, far longer.
    ZALO_WEBHOOK_WINDOW_SECONDS = 600
    ZALO_EVENT_KEEP_DAYS = 14
    ZALO_SEND_RATE_PER_SECOND = 50  # across all workers (Zalo allows 4000/min per app)
    ZALO_DRAIN_SHARDS = 2  # notice fan-out tasks sending in parallel
    ZALO_TOKEN_REFRESH_MARGIN_HOURS = 5  # refresh the 25 h access token at ~20 h
    ZALO_QUOTA_PAUSE_SECONDS = 900
    ZALO_CHAT_IDLE_MINUTES = 30
    ZALO_SWEEP_SECONDS = 30  # beat: re-drain deferred notice messages, stored events
    ZALO_EMERGENCY_BROADCAST = True  # emergency notices: one article broadcast
    ZALO_CITY_CODES: dict[str, str] = {}  # province code -> Zalo city code (broadcast target)
    ZALO_ARTICLE_AUTHOR = "UBND"
    ZALO_MINIAPP_CACHE_SECONDS = 300
    # ZNS / ZBS template messages by phone (channel ``zns``, integrations/zalo/zns.py): on
    # when Zalo is on and a template is set. One approved template per message kind:
    # {kind: {"template_id": "…", "params": {"<template param>": "<payload field>"},
    #         "limits": {"<template param>": max characters (default 100)}}}
    ZALO_ZNS_TEMPLATES: dict[str, dict] = {}
    ZALO_ZNS_MODE = "production"  # "development": Zalo delivers only to the OA's admins
    LOG_LEVEL = "INFO"
    LOG_FORMAT = "text"  # "json" in production: one object per line
    BOARD_FRAME_ANCESTORS: list[str] | str | None = None  # who may frame /board/ (CSP sources)
    # Notices: schedule, public cache, images, CAP identity, widget CORS, board timing.
    NOTICES_SCHEDULE_SECONDS = 30
    NOTICES_CACHE_CHECK_SECONDS = 2.0  # other processes' changes are seen within this
    NOTICES_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=30, stale-if-error=86400"
    NOTICES_PER_PAGE_MAX = 50
    NOTICES_MAX_IMAGES = 5
    NOTICES_MAX_IMAGE_BYTES = 5 * 1024 * 1024
    NOTICES_CAP_SENDER = "cap@thongtin.local"
    NOTICES_CAP_ID_PREFIX = "vn.thongtin"
    NOTICES_CAP_STATUS = "Actual"
    NOTICES_TAG_AUTHORITY = "thongtin.local"
    # Verification of notices (notices/verification): signing keys (Ed25519 for JSON and
    # Atom, ECDSA P-256 with a self-signed certificate for CAP's XML signature), one key
    # generation at a time. Private keys live in VERIFICATION_KEY_DIR (instance/signing-keys
    # by default; shared like UPLOAD_DIR when scaled out), mode 0600, PKCS#8 encrypted with
    # VERIFICATION_KEY_PASSPHRASE when set. A generation stays valid (its signatures verify)
    # VERIFICATION_KEY_VALID_DAYS after it was created; rotation only stops it signing.
    VERIFICATION_KEY_DIR: str | None = None
    VERIFICATION_KEY_PASSPHRASE: str | None = None
    VERIFICATION_KEY_VALID_DAYS = 730
    VERIFICATION_AUTO_KEY = True  # create the first key at the first publication if none
    VERIFICATION_SEARCH_DAYS = 365  # pasted text is compared with notices this recent
    VERIFICATION_SEARCH_LIMIT = 500  # at most this many candidate notices per search
    VERIFICATION_MATCH = 0.6  # share of the pasted text's shingles found in a notice
    VERIFICATION_PDF_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    VERIFICATION_PDF_FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    WIDGET_ALLOWED_ORIGINS: list[str] | str = "*"  # origins allowed to embed, or "*"
    BOARD_ROTATE_SECONDS = 15
    # Boards learn of a new emergency by this poll: an ETag revalidation answered 304 from
    # the notices fast path (no database), so 5,000 boards cost 1,000 cheap requests a
    # second and each shows a new emergency within this plus NOTICES_CACHE_CHECK_SECONDS.
    BOARD_REFRESH_SECONDS = 5
    # Consultations on drafts: files attached to a draft.
    CONSULTATIONS_MAX_ATTACHMENTS = 10
    CONSULTATIONS_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
    # Absolute URLs in messages to other systems (audio links); the request's host if unset.
    PUBLIC_BASE_URL: str | None = None
    # Radio: speech engine (registered by integrations), voice, output, automation.
    RADIO_TTS_ENGINE = "espeak-ng"
    RADIO_TTS_VOICE = "vi"  # espeak-ng voices: vi, vi-vn-x-central, vi-vn-x-south
    RADIO_TTS_SPEED = 150  # words per minute (espeak-ng's default is 175)
    RADIO_TTS_TIMEOUT = 120
    RADIO_AUDIO_FORMAT = "mp3"  # "mp3" (WAV when no encoder is installed) or "wav"
    RADIO_MP3_BITRATE = 48  # kbit/s, mono
    RADIO_ZERO_TEN = "lẻ"  # how 105 is read: "một trăm lẻ năm" (or "linh", southern)
    RADIO_AUTO_EMERGENCY = True  # synthesise emergency notices on publication
    RADIO_SWEEP_SECONDS = 300
    # Provincial source information system (Hệ thống thông tin nguồn); off while unset.
    SOURCE_SYSTEM_ADAPTER: str | None = None  # "json-hmac" or a vendor adapter's name
    SOURCE_SYSTEM_PROVINCE: str | None = None  # province code whose units we exchange for
    SOURCE_SYSTEM_URL: str | None = None
    SOURCE_SYSTEM_KEY_ID = "thongtin"
    SOURCE_SYSTEM_SECRET: str | None = None  # from the environment only
    SOURCE_SYSTEM_TIMEOUT = 10
    SOURCE_SYSTEM_REPLAY_WINDOW = 300  # seconds a signed request stays acceptable
    SOURCE_SYSTEM_INBOUND_MODE = "approval"  # received items: "approval" or "publish"
    SOURCE_SYSTEM_STATS_SECONDS = 3600  # how often yesterday's report is queued (once a day)
    # Staff console: session cookie flags, idle timeout, sign-in lock-out.
    SESSION_COOKIE_NAME = "thongtin_console"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 12 * 3600  # absolute limit of a console session (seconds)
    CONSOLE_IDLE_MINUTES = 30
    CONSOLE_PAGE_SIZE = 25
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15
    RATELIMIT_LOGIN = "10 per minute"
    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a form left open over a working day still posts
    # Deadlines: "due soon" badge and the overdue check.
    FEEDBACK_DUE_SOON_HOURS = 48
    # Ownership proofs (feedback/ownership.py): wrong proofs an item tolerates, one-time codes
    # sent for an item, and how long a code lives.
    FEEDBACK_PROOF_LIMIT = "5 per hour"
    FEEDBACK_OWNERSHIP_CODE_LIMIT = "3 per hour"
    FEEDBACK_OWNERSHIP_CODE_MINUTES = 10
    FEEDBACK_OVERDUE_CHECK_SECONDS = 900
    # The handling office is reminded this many working days before an item is due.
    FEEDBACK_REMIND_WORKING_DAYS = 2
    FEEDBACK_REMINDER_CHECK_SECONDS = 900
    # Leaders receive last month's statistics (XLSX) by e-mail on the month's first working
    # day; beat checks this often whether that day has come.
    REPORTS_MONTHLY_CHECK_SECONDS = 3600
    # Personal data (privacy/; docs/privacy.md). Contact data of ended feedback is
    # erased this many days after it ended; rights requests: acknowledge within N working
    # days, complete within N days by right, one extension (Decree 356/2025/NĐ-CP).
    PRIVACY_CONTACT_RETENTION_DAYS = 365
    PRIVACY_RETENTION_CHECK_SECONDS = 3600
    PRIVACY_ACK_WORKING_DAYS = 2
    PRIVACY_REQUEST_DAYS: dict[str, int] = {"access": 10, "export": 10, "correct": 10,
                                            "delete": 10, "restrict": 15, "withdraw": 15}
    PRIVACY_EXTENSION_DAYS = 15
    # E-mail (integrations/mail; Flask-Mail's names): off while MAIL_SERVER is unset. Channels
    # email (citizens), staff_email (StaffUser.email) and admin. STARTTLS on 587 or SMTPS on
    # 465 with a login on the unit's own mail domain (SPF/DKIM set up for it).
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False  # STARTTLS after connecting
    MAIL_USE_SSL = False  # SMTPS: TLS from the first byte
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None  # from the environment only
    MAIL_DEFAULT_SENDER: str | None = None  # "UBND phường Phú Xuân <noreply@phuxuan.hue.gov.vn>"
    MAIL_TIMEOUT_SECONDS = 10.0
    # Channel admin: these addresses; when empty, active province_admin accounts' e-mails.
    MAIL_ADMIN_RECIPIENTS: list[str] = []
    # Zalo's e-government Mini App template (integrations/zalo/egov) and the appointments
    # at the one-stop office (appointments/). The template calls its routes at the root of
    # its VITE_BASE_URL: keep the prefix empty unless that URL carries the same path.
    MINIAPP_EGOV_PREFIX = ""
    # Mini App id → the unit it serves: {"<id>": "<unit code>"} or {"<id>": {"unit": "<code>",
    # "description": "…", "logo_url": "https://…", "official_accounts": [{"oa_id": "…",
    # "name": "…", "logo_url": "https://…"}]}}. The organization id the app sees is the code.
    MINIAPP_UNITS: dict[str, Any] = {}
    # Origins allowed besides the Mini App runtime's (https://h5.zdn.vn, https://zalo.me and
    # their subdomains), e.g. a test page: a JSON list.
    MINIAPP_ALLOWED_ORIGINS: list[str] = []
    MINIAPP_SEARCH_LIMIT = "30 per day"  # dossier look-ups per Zalo user (then err -117)
    MINIAPP_UPLOAD_HOURS = 24  # an uploaded photo not sent with a feedback is dropped then
    APPOINTMENTS_DAYS_AHEAD = 30  # how far ahead a citizen may book
    APPOINTMENTS_PER_DAY = 200  # queue numbers a unit hands out for one day
    # --- Security (issue 17) ----------------------------------------------------------------
    # Sessions and CSRF tokens are signed with SECRET_KEY: from the environment (production)
    # or instance/config.py, else instance/secret_key (`make run` writes 48 random bytes there
    # once). Outside tests the service refuses to start without a key of at least 32 bytes
    # that is not a published value (core/secret_key.py).
    SECRET_KEY: str | None = None
    # Rate-limit counters: with RATELIMIT_STORAGE_URI left at memory:// and a Redis broker,
    # the limits use the broker's Redis. Per-process counters (memory://) in several gunicorn
    # workers refuse to start unless allowed here; then a warning at start and in /readyz
    # (core/ratelimits.py). WEB_WORKERS is set by gunicorn.conf.py (how many web processes).
    RATELIMIT_ALLOW_PER_PROCESS = False
    WEB_WORKERS: int | None = None
    # Proxies in front of gunicorn whose X-Forwarded-For is trusted (werkzeug's ProxyFix):
    # per-address limits and the sign-in throttle then see the client's address, not the
    # balancer's. 0: none (gunicorn reachable only through those proxies when set).
    TRUSTED_PROXY_HOPS = 0
    # Console sign-in (core/auth.py): failures are counted per (account name, client
    # address), known account or not. After LOGIN_MAX_FAILURES (above) each further failure
    # makes that pair wait LOGIN_DELAY_SECONDS, doubling up to LOGIN_LOCKOUT_MINUTES (above);
    # the count restarts LOGIN_THROTTLE_WINDOW_HOURS after the first failure, after a
    # successful sign-in, or when an administrator unlocks the account. Nobody elsewhere is
    # locked out. Counters live in the rate-limit storage (shared when it is Redis).
    LOGIN_DELAY_SECONDS = 30
    LOGIN_THROTTLE_WINDOW_HOURS = 24
    # Console sessions are rows (staff_sessions, core/sessions.py): they end at sign-out, a
    # password change or reset, when the account is disabled or by an administrator, after
    # CONSOLE_IDLE_MINUTES without a request and PERMANENT_SESSION_LIFETIME after sign-in
    # (absolute, however busy). Last activity is written at most this often:
    CONSOLE_SESSION_TOUCH_SECONDS = 60
    # Public links (core/urls.py). PUBLIC_BASE_URL is the public origin
    # ("https://thongtin.hue.gov.vn", no path): every absolute link in public JSON, Atom,
    # CAP, Open311 and the radio starts with it, whatever Host a request names. Without it,
    # TRUSTED_HOSTS (Flask's setting, a JSON list: requests naming another host get a 400)
    # lets links use the request's host; with neither, public links are root-relative.
    TRUSTED_HOSTS: list[str] | None = None
    # Reports of false information (factcheck/). Deadlines in hours: a normal case whose
    # deadline falls on a day off is due at the end of the next working day; an emergency
    # (its text holds one of FACTCHECK_EMERGENCY_WORDS, folded, or staff say so) never waits.
    FACTCHECK_DUE_HOURS = 24
    FACTCHECK_EMERGENCY_DUE_HOURS = 4
    FACTCHECK_EMERGENCY_WORDS = ["so tan", "di doi", "di tan", "vo de", "xa lu", "lu quet",
                                 "sat lo", "ngap lut", "dich benh", "chay no", "khan cap",
                                 "bao so", "song than"]
    # The office handling them in a unit, unless one is set (flask factcheck office): an
    # office of one of these kinds, else one whose folded name holds one of these words,
    # else the unit's default office.
    FACTCHECK_OFFICE_KINDS = ["information", "culture"]
    FACTCHECK_OFFICE_NAMES = ["van hoa", "thong tin"]
    # Grouping: reports of the last FACTCHECK_GROUP_DAYS days of the unit (at most
    # FACTCHECK_GROUP_CANDIDATES) join a case with the same normalised link, an image whose
    # difference hash differs in at most FACTCHECK_IMAGE_DISTANCE of 64 bits, or a text of
    # at least FACTCHECK_TEXT_MIN_WORDS words whose 3-word shingles have a Jaccard
    # similarity of at least FACTCHECK_TEXT_SIMILARITY.
    FACTCHECK_GROUP_DAYS = 30
    FACTCHECK_GROUP_CANDIDATES = 5000
    FACTCHECK_IMAGE_DISTANCE = 6
    FACTCHECK_TEXT_MIN_WORDS = 4
    FACTCHECK_TEXT_SIMILARITY = 0.6
    FACTCHECK_OVERDUE_CHECK_SECONDS = 600


class ConfigError(RuntimeError):
    """Refusal to start: an environment value does not have its setting's type."""


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def declared_types() -> dict[str, Any]:
    """Every setting of :class:`DefaultConfig` with its declared type."""
    hints = typing.get_type_hints(DefaultConfig)
    return {name: hints.get(name, type(getattr(DefaultConfig, name)))
            for name in dir(DefaultConfig) if name.isupper()}


def _refuse(name: str, problem: str) -> ConfigError:
    return ConfigError(messages.CONFIG_REFUSED.format(name=name, problem=problem))


def _json(name: str, raw: str, kind: type) -> Any:
    problem = messages.CONFIG_NOT_OBJECT if kind is dict else messages.CONFIG_NOT_LIST
    try:
        value = json.loads(raw)
    except ValueError:
        raise _refuse(name, problem) from None
    if not isinstance(value, kind):
        raise _refuse(name, problem)
    return value


def _check_items(name: str, items: list, kind: Any) -> None:
    if kind in messages.CONFIG_KINDS and not all(
            isinstance(item, kind) and not (kind is int and isinstance(item, bool))
            for item in items):
        raise _refuse(name, messages.CONFIG_BAD_ITEM.format(kind=messages.CONFIG_KINDS[kind]))


def parse(name: str, raw: str, declared: Any) -> Any:
    """The environment value ``raw`` of setting ``name`` read as its ``declared`` type;
    :class:`ConfigError` when it is not of that type."""
    origin, args = typing.get_origin(declared), typing.get_args(declared)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        if type(None) in args and not raw.strip():
            return None
        if len(options) == 1:
            return parse(name, raw, options[0])
        # list[str] | str: a JSON list when it looks like one, else the text
        if str in options and not raw.lstrip().startswith(("[", "{")):
            return raw
        for option in options:
            if option is not str:
                return parse(name, raw, option)
        return raw
    kind = origin or declared
    if kind is str or kind is Any:
        return raw
    text = raw.strip()
    if kind is bool:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise _refuse(name, messages.CONFIG_NOT_BOOL.format(value=text))
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise _refuse(name, messages.CONFIG_NOT_INT.format(value=text)) from None
    if kind is float:
        try:
            return float(text)
        except ValueError:
            raise _refuse(name, messages.CONFIG_NOT_FLOAT.format(value=text)) from None
    if kind in (dict, list):
        value = _json(name, text, kind)
        if kind is dict and len(args) == 2:
            _check_items(name, list(value), args[0])
            _check_items(name, list(value.values()), args[1])
        elif kind is list and len(args) == 1:
            _check_items(name, value, args[0])
        return value
    return raw


def _type_of_value(value: Any) -> Any:
    """The type an undeclared setting (Flask's own, or one of the instance file) is read as."""
    return type(value) if isinstance(value, (bool, int, float, dict, list)) else str


def read_environment(config: dict[str, Any], environ: typing.Mapping[str, str]) -> None:
    """Override ``config`` with the environment variables of the same names, each read as
    its declared type (``DATABASE_URL`` sets ``SQLALCHEMY_DATABASE_URI``)."""
    declared = declared_types()
    for key in list(config):
        if key.isupper() and key in environ:
            config[key] = parse(key, environ[key],
                                declared.get(key) or _type_of_value(config[key]))
    if "DATABASE_URL" in environ:
        config["SQLALCHEMY_DATABASE_URI"] = parse("DATABASE_URL", environ["DATABASE_URL"], str)


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url: str) -> dict[str, Any]:
    """Engine settings suited to each database."""
    # Statement parameters (names, phones, addresses) never reach SQL logs or the text of
    # database errors logged with tracebacks.
    private = {"hide_parameters": True}
    if url.startswith("sqlite"):
        # Long busy timeout: SQLite has one writer, others wait their turn.
        return {**private, "connect_args": {"timeout": 30, "check_same_thread": False}}
    # No pre-ping (a round trip per request): a dropped connection fails one request with
    # 503 and SQLAlchemy then replaces the whole pool, so the service recovers by itself.
    return {
        **private,
        "pool_recycle": 1800,
        "pool_size": 5,
        "max_overflow": 10,
        "pool_timeout": 5,
        # Fail fast while the database is unreachable instead of hanging a worker.
        "connect_args": {"connect_timeout": 3, "options": "-c statement_timeout=15000"},
    }


def load_config(app: Flask, test_config: dict[str, Any] | None = None) -> None:
    """Apply defaults, the instance file, the environment and the test mapping, in order."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    read_environment(app.config, os.environ)
    if test_config:
        app.config.from_mapping(test_config)

    os.makedirs(app.instance_path, exist_ok=True)
    url = app.config["SQLALCHEMY_DATABASE_URI"] or (
        "sqlite:///" + os.path.join(app.instance_path, "thongtin.db")
    )
    url = normalise_database_url(url)
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(url),
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
    }
    if not app.config["UPLOAD_DIR"]:
        app.config["UPLOAD_DIR"] = os.path.join(app.instance_path, "uploads")
    if not app.config["VERIFICATION_KEY_DIR"]:
        app.config["VERIFICATION_KEY_DIR"] = os.path.join(app.instance_path, "signing-keys")
