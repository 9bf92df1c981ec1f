"""Activity: isolated, inactive, declining, followers and district dependence."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graphmodel.errors import MetricPrecondition
from graphmodel.metrics.activity import (
    activity_counts,
    declining_units,
    district_dependence,
    followers,
    inactive_units,
    isolated_units,
    last_activity,
)
from graphmodel.projection import incidence
from graphmodel.records import DISTRICT, Activity, Participation, Unit
from graphmodel.window import Window

END = dt.date(2026, 6, 30)
WINDOW = Window(END, 12)  # 2025-07-01 … 2026-06-30; previous: 2024-07-01 … 2025-06-30
NOW = dt.date(2026, 3, 1)
BEFORE = dt.date(2025, 3, 1)


def make(taking: list[tuple[str, str, str]], dates: dict[str, dt.date], district=()):
    """An incidence of units a–e from (unit, activity, role) and activity dates."""
    units = [Unit(u, u, "government") for u in "abcde"]
    acts = [
        Activity(a, a, "theme_day", d, DISTRICT if a in district else "a") for a, d in dates.items()
    ]
    return incidence(units, acts, [Participation(x, u, role=r) for u, x, r in taking])


def test_isolated_units_are_those_without_ties():
    """In a–b plus lone c, only c is isolated."""
    G = nx.Graph([("a", "b")])
    G.add_node("c")
    assert isolated_units(G) == ["c"]


def test_activity_counts_split_hosted_and_attended():
    """Host and co-host count as hosted, guest as attended; outside the window nothing."""
    inc = make(
        [("a", "x", "host"), ("a", "y", "co-host"), ("a", "z", "guest"), ("a", "old", "guest")],
        {"x": NOW, "y": NOW, "z": NOW, "old": BEFORE},
    )
    assert activity_counts(inc, WINDOW)["a"] == {"activities": 3, "hosted": 2, "attended": 1}


def test_last_activity_ignores_activities_after_the_end():
    """The last activity is the latest one on or before the end date."""
    inc = make(
        [("a", "x", "guest"), ("a", "later", "guest")], {"x": NOW, "later": END.replace(year=2027)}
    )
    assert last_activity(inc, END)["a"] == NOW


@pytest.mark.parametrize(
    ("last", "days", "inactive"),
    [(END - dt.timedelta(days=91), 90, True), (END - dt.timedelta(days=90), 90, False)],
)
def test_inactive_means_last_activity_more_than_n_days_ago(last, days, inactive):
    """91 days ago is inactive at N=90; exactly 90 days ago is not."""
    inc = make([("a", "x", "guest")], {"x": last})
    assert ("a" in inactive_units(inc, END, days)) is inactive


def test_inactive_lists_units_never_active_with_no_date():
    """A unit with no activity at all is inactive, with None as its date."""
    inc = make([("a", "x", "guest")], {"x": NOW})
    assert inactive_units(inc, END, 90)["b"] is None


def test_inactive_refuses_negative_days():
    """A negative number of days is a mistake, not an empty list."""
    with pytest.raises(MetricPrecondition):
        inactive_units(make([], {}), END, -1)


def declining_case(before: int, now: int):
    taking = [("a", f"p{i}", "guest") for i in range(before)]
    taking += [("a", f"n{i}", "guest") for i in range(now)]
    dates = {f"p{i}": BEFORE for i in range(before)} | {f"n{i}": NOW for i in range(now)}
    return make(taking, dates)


@pytest.mark.parametrize(
    ("before", "now", "declining"),
    [(4, 2, True), (4, 3, False), (3, 0, False), (10, 5, True), (10, 6, False), (4, 0, True)],
)
def test_declining_needs_a_base_of_four_and_a_drop_of_half(before, now, declining):
    """4→2 and 10→5 decline; 4→3 and 10→6 do not; 3→0 is below the minimum base."""
    assert ("a" in declining_units(declining_case(before, now), WINDOW)) is declining


def test_declining_reports_previous_current_and_change():
    """The row holds both counts and the relative change."""
    row = declining_units(declining_case(8, 2), WINDOW)["a"]
    assert row == {"previous": 8, "current": 2, "change": -0.75}


def test_followers_take_part_but_never_host():
    """b only attends; a hosts; c co-hosts once; d does nothing — b is the follower."""
    inc = make(
        [("a", "x", "host"), ("b", "x", "guest"), ("b", "y", "guest"), ("c", "y", "co-host")],
        {"x": NOW, "y": NOW},
    )
    assert followers(inc, WINDOW) == {"b": 2}


def test_district_dependence_per_unit():
    """a took part in two activities, one initiated by the district: share 0.5."""
    inc = make([("a", "x", "guest"), ("a", "y", "host")], {"x": NOW, "y": NOW}, district={"x"})
    assert district_dependence(inc, WINDOW)["a"] == {
        "activities": 2,
        "by_district": 1,
        "share": 0.5,
    }


def test_district_dependence_per_group_counts_distinct_activities():
    """A zone {a, b} counts activity x once although both took part in it."""
    inc = make(
        [("a", "x", "guest"), ("b", "x", "guest"), ("b", "y", "host")],
        {"x": NOW, "y": NOW},
        district={"x"},
    )
    row = district_dependence(inc, WINDOW, {"Z": ["a", "b"]})["Z"]
    assert row == {"activities": 2, "by_district": 1, "share": 0.5}


def test_district_dependence_leaves_out_units_without_activity():
    """Units with no activity in the window have no share to report."""
    inc = make([("a", "x", "guest")], {"x": NOW})
    assert set(district_dependence(inc, WINDOW)) == {"a"}
