"""The planners' work list: filters by status and decision, sorting, paging."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from graphmodel.district import District
from graphmodel.errors import BadSuggestionRequest
from graphmodel.records import Activity, Decision, Participation, Unit
from graphmodel.store import Bundle, open_store
from graphmodel.suggest.worklist import work_list
from graphmodel.window import Window

END = dt.date(2026, 6, 30)
AT = dt.datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def district() -> District:
    """Five isolated units (I1–I5) and two active ones (A1, A2) in one street."""
    units = [Unit(f"I{i}", f"孤立{6 - i}", "government", "S1") for i in range(1, 6)]
    units += [Unit("A1", "甲", "school", "S1"), Unit("A2", "乙", "hospital", "S1")]
    met = [Activity(f"E{i}", "党课", "lecture", dt.date(2026, 3, i)) for i in (1, 2)]
    took_part = [  # each hosts once: neither is a follower
        Participation("E1", "A1", role="host"),
        Participation("E1", "A2"),
        Participation("E2", "A2", role="host"),
        Participation("E2", "A1"),
    ]
    bundle = Bundle(units=units, activities=met, participations=took_part)
    return District.from_bundle(bundle, Window(END))


def ids(page: dict) -> list[str]:
    return [row["id"] for row in page["units"]]


def test_pages_hold_per_page_units_and_count_them_all(district):
    """Two a page: three pages for five units, the last holding one."""
    last = work_list(district, per_page=2, page=3)
    assert (last["total"], last["pages"], len(last["units"])) == (5, 3, 1)


def test_a_page_past_the_end_shows_the_last(district):
    """Asking for page 9 of 3 shows page 3."""
    assert work_list(district, per_page=2, page=9)["page"] == 3


def test_sort_by_name(district):
    """sort=name orders by the units' names (孤立1 … 孤立5 are I5 … I1)."""
    assert ids(work_list(district, sort="name")) == ["I5", "I4", "I3", "I2", "I1"]


def test_the_decision_filter_splits_decided_from_undecided(district):
    """A unit with an accepted pair is under "accepted", and no longer under "undecided"."""
    decisions = [Decision("I1", "A1", "accept", AT, by="张三")]
    accepted = work_list(district, decisions=decisions, decision="accepted")
    undecided = work_list(district, decisions=decisions, decision="undecided")
    assert ids(accepted) == ["I1"] and "I1" not in ids(undecided)


def test_an_undone_decision_counts_as_undecided(district):
    """After an undo, the unit is undecided again."""
    decisions = [
        Decision("I1", "A1", "dismiss", AT, by="张三"),
        Decision("I1", "A1", "undo", AT + dt.timedelta(minutes=1), by="张三"),
    ]
    assert "I1" in ids(work_list(district, decisions=decisions, decision="undecided"))


def test_an_unknown_sort_is_refused(district):
    """sort=score is not offered: a clear error."""
    with pytest.raises(BadSuggestionRequest, match="score"):
        work_list(district, sort="score")


def test_an_old_decisions_table_gains_the_owner_and_due_columns(tmp_path, small_bundle):
    """A store file made before owner and due existed opens, reads its decisions and takes new ones."""
    path = tmp_path / "old.db"
    store = open_store(f"sqlite:///{path}")
    store.load(small_bundle)
    with sqlite3.connect(path) as con:
        con.executescript(
            "DROP TABLE decisions; CREATE TABLE decisions (n INTEGER PRIMARY KEY AUTOINCREMENT,"
            " unit TEXT NOT NULL, partner TEXT NOT NULL, decision TEXT NOT NULL,"
            " at TEXT NOT NULL, by_user TEXT NOT NULL, note TEXT NOT NULL);"
            " INSERT INTO decisions (unit, partner, decision, at, by_user, note)"
            " VALUES ('U1', 'U4', 'accept', '2026-06-01T09:00:00', '张三', '');"
        )
    reopened = open_store(f"sqlite:///{path}")
    reopened.record_decision(Decision("U1", "U4", "undo", AT, by="张三"))
    assert [(d.decision, d.owner, d.due) for d in reopened.decisions()] == [
        ("accept", "", None),
        ("undo", "", None),
    ]
