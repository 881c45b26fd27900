"""A small real SMPP 3.4 server (an SMSC) on 127.0.0.1 for tests, threaded TCP.

It answers ``bind_transmitter``/``bind_receiver``/``bind_transceiver`` (checking the system
id and password; ``ESME_RBINDFAIL`` otherwise), ``submit_sm`` (recording every PDU and every
whole message, long ones reassembled from their concatenation headers and decoded from GSM
7-bit or UCS-2), ``enquire_link`` and ``unbind``; anything else gets a ``generic_nack``.

A test can make the next submits fail with a status (:meth:`FakeSmsc.fail_next`), send a
delivery receipt for a message id (:meth:`FakeSmsc.send_receipt`), or drop every connection
(:meth:`FakeSmsc.drop_connections`). PDUs are parsed and built with smpplib's classes.

    with FakeSmsc(system_id="thongtin", password="secret") as smsc:
        ...  # point SMPP_HOST/SMPP_PORT at smsc.host/smsc.port
        smsc.messages[0].text
"""

from __future__ import annotations

import itertools
import socket
import socketserver
import struct
import threading
import time
from dataclasses import dataclass, field

import smpplib.client
import smpplib.command_codes
import smpplib.exceptions
import smpplib.smpp

ROK = 0x00
RINVCMDID = 0x03
RINVBNDSTS = 0x04
RALYBND = 0x05
RBINDFAIL = 0x0D
RTHROTTLED = 0x58
RMSGQFUL = 0x14
RINVDSTADR = 0x0B

_GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[",
                  0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
BIND_COMMANDS = {"bind_transmitter": "tx", "bind_receiver": "rx", "bind_transceiver": "trx"}


def decode_gsm(data: bytes) -> str:
    """Unpacked GSM 7-bit septets (one per octet) to text."""
    out, escaped = [], False
    for octet in data:
        if escaped:
            out.append(_GSM_EXTENSION.get(octet, "?"))
            escaped = False
        elif octet == 0x1B:
            escaped = True
        else:
            out.append(_GSM_BASIC[octet] if octet < len(_GSM_BASIC) else "?")
    return "".join(out)


def decode(data: bytes, data_coding: int) -> str:
    """User data to text by ``data_coding`` (0 GSM 7-bit, 8 UCS-2, 3 Latin-1)."""
    if data_coding == 8:
        return data.decode("utf-16-be")
    if data_coding == 3:
        return data.decode("latin-1")
    return decode_gsm(data)


def split_udh(short_message: bytes) -> tuple[tuple[int, int, int] | None, bytes]:
    """``((ref, total, seq) or None, user data)`` of a part that starts with a UDH."""
    length = short_message[0]
    header, data = short_message[1:1 + length], short_message[1 + length:]
    position = 0
    while position + 2 <= len(header):
        iei, size = header[position], header[position + 1]
        value = header[position + 2:position + 2 + size]
        if iei == 0x00 and size == 3:
            return (value[0], value[1], value[2]), data
        if iei == 0x08 and size == 4:
            return ((value[0] << 8) | value[1], value[2], value[3]), data
        position += 2 + size
    return None, data


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value or ""


@dataclass
class Submitted:
    """One ``submit_sm`` as received."""

    source: str
    source_ton: int
    source_npi: int
    destination: str
    dest_ton: int
    dest_npi: int
    esm_class: int
    data_coding: int
    registered_delivery: int
    short_message: bytes
    status: int
    message_id: str | None


@dataclass
class Message:
    """A whole message: one submit, or every part of a concatenated one."""

    source: str
    source_ton: int
    source_npi: int
    destination: str
    dest_ton: int
    dest_npi: int
    esm_class: int
    data_coding: int
    registered_delivery: int
    text: str
    parts: int
    message_ids: list[str] = field(default_factory=list)


class _Session(socketserver.BaseRequestHandler):
    """One ESME connection."""

    server: _Server

    def setup(self) -> None:
        self.bound: str | None = None
        self.write_lock = threading.Lock()
        self.smsc = self.server.smsc
        self.smsc._opened(self)

    def finish(self) -> None:
        self.smsc._closed(self)

    def send(self, pdu) -> None:
        with self.write_lock:
            self.request.sendall(pdu.generate())

    def _recv(self, size: int) -> bytes | None:
        chunks, received = [], 0
        while received < size:
            try:
                chunk = self.request.recv(size - received)
            except OSError:
                return None
            if not chunk:
                return None
            chunks.append(chunk)
            received += len(chunk)
        return b"".join(chunks)

    def handle(self) -> None:
        while True:
            head = self._recv(16)
            if head is None:
                return
            length, command_id, _status, sequence = struct.unpack(">LLLL", head)
            body = self._recv(length - 16) if length > 16 else b""
            if body is None:
                return
            try:
                name = smpplib.command_codes.get_command_name(command_id)
            except smpplib.exceptions.UnknownCommandError:
                name = None
            self.smsc.commands.append(name or f"0x{command_id:08X}")
            if name is None or name not in _HANDLERS:
                if name is None or not command_id & 0x80000000:
                    self.respond("generic_nack", sequence, RINVCMDID)
                continue
            pdu = smpplib.smpp.parse_pdu(head + body, client=self.smsc.sequences,
                                         allow_unknown_opt_params=True)
            if _HANDLERS[name](self, pdu) is False:
                return

    def respond(self, command: str, sequence: int, status: int = ROK, **fields) -> None:
        response = smpplib.smpp.make_pdu(command, client=self.smsc.sequences, status=status,
                                         **fields)
        response.sequence = sequence
        self.send(response)

    # --- commands -------------------------------------------------------------------------
    def on_bind(self, pdu) -> None:
        smsc = self.smsc
        ok = (_text(pdu.system_id) == smsc.system_id and _text(pdu.password) == smsc.password)
        status = RALYBND if self.bound else (ROK if ok else RBINDFAIL)
        smsc.binds.append((pdu.command, _text(pdu.system_id), status))
        if status == ROK:
            self.bound = BIND_COMMANDS[pdu.command]
        self.respond(pdu.command + "_resp", pdu.sequence, status, system_id="FAKESMSC")

    def on_submit(self, pdu) -> None:
        status, message_id = self.smsc._submitted(self, pdu)
        self.respond("submit_sm_resp", pdu.sequence, status, message_id=message_id or "")

    def on_enquire_link(self, pdu) -> None:
        self.respond("enquire_link_resp", pdu.sequence)

    def on_unbind(self, pdu) -> bool:
        self.respond("unbind_resp", pdu.sequence)
        self.bound = None
        return False

    def on_deliver_sm_resp(self, pdu) -> None:
        self.smsc.receipt_answers.append((pdu.sequence, pdu.status))

    def on_ignore(self, pdu) -> None:
        pass


_HANDLERS = {
    "bind_transmitter": _Session.on_bind, "bind_receiver": _Session.on_bind,
    "bind_transceiver": _Session.on_bind, "submit_sm": _Session.on_submit,
    "enquire_link": _Session.on_enquire_link, "unbind": _Session.on_unbind,
    "deliver_sm_resp": _Session.on_deliver_sm_resp, "enquire_link_resp": _Session.on_ignore,
    "generic_nack": _Session.on_ignore,
}


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = False
    block_on_close = True

    def __init__(self, smsc: FakeSmsc, address: tuple[str, int]):
        self.smsc = smsc
        super().__init__(address, _Session)


class FakeSmsc:
    """The server and what it has seen: ``binds``, ``submits``, ``messages``, ``commands``."""

    def __init__(self, system_id: str = "thongtin", password: str = "secret",
                 host: str = "127.0.0.1", port: int = 0):
        self.system_id, self.password = system_id, password
        self.sequences = smpplib.client.SimpleSequenceGenerator()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._sessions: list[_Session] = []
        self._server = _Server(self, (host, port))
        self.host, self.port = self._server.server_address[:2]
        self._thread: threading.Thread | None = None
        self.reset()

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> FakeSmsc:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every connection."""
        self._server.shutdown()
        self.drop_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeSmsc:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget what was seen and any failures asked for."""
        with self._lock:
            self.binds: list[tuple[str, str, int]] = []
            self.submits: list[Submitted] = []
            self.messages: list[Message] = []
            self.commands: list[str] = []
            self.receipt_answers: list[tuple[int, int]] = []
            self._failures: list[int] = []
            self._partial: dict[tuple, dict[int, Submitted]] = {}
            self._senders: dict[str, _Session] = {}

    # --- what a test asks for -----------------------------------------------------------------
    def fail_next(self, status: int, count: int = 1) -> None:
        """Answer the next ``count`` submits with ``status`` (e.g. 0x58 throttled)."""
        with self._lock:
            self._failures.extend([status] * count)

    def drop_connections(self) -> None:
        """Close every client connection at once (as a crashed SMSC would)."""
        with self._lock:
            sessions = list(self._sessions)
        for session in sessions:
            try:
                session.request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            session.request.close()

    def wait_closed(self, timeout: float = 5.0) -> None:
        """Wait until no client is connected."""
        deadline = time.monotonic() + timeout
        while self.sessions() and time.monotonic() < deadline:
            time.sleep(0.01)

    def sessions(self) -> int:
        """Connections open now."""
        with self._lock:
            return len(self._sessions)

    def send_receipt(self, message_id: str, stat: str = "DELIVRD", tlv: bool = True) -> bool:
        """Send a delivery receipt (``deliver_sm``, esm_class 0x04) for ``message_id`` on the
        connection that submitted it (or any bound receiver); False when none is bound."""
        with self._lock:
            session = self._senders.get(message_id)
            if session is None or session.bound not in ("rx", "trx"):
                session = next((s for s in self._sessions if s.bound in ("rx", "trx")), None)
            submitted = next((s for s in self.submits if s.message_id == message_id), None)
        if session is None:
            return False
        text = (f"id:{message_id} sub:001 dlvrd:{'001' if stat == 'DELIVRD' else '000'} "
                f"submit date:2611230900 done date:2611230901 stat:{stat} err:000 text:")
        fields = {"receipted_message_id": message_id,
                  "message_state": 2 if stat == "DELIVRD" else 5} if tlv else {}
        receipt = smpplib.smpp.make_pdu(
            "deliver_sm", client=self.sequences, service_type="",
            source_addr_ton=1, source_addr_npi=1,
            source_addr=submitted.destination if submitted else "",
            dest_addr_ton=submitted.source_ton if submitted else 5,
            dest_addr_npi=submitted.source_npi if submitted else 0,
            destination_addr=submitted.source if submitted else "",
            esm_class=0x04, data_coding=0, short_message=text.encode("ascii"), **fields)
        session.send(receipt)
        return True

    # --- called by sessions -------------------------------------------------------------------
    def _opened(self, session: _Session) -> None:
        with self._lock:
            self._sessions.append(session)

    def _closed(self, session: _Session) -> None:
        with self._lock:
            if session in self._sessions:
                self._sessions.remove(session)

    def _submitted(self, session: _Session, pdu) -> tuple[int, str | None]:
        with self._lock:
            if session.bound not in ("tx", "trx"):
                status = RINVBNDSTS
            else:
                status = self._failures.pop(0) if self._failures else ROK
            message_id = f"FAKE{next(self._ids):06d}" if status == ROK else None
            short_message = pdu.short_message or b""
            submitted = Submitted(
                _text(pdu.source_addr), pdu.source_addr_ton or 0, pdu.source_addr_npi or 0,
                _text(pdu.destination_addr), pdu.dest_addr_ton or 0, pdu.dest_addr_npi or 0,
                pdu.esm_class or 0, pdu.data_coding or 0, pdu.registered_delivery or 0,
                short_message, status, message_id)
            self.submits.append(submitted)
            if status == ROK:
                self._senders[message_id] = session
                self._collect(submitted)
            return status, message_id

    def _collect(self, part: Submitted) -> None:
        if not part.esm_class & 0x40:
            self._complete([part], part.short_message)
            return
        concat, data = split_udh(part.short_message)
        if concat is None:
            self._complete([part], data)
            return
        ref, total, seq = concat
        key = (part.source, part.destination, ref, total)
        parts = self._partial.setdefault(key, {})
        parts[seq] = Submitted(**{**part.__dict__, "short_message": data})
        if len(parts) == total:
            del self._partial[key]
            ordered = [parts[n] for n in sorted(parts)]
            self._complete(ordered, b"".join(p.short_message for p in ordered))

    def _complete(self, parts: list[Submitted], data: bytes) -> None:
        first = parts[0]
        self.messages.append(Message(
            first.source, first.source_ton, first.source_npi, first.destination,
            first.dest_ton, first.dest_npi, first.esm_class, first.data_coding,
            first.registered_delivery, decode(data, first.data_coding), len(parts),
            [p.message_id for p in parts if p.message_id]))
