"""Public surfaces outside the JSON API: Atom, CAP 1.2, the widget script, the board page.
Feeds and alerts are checked (``notices.xml``) before they are served."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from functools import lru_cache

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template, request
from sqlalchemy.orm import selectinload

import directory
from core import clock
from core.db import db
from core.errors import NotFound, UserValueError
from notices import messages, public, xml
from notices.models import CapAlert, Notice, NoticeTarget
from notices.verification import xmlsig

feeds_bp = Blueprint("notices_feeds", __name__, static_folder="static",
                     static_url_path="/notices-static", template_folder="templates")

CANCEL_SHOWN = timedelta(days=1)


def _conditional(body: bytes, mimetype: str, max_age: str | None = None) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = max_age or current_app.config["NOTICES_CACHE_CONTROL"]
    response.add_etag()
    return response.make_conditional(request)


@feeds_bp.get("/feeds/<code>.atom")
def atom(code):
    """Atom feed of a unit's current notices."""
    unit = directory.get_unit(code)
    codes = public.audience_codes(unit)
    moment = clock.now()
    items = list(db.session.scalars(public.current_query(codes, moment).limit(100)))
    updated = max((n.published_at for n in items), default=None) or moment.replace(
        hour=0, minute=0, second=0, microsecond=0)
    return _conditional(xml.check_atom(xml.atom_feed(unit, items, updated)),
                        "application/atom+xml")


def _index_alerts(codes: tuple[str, ...]) -> list[CapAlert]:
    moment = clock.now()
    targeted = sa.select(NoticeTarget.notice_id).where(NoticeTarget.unit_code.in_(codes))
    series = sa.select(Notice.series_id).where(Notice.id.in_(targeted))
    alerts = db.session.scalars(
        sa.select(CapAlert).where(CapAlert.series_id.in_(series))
        .order_by(CapAlert.id.desc()).limit(500)
        .options(selectinload(CapAlert.notice).selectinload(Notice.targets)
                 .selectinload(NoticeTarget.unit))).all()
    latest: dict[int, CapAlert] = {}
    for alert in alerts:
        latest.setdefault(alert.series_id, alert)
    shown = []
    for alert in latest.values():
        notice = alert.notice
        current = (notice.status == "published"
                   and (notice.expires_at is None or notice.expires_at > moment))
        recent_cancel = alert.msg_type == "Cancel" and alert.sent_at > moment - CANCEL_SHOWN
        if current or recent_cancel:
            shown.append(alert)
    return sorted(shown, key=lambda a: a.id, reverse=True)[:100]


@feeds_bp.get("/feeds/<code>/cap.atom")
def cap_atom(code):
    """Atom index of the CAP alerts in force for a unit (and recent cancellations)."""
    unit = directory.get_unit(code)
    alerts = _index_alerts(public.audience_codes(unit))
    updated = max((a.sent_at for a in alerts), default=None) or clock.now().replace(
        hour=0, minute=0, second=0, microsecond=0)
    return _conditional(xml.check_atom(xml.cap_index(unit, alerts, updated)),
                        "application/atom+xml")


@feeds_bp.get("/cap/<int:alert_id>.xml")
def cap_alert(alert_id):
    """One CAP 1.2 alert (immutable once issued)."""
    alert = db.session.get(CapAlert, alert_id)
    if alert is None:
        raise NotFound(messages.NOT_FOUND)
    document = xmlsig.sign(xml.check_cap(xml.cap_alert(alert)))
    return _conditional(xml.check_cap(document), xml.CAP_MIME, "public, max-age=300")


def compact_js(source: str) -> str:
    """Drop indentation, blank lines and whole-line ``/* */`` comments: the readable source
    stays in the repository, citizens' phones download less. Safe for our widget, which has
    no template literals or strings continued across lines."""
    kept, in_comment = [], False
    for line in source.splitlines():
        text = line.strip()
        if not in_comment and text.startswith("/*"):
            in_comment = True
        if in_comment:
            if "*/" not in text:
                continue
            in_comment, text = False, text.split("*/", 1)[1].strip()
        if text:
            kept.append(text)
    return "\n".join(kept) + "\n"


@lru_cache(maxsize=8)
def _widget_source(name: str, limits: str = "") -> bytes:
    path = os.path.join(os.path.dirname(__file__), "assets", name)
    with open(path, encoding="utf-8") as fh:
        source = compact_js(fh.read())
    strings = messages.WIDGET if name == "widget.js" else messages.WIDGET_MORE
    source = source.replace("__MESSAGES__", json.dumps(strings, ensure_ascii=False))
    return source.replace("__LIMITS__", limits).encode()


def _photo_limits() -> str:
    """What the widget may send: the service's photo count and size, and the longest side
    it scales photos down to."""
    config = current_app.config
    return json.dumps({"images": int(config["FEEDBACK_MAX_IMAGES"]),
                       "bytes": int(config["FEEDBACK_MAX_IMAGE_BYTES"]), "side": 1600})


@feeds_bp.get("/widget.js")
def widget():
    """The embeddable widget (no framework; renders in a shadow root)."""
    return _conditional(_widget_source("widget.js", _photo_limits()), "text/javascript",
                        "public, max-age=300")


@feeds_bp.get("/widget-more.js")
def widget_more():
    """The widget's second part (tracking, Q&A, drafts), loaded by the widget when needed."""
    response = _conditional(_widget_source("widget-more.js"), "text/javascript",
                            "public, max-age=300")
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _seconds(name: str, default: int, lo: float, hi: int) -> float:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not lo <= value <= hi:
        text = messages.BOARD_BAD_SECONDS.format(lo=lo, hi=hi)
        raise UserValueError(text, {name: [text]})
    return value


BOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"


def _board_error(status: int, title: str, reason: str) -> Response:
    """A readable Vietnamese page on the screen instead of a JSON error."""
    html = render_template("notices/board_error.html", title=title, reason=reason,
                           hint=messages.BOARD_CHECK_ADDRESS)
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = BOARD_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response


@feeds_bp.get("/board/<code>")
def board(code):
    """Full-screen page for a public electronic bulletin board."""
    try:
        unit = directory.get_unit(code)
    except NotFound:
        return _board_error(404, messages.BOARD_NOT_FOUND_TITLE,
                            messages.BOARD_NOT_FOUND.format(code=code[:20]))
    config = current_app.config
    try:
        rotate = _seconds("rotate", config["BOARD_ROTATE_SECONDS"], 0.2, 3600)
        refresh = _seconds("refresh", config["BOARD_REFRESH_SECONDS"], 0.2, 3600)
    except UserValueError as exc:
        return _board_error(exc.status_code, messages.BOARD_BAD_ADDRESS_TITLE, exc.message)
    strings = {k: v.format(unit=unit.name) if "{unit}" in v else v
               for k, v in messages.BOARD.items()}
    html = render_template("notices/board.html", unit=unit, rotate=rotate, refresh=refresh,
                           strings=json.dumps(strings, ensure_ascii=False),
                           title=strings["title"], others_label=strings["others_label"])
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = BOARD_POLICY
    response.headers["Cache-Control"] = "no-cache"
    return response


@lru_cache(maxsize=1)
def _worker_source() -> bytes:
    path = os.path.join(os.path.dirname(__file__), "static", "board-sw.js")
    with open(path, encoding="utf-8") as fh:
        return fh.read().encode()


@feeds_bp.get("/board/sw.js")
def board_worker():
    """The boards' service worker (scope /board/): keeps the page and the last content."""
    response = Response(_worker_source(), mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/board/"
    response.headers["Content-Security-Policy"] = "default-src 'self'"
    return response
