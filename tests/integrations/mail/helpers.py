"""Reading received e-mails in tests."""

from __future__ import annotations

import re
from email.message import EmailMessage


def parts(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML parts (line breaks read back as \\n; RFC 2045 sends CRLF)."""
    plain, html = (message.get_body((kind,)).get_content().replace("\r\n", "\n")
                   for kind in ("plain", "html"))
    return plain, html


def visible(html: str) -> str:
    """The HTML part's words, without tags (entities as they are)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
