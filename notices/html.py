"""Limited safe HTML for notice bodies (nh3), and a plain-text rendering for feeds and CAP."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4",
                "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BLOCK_END = re.compile(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)
_BLANKS = re.compile(r"\n\s*\n+")


def sanitise(value: str) -> str:
    """Keep paragraphs, lists, emphasis and links; drop scripts, styles and every attribute
    but a link's href/title (so no event handlers, no javascript: URLs)."""
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                     strip_comments=True).strip()


def to_text(value: str) -> str:
    """Plain text of sanitised HTML: block ends become line breaks."""
    text = _BLOCK_END.sub("\n", value)
    text = html.unescape(nh3.clean(text, tags=set()))
    return _BLANKS.sub("\n\n", text).strip()
