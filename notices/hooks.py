"""Publishing hooks for integrations (the domain never imports an integration).

An integration registers listeners at start-up::

    from notices import hooks

    def push_to_zalo(notice):          # notice: notices.models.Notice (the new version)
        outbox.queue("zalo", ..., key=f"notice:{notice.id}:zalo:...",
                     subject=("notice", notice.id))

    hooks.on_published(push_to_zalo)
    hooks.on_withdrawn(cancel_on_zalo)

Listeners are called **inside the publishing transaction**, before it commits, with the
``Notice`` that was published (``notice.supersedes_id`` is set for a correction) or
withdrawn (only notices that had been published; ``notice.withdraw_reason`` says why).
Whatever they add to the session (outbox rows via ``core.outbox.queue``) commits
atomically with the publication. They must not call partners or commit; an exception
aborts the publication (a scheduled one is retried by the next beat run). Use
``subject=("notice", notice.id)`` so the staff API can count deliveries per notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices.models import Notice

Listener = Callable[["Notice"], None]
_LISTENERS: dict[str, list[Listener]] = {"published": [], "withdrawn": []}


def on_published(fn: Listener) -> Listener:
    """Call ``fn(notice)`` whenever a notice version is published (usable as a decorator)."""
    _LISTENERS["published"].append(fn)
    return fn


def on_withdrawn(fn: Listener) -> Listener:
    """Call ``fn(notice)`` whenever a published notice is withdrawn."""
    _LISTENERS["withdrawn"].append(fn)
    return fn


def remove(fn: Listener) -> None:
    """Forget a listener (tests)."""
    for listeners in _LISTENERS.values():
        if fn in listeners:
            listeners.remove(fn)


def fire(event: str, notice: Notice) -> None:
    """Run the listeners of ``event`` (inside the caller's transaction)."""
    for fn in list(_LISTENERS[event]):
        fn(notice)
