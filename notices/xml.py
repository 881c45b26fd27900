"""Atom (RFC 4287) feeds and CAP 1.2 alerts, written with the standard library, checked
with lxml before they are stored or served.

Every text and attribute is written without the characters XML 1.0 forbids (input never
stores them, ``core.schemas``; rows stored before that are cleaned here). A generated feed
must parse as XML (:func:`check_atom`); a CAP alert must validate against the OASIS CAP 1.2
schema shipped in ``notices/data`` (:func:`check_cap`), when it is issued (an alert cannot
be re-issued, so an invalid one is refused before it is stored) and each time it is served.
Links come from ``core.urls`` (``PUBLIC_BASE_URL``), never from the request's Host.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from flask import current_app
from lxml import etree

from core import clock
from core.errors import AppError
from core.schemas import View
from core.text import xml_safe
from core.urls import is_absolute, public_url
from directory.models import AdminUnit
from notices import messages
from notices.html import to_text
from notices.models import RISK_COLOURS, CapAlert, Notice
from notices.schemas import PublicNoticeSchema
from notices.verification import service as verification

ATOM = "http://www.w3.org/2005/Atom"
CAP = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_MIME = "application/cap+xml"
# Verification code and signature of each Atom entry (notices/verification/signing.py: the
# signature is over the notice JSON linked as the entry's alternate).
VERIFY = "urn:thongtin:verification:1"
_PUBLIC_NOTICE = PublicNoticeSchema()  # the public view the feed entries carry

# Notice category → CAP category; risk level → CAP severity.
CAP_CATEGORY = {"disaster_incident": "Safety", "security_order": "Security"}
CAP_SEVERITY = {1: "Minor", 2: "Moderate", 3: "Severe", 4: "Extreme", 5: "Extreme"}


def _w3c(value: datetime) -> str:
    return clock.isoformat_local(value)


def _tag(kind: str, ident: Any) -> str:
    return f"tag:{current_app.config['NOTICES_TAG_AUTHORITY']},2026:{kind}:{ident}"


log = logging.getLogger(__name__)
CAP_SCHEMA = Path(__file__).parent / "data" / "CAP-v1.2.xsd"


class InvalidDocument(AppError):
    """A generated feed or alert that is not valid XML: never served (500, logged)."""

    status_code = 500


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, {k.rstrip("_"): xml_safe(v)
                                           for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


# Atom is written with its namespace as the default (attributes are unqualified, which
# ElementTree's ``default_namespace`` option refuses); CAP elements inside Atom get "cap:".
ET.register_namespace("", ATOM)
ET.register_namespace("cap", CAP)
ET.register_namespace("tt", VERIFY)


def _serialise(root: ET.Element, default_namespace: str | None = None) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True,
                       default_namespace=default_namespace)


# --- checks --------------------------------------------------------------------------------------
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse(document: bytes, kind: str) -> Any:
    try:
        return etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError as exc:
        log.error("%s document is not well-formed XML: %s", kind, exc)
        raise InvalidDocument(messages.DOCUMENT_INVALID) from None


def check_atom(document: bytes) -> bytes:
    """``document`` if it is a well-formed Atom feed; :class:`InvalidDocument` otherwise."""
    root = _parse(document, "Atom")
    if root.tag != f"{{{ATOM}}}feed":
        log.error("Atom document has root %s", root.tag)
        raise InvalidDocument(messages.DOCUMENT_INVALID)
    return document


@lru_cache(maxsize=1)
def _cap_schema() -> Any:
    return etree.XMLSchema(etree.parse(str(CAP_SCHEMA), _PARSER))


def cap_problems(document: bytes) -> list[str]:
    """Why ``document`` is not a valid CAP 1.2 alert (empty: it is)."""
    try:
        root = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError as exc:
        return [str(exc)]
    schema = _cap_schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def check_cap(document: bytes) -> bytes:
    """``document`` if it validates against the CAP 1.2 schema; else :class:`InvalidDocument`."""
    problems = cap_problems(document)
    if problems:
        log.error("CAP alert does not validate: %s", "; ".join(problems)[:500])
        raise InvalidDocument(messages.DOCUMENT_INVALID)
    return document


# --- Atom --------------------------------------------------------------------------------------
def _feed_head(unit: AdminUnit, feed_id: str, title: str, self_url: str,
               updated: datetime) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    a = lambda name: f"{{{ATOM}}}{name}"  # noqa: E731 - a one-line name helper
    _sub(feed, a("id"), feed_id)
    _sub(feed, a("title"), title)
    _sub(feed, a("updated"), _w3c(updated))
    author = _sub(feed, a("author"))
    _sub(author, a("name"), unit.name)
    _sub(feed, a("link"), rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, a("generator"), messages.CAP_SENDER_NAME)
    return feed


def atom_feed(unit: AdminUnit, notices: list[Notice], updated: datetime) -> bytes:
    """The Atom feed of a unit's current notices."""
    a = lambda name: f"{{{ATOM}}}{name}"  # noqa: E731 - a one-line name helper
    self_url = public_url("notices_feeds.atom", code=unit.code)
    feed = _feed_head(unit, _tag("notices", unit.code), messages.FEED_TITLE.format(unit=unit.name),
                      self_url, updated)
    _sub(feed, a("subtitle"), messages.FEED_SUBTITLE.format(unit=unit.name))
    signatures = verification.signatures_for([n.id for n in notices])
    for notice in notices:
        data = _PUBLIC_NOTICE.dump(View(notice, signature_row=signatures.get(notice.id)))
        entry = _sub(feed, a("entry"))
        _sub(entry, a("id"), _tag("notice", notice.id))
        title = notice.title
        if notice.is_emergency:
            title = f"[{messages.PRIORITY_LABELS['emergency']}] {title}"
        _sub(entry, a("title"), title)
        _sub(entry, a("updated"), _w3c(notice.published_at))
        _sub(entry, a("published"), _w3c(notice.published_at))
        author = _sub(entry, a("author"))
        _sub(author, a("name"), notice.unit.name)
        _sub(entry, a("category"), term=notice.category,
             label=messages.CATEGORY_LABELS[notice.category])
        _sub(entry, a("link"), rel="alternate", type="application/json",
             href=data["links"]["self"])
        if data["links"]["cap"]:
            _sub(entry, a("link"), rel="related", type=CAP_MIME, href=data["links"]["cap"])
        for image in data["images"]:
            _sub(entry, a("link"), rel="enclosure", type=image["content_type"],
                 href=image["url"], title=image["alt"] or notice.title)
        if data["verification_code"]:
            _sub(entry, a("link"), rel="related", type="text/html", href=data["links"]["verify"],
                 title=f"{messages.VERIFICATION_CODE} {data['verification_code']}")
        _sub(entry, a("summary"), notice.summary)
        _sub(entry, a("content"), notice.body, type="html")
        if data["verification_code"]:
            _sub(entry, f"{{{VERIFY}}}verification", code=data["verification_code"],
                 href=data["links"]["verify"])
        if data["signature"]:
            block = data["signature"]
            _sub(entry, f"{{{VERIFY}}}signature", block["value"], algorithm=block["algorithm"],
                 key_id=block["key_id"], format=block["format"], keys=block["keys"])
    return _serialise(feed)


