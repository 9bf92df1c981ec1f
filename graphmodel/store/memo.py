"""A store whose small reads are asked once: what one web request sees.

A page asks the store for its version, its data date and the decisions several times
over (the page's own view, the cached analyses' keys, the header); on Neo4j each of
these is a transaction of its own (≈ 10 ms at city scale, most of a warm page's time).
:class:`Remembered` answers the repeats from memory until the next write through it,
so the web app wraps its store in one per request: the version is still read afresh by
every request, and a load, decision or listing made in the request is seen at once.
"""

from __future__ import annotations

import copy
from typing import Any

from .protocol import Store

#: Reads that only a write changes: remembered, keyed by their arguments.
REMEMBERED = frozenset(
    {"version", "last_activity", "counts", "imports", "decisions", "listings", "aliases"}
)
#: Writes: each forgets every remembered read.
WRITES = frozenset({"load", "record_decision", "save_listing", "remember_aliases"})


class Remembered:
    """``store`` with the answers of :data:`REMEMBERED` kept until a write through it.

    Everything else (the snapshot read, ``url``, ``path`` …) is the store's own.
    Not shared between threads: one per request.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._answers: dict[tuple, Any] = {}

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.store, name)
        if name in REMEMBERED:
            return _Read(self, name, found)
        if name in WRITES:
            return _Write(self, found)
        return found


class _Read:
    """One remembered read; the answer is copied so that a caller's changes stay its own."""

    def __init__(self, owner: Remembered, name: str, read: Any) -> None:
        self.owner, self.name, self.read = owner, name, read

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        key = (self.name, args, tuple(sorted(kwargs.items())))
        answers = self.owner._answers
        if key not in answers:
            answers[key] = self.read(*args, **kwargs)
        return copy.copy(answers[key])


class _Write:
    def __init__(self, owner: Remembered, write: Any) -> None:
        self.owner, self.write = owner, write

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.owner._answers.clear()
        try:
            return self.write(*args, **kwargs)
        finally:
            self.owner._answers.clear()


def unwrapped(store: Store | Remembered) -> Store:
    """The store itself behind a :class:`Remembered` (or ``store``)."""
    return store.store if isinstance(store, Remembered) else store
