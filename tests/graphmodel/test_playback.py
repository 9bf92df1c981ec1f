"""Time playback: per-period snapshots, new ties and units that fell silent."""

from __future__ import annotations

import datetime as dt

from graphmodel.district import District
from graphmodel.playback import network_playback
from graphmodel.records import Activity, Participation, Unit
from graphmodel.store import Bundle
from graphmodel.window import WHOLE_DISTRICT, Scope, Window


def district(scope: Scope = WHOLE_DISTRICT) -> District:
    """U1–U2 worked together last year and again in Q1; U3 joins in Q2; U2 goes quiet in Q2."""
    units = [Unit(f"U{i}", f"单位{i}", "school", "S1" if i < 3 else "S2") for i in (1, 2, 3)]
    dated = {
        "A0": dt.date(2025, 3, 1),
        "A1": dt.date(2026, 2, 1),
        "A2": dt.date(2026, 5, 1),
        "A3": dt.date(2026, 5, 20),
    }
    acts = [Activity(a, a, "other", day) for a, day in dated.items()]
    parts = [
        Participation("A0", "U1"),
        Participation("A0", "U2"),
        Participation("A1", "U1"),
        Participation("A1", "U2"),
        Participation("A2", "U1"),
        Participation("A2", "U3"),
        Participation("A3", "U1"),
        Participation("A3", "U3"),
    ]
    bundle = Bundle(units=units, activities=acts, participations=parts)
    return District(bundle, Window(dt.date(2026, 6, 30), 6), scope)


def test_one_snapshot_per_quarter_with_its_ties():
    """Each quarter of the window lists the ties of that quarter only, with their weight."""
    periods = network_playback(district(), "quarter")["periods"]
    assert [p["period"] for p in periods] == ["2026Q1", "2026Q2"]
    assert periods[0]["edges"] == [["U1", "U2", 1.0, False]]  # known from 2025: not new
    assert periods[1]["edges"] == [["U1", "U3", 2.0, True]]
    assert (periods[1]["ties"], periods[1]["new_ties"], periods[1]["active"]) == (1, 1, 2)


def test_units_that_fell_silent_are_marked():
    """U2 took part in Q1 and in nothing in Q2."""
    periods = network_playback(district(), "quarter")["periods"]
    assert periods[0]["silent"] == [] and periods[1]["silent"] == ["U2"]


def test_monthly_snapshots_and_the_minimum_weight():
    """Months follow the calendar; a minimum weight hides weaker ties but keeps them known."""
    months = network_playback(district(), "month")["periods"]
    assert [m["period"] for m in months] == [f"2026-0{i}" for i in range(1, 7)]
    assert months[4]["edges"] == [["U1", "U3", 2.0, True]]
    assert months[2]["silent"] == ["U1", "U2"]  # active in February, not in March
    strong = network_playback(district(), "quarter", min_weight=2)["periods"]
    assert [len(p["edges"]) for p in strong] == [0, 1]


def test_playback_stays_within_the_scope():
    """A scope of street S1 leaves U3 and its ties out."""
    periods = network_playback(district(Scope(streets=frozenset({"S1"}))))["periods"]
    assert periods[1]["edges"] == [] and periods[1]["silent"] == ["U2"]