def cap_index(unit: AdminUnit, alerts: list[CapAlert], updated: datetime) -> bytes:
    """Atom index of CAP alerts for a unit (OASIS CAP feeds; entries link the full XML)."""
    a = lambda name: f"{{{ATOM}}}{name}"  # noqa: E731 - a one-line name helper
    self_url = public_url("notices_feeds.cap_atom", code=unit.code)
    feed = _feed_head(unit, _tag("cap-alerts", unit.code),
                      messages.CAP_FEED_TITLE.format(unit=unit.name), self_url, updated)
    for alert in alerts:
        notice = alert.notice
        entry = _sub(feed, a("entry"))
        _sub(entry, a("id"), _tag("cap", alert.identifier))
        headline = (messages.CAP_CANCEL_HEADLINE.format(title=notice.title)
                    if alert.msg_type == "Cancel" else notice.title)
        _sub(entry, a("title"), headline)
        _sub(entry, a("updated"), _w3c(alert.sent_at))
        author = _sub(entry, a("author"))
        _sub(author, a("name"), notice.unit.name)
        _sub(entry, a("link"), rel="alternate", type=CAP_MIME,
             href=public_url("notices_feeds.cap_alert", alert_id=alert.id))
        _sub(entry, a("summary"), notice.summary)
        info = _info_values(notice, alert)
        for name in ("event", "urgency", "severity", "certainty"):
            _sub(entry, f"{{{CAP}}}{name}", info[name])
        if notice.expires_at:
            _sub(entry, f"{{{CAP}}}expires", _w3c(notice.expires_at))
        _sub(entry, f"{{{CAP}}}msgType", alert.msg_type)
        _sub(entry, f"{{{CAP}}}areaDesc", info["area_desc"])
    return _serialise(feed)


