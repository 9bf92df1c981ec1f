"""Analysis results kept on disk beside the store, computed once and shared by every process.

A gunicorn server runs several worker processes; each used to compute the same
report, assessment and layout for itself. :class:`ResultCache` keeps results in
one SQLite file (pickled, keyed by a digest of the store version, window,
analysis scope and what was computed) and guards each key with an exclusive
``flock`` on a lock file: the first process to ask computes, any other process
(or thread) asking meanwhile waits for the lock and then reads the stored
result. ``computed`` counts the computations this instance ran (tests, bench).

Old store versions are dropped when a new one is stored, and at most
:data:`MAX_ENTRIES` results are kept (least recently written first), so the
file stays bounded.

>>> import tempfile, pathlib
>>> cache = ResultCache(pathlib.Path(tempfile.mkdtemp()) / "r.db")
>>> cache.get_or_compute("v1", ("report", 1), lambda: {"ties": 3})
{'ties': 3}
>>> cache.get_or_compute("v1", ("report", 1), lambda: {"ties": 99}), cache.computed
({'ties': 3}, 1)
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: The most results the file keeps (each window's report, assessment, layout … is one).
MAX_ENTRIES = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS result (
    digest  TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    label   TEXT NOT NULL,
    written REAL NOT NULL,
    seconds REAL NOT NULL,
    value   BLOB NOT NULL
)
"""


def digest(version: str, key: Hashable) -> str:
    """A stable name for ``key`` under a store version (``repr`` of plain data and
    frozen dataclasses is the same in every process)."""
    return hashlib.sha256(f"{version}\x00{key!r}".encode()).hexdigest()[:32]


class ResultCache:
    """Pickled results in a SQLite file, one exclusive file lock per key being computed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.locks = self.path.with_name(self.path.name + ".locks")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.locks.mkdir(exist_ok=True)
        self.computed = 0
        self._count = threading.Lock()
        with self._connect() as con:
            con.execute(_SCHEMA)

    @contextmanager
    def _connect(self):
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            yield con
        finally:
            con.close()

    def get(self, version: str, key: Hashable) -> tuple[bool, Any]:
        """``(True, value)`` when ``key`` is stored for ``version``, else ``(False, None)``."""
        with self._connect() as con:
            row = con.execute(
                "SELECT value FROM result WHERE digest = ?", (digest(version, key),)
            ).fetchone()
        return (True, pickle.loads(row[0])) if row else (False, None)

    def put(self, version: str, key: Hashable, value: Any, seconds: float = 0.0) -> None:
        """Store ``value``; forget other store versions and the oldest results beyond the bound."""
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        label = repr(key)[:200]
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            con.execute("DELETE FROM result WHERE version != ?", (version,))
            con.execute(
                "INSERT OR REPLACE INTO result VALUES (?, ?, ?, ?, ?, ?)",
                (digest(version, key), version, label, time.time(), seconds, blob),
            )
            con.execute(
                "DELETE FROM result WHERE digest NOT IN "
                "(SELECT digest FROM result ORDER BY written DESC LIMIT ?)",
                (MAX_ENTRIES,),
            )
            con.execute("COMMIT")

    @contextmanager
    def lock(self, version: str, key: Hashable):
        """Hold the exclusive lock of ``key`` (blocks while another process or thread holds it)."""
        path = self.locks / digest(version, key)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def get_or_compute(self, version: str, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The stored result of ``key``, computed once by whoever asks first."""
        found, value = self.get(version, key)
        if found:
            return value
        with self.lock(version, key):
            found, value = self.get(version, key)  # computed while we waited
            if found:
                return value
            started = time.perf_counter()
            value = compute()
            with self._count:
                self.computed += 1
            self.put(version, key, value, time.perf_counter() - started)
            return value

    def clear(self) -> None:
        """Forget every stored result (after a restore behind the store's back)."""
        with self._connect() as con:
            con.execute("DELETE FROM result")


_by_store: dict[str, ResultCache] = {}
_by_store_lock = threading.Lock()


def attach(store_url: str, path: str | Path) -> ResultCache:
    """Share results of ``store_url`` through the file at ``path`` (the app does this)."""
    with _by_store_lock:
        cache = _by_store.get(store_url)
        if cache is None or cache.path != Path(path):
            cache = _by_store[store_url] = ResultCache(path)
        return cache


def for_store(store_url: str) -> ResultCache | None:
    """The shared results of ``store_url``, when an app attached a file for them."""
    return _by_store.get(store_url)


def default_path(store_url: str, beside: str | Path) -> Path:
    """Where results go: beside an embedded store's file, else beside ``beside``
    (the accounts file), one file per store URL."""
    if store_url.startswith("sqlite:///"):
        db = Path(store_url.removeprefix("sqlite:///"))
        return db.with_name(db.name + ".results")
    name = hashlib.sha256(store_url.encode()).hexdigest()[:12]
    return Path(beside).with_name(f"results-{name}.db")
