"""The ``json-hmac`` adapter: our documented JSON-over-HTTPS exchange, HMAC-signed.

One thin ``httpx`` client with explicit timeouts. Outcomes map onto the outbox: 2xx is
sent; a timeout, a connection failure, 401, 408, 425, 429 or 5xx is retried with back-off
(``Retry-After`` honoured); any other 4xx is final (``unreachable``, reason kept).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import httpx

from core.outbox import SendResult, TransientError
from integrations.source_system import signing

log = logging.getLogger(__name__)

# 401: a clock skew or a secret being rotated is fixed by an operator; retries then succeed.
RETRYABLE = {401, 408, 425, 429}


class JsonHmacAdapter:
    """Pushes notices, withdrawals and statistics to the provincial source system."""

    name = "json-hmac"

    def __init__(self, base_url: str, key_id: str, secret: str, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None):
        self.base_url = base_url.rstrip("/")
        self.key_id = key_id
        self.secret = secret
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        self.transport = transport

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> JsonHmacAdapter:
        """Build from the app's settings (``SOURCE_SYSTEM_URL``, key id and secret)."""
        if not config["SOURCE_SYSTEM_URL"] or not config["SOURCE_SYSTEM_SECRET"]:
            raise TransientError("SOURCE_SYSTEM_URL and SOURCE_SYSTEM_SECRET must be set")
        return cls(config["SOURCE_SYSTEM_URL"], config["SOURCE_SYSTEM_KEY_ID"],
                   config["SOURCE_SYSTEM_SECRET"], float(config["SOURCE_SYSTEM_TIMEOUT"]))

    def post(self, path: str, payload: dict[str, Any], message_id: str) -> SendResult:
        """Send one signed JSON message; map the outcome for the outbox."""
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        url = httpx.URL(self.base_url + path)
        headers = signing.headers(self.key_id, self.secret, "POST", url.raw_path.decode(),
                                  body, message_id)
        try:
            with httpx.Client(timeout=self.timeout, transport=self.transport,
                              follow_redirects=False) as client:
                response = client.post(url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise TransientError(f"timeout: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            raise TransientError(f"transport: {type(exc).__name__}") from exc
        if response.is_success:
            return SendResult("sent")
        reason = f"HTTP {response.status_code}: {response.text[:200]}"
        if response.status_code in RETRYABLE or response.status_code >= 500:
            retry_after = response.headers.get("Retry-After", "")
            raise TransientError(reason, float(retry_after) if retry_after.isdigit() else None)
        log.warning("source system refused %s: %s", path, reason)
        return SendResult("unreachable", reason)

    def push_notice(self, payload: dict[str, Any], message_id: str) -> SendResult:
        """``POST /v1/notices``: create or update (by ``id`` and ``version``)."""
        return self.post("/v1/notices", payload, message_id)

    def withdraw_notice(self, payload: dict[str, Any], message_id: str) -> SendResult:
        """``POST /v1/notices/withdrawals``."""
        return self.post("/v1/notices/withdrawals", payload, message_id)

    def report_statistics(self, payload: dict[str, Any], message_id: str) -> SendResult:
        """``POST /v1/statistics``."""
        return self.post("/v1/statistics", payload, message_id)
