"""Notice bodies: plain text (blank lines, "- " lists) or limited HTML, rendered to safe HTML
(nh3) in one place; and a plain-text rendering for feeds, CAP and radio.

Officials type plain text: a blank line starts a new paragraph, a line break inside a
paragraph is kept, and lines starting with "- " make a list. Bodies written in HTML (older
notices, the staff API) keep working: a body that contains an HTML tag is sanitised as is.
"""

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
# Elements whose tags mark a body as HTML (rather than plain text that happens to hold "<").
_HTML_ELEMENTS = ALLOWED_TAGS | {
    "div", "span", "script", "style", "img", "iframe", "object", "embed", "table", "tr", "td",
    "th", "tbody", "thead", "h1", "h2", "h5", "h6", "hr", "pre", "code", "font", "center",
    "section", "article", "header", "footer", "nav", "form", "input", "button", "textarea",
    "select", "option", "svg", "math", "link", "meta", "base", "html", "head", "body",
    "title", "small", "sub", "sup", "s", "strike", "del", "ins", "mark", "dl", "dt", "dd",
    "video", "audio", "source", "picture", "figure", "figcaption", "label", "noscript"}
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?\s*>|<!--")
_LIST_ITEM = re.compile(r"^\s*[-•]\s+(?P<text>.*)$")


def sanitise(value: str) -> str:
    """Keep paragraphs, lists, emphasis and links; drop scripts, styles and every attribute
    but a link's href/title (so no event handlers, no javascript: URLs)."""
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                     strip_comments=True).strip()


def is_html(value: str) -> bool:
    """Whether a body is written in HTML: it holds a tag of a known element (or a comment)."""
    for match in _TAG.finditer(value):
        if match.group(0) == "<!--" or match.group(1).lower() in _HTML_ELEMENTS:
            return True
    return False


def _block(lines: list[str]) -> str:
    """One block of plain text (no blank line inside): paragraphs and "- " lists."""
    out: list[str] = []
    para: list[str] = []
    items: list[str] = []

    def flush_para() -> None:
        if para:
            out.append("<p>" + "<br>".join(html.escape(p, quote=False) for p in para) + "</p>")
            para.clear()

    def flush_items() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>"
                                        for i in items) + "</ul>")
            items.clear()

    for line in lines:
        item = _LIST_ITEM.match(line)
        if item:
            flush_para()
            items.append(item["text"].strip())
        elif items and line[:1].isspace():  # an indented line continues the list item
            items[-1] += " " + line.strip()
        else:
            flush_items()
            para.append(line.strip())
    flush_para()
    flush_items()
    return "".join(out)


def plain_to_html(value: str) -> str:
    """Plain text as HTML: blank lines separate paragraphs, single line breaks are kept,
    lines starting with "- " (or "• ") become list items. Everything else is escaped."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in _BLANKS.split(text) if b.strip()]
    return "".join(_block([line for line in b.split("\n") if line.strip()]) for b in blocks)


def render_body(value: str) -> str:
    """The one renderer of notice bodies: plain text or HTML in, sanitised HTML out. Used
    when a notice is saved and by the console's preview."""
    source = value if is_html(value) else plain_to_html(value)
    return sanitise(source)


def to_source(value: str) -> str:
    """A stored body as the plain text an official would type to get it back, when
    :func:`render_body` of that text gives exactly the same HTML; otherwise the HTML itself
    (bold, links and other formatting stay editable as HTML)."""
    blocks = re.findall(r"<p>(.*?)</p>|<ul>(.*?)</ul>", value, re.DOTALL)
    text, previous = "", None
    for para, items in blocks:
        if para:
            part, kind = html.unescape(para.replace("<br>", "\n")), "p"
        else:
            part, kind = "\n".join("- " + html.unescape(i) for i in
                                   re.findall(r"<li>(.*?)</li>", items, re.DOTALL)), "ul"
        # a list right after a paragraph was typed on the next line ("Bà con lưu ý:\n- …")
        joiner = "" if previous is None else "\n" if (previous, kind) == ("p", "ul") else "\n\n"
        text += joiner + part
        previous = kind
    return text if text and render_body(text) == value else value


def to_text(value: str) -> str:
    """Plain text of sanitised HTML: block ends become line breaks."""
    text = _BLOCK_END.sub("\n", value)
    text = html.unescape(nh3.clean(text, tags=set()))
    return _BLANKS.sub("\n\n", text).strip()
