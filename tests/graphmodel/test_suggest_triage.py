"""Who to help first, and small units grouped into proposed collaboration zones."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pytest

from graphmodel.district import District
from graphmodel.errors import BadSuggestionRequest
from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.store import Bundle
from graphmodel.suggest.triage import group, propose_zones, who_to_help
from graphmodel.window import WHOLE_DISTRICT, Scope, Window

END = dt.date(2026, 6, 30)
WINDOW = Window(END, 12)


def small(uid: str, street: str = "S1", headcount: int = 12, **fields) -> Unit:
    return Unit(
        uid, f"单位{uid}", fields.pop("kind", "government"), street, headcount=headcount, **fields
    )


def district_of(units, activities=(), participations=(), scope=WHOLE_DISTRICT) -> District:
    zones = [Zone("S1", "清河街道", "street"), Zone("S2", "东湖街道", "street")]
    bundle = Bundle(
        zones=zones, units=units, activities=list(activities), participations=list(participations)
    )
    return District(bundle, WINDOW, scope)


# -- who to help first ----------------------------------------------------------------------


@pytest.fixture
def weak_district() -> District:
    """I isolated; P gone quiet (isolated and declining); D declining; F follows H."""
    units = [small(u) for u in ("D", "F", "H", "I", "P")]
    activities, participations = [], []
    for n in range(5):
        activities.append(Activity(f"old{n}", "t", "theme_day", dt.date(2025, 3, 1 + n)))
        participations += [
            Participation(f"old{n}", "D", role="host"),
            Participation(f"old{n}", "P"),
        ]
    for n in range(2):
        activities.append(Activity(f"new{n}", "t", "theme_day", dt.date(2026, 3, 1 + n)))
        participations += [
            Participation(f"new{n}", "H", role="host"),
            Participation(f"new{n}", "F"),
        ]
    participations.append(Participation("new0", "D", role="co-host"))
    return district_of(units, activities, participations)


def test_isolated_units_come_first_then_declining_then_followers(weak_district):
    """The list runs isolated, declining, followers, each flagged."""
    rows = who_to_help(weak_district)["units"]
    assert [(r["id"], r["flags"]) for r in rows] == [
        ("I", ["isolated"]),
        ("P", ["isolated", "declining"]),
        ("D", ["declining"]),
        ("F", ["follower"]),
    ]


def test_each_unit_in_the_list_has_its_best_partners(weak_district):
    """Every listed unit carries at most per_unit suggestions, each with reasons."""
    rows = who_to_help(weak_district, per_unit=2)["units"]
    assert all(0 < len(r["suggestions"]) <= 2 for r in rows)
    assert all(s["reasons"] for r in rows for s in r["suggestions"])


def test_the_limit_cuts_the_list_but_not_the_total(weak_district):
    """limit shortens the list; total and counts still describe all of it."""
    data = who_to_help(weak_district, limit=1)
    assert len(data["units"]) == 1
    assert data["total"] == 4
    assert data["counts"] == {"isolated": 2, "declining": 2, "follower": 1}


def test_per_unit_below_one_is_refused(weak_district):
    """per_unit = 0 is a clear error."""
    with pytest.raises(BadSuggestionRequest):
        who_to_help(weak_district, per_unit=0)


def test_only_units_in_scope_are_listed():
    """A street scope lists the weak units of that street only."""
    units = [small("A"), small("B", "S2")]
    rows = who_to_help(district_of(units, scope=Scope(streets=frozenset({"S2"}))))["units"]
    assert [r["id"] for r in rows] == ["B"]


# -- zones for small units ------------------------------------------------------------------


def test_group_keeps_every_group_between_min_and_max():
    """57 units become 8 groups of 7 or 8 (a plain capacity of 8 would leave a group of 1)."""
    rng = np.random.default_rng(1)
    M = rng.random((57, 57))
    groups = group((M + M.T) / 2, 4, 8)
    assert sorted(Counter(len(g) for g in groups).items()) == [(7, 7), (8, 1)]
    assert sorted(i for g in groups for i in g) == list(range(57))


def test_group_joins_the_units_that_belong_together():
    """Two tight pairs with no affinity between them make two groups."""
    M = np.zeros((4, 4))
    M[0, 2] = M[2, 0] = M[1, 3] = M[3, 1] = 1.0
    assert group(M, 2, 2) == [[0, 2], [1, 3]]


def test_fewer_units_than_the_minimum_make_no_group():
    """Three units cannot make a zone of at least four."""
    assert group(np.ones((3, 3)), 4, 8) == []


def test_zones_are_proposed_per_street_within_the_size_limits():
    """Nine small units of a street make two zones of 4 to 5; three in another are unplaced."""
    units = [small(f"A{i}", lat=30.0, lon=112 + i / 100) for i in range(9)]
    units += [small(f"B{i}", "S2") for i in range(3)]
    data = propose_zones(district_of(units))
    assert sorted(z["size"] for z in data["zones"]) == [4, 5]
    assert {z["street"] for z in data["zones"]} == {"S1"}
    assert [u["id"] for u in data["unplaced"]] == ["B0", "B1", "B2"]


def test_large_units_are_not_grouped():
    """A unit with more than 30 staff is left out of the proposals."""
    units = [small(f"A{i}") for i in range(4)] + [small("Big", headcount=300)]
    members = [u["id"] for z in propose_zones(district_of(units))["zones"] for u in z["units"]]
    assert "Big" not in members and len(members) == 4


def test_nearby_units_are_grouped_together():
    """Two clusters of four units far apart become two zones, one per cluster."""
    west = [small(f"W{i}", lat=30.0, lon=112.0 + i / 1000) for i in range(4)]
    east = [small(f"E{i}", lat=30.0, lon=112.5 + i / 1000) for i in range(4)]
    zones = propose_zones(district_of(west + east), max_size=4)["zones"]
    assert sorted({u["id"][0] for u in z["units"]}.pop() for z in zones) == ["E", "W"]
    assert all(len({u["id"][0] for u in z["units"]}) == 1 for z in zones)


def test_a_zone_proposal_says_why():
    """Each proposal has reasons in both languages and its figures."""
    units = [small("A0", offers=("场地",)), small("A1", needs=("场地",)), small("A2"), small("A3")]
    zone = propose_zones(district_of(units))["zones"][0]
    assert zone["complementary_pairs"] == 1
    assert zone["reasons"]["zh"].startswith("成员间有1处需求可互补")
    assert zone["reasons"]["en"].startswith("1 needs met within the group")


def test_zone_sizes_must_make_sense():
    """min_size above max_size is refused."""
    with pytest.raises(BadSuggestionRequest):
        propose_zones(district_of([small("A")]), min_size=9, max_size=8)
