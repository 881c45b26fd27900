"""SMTP transport: one connection per message (plain, STARTTLS or SMTPS, optional login),
and the mapping of every SMTP failure to an outbox outcome.

- Not reachable, timed out, disconnected, or a 4xx reply: :class:`TransientError` (the
  outbox retries with back-off).
- A 5xx reply (recipient, sender or content refused), a failed login, a server lacking a
  configured feature (STARTTLS, AUTH), a certificate that does not verify:
  ``SendResult("failed", reason)``.

Reasons are Vietnamese, name the SMTP code and the server's words with addresses and phone
numbers masked, and never the recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from core.outbox import SendResult, TransientError
from integrations.mail import messages
from privacy.masking import mask_contact_patterns

REPLY_MAX = 160  # characters of a server reply kept in a reason


@dataclass(frozen=True)
class Settings:
    """Where and how to connect (Flask-Mail's setting names)."""

    server: str
    port: int = 25
    use_tls: bool = False
    use_ssl: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Read ``MAIL_*`` settings."""
        return cls(server=str(config["MAIL_SERVER"]), port=int(config.get("MAIL_PORT") or 25),
                   use_tls=_flag(config.get("MAIL_USE_TLS")),
                   use_ssl=_flag(config.get("MAIL_USE_SSL")),
                   username=config.get("MAIL_USERNAME") or None,
                   password=config.get("MAIL_PASSWORD") or None,
                   timeout=float(config.get("MAIL_TIMEOUT_SECONDS") or 10))


def _flag(value: Any) -> bool:
    """A setting read as a boolean ("false", "0", "no", "off" from the environment: False)."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    return bool(value)


def _reply(raw: bytes | str | None) -> str:
    """A server reply as it may be recorded: decoded, one line, contacts masked, short."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
    text = mask_contact_patterns(" ".join(text.split()))
    return text if len(text) <= REPLY_MAX else text[:REPLY_MAX - 1] + "…"


def _by_code(code: int, template: str, reply: bytes | str | None) -> SendResult:
    """5xx: this route failed; anything else (4xx): try again later."""
    reason = template.format(code=code, reply=_reply(reply)).replace(" )", ")")
    if 500 <= code < 600:
        return SendResult("failed", reason)
    raise TransientError(reason)


def _connect(settings: Settings) -> smtplib.SMTP:
    if settings.use_ssl:
        return smtplib.SMTP_SSL(settings.server, settings.port, timeout=settings.timeout,
                                context=ssl.create_default_context())
    return smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)


def _close(smtp: smtplib.SMTP) -> None:
    """QUIT politely; the message is already accepted (or not), so nothing here matters."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def deliver(message: EmailMessage, envelope_from: str, recipients: Sequence[str],
            settings: Settings) -> SendResult:
    """Send one message; ``sent`` with its ``Message-ID`` as external id, ``failed`` with
    a reason, or :class:`TransientError`. Some recipients refused (not all): ``sent``, with
    how many in ``info``."""
    stage = "connect"
    smtp: smtplib.SMTP | None = None
    try:
        smtp = _connect(settings)
        if settings.use_tls and not settings.use_ssl:
            stage = "starttls"
            smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            stage = "login"
            smtp.login(settings.username, settings.password or "")
        stage = "send"
        refused = smtp.send_message(message, from_addr=envelope_from,
                                    to_addrs=list(recipients))
    except smtplib.SMTPRecipientsRefused as exc:
        replies = list(exc.recipients.values())
        code, reply = next(((c, r) for c, r in replies if 500 <= c < 600), replies[0])
        return _by_code(code, messages.RECIPIENT_REFUSED, reply)
    except smtplib.SMTPSenderRefused as exc:
        return _by_code(exc.smtp_code, messages.SENDER_REFUSED, exc.smtp_error)
    except smtplib.SMTPAuthenticationError as exc:
        return _by_code(exc.smtp_code, messages.AUTH_FAILED, exc.smtp_error)
    except smtplib.SMTPDataError as exc:
        return _by_code(exc.smtp_code, messages.DATA_REFUSED, exc.smtp_error)
    except smtplib.SMTPResponseException as exc:  # connect, HELO, STARTTLS replies and others
        return _by_code(exc.smtp_code, messages.SERVER_REPLY, exc.smtp_error)
    except smtplib.SMTPServerDisconnected as exc:  # smtplib's name for a read timing out too
        if isinstance(exc.__context__, TimeoutError):
            raise TransientError(messages.TIMED_OUT.format(seconds=settings.timeout)) from None
        raise TransientError(messages.DISCONNECTED) from None
    except smtplib.SMTPNotSupportedError as exc:
        return SendResult("failed", {"starttls": messages.STARTTLS_UNSUPPORTED,
                                     "login": messages.AUTH_UNSUPPORTED}.get(
            stage, messages.NOT_SUPPORTED.format(error=_reply(str(exc)))))
    except smtplib.SMTPException as exc:
        if stage == "login":  # "No suitable authentication method found."
            return SendResult("failed", messages.AUTH_UNSUPPORTED)
        return SendResult("failed", messages.SMTP_ERROR.format(error=_reply(str(exc))))
    except ssl.SSLCertVerificationError as exc:
        return SendResult("failed", messages.TLS_FAILED.format(
            error=_reply(exc.verify_message or exc.reason or type(exc).__name__)))
    except ssl.SSLError as exc:
        raise TransientError(messages.TLS_FAILED.format(
            error=_reply(exc.reason or type(exc).__name__))) from None
    except TimeoutError:
        raise TransientError(messages.TIMED_OUT.format(seconds=settings.timeout)) from None
    except OSError as exc:  # refused, unreachable, name not resolved
        raise TransientError(messages.CONNECT_FAILED.format(error=type(exc).__name__)) from None
    finally:
        if smtp is not None:
            _close(smtp)
    info = {"refused": len(refused)} if refused else {}
    return SendResult("sent", external_id=str(message["Message-ID"]), info=info)
