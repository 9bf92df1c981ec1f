"""What the store holds, for the whole district or for a street planner's streets."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from graphmodel.district import District
from graphmodel.overview import overview, territory_counts
from graphmodel.window import Window


def test_territory_counts_hold_what_touches_the_streets(small_bundle):
    """S1's units, their organisations (the joint branch too) and members, the activities
    and participations they took part in, their agreement and zones."""
    district = District.from_bundle(small_bundle, Window(dt.date(2026, 7, 31)))
    assert territory_counts(district, frozenset({"S1"})) == {
        "zones": 2,
        "units": 2,
        "party_orgs": 3,
        "members": 2,
        "activities": 2,
        "participations": 4,
        "agreements": 1,
    }


def test_the_overview_counts_what_the_store_holds(store, small_bundle):
    """Units by kind and street and activities by month, as the records say, on both stores."""
    store.load(small_bundle)
    today = max(a.date for a in small_bundle.activities)
    found = overview(store, today=today, months=24)
    kinds = Counter(u.kind for u in small_bundle.units)
    assert {kind: n for kind, _, n in found.units_by_kind} == kinds
    streets = Counter(u.street or "" for u in small_bundle.units)
    assert {street: n for street, _, n in found.units_by_street} == streets
    months = Counter(a.date.strftime("%Y-%m") for a in small_bundle.activities)
    assert {m: n for m, n in found.activities_by_month if n} == months


def test_the_overview_leaves_out_activities_after_its_day(store, small_bundle):
    """Activities after ``today`` are not counted in the months."""
    store.load(small_bundle)
    first = min(a.date for a in small_bundle.activities)
    found = overview(store, today=first, months=24)
    assert sum(n for _, n in found.activities_by_month) == sum(
        1 for a in small_bundle.activities if a.date == first
    )
