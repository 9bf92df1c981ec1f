"""The work list of a store is remembered per snapshot (graphmodel.suggest.answers):
the same answer as a fresh one, and a new decision shows at once."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.district import snapshot
from graphmodel.records import Activity, Decision, Participation, Unit
from graphmodel.store import Bundle, open_store
from graphmodel.suggest.answers import WORK_LISTS, work_list_for
from graphmodel.suggest.card import model_for
from graphmodel.suggest.worklist import work_list
from graphmodel.window import Window

WINDOW = Window(dt.date(2026, 6, 30))


@pytest.fixture
def store(tmp_path):
    """Five isolated units (I1–I5) and two active ones in one street, in a SQLite store."""
    units = [Unit(f"I{i}", f"孤立{i}", "government", "S1") for i in range(1, 6)]
    units += [Unit("A1", "甲", "school", "S1"), Unit("A2", "乙", "hospital", "S1")]
    met = [Activity(f"E{i}", "党课", "lecture", dt.date(2026, 3, i)) for i in (1, 2)]
    took_part = [
        Participation("E1", "A1", role="host"),
        Participation("E1", "A2"),
        Participation("E2", "A2", role="host"),
        Participation("E2", "A1"),
    ]
    found = open_store(f"sqlite:///{tmp_path}/work.db")
    found.load(Bundle(units=units, activities=met, participations=took_part))
    return found


def test_a_remembered_work_list_equals_a_fresh_one(store):
    """Asked twice, the work list is the one work_list computes from the snapshot."""
    first = work_list_for(store, WINDOW, per_page=2, page=2)
    again = work_list_for(store, WINDOW, per_page=2, page=2)
    fresh = work_list(snapshot(store, WINDOW), weights=model_for(store), per_page=2, page=2)
    assert first == again == {"window": WINDOW.as_dict(), **fresh}


def test_a_decision_shows_in_the_next_work_list(store):
    """A decision recorded after a work list was remembered is in the next one."""
    before = work_list_for(store, WINDOW, decision="undecided")["total"]
    store.record_decision(Decision("I1", "A1", "accept", dt.datetime(2026, 6, 1, 9)))
    after = work_list_for(store, WINDOW, decision="undecided")
    assert after["total"] == before - 1
    assert "I1" not in [row["id"] for row in after["units"]]


def test_changing_an_answer_changes_no_later_one(store):
    """Each caller gets its own copy: emptying one work list leaves the next one whole."""
    work_list_for(store, WINDOW)["units"].clear()
    assert len(work_list_for(store, WINDOW)["units"]) == 5


def test_only_the_latest_work_lists_are_kept(store):
    """The snapshot keeps at most WORK_LISTS work lists: asking many pages drops the oldest."""
    for page in range(1, WORK_LISTS + 5):
        work_list_for(store, WINDOW, per_page=1, page=page)
    _, kept = snapshot(store, WINDOW).memo("work-lists", dict)
    assert len(kept) == WORK_LISTS
