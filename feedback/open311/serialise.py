"""JSON and XML renderings of Open311 answers.

JSON mirrors the XML (the Spark convention): a list is a bare top-level array. XML uses the
specification's element names and no namespace; a list inside an element is wrapped in an
element named after the list (``attributes``) whose children take the singular name
(``attribute``).
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from flask import Response

CHILD_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
    "errors": "error",
}
MIMETYPES = {"json": "application/json", "xml": "text/xml"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        child = CHILD_NAMES[element.tag]
        for inner in value:
            _fill(ET.SubElement(element, child), inner)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    """``data`` (a list or a mapping) as an XML document whose root element is ``root``."""
    element = ET.Element(root)
    _fill(element, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def render(data: Any, fmt: str, root: str, status: int = 200) -> Response:
    """The response in the requested format (``json`` or ``xml``)."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False).encode()
    else:
        body = to_xml(root, data)
    return Response(body, status=status, mimetype=MIMETYPES[fmt],
                    content_type=f"{MIMETYPES[fmt]}; charset=utf-8")
