"""The store contract for planners' decisions on suggestions: every backend passes these."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.errors import NotFound
from graphmodel.records import Decision
from graphmodel.store import Bundle, Store, open_store

AT = dt.datetime(2026, 7, 1, 9, 30)


def accept(unit: str, partner: str, at: dt.datetime = AT, **fields) -> Decision:
    return Decision(unit, partner, "accept", at, **fields)


def dismiss(unit: str, partner: str, at: dt.datetime = AT, **fields) -> Decision:
    return Decision(unit, partner, "dismiss", at, **fields)


def test_a_new_store_has_no_decisions(store: Store, small_bundle: Bundle):
    """Before any decision, the store lists none."""
    store.load(small_bundle)
    assert store.decisions() == []
    assert store.decisions("U1") == []


def test_a_decision_reads_back_equal(store: Store, small_bundle: Bundle):
    """Every field of a recorded decision reads back unchanged, Chinese note included."""
    store.load(small_bundle)
    decision = accept("U1", "U4", by="区委组织部张三", note="先开展一次联合主题党日")
    store.record_decision(decision)
    assert store.decisions() == [decision]


def test_an_aware_time_reads_back_equal(store: Store, small_bundle: Bundle):
    """A decision time with a UTC offset keeps it."""
    store.load(small_bundle)
    at = dt.datetime(2026, 7, 1, 9, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    store.record_decision(dismiss("U2", "U3", at))
    assert store.decisions()[0].at == at
    assert store.decisions()[0].at.utcoffset() == dt.timedelta(hours=8)


def test_decisions_of_a_unit_name_it_on_either_side(store: Store, small_bundle: Bundle):
    """decisions(unit) lists those where the unit is the unit or the partner, and no others."""
    store.load(small_bundle)
    first, second, other = accept("U1", "U4"), dismiss("U3", "U1"), accept("U2", "U3")
    for decision in (first, second, other):
        store.record_decision(decision)
    assert store.decisions("U1") == [first, second]
    assert store.decisions("U4") == [first]


def test_history_is_kept_oldest_first(store: Store, small_bundle: Bundle):
    """A second decision on the same pair is added, not overwritten; the list runs by time."""
    store.load(small_bundle)
    later = accept("U1", "U4", AT + dt.timedelta(days=3), note="再议后采纳")
    earlier = dismiss("U1", "U4", AT)
    store.record_decision(later)
    store.record_decision(earlier)
    assert store.decisions("U1") == [earlier, later]


def test_decisions_at_the_same_time_keep_their_order(store: Store, small_bundle: Bundle):
    """Two decisions made at the same instant come back in the order they were recorded."""
    store.load(small_bundle)
    first, second = dismiss("U1", "U4"), accept("U4", "U1")
    store.record_decision(first)
    store.record_decision(second)
    assert store.decisions() == [first, second]


@pytest.mark.parametrize("pair", [("U1", "U9"), ("U9", "U1")])
def test_a_decision_on_an_unknown_unit_is_refused(store: Store, small_bundle: Bundle, pair):
    """An unknown unit or partner raises NotFound and records nothing."""
    store.load(small_bundle)
    with pytest.raises(NotFound):
        store.record_decision(accept(*pair))
    assert store.decisions() == []


def test_a_decision_does_not_change_the_content_version(store: Store, small_bundle: Bundle):
    """Decisions are not analysed content: the version (and the analysis caches) stay."""
    store.load(small_bundle)
    version = store.version()
    store.record_decision(accept("U1", "U4"))
    assert store.version() == version


def test_a_load_keeps_the_decisions(store: Store, small_bundle: Bundle):
    """Loading data again leaves the decisions as they were."""
    store.load(small_bundle)
    store.record_decision(accept("U1", "U4"))
    store.load(small_bundle)
    assert store.decisions() == [accept("U1", "U4")]


def test_decisions_outlive_the_store_object(store: Store, small_bundle: Bundle):
    """A store opened again on the same URL reads the same decisions."""
    store.load(small_bundle)
    store.record_decision(dismiss("U2", "U4", by="街道规划员"))
    again = open_store(store.url)
    try:
        assert again.decisions() == [dismiss("U2", "U4", by="街道规划员")]
    finally:
        again.close()


def test_an_owner_and_a_due_date_read_back(store: Store, small_bundle: Bundle):
    """An accepted suggestion's follow-up owner and due date read back unchanged."""
    store.load(small_bundle)
    decision = accept("U1", "U4", by="张三", owner="李四（街道）", due=dt.date(2026, 10, 1))
    store.record_decision(decision)
    assert store.decisions("U1") == [decision]


def test_an_undo_is_kept_in_the_history(store: Store, small_bundle: Bundle):
    """An undo is one more decision in the history, after the one it withdraws."""
    store.load(small_bundle)
    first = dismiss("U1", "U4", by="张三")
    undo = Decision("U1", "U4", "undo", AT + dt.timedelta(minutes=5), by="张三")
    for decision in (first, undo):
        store.record_decision(decision)
    assert store.decisions() == [first, undo]
