"""Building the e-mails: subject and paragraphs by kind, then one MIME message with a plain
text and an HTML part (escaped, inline-styled), the headers and any attachments.

Nothing here touches the network or the database. Messages are 7-bit clean (quoted-printable
or base64 bodies, RFC 2047 headers), so any SMTP server carries them as they are.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from html import escape
from typing import Any

from core.clock import now, to_local
from core.codes import display_code
from integrations.mail import messages

POLICY = email.policy.SMTP.clone(cte_type="7bit")
SUBJECT_MAX = 200  # characters of a subject taken from a payload


@dataclass(frozen=True)
class Identity:
    """Who sends: the ``From`` address, the unit named in the layout, the service's name."""

    name: str
    address: str
    unit: str
    service: str

    @property
    def domain(self) -> str:
        """The sender's domain (``Message-ID`` right-hand side)."""
        return self.address.rpartition("@")[2]

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Identity | None:
        """From ``MAIL_DEFAULT_SENDER`` (``"Name <addr>"``, an address, or ``[name, addr]``);
        None when it names no address."""
        sender = config.get("MAIL_DEFAULT_SENDER")
        if isinstance(sender, (list, tuple)) and len(sender) == 2:
            name, address = str(sender[0] or ""), str(sender[1] or "")
        else:
            name, address = parseaddr(str(sender or ""))
        if "@" not in address:
            return None
        service = str(config.get("API_TITLE") or "")
        return cls(name=name.strip(), address=address.strip(), unit=name.strip() or service,
                   service=service)


@dataclass(frozen=True)
class Letter:
    """What a message says: its subject and its paragraphs (lines kept inside each)."""

    subject: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Attachment:
    """A file to attach."""

    filename: str
    content_type: str
    data: bytes


# --- what the message says ----------------------------------------------------------------------
def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a text (split at blank lines; single line breaks stay)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]


def _fields(kind: str, payload: Mapping[str, Any]) -> dict[str, str]:
    fields = {key: str(value) for key, value in payload.items()
              if isinstance(value, (str, int)) and not isinstance(value, bool)}
    if "status_label" in fields:
        fields["status_lower"] = _lower_first(fields["status_label"])
    if kind == "privacy_request" and payload.get("status") in messages.PRIVACY_STATUS:
        fields["status_lower"] = messages.PRIVACY_STATUS[payload["status"]]
    return fields


def citizen_letter(kind: str, payload: Mapping[str, Any], identity: Identity) -> Letter:
    """A citizen's message for a delivery kind, from the payload's fields; the generic one
    (``payload["subject"]``/``payload["text"]``) for other kinds or incomplete payloads."""
    key = f"{kind}_merged" if kind in ("feedback_status", "feedback_answer") \
        and payload.get("target") else kind
    template = messages.CITIZEN.get(key)
    if template is not None:
        fields = _fields(kind, payload)
        subject, bodies = template
        try:
            return Letter(subject.format_map(fields), [p.format_map(fields) for p in bodies])
        except KeyError:
            pass  # an older payload without some field: say what its text says
    return generic_letter(payload, messages.GENERIC_SUBJECT.format(unit=identity.unit))


def staff_letter(kind: str, payload: Mapping[str, Any], identity: Identity) -> Letter:
    """A message to staff or administrators: ``payload["subject"]`` (else one by kind, else
    a generic subject) and ``payload["text"]``."""
    default = messages.STAFF_SUBJECT.format(service=identity.service)
    template = messages.STAFF_SUBJECTS.get(kind)
    code = payload.get("tracking_code")
    has_code = isinstance(code, str) and bool(code)
    if template is not None and (has_code or "{code}" not in template):
        default = template.format(code=display_code(code) if has_code else "")
    return generic_letter(payload, default)


def generic_letter(payload: Mapping[str, Any], default_subject: str) -> Letter:
    """``payload["subject"]`` (or the default) and the paragraphs of ``payload["text"]``."""
    subject = payload.get("subject")
    text = payload.get("text")
    return Letter(subject if isinstance(subject, str) and subject.strip() else default_subject,
                  paragraphs_of(text if isinstance(text, str) else ""))


# --- the MIME message ---------------------------------------------------------------------------
def _one_line(text: str, limit: int = SUBJECT_MAX) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def plain_text(letter: Letter, identity: Identity) -> str:
    """The text/plain part: the paragraphs, then the signature."""
    footer = messages.FOOTER.format(service=identity.service, unit=identity.unit)
    return "\n\n".join([*letter.paragraphs, f"-- \n{identity.unit}\n{footer}"]) + "\n"


_HTML = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{subject}</title></head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<div style="max-width:640px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,\
sans-serif;font-size:15px;line-height:1.55;color:#1f2937;">
<div style="padding:12px 16px;background-color:#9b1c1c;color:#ffffff;font-size:16px;\
font-weight:bold;">{unit}</div>
<div style="padding:20px 16px;background-color:#ffffff;border:1px solid #e5e7eb;\
border-top:none;">
<h1 style="margin:0 0 16px 0;font-size:18px;line-height:1.4;color:#111827;">{subject}</h1>
{paragraphs}
</div>
<p style="margin:16px 0 0 0;font-size:12px;color:#6b7280;">{footer}</p>
</div>
</body>
</html>
"""
_PARAGRAPH = '<p style="margin:0 0 12px 0;">{text}</p>'


def html_text(letter: Letter, identity: Identity) -> str:
    """The text/html part: the same words, escaped, in a simple inline-styled layout."""
    paragraphs = "\n".join(_PARAGRAPH.format(text=escape(p).replace("\n", "<br>\n"))
                           for p in letter.paragraphs)
    footer = messages.FOOTER.format(service=identity.service, unit=identity.unit)
    return _HTML.format(subject=escape(_one_line(letter.subject)), unit=escape(identity.unit),
                        paragraphs=paragraphs, footer=escape(footer))


def build(letter: Letter, to: Sequence[str], identity: Identity,
          attachments: Sequence[Attachment] = ()) -> EmailMessage:
    """One message, ready for SMTP: ``From``, ``To``, ``Subject``, ``Date`` (local time),
    ``Message-ID`` on the sender's domain, a text and an HTML alternative, attachments."""
    message = EmailMessage(policy=POLICY)
    message["Subject"] = _one_line(letter.subject)
    message["From"] = Address(display_name=identity.name, addr_spec=identity.address)
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(to_local(now()))
    # Short enough to stay on one line (no idstring): the delivery keeps it as external id.
    message["Message-ID"] = make_msgid(domain=identity.domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to us
    message.set_content(plain_text(letter, identity))
    message.add_alternative(html_text(letter, identity), subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        if not (maintype and subtype):
            maintype, subtype = "application", "octet-stream"
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=attachment.filename)
    for part in message.iter_parts():  # only the message itself says MIME-Version
        del part["MIME-Version"]
    return message
