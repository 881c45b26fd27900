"""Signals the notices domain sends (blinker); other packages connect to them per app.

A package connects its receivers in its ``init_app`` with the app as sender, so a receiver
hears only the app it was connected for::

    from notices.signals import notice_published

    def push_to_zalo(app, notice):     # notice: notices.models.Notice (the new version)
        outbox.queue("zalo", ..., key=f"notice:{notice.id}:zalo:...",
                     subject=("notice", notice.id))

    def init_app(app):
        notice_published.connect(push_to_zalo, sender=app)

Receivers are called **inside the publishing transaction**, before it commits, with the
``Notice`` that was published (``notice.supersedes_id`` is set for a correction) or
withdrawn (only notices that had been published; ``notice.withdraw_reason`` says why).
Whatever they add to the session (outbox rows via ``core.outbox.queue``) commits
atomically with the publication. They must not call partners or commit; an exception
aborts the publication (a scheduled one is retried by the next beat run). Use
``subject=("notice", notice.id)`` so the staff API can count deliveries per notice.
Receivers are module-level functions (blinker holds them weakly).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blinker import Namespace
from flask import current_app

if TYPE_CHECKING:
    from notices.models import Notice

_signals = Namespace()

notice_published = _signals.signal("notice-published", doc="A notice version was published.")
notice_withdrawn = _signals.signal("notice-withdrawn",
                                   doc="A published notice was withdrawn.")


def send(signal, notice: Notice) -> None:
    """Send ``signal`` for ``notice`` to the receivers of the current app."""
    signal.send(current_app._get_current_object(), notice=notice)
