"""What the store holds, for the whole district or for a street planner's streets."""

from __future__ import annotations

import datetime as dt

from graphmodel.district import District
from graphmodel.overview import territory_counts
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
