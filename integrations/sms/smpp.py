"""The SMPP 3.4 adapter (through ``smpplib``): one transceiver bind per process, kept alive.

- Bound lazily as a transceiver (``SMPP_SYSTEM_ID``/``SMPP_PASSWORD``), under a lock: one
  submit at a time per process. Every socket operation has ``SMS_TIMEOUT_SECONDS``.
- Before a submit, PDUs already waiting are read (a closed link shows up there and is
  rebound); an idle link is checked with ``enquire_link`` first. A link that fails under
  a submit is rebound once and the submit retried; after that the delivery is retried later.
- Source address: a brandname goes as alphanumeric (TON 5, NPI 0), a number as
  international (TON 1, NPI 1); destinations ``84…`` as TON 1, NPI 1; delivery receipts
  requested (``registered_delivery=1``). Long texts go in parts with a concatenation header.
- Status mapping: throttling (0x58), queue full (0x14), system or temporary errors (0x08,
  0x64), lost links and failed binds are temporary (``TransientError``); every other status
  (invalid destination 0x0B, bad source 0x0A, …) is a permanent refusal.
- Delivery receipts (``deliver_sm`` with esm_class 0x04) arriving on the link are answered
  and kept; :meth:`SmppGateway.apply_receipts` marks the deliveries ``delivered``. A receipt
  that arrives before its delivery has recorded the message id is kept and tried again
  (for up to an hour). The periodic task ``sms.poll_receipts`` reads the link between sends.

For a multi-part message the first part's id is the delivery's external id (the operator
sends a receipt per part).
"""

from __future__ import annotations

import logging
import os
import re
import select
import struct
import threading
import time

import smpplib.client
import smpplib.consts
import smpplib.exceptions
import smpplib.smpp

from core import outbox
from core.db import unit_of_work
from core.outbox import TransientError
from integrations.sms import gsm, messages
from integrations.sms.gateway import Outgoing, Rejected

log = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({0x58, 0x14, 0x08, 0x64})
LINK_STATUSES = frozenset({0x04})  # "incorrect bind status": the link is not what we think
THROTTLE_RETRY_SECONDS = 5.0
BIND_RETRY_SECONDS = 60.0  # a refused bind (wrong password, account locked) is not quick to fix
KEEPALIVE_SECONDS = 30.0  # an idle link is checked with enquire_link before use
RECEIPT_KEEP_SECONDS = 3600.0
RECEIPT_KEEP_MAX = 5000
RECEIPT_ESM_MASK = 0x3C  # message type bits of esm_class
RECEIPT_ESM = 0x04  # SMSC delivery receipt
DELIVERED_STATE = smpplib.consts.SMPP_MESSAGE_STATE_DELIVERED
_RECEIPT_ID = re.compile(rb"id:(\S+)", re.IGNORECASE)
_RECEIPT_STAT = re.compile(rb"stat:(\w+)", re.IGNORECASE)

# Failures of the link or of a PDU's framing (socket timeouts are OSErrors).
_LINK_ERRORS = (OSError, struct.error, ValueError, smpplib.exceptions.ConnectionError,
                smpplib.exceptions.PDUError, smpplib.exceptions.UnknownCommandError)


class LinkLost(Exception):
    """The SMPP link failed (closed, timed out, garbled); it has been dropped."""


class _Client(smpplib.client.Client):
    """smpplib's client, plus a non-blocking check for waiting PDUs."""

    def pending(self, wait: float = 0.0) -> bool:
        """Whether a PDU (or the end of the link) is waiting to be read."""
        if self._socket is None:
            raise smpplib.exceptions.ConnectionError("not connected")
        readable, _, _ = select.select([self._socket], [], [], wait)
        return bool(readable)


def source_address(value: str) -> tuple[str, int, int]:
    """``(source_addr, ton, npi)``: a number is international (1, 1), a brandname
    alphanumeric (5, 0)."""
    digits = value.lstrip("+")
    if digits.isdigit():
        return digits, 1, 1
    return value, 5, 0


