"""The deployment's signing keys: create, rotate, load, publish.

A key generation is an Ed25519 key pair (notice JSON and Atom) and an ECDSA P-256 key pair
with a self-signed certificate (CAP alerts: XML signature libraries verify ECDSA, not yet
Ed25519). Public parts are rows (:class:`SigningKey`); private keys are PKCS#8 PEM files in
``VERIFICATION_KEY_DIR`` created with mode 0600 (encrypted with
``VERIFICATION_KEY_PASSPHRASE`` when it is set), never in the database, the repository or
a log line. The newest generation that has not been rotated out signs; every generation
not yet expired is published with its validity at ``/.well-known/thongtin-keys.json``.
"""

from __future__ import annotations

import base64
import logging
import os
import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID
from flask import current_app

from core import clock
from core.db import db
from notices.verification.models import SigningKey

log = logging.getLogger(__name__)

FORMAT = "thongtin-keys/1"


def b64url(data: bytes) -> str:
    """Unpadded base64url text."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    """Bytes of unpadded (or padded) base64url text; ValueError if it is not."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError("not base64url") from exc


def _passphrase() -> bytes | None:
    value = current_app.config.get("VERIFICATION_KEY_PASSPHRASE")
    return str(value).encode() if value else None


def _path(key_id: str, kind: str) -> str:
    return os.path.join(current_app.config["VERIFICATION_KEY_DIR"], f"{key_id}.{kind}.pem")


def _write_private(path: str, key: Any) -> None:
    secret = _passphrase()
    encryption = (serialization.BestAvailableEncryption(secret) if secret
                  else serialization.NoEncryption())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            encryption)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    os.chmod(path, 0o600)  # whatever the umask


def _certificate(key: ec.EllipticCurvePrivateKey, key_id: str, start: datetime,
                 end: datetime) -> str:
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"thongtin CAP {key_id}"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                           current_app.config["NOTICES_TAG_AUTHORITY"]),
    ])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start - timedelta(minutes=5)).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def create(moment: datetime | None = None, valid_days: int | None = None) -> SigningKey:
    """A new key generation that signs from now on; the previous signing one stops signing
    (its signatures stay valid until it expires). Flush only: the caller commits."""
    moment = (moment or clock.now()).replace(microsecond=0)
    days = int(valid_days or current_app.config["VERIFICATION_KEY_VALID_DAYS"])
    key_id = f"{moment:%Y%m%d}-{secrets.token_hex(4)}"
    edkey = ed25519.Ed25519PrivateKey.generate()
    eckey = ec.generate_private_key(ec.SECP256R1())
    expires = moment + timedelta(days=days)
    _write_private(_path(key_id, "ed25519"), edkey)
    _write_private(_path(key_id, "ecdsa"), eckey)
    for old in db.session.scalars(sa.select(SigningKey).where(
            SigningKey.signs_until.is_(None))):
        old.signs_until = moment
    row = SigningKey(id=key_id, created_at=moment, expires_at=expires,
                     ed25519_public=b64url(edkey.public_key().public_bytes(
                         serialization.Encoding.Raw, serialization.PublicFormat.Raw)),
                     ecdsa_certificate=_certificate(eckey, key_id, moment, expires))
    db.session.add(row)
    db.session.flush()
    log.info("signing key %s created (valid until %s)", key_id, expires.date().isoformat())
    return row


def expire(key_id: str, moment: datetime | None = None) -> SigningKey | None:
    """End a key generation now (a compromised key): its signatures no longer verify."""
    row = db.session.get(SigningKey, key_id)
    if row is not None:
        moment = moment or clock.now()
        row.signs_until = min(row.signs_until or moment, moment)
        row.expires_at = moment
        db.session.flush()
    return row


def signing(moment: datetime | None = None) -> SigningKey | None:
    """The generation that signs now (the newest not rotated out and not expired)."""
    moment = moment or clock.now()
    return db.session.scalar(sa.select(SigningKey).where(
        SigningKey.signs_until.is_(None), SigningKey.expires_at > moment)
        .order_by(SigningKey.created_at.desc(), SigningKey.id.desc()).limit(1))


def signing_or_create(moment: datetime | None = None) -> SigningKey | None:
    """The signing generation; created on first use when ``VERIFICATION_AUTO_KEY`` is on."""
    row = signing(moment)
    if row is None and current_app.config["VERIFICATION_AUTO_KEY"]:
        row = create(moment)
    return row


def valid(moment: datetime | None = None) -> list[SigningKey]:
    """Every generation whose signatures verify now, newest first."""
    moment = moment or clock.now()
    return list(db.session.scalars(sa.select(SigningKey).where(SigningKey.expires_at > moment)
                                   .order_by(SigningKey.created_at.desc(),
                                             SigningKey.id.desc())))


@lru_cache(maxsize=32)
def _load(path: str, secret: bytes | None) -> Any:
    with open(path, "rb") as fh:
        return serialization.load_pem_private_key(fh.read(), password=secret)


def private_ed25519(key_id: str) -> ed25519.Ed25519PrivateKey:
    """The Ed25519 private key of a generation (from its file)."""
    return _load(_path(key_id, "ed25519"), _passphrase())


def private_ecdsa(key_id: str) -> ec.EllipticCurvePrivateKey:
    """The ECDSA private key of a generation (from its file)."""
    return _load(_path(key_id, "ecdsa"), _passphrase())


def describe(row: SigningKey) -> dict[str, Any]:
    """A generation as published (public parts and validity)."""
    return {
        "id": row.id,
        "algorithm": "Ed25519",
        "public_key": row.ed25519_public,
        "valid_from": clock.isoformat_local(row.created_at),
        "signs_until": clock.isoformat_local(row.signs_until),
        "expires_at": clock.isoformat_local(row.expires_at),
        "cap_certificate": row.ecdsa_certificate,
    }


def document(moment: datetime | None = None) -> dict[str, Any]:
    """The published key set: every generation valid now."""
    rows = valid(moment)
    current = signing(moment)
    return {"format": FORMAT, "signing_key": current.id if current else None,
            "keys": [describe(r) for r in rows]}
