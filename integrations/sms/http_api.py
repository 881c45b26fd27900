"""The generic HTTP adapter: one JSON POST per message, the shape most Vietnamese brandname
providers offer.

``SMS_HTTP_BODY`` is a JSON template: in its string values (at any depth) the placeholders
``{phone}`` (``84…``), ``{text}``, ``{sender}`` (``SMS_SOURCE_ADDR``), ``{reference}`` (the
delivery id, for the provider's idempotency) and ``{unicode}`` ("1" for UCS-2 text, else
"0") are filled in, always as text; other values (numbers, booleans) are sent as they are.
``SMS_HTTP_HEADERS`` are sent as they are (an API key header, basic auth).

A reply is a success when it is 2xx and, if ``SMS_HTTP_SUCCESS`` (``{"field", "value"}``)
is set, its JSON has that value at that dotted path. ``SMS_HTTP_ID_FIELD`` names the
provider's message id in the reply. 5xx, 429, timeouts and connection errors are temporary
(``Retry-After`` honoured); other 4xx and a failed success check are permanent refusals.
One ``httpx.Client`` per process, with ``SMS_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from core.outbox import TransientError
from integrations.sms import messages
from integrations.sms.gateway import Outgoing, Rejected

log = logging.getLogger(__name__)

PLACEHOLDERS = ("phone", "text", "sender", "reference", "unicode")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_MISSING = object()


def fill(template: Any, values: dict[str, Any]) -> Any:
    """The body template with placeholders replaced (dicts and lists walked)."""
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, values) for value in template]
    if not isinstance(template, str):
        return template
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)  # one pass


def lookup(data: Any, path: str) -> Any:
    """The value at a dotted path (``data.0.id``: list indexes allowed), or ``_MISSING``."""
    for key in path.split("."):
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return _MISSING
    return data


def retry_after(response: httpx.Response) -> float | None:
    """Seconds from ``Retry-After`` (a number or an HTTP date), if given."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class HttpGateway:
    """A provider's JSON API."""

    name = "http"

    def __init__(self, url: str, headers: dict[str, str], body: dict[str, Any],
                 sender: str, id_field: str | None, success: dict[str, Any] | None,
                 timeout: float):
        self.url, self.headers, self.body, self.sender = url, headers, body, sender
        self.id_field, self.success, self.timeout = id_field, success, float(timeout)
        self._http: httpx.Client | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def http(self) -> httpx.Client:
        """This process's client (connection pool), with timeouts."""
        with self._lock:
            if self._http is None or self._pid != os.getpid():
                self._http, self._pid = None, os.getpid()
                self._http = httpx.Client(
                    timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)),
                    limits=httpx.Limits(max_connections=20), follow_redirects=False)
            return self._http

    def submit(self, message: Outgoing) -> str | None:
        """POST the filled template; the provider's id (if it names one)."""
        body = fill(self.body, {"phone": message.phone, "text": message.text,
                                "sender": self.sender, "reference": message.reference,
                                "unicode": "1" if message.unicode else "0"})
        headers = {str(k): str(v) for k, v in self.headers.items()}
        try:
            response = self.http().post(self.url, json=body, headers=headers)
        except httpx.TimeoutException:
            raise TransientError(messages.HTTP_TIMEOUT) from None
        except httpx.HTTPError as exc:
            raise TransientError(messages.HTTP_TRANSPORT.format(error=type(exc).__name__)) \
                from None
        status = response.status_code
        if status >= 500 or status == 429:
            raise TransientError(messages.HTTP_STATUS.format(status=status),
                                 retry_after=retry_after(response))
        if not 200 <= status < 300:
            raise Rejected(messages.HTTP_STATUS.format(status=status))
        if not (self.success or self.id_field):
            return None
        try:
            reply = response.json()
        except ValueError:
            if self.success:
                raise Rejected(messages.HTTP_BAD_REPLY) from None
            return None
        if self.success:
            field, expected = str(self.success["field"]), self.success.get("value")
            actual = lookup(reply, field)
            if actual is _MISSING or (actual != expected and str(actual) != str(expected)):
                shown = "?" if actual is _MISSING else str(actual)[:60]
                raise Rejected(messages.HTTP_NOT_SUCCESS.format(field=field, value=shown))
        if self.id_field:
            found = lookup(reply, self.id_field)
            if found is not _MISSING and found is not None and found != "":
                return str(found)[:100]
        return None

    def apply_receipts(self) -> None:
        """Nothing to do: an HTTP provider's receipts would come by a callback."""

    def close(self) -> None:
        """Close the pooled client."""
        with self._lock:
            if self._http is not None and self._pid == os.getpid():
                self._http.close()
            self._http = None
