"""What a snapshot computes once and shares between threads (District.shared)."""

from __future__ import annotations

import datetime as dt
import threading

from graphmodel.district import District
from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.store import Bundle
from graphmodel.window import Scope, Window

WINDOW = Window(dt.date(2026, 6, 30), 12)


def _district() -> District:
    bundle = Bundle(
        zones=[Zone("S1", "桂花街道", "street")],
        units=[
            Unit("U1", "一中", "school", street="S1"),
            Unit("U2", "二院", "hospital", street="S1"),
        ],
        activities=[Activity("A1", "共建", "other", dt.date(2026, 3, 1))],
        participations=[Participation("A1", "U1"), Participation("A1", "U2")],
    )
    return District(bundle, WINDOW)


def test_a_long_computation_does_not_hold_up_what_is_already_computed():
    """While one thread computes the ledger, another reads the heat map and computes more."""
    district = _district()
    district.shared("heat", lambda: "heat map")
    inside, release = threading.Event(), threading.Event()

    def ledger() -> str:
        inside.set()
        release.wait(30)
        return "ledger"

    worker = threading.Thread(target=district.shared, args=("ledger", ledger))
    worker.start()
    try:
        assert inside.wait(10)
        answers = []
        page = threading.Thread(
            target=lambda: answers.extend(
                [district.shared("heat", lambda: "again"), district.shared("lists", lambda: 3)]
            )
        )
        page.start()
        page.join(5)
        assert answers == ["heat map", 3]
    finally:
        release.set()
        worker.join(10)


def test_threads_asking_for_the_same_key_compute_it_once():
    """The second thread waits for the first one's result instead of computing it again."""
    district = _district()
    calls, inside, release = [], threading.Event(), threading.Event()

    def compute() -> int:
        calls.append(1)
        inside.set()
        release.wait(30)
        return len(calls)

    first = threading.Thread(target=district.shared, args=("report", compute))
    first.start()
    assert inside.wait(10)
    second_answer = []
    second = threading.Thread(
        target=lambda: second_answer.append(district.shared("report", compute))
    )
    second.start()
    release.set()
    first.join(10)
    second.join(10)
    assert second_answer == [1] and calls == [1]


def test_a_scoped_view_reads_what_the_whole_district_computed():
    """A street's view of the snapshot shares what was computed for the whole district."""
    district = _district()
    district.shared("graph", lambda: "the unit graph")
    street = district.scoped(Scope(streets=frozenset({"S1"})))
    assert street.shared("graph", lambda: "computed again") == "the unit graph"