# --- CAP 1.2 -------------------------------------------------------------------------------------
def _info_values(notice: Notice, alert: CapAlert) -> dict[str, str]:
    cancelled = alert.msg_type == "Cancel"
    return {
        "event": messages.CATEGORY_LABELS[notice.category],
        "urgency": "Past" if cancelled else "Immediate",
        "severity": CAP_SEVERITY.get(notice.risk_level, "Unknown") if not cancelled
        else "Minor",
        "certainty": "Observed" if cancelled else "Likely",
        "area_desc": ", ".join(t.unit.name for t in notice.targets),
    }


def cap_alert(alert: CapAlert) -> bytes:
    """The CAP 1.2 XML of one alert, with a Vietnamese (vi-VN) info block."""
    c = lambda name: f"{{{CAP}}}{name}"  # noqa: E731 - a one-line name helper
    notice = alert.notice
    sender = current_app.config["NOTICES_CAP_SENDER"]
    root = ET.Element(c("alert"))
    _sub(root, c("identifier"), alert.identifier)
    _sub(root, c("sender"), sender)
    _sub(root, c("sent"), _w3c(alert.sent_at))
    _sub(root, c("status"), current_app.config["NOTICES_CAP_STATUS"])
    _sub(root, c("msgType"), alert.msg_type)
    _sub(root, c("source"), notice.unit.name)
    _sub(root, c("scope"), "Public")
    if alert.note:
        _sub(root, c("note"), alert.note)
    if alert.references:
        _sub(root, c("references"), alert.references)
    _sub(root, c("incidents"), f"{current_app.config['NOTICES_CAP_ID_PREFIX']}."
                                f"series.{notice.series_id}")
    values = _info_values(notice, alert)
    info = _sub(root, c("info"))
    _sub(info, c("language"), "vi-VN")
    _sub(info, c("category"), CAP_CATEGORY.get(notice.category, "Other"))
    _sub(info, c("event"), values["event"])
    _sub(info, c("responseType"), "AllClear" if alert.msg_type == "Cancel" else "Monitor")
    _sub(info, c("urgency"), values["urgency"])
    _sub(info, c("severity"), values["severity"])
    _sub(info, c("certainty"), values["certainty"])
    _sub(info, c("audience"), "Người dân " + values["area_desc"])
    _sub(info, c("effective"), _w3c(notice.published_at or alert.sent_at))
    if notice.expires_at and alert.msg_type != "Cancel":
        _sub(info, c("expires"), _w3c(notice.expires_at))
    _sub(info, c("senderName"), notice.unit.name)
    if alert.msg_type == "Cancel":
        _sub(info, c("headline"), messages.CAP_CANCEL_HEADLINE.format(title=notice.title))
        _sub(info, c("description"), messages.CAP_CANCEL_DESCRIPTION.format(
            reason=notice.withdraw_reason or alert.note or ""))
    else:
        _sub(info, c("headline"), notice.title)
        _sub(info, c("description"), to_text(notice.body))
        _sub(info, c("instruction"), notice.summary)
        web = public_url("notices_public.notice", notice_id=notice.id)
        if is_absolute(web):  # CAP wants a full URI: none without a trusted origin
            _sub(info, c("web"), web)
    if notice.risk_level is not None:
        parameter = _sub(info, c("parameter"))
        _sub(parameter, c("valueName"), messages.CAP_RISK_PARAMETER)
        _sub(parameter, c("value"), str(notice.risk_level))
        parameter = _sub(info, c("parameter"))
        _sub(parameter, c("valueName"), "riskColour")
        _sub(parameter, c("value"), RISK_COLOURS[notice.risk_level])
    if notice.verification_code:  # checked at /xac-minh (notices/verification)
        parameter = _sub(info, c("parameter"))
        _sub(parameter, c("valueName"), "verificationCode")
        _sub(parameter, c("value"), f"{notice.verification_code[:3]}-"
                                    f"{notice.verification_code[3:]}")
    area = _sub(info, c("area"))
    _sub(area, c("areaDesc"), values["area_desc"])
    for target in notice.targets:
        geocode = _sub(area, c("geocode"))
        _sub(geocode, c("valueName"), "MA_DVHC")  # official administrative unit code
        _sub(geocode, c("value"), target.unit_code)
    return _serialise(root, CAP)
