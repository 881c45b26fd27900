"""The key that signs console sessions and CSRF tokens: where it comes from, and the check
that refuses to start with a missing, well-known or short key.

``SECRET_KEY`` comes from the environment (production) or ``instance/config.py``; when
neither sets it, from ``instance/secret_key``, which ``make run`` writes once with 48 random
bytes (``python -m core.secret_key instance/secret_key``, mode 0600). Outside tests
(``TESTING``) the application refuses to start without a key of at least
:data:`MIN_BYTES` bytes that is not a value published somewhere (our old development
default among them): anyone holding such a key forges console sessions.
"""

from __future__ import annotations

import os
import secrets
import sys

from flask import Flask

from core import messages

FILE_NAME = "secret_key"
MIN_BYTES = 32
GENERATED_BYTES = 48
# Values printed in this repository's history, framework examples and tutorials.
KNOWN_KEYS = frozenset({
    "dev-only-not-secret", "dev", "development", "secret", "secret-key", "secret_key",
    "changeme", "change-me", "change_me", "test", "testing", "default", "your-secret-key",
    "super-secret", "supersecret", "not-secret", "insecure", "please-change-me",
})


class WeakSecretKey(RuntimeError):
    """Refusal to start: the key is missing, well known or too short."""


def problem(key: str | bytes | None) -> str | None:
    """Why ``key`` must not sign sessions, or None when it is acceptable."""
    if not key:
        return messages.SECRET_KEY_MISSING
    raw = key if isinstance(key, bytes) else key.encode()
    text = raw.decode(errors="replace").strip().lower()
    if text in KNOWN_KEYS:
        return messages.SECRET_KEY_KNOWN
    if len(raw) < MIN_BYTES:
        return messages.SECRET_KEY_SHORT.format(n=MIN_BYTES)
    if len(set(raw)) < 8:  # "aaaa…", "0000…": long but guessable
        return messages.SECRET_KEY_KNOWN
    return None


def key_path(app: Flask) -> str:
    """Where ``make run`` keeps the generated key of this installation."""
    return os.path.join(app.instance_path, FILE_NAME)


def read_key_file(path: str) -> str | None:
    """The key stored in ``path`` (surrounding whitespace removed), or None."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip() or None
    except FileNotFoundError:
        return None


def write_key_file(path: str) -> bool:
    """Create ``path`` with a new random key, readable by its owner only; an existing file
    is left as it is (sessions signed with it stay valid). Returns whether it was created."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(GENERATED_BYTES) + "\n")
    os.chmod(path, 0o600)  # whatever the umask
    return True


def init_app(app: Flask) -> None:
    """Fill ``SECRET_KEY`` from the key file when unset, then refuse a weak key (tests get
    a random key of their own when they set none)."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = read_key_file(key_path(app))
    if app.config.get("TESTING"):
        if not app.config["SECRET_KEY"]:
            app.config["SECRET_KEY"] = secrets.token_urlsafe(GENERATED_BYTES)
        return
    reason = problem(app.config["SECRET_KEY"])
    if reason:
        raise WeakSecretKey(messages.SECRET_KEY_REFUSED.format(reason=reason,
                                                               path=key_path(app)))


def main(argv: list[str] | None = None) -> int:
    """``python -m core.secret_key PATH``: write a new key to PATH unless it exists."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m core.secret_key PATH", file=sys.stderr)
        return 2
    created = write_key_file(args[0])
    print(messages.SECRET_KEY_WRITTEN.format(path=args[0]) if created
          else messages.SECRET_KEY_KEPT.format(path=args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
