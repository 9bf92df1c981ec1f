"""A store seen by one request (graphmodel.store.memo): repeats answered from memory,
writes through it seen at once; every backend passes these."""

from __future__ import annotations

import dataclasses
import datetime as dt

from graphmodel.records import Decision
from graphmodel.snapshot_read import read
from graphmodel.store import Bundle, Store, open_store
from graphmodel.store.memo import Remembered, unwrapped

DECISION = Decision("U1", "U4", "accept", dt.datetime(2026, 7, 1, 9, 30))


def load_elsewhere(store: Store, bundle: Bundle) -> None:
    """Load ``bundle`` through a second connection to the same store (another process's load)."""
    other = open_store(store.url)
    try:
        other.load(bundle)
    finally:
        other.close()


def test_a_repeated_read_keeps_its_first_answer(store: Store, small_bundle: Bundle):
    """A load by another connection after the first read does not change the remembered version."""
    remembered = Remembered(store)
    first = remembered.version()
    load_elsewhere(store, small_bundle)
    assert remembered.version() == first
    assert store.version() != first


def test_a_new_memo_reads_afresh(store: Store, small_bundle: Bundle):
    """The next request's memo sees a load made after the previous one's read."""
    before = Remembered(store).version()
    load_elsewhere(store, small_bundle)
    assert Remembered(store).version() == store.version() != before


def test_a_write_through_the_memo_is_seen_at_once(store: Store, small_bundle: Bundle):
    """A decision recorded through the memo is in its next read of the decisions."""
    store.load(small_bundle)
    remembered = Remembered(store)
    assert remembered.decisions() == []
    remembered.record_decision(DECISION)
    assert remembered.decisions() == [DECISION]


def test_a_load_through_the_memo_moves_its_version(store: Store, small_bundle: Bundle):
    """A load through the memo changes the version and the data date it answers."""
    remembered = Remembered(store)
    version, end = remembered.version(), remembered.last_activity(dt.date(2027, 1, 1))
    remembered.load(small_bundle)
    assert remembered.version() != version
    assert (end, remembered.last_activity(dt.date(2027, 1, 1))) == (None, dt.date(2026, 7, 1))


def test_reads_with_other_arguments_are_asked_apart(store: Store, small_bundle: Bundle):
    """The data date up to one day is not answered with the data date up to another."""
    store.load(small_bundle)
    remembered = Remembered(store)
    assert remembered.last_activity(dt.date(2026, 6, 30)) == dt.date(2026, 3, 5)
    assert remembered.last_activity(dt.date(2026, 12, 31)) == dt.date(2026, 7, 1)


def test_a_caller_changing_an_answer_changes_no_later_one(store: Store, small_bundle: Bundle):
    """An answer is the caller's own copy: emptying it leaves the next answer whole."""
    store.load(small_bundle)
    remembered = Remembered(store)
    remembered.record_decision(DECISION)
    remembered.decisions().clear()
    assert remembered.decisions() == [DECISION]


def test_the_snapshot_read_through_the_memo_equals_the_stores(store: Store, small_bundle: Bundle):
    """The snapshot read through a memo is the store's own: same records, version, data date."""
    store.load(small_bundle)
    end = dt.date(2026, 12, 31)
    through, direct = read(Remembered(store), end, end), read(store, end, end)
    assert unwrapped(Remembered(store)) is store
    assert dataclasses.astuple(through.bundle) == dataclasses.astuple(direct.bundle)
    assert (through.version, through.data_end) == (direct.version, direct.data_end)