class SmppGateway:
    """One process's SMPP link to the operator or aggregator."""

    name = "smpp"

    def __init__(self, host: str, port: int, system_id: str, password: str,
                 system_type: str, source: str, timeout: float):
        self.host, self.port, self.timeout = host, int(port), float(timeout)
        self.system_id, self.password, self.system_type = system_id, password, system_type
        self.source, self.source_ton, self.source_npi = source_address(source)
        self._lock = threading.Lock()
        self._client: _Client | None = None
        self._pid = os.getpid()
        self._last_used = 0.0
        self._receipts: list[tuple[str, float]] = []  # (message id, monotonic time)
        # smpplib logs whole PDUs (numbers, texts) at DEBUG: never let those through.
        logging.getLogger("smpplib").setLevel(max(logging.INFO,
                                                  logging.getLogger("smpplib").level))

    # --- the link ---------------------------------------------------------------------------
    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.disconnect()
            except OSError:
                pass

    def _bind(self) -> _Client:
        client = _Client(self.host, self.port, timeout=self.timeout,
                         allow_unknown_opt_params=True, logger_name="smpplib.client")
        try:
            client.connect()
            client.bind_transceiver(system_id=self.system_id, password=self.password,
                                    system_type=self.system_type or None)
        except smpplib.exceptions.PDUError as exc:
            status = exc.args[1] if len(exc.args) > 1 else None
            _close(client)
            reason = _status_reason(status) if status is not None else "PDU"
            log.warning("SMPP bind to %s:%s refused: %s", self.host, self.port, reason)
            raise TransientError(messages.SMPP_BIND_FAILED.format(error=reason),
                                 retry_after=BIND_RETRY_SECONDS) from None
        except _LINK_ERRORS as exc:
            _close(client)
            log.warning("SMPP bind to %s:%s failed: %s", self.host, self.port,
                        type(exc).__name__)
            raise TransientError(messages.SMPP_BIND_FAILED.format(
                error=type(exc).__name__)) from None
        log.info("SMPP bound to %s:%s as transceiver", self.host, self.port)
        self._client = client
        self._last_used = time.monotonic()
        return client

    def _link(self, reuse: bool = True) -> tuple[_Client, bool]:
        """A bound client, and whether it was bound before this call (reused)."""
        if self._pid != os.getpid():  # forked: the parent's link is not ours to use
            self._drop()  # closes this process's copy only; no unbind
            self._receipts, self._pid = [], os.getpid()
        if reuse and self._client is not None:
            try:
                self._drain(self._client)
                if time.monotonic() - self._last_used > KEEPALIVE_SECONDS:
                    self._enquire(self._client)
                return self._client, True
            except LinkLost:
                pass
        self._drop()
        return self._bind(), False

    def _enquire(self, client: _Client) -> None:
        request = smpplib.smpp.make_pdu("enquire_link", client=client)
        self._call(client, request)

    def _call(self, client: _Client, request) -> object:
        """Send a request PDU and wait for its response, handling what arrives meanwhile."""
        try:
            client.send_pdu(request)
        except _LINK_ERRORS as exc:
            self._drop()
            raise LinkLost(type(exc).__name__) from None
        deadline = time.monotonic() + self.timeout
        while True:
            if time.monotonic() > deadline:
                self._drop()
                raise LinkLost("timeout")
            response = self._read(client)
            if response.is_response() and response.sequence == request.sequence:
                self._last_used = time.monotonic()
                return response

    def _read(self, client: _Client):
        """Read one PDU and answer the SMSC's own requests; LinkLost if the link failed."""
        try:
            pdu = client.read_pdu()
            if pdu is None:
                raise smpplib.exceptions.PDUError("empty PDU")
            if pdu.command == "deliver_sm":
                self._received(pdu)
                _answer(client, pdu, "deliver_sm_resp")
            elif pdu.command == "enquire_link":
                _answer(client, pdu, "enquire_link_resp")
            elif pdu.command == "unbind":
                _answer(client, pdu, "unbind_resp")
                raise smpplib.exceptions.ConnectionError("unbound by the SMSC")
            return pdu
        except _LINK_ERRORS as exc:
            self._drop()
            raise LinkLost(type(exc).__name__) from None

    def _drain(self, client: _Client) -> int:
        """Read whatever the SMSC has sent (receipts, enquire_link); LinkLost if closed."""
        count = 0
        try:
            while client.pending():
                self._read(client)
                count += 1
        except _LINK_ERRORS as exc:
            self._drop()
            raise LinkLost(type(exc).__name__) from None
        return count

    # --- sending ----------------------------------------------------------------------------
    def submit(self, message: Outgoing) -> str:
        """Submit every part; the first part's message id."""
        encoded = gsm.encode_parts(message.text, message.encoding)
        with self._lock:
            client, reused = self._link()
            try:
                return self._submit_parts(client, message.phone, encoded)
            except LinkLost as exc:
                if not reused:
                    raise TransientError(messages.SMPP_CONNECTION.format(error=exc)) from None
            client, _ = self._link(reuse=False)  # a stale link: bind again, once
            try:
                return self._submit_parts(client, message.phone, encoded)
            except LinkLost as exc:
                raise TransientError(messages.SMPP_CONNECTION.format(error=exc)) from None

    def _submit_parts(self, client: _Client, phone: str, encoded: gsm.Encoded) -> str:
        ids: list[str] = []
        for part in encoded.parts:
            request = smpplib.smpp.make_pdu(
                "submit_sm", client=client, service_type="",
                source_addr_ton=self.source_ton, source_addr_npi=self.source_npi,
                source_addr=self.source, dest_addr_ton=1, dest_addr_npi=1,
                destination_addr=phone, esm_class=encoded.esm_class,
                registered_delivery=1, data_coding=encoded.data_coding,
                short_message=part)
            response = self._call(client, request)
            status = int(response.status or 0)
            if status in LINK_STATUSES:
                self._drop()
                raise LinkLost(_status_reason(status))
            if status in TRANSIENT_STATUSES:
                raise TransientError(_status_reason(status), retry_after=(
                    THROTTLE_RETRY_SECONDS if status == 0x58 else None))
            if status != 0:
                raise Rejected(_status_reason(status))
            if response.command != "submit_sm_resp":  # generic_nack with status 0
                raise Rejected(_status_reason(0x45))
            ids.append(_text(response.message_id))
        try:
            self._drain(client)
        except LinkLost:
            pass  # sent; the next use binds again
        return ids[0]

    # --- receipts ---------------------------------------------------------------------------
    def _received(self, pdu) -> None:
        if (int(pdu.esm_class or 0) & RECEIPT_ESM_MASK) != RECEIPT_ESM:
            log.info("SMPP: ignored a message that is not a delivery receipt")
            return
        body = pdu.short_message or b""
        found = _RECEIPT_ID.search(body)
        message_id = _text(pdu.receipted_message_id) or (
            found.group(1).decode("ascii", "replace") if found else "")
        stat = _RECEIPT_STAT.search(body)
        delivered = (stat.group(1).upper() == b"DELIVRD") if stat else (
            pdu.message_state == DELIVERED_STATE)
        if not message_id:
            log.warning("SMPP: a delivery receipt without a message id")
        elif delivered:
            self._receipts.append((message_id, time.monotonic()))
            del self._receipts[:-RECEIPT_KEEP_MAX]
        else:
            log.info("SMPP: message %s not delivered (%s)", message_id,
                     stat.group(1).decode("ascii", "replace") if stat else pdu.message_state)

    def poll(self) -> int:
        """Read what the SMSC sent since the last use, binding if needed (a bound link is
        where receipts arrive); the number of receipts waiting to be applied."""
        with self._lock:
            try:
                self._link()  # reads what is waiting, checks an idle link
            except (LinkLost, TransientError) as exc:
                log.warning("SMPP poll: %s", exc)
            return len(self._receipts)

    def apply_receipts(self) -> None:
        """Mark the deliveries of the receipts received ``delivered`` (needs an app context),
        in a unit of work of its own; receipts whose delivery is not found yet are kept for
        a later call."""
        with self._lock:
            pending, self._receipts = self._receipts, []
        if not pending:
            return
        kept = []
        moment = time.monotonic()
        with unit_of_work():
            for message_id, received_at in pending:
                if not outbox.mark_delivered("sms", message_id) and \
                        moment - received_at < RECEIPT_KEEP_SECONDS:
                    kept.append((message_id, received_at))
        with self._lock:
            self._receipts[:0] = kept
            del self._receipts[:-RECEIPT_KEEP_MAX]

    def close(self) -> None:
        """Unbind and close the link."""
        with self._lock:
            client = self._client
            if client is not None and self._pid == os.getpid():
                try:
                    self._call(client, smpplib.smpp.make_pdu("unbind", client=client))
                except LinkLost:
                    pass
            self._drop()


def _answer(client: _Client, request, command: str) -> None:
    response = smpplib.smpp.make_pdu(command, client=client)
    response.sequence = request.sequence
    client.send_pdu(response)


def _close(client: _Client) -> None:
    try:
        client.disconnect()
    except OSError:
        pass


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00").strip()


def _status_reason(status: int) -> str:
    label = messages.SMPP_LABELS.get(status, messages.SMPP_UNKNOWN)
    return messages.SMPP_STATUS.format(status=status, label=label)
